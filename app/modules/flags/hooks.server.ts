/**
 * Keep a project's flags current on every write that can change them
 * (budget lines, transactions, milestones, the project itself).
 *
 * Call it INSIDE the command's `db.transaction(...)`, after the write:
 *
 *   refreshProjectFlags(db, actor, project.id);
 *
 * `recomputeFlags` opens its own `db.transaction`; better-sqlite3 runs a
 * transaction function called inside another one as a SAVEPOINT on the same
 * connection, so the recompute sees the uncommitted write, commits or rolls
 * back with it, and a failure in the command leaves no flag change behind.
 * Replications of the project are refreshed too (their
 * replication_before_evaluation flag depends on this project's phase).
 * Group flags (same_project / same_solution) compare every proposal and are
 * left to the full recompute (`npm run flags:recompute`).
 *
 * Flags are tracked from the first full recompute on (the first start of the
 * app runs one, as does `npm run flags:recompute`). Before it there is no
 * flag list to keep current, and raising one project's flags alone would
 * present a partial list as if it were complete, so the hook does nothing.
 */
import type { Db } from "#db/client.server";
import type { Actor } from "~/modules/audit/audit.server";
import { prepared } from "~/modules/db/sql.server";
import { recomputeFlags } from "./recompute.server";

/** Has a full recompute run on this database (its summary audit event, found through the entity index)? */
export function flagsTracked(db: Db): boolean {
  return !!prepared(
    db,
    `SELECT 1 FROM audit_events
      WHERE entity_type = 'flag' AND entity_id IS NULL AND action = 'flags.recompute' LIMIT 1`,
  ).get();
}

export function refreshProjectFlags(db: Db, actor: Actor, projectId: number, asOf?: string): void {
  if (!flagsTracked(db)) return;
  const replicas = prepared(db, "SELECT id FROM projects WHERE replicates_project_id = ? ORDER BY id").all(
    projectId,
  ) as { id: number }[];
  for (const id of [projectId, ...replicas.map((r) => r.id)]) {
    recomputeFlags(db, actor, { projectId: id, asOf, summary: false });
  }
}
