/**
 * Triage commands on flags (coordinators: `update:flag:any`): acknowledge,
 * resolve, dismiss (reason required), reopen, bulk acknowledge. Each runs in
 * one transaction with one audit event per changed flag.
 */
import type { Db } from "#db/client.server";
import type { FlagState } from "#db/enums";
import { can, type Principal } from "~/auth/permissions";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";
import { prepared, placeholders } from "~/modules/db/sql.server";
import { nextState, type TriageAction } from "./lifecycle";
import { triageSchema, type TriageCommand } from "./schema";

/** A refused command; `messageKey` is an i18n key, `field` the form field it belongs beside. */
export class FlagError extends Error {
  constructor(
    readonly messageKey: string,
    readonly field: string | null = null,
    readonly status = 400,
  ) {
    super(messageKey);
    this.name = "FlagError";
  }
}

export interface TriageUser extends Principal {
  id: number;
  email?: string;
  name?: string;
}

const actorOf = (u: TriageUser): Actor => ({ userId: u.id, label: u.email ?? u.name ?? `user:${u.id}` });

/** Throws a 403 Response unless the user may triage flags. */
export function assertCanTriage(user: TriageUser): void {
  if (!can(user, "update", "flag")) throw new Response("Forbidden", { status: 403 });
}

interface Row {
  id: number;
  state: FlagState;
  stateReason: string | null;
  organisationId: number | null;
  ruleCode: string;
  projectCode: string | null;
}

/**
 * Apply one parsed triage command (or raw form input, validated with zod
 * here). Returns the ids of the flags changed.
 */
export function applyTriage(db: Db, user: TriageUser, input: TriageCommand | Record<string, unknown>): number[] {
  assertCanTriage(user);
  const parsed = triageSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FlagError(issue?.message ?? "flags.error.invalidTransition", issue?.path.join(".") || null);
  }
  const cmd = parsed.data;
  const ids = cmd.intent === "bulk-acknowledge" ? [...new Set(cmd.flagIds)] : [cmd.flagId];
  const action: TriageAction = cmd.intent === "bulk-acknowledge" ? "acknowledge" : cmd.intent;
  const reason = cmd.intent === "dismiss" || cmd.intent === "resolve" ? (cmd.reason ?? null) : null;
  const actor = actorOf(user);
  const now = Date.now();

  return db.transaction((tx) => {
    const rows = prepared(
      db,
      `SELECT f.id, f.state, f.state_reason AS stateReason, f.organisation_id AS organisationId,
              f.rule_code AS ruleCode, p.code AS projectCode
         FROM flags f LEFT JOIN projects p ON p.id = f.project_id WHERE f.id IN (${placeholders(ids.length)})`,
    ).all(...ids) as Row[];
    if (rows.length !== ids.length) throw new FlagError("flags.error.notFound", null, 404);
    const changed: number[] = [];
    for (const row of rows) {
      const to = nextState(row.state, action);
      if (!to) {
        // Bulk acknowledge skips flags already past "open"; single commands refuse.
        if (cmd.intent === "bulk-acknowledge") continue;
        throw new FlagError("flags.error.invalidTransition", null, 409);
      }
      const res = prepared(
        db,
        `UPDATE flags SET state = ?, state_reason = ?, state_changed_by = ?, state_changed_at = ?
          WHERE id = ? AND state = ?`,
      ).run(to, reason, user.id, now, row.id, row.state);
      if (res.changes !== 1) throw new FlagError("flags.error.invalidTransition", null, 409);
      recordAudit(tx, actor, {
        action: `flag.${action}`,
        entityType: "flag",
        entityId: row.id,
        organisationId: row.organisationId,
        before: { rule: row.ruleCode, project: row.projectCode, state: row.state, reason: row.stateReason },
        after: { rule: row.ruleCode, project: row.projectCode, state: to, reason },
      });
      changed.push(row.id);
    }
    return changed;
  });
}
