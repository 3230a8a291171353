/**
 * A planner's decision on a similar proposal, in one transaction with its
 * audit event: link the project as a replication of it, withdraw the project
 * (cancelled with the reason, through the phase machine), or state why it is
 * not a duplicate. The caller has checked that the user may update the
 * project (its organisation looked up on the server).
 */
import type { Db } from "#db/client.server";
import type { PlanStatus, ProjectPhase } from "#db/enums";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";
import { StaleVersionError } from "~/modules/db/concurrency";
import { refreshProjectFlags } from "~/modules/flags/hooks.server";
import { isPlanContentEditable } from "~/modules/plans/workflow";
import { changePhase } from "~/modules/projects/commands.server";
import { isReplicable } from "~/modules/projects/replication";
import { todayIso } from "~/utils/today";
import { SIMILAR_CONFIG } from "./config";
import { matchExisting } from "./match";
import type { SimilarDecisionInput } from "./schema";
import { getIndex } from "./similar.server";

export const SIMILAR_AUDIT_ACTION = "project.similarity.decide";

export type SimilarProblem =
  /** No such project (or the other one). */
  | "notFound"
  /** The other project is not (or no longer) similar to this one. */
  | "notSimilar"
  /** The project's plan is submitted or approved: decide before submitting. */
  | "planLocked"
  /** The project is cancelled already. */
  | "cancelled"
  /** Only a pilot under way or done can be replicated, and only from another province. */
  | "notReplicable"
  /** Someone changed the project since the page was loaded. */
  | "stale";

export class SimilarDecisionError extends Error {
  constructor(readonly problem: SimilarProblem) {
    super(`similarity decision refused: ${problem}`);
    this.name = "SimilarDecisionError";
  }
}

interface ProjectRow {
  id: number;
  code: string;
  organisationId: number;
  phase: ProjectPhase;
  version: number;
  replicatesProjectId: number | null;
  planStatus: PlanStatus | null;
}

function projectRow(db: Db, id: number): ProjectRow | undefined {
  return db.$client
    .prepare(
      `SELECT p.id, p.code, p.organisation_id AS organisationId, p.phase, p.version,
              p.replicates_project_id AS replicatesProjectId, pl.status AS planStatus
         FROM projects p LEFT JOIN plans pl ON pl.id = p.plan_id WHERE p.id = ?`,
    )
    .get(id) as ProjectRow | undefined;
}

/** The organisation owning a project (for the caller's permission check); null when unknown. */
export function projectOrganisation(db: Db, projectId: number): number | null {
  return projectRow(db, projectId)?.organisationId ?? null;
}

export function decideSimilar(
  db: Db,
  actor: Actor,
  input: SimilarDecisionInput,
  asOf: string = todayIso(),
): { decision: SimilarDecisionInput["decision"] } {
  // Score the pair before writing (the corpus is read outside the write transaction).
  const before = projectRow(db, input.projectId);
  const other = projectRow(db, input.otherProjectId);
  if (!before || !other || other.phase === "cancelled") throw new SimilarDecisionError("notFound");
  const match = matchExisting(getIndex(db, asOf).index, input.projectId, {
    limit: Number.MAX_SAFE_INTEGER,
  }).find((m) => m.id === input.otherProjectId);
  if (!match) throw new SimilarDecisionError("notSimilar");
  const statement = input.statement?.trim() || null;

  return db.transaction(
    (tx) => {
      const project = projectRow(db, input.projectId);
      if (!project) throw new SimilarDecisionError("notFound");
      if (project.phase === "cancelled") throw new SimilarDecisionError("cancelled");
      if (project.planStatus && !isPlanContentEditable(project.planStatus)) {
        throw new SimilarDecisionError("planLocked");
      }
      const changesProject = input.decision !== "not_duplicate";
      if (changesProject && input.projectVersion !== undefined && input.projectVersion !== project.version) {
        throw new SimilarDecisionError("stale");
      }
      const previous = db.$client
        .prepare(
          `SELECT kind, score, decision, statement, decided_by AS decidedBy, decided_at AS decidedAt
             FROM similarity_reviews WHERE project_id = ? AND other_project_id = ?`,
        )
        .get(project.id, other.id) as Record<string, unknown> | undefined;

      let replicatesBefore: number | null | undefined;
      if (input.decision === "replication") {
        if (!isReplicable(other.phase) || match.explanation.samePlace) {
          throw new SimilarDecisionError("notReplicable");
        }
        replicatesBefore = project.replicatesProjectId;
        const r = db.$client
          .prepare(
            `UPDATE projects SET replicates_project_id = ?, version = version + 1, updated_at = ?
              WHERE id = ? AND version = ?`,
          )
          .run(other.id, Date.now(), project.id, project.version);
        if (r.changes !== 1) throw new SimilarDecisionError("stale");
      } else if (input.decision === "withdrawn") {
        try {
          const r = changePhase(
            db,
            actor,
            project.id,
            project.version,
            { version: project.version, toPhase: "cancelled", reason: statement ?? undefined },
            asOf,
          );
          if (!r.ok) throw new SimilarDecisionError("cancelled");
        } catch (e) {
          if (e instanceof StaleVersionError) throw new SimilarDecisionError("stale");
          throw e;
        }
      }

      const now = Date.now();
      db.$client
        .prepare(
          `INSERT INTO similarity_reviews
             (project_id, other_project_id, kind, score, decision, statement, decided_by, decided_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (project_id, other_project_id) DO UPDATE SET
             kind = excluded.kind, score = excluded.score, decision = excluded.decision,
             statement = excluded.statement, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
        )
        .run(project.id, other.id, match.kind, match.score, input.decision, statement, actor.userId, now);
      recordAudit(tx, actor, {
        action: SIMILAR_AUDIT_ACTION,
        entityType: "project",
        entityId: project.id,
        organisationId: project.organisationId,
        before: {
          otherProjectId: other.id,
          review: previous ?? null,
          ...(replicatesBefore !== undefined ? { replicatesProjectId: replicatesBefore } : {}),
        },
        after: {
          otherProjectId: other.id,
          otherCode: other.code,
          kind: match.kind,
          score: match.score,
          decision: input.decision,
          statement,
          ...(input.decision === "replication" ? { replicatesProjectId: other.id } : {}),
          ...(input.decision === "withdrawn" ? { phase: "cancelled" } : {}),
        },
      });
      if (input.decision === "replication") refreshProjectFlags(db, actor, project.id);
      return { decision: input.decision };
    },
    { behavior: "immediate" },
  );
}

/** Exported for tests: the number of matches a project must decide on at most. */
export const MAX_DECISIONS = SIMILAR_CONFIG.maxDecisionsPerProject;
