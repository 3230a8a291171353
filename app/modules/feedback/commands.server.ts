/**
 * Resident feedback commands: submit (comment, support, oppose) and
 * moderate. The citizen ID number arrives already checked and normalised;
 * only its keyed hash (`citizenKey`) is written. One transaction per
 * command, each with its audit events.
 *
 * Stance rule: one stance (support or oppose) per ID per project. Giving the
 * same stance again changes nothing; giving the other one changes the stance
 * (a person may change their mind — the audit trail keeps the old one).
 * Stances carry no text, so they are counted at once (state `published`);
 * comments wait for moderation (`pending`). A stance given with a comment
 * writes the stance and a pending comment.
 */
import type { Db } from "#db/client.server";
import type { FeedbackKind } from "#db/enums";
import { lockRemaining, registerFailure, type ThrottleState } from "~/auth/throttle";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";
import { citizenKey, networkKey } from "~/modules/citizen-id/key.server";
import { maskIdNumbers } from "~/modules/citizen-id/validate";
import { prepared } from "~/modules/db/sql.server";
import { idThrottleKey, ipThrottleKey, PER_ID_POLICY, PER_IP_POLICY } from "./limits";
import type { ModerationDecision } from "./schema";

/** Residents have no account: audit events name them only as "resident", without address. */
export const RESIDENT_ACTOR: Actor = { userId: null, label: "resident", ipAddress: null };

export interface SubmitFeedback {
  projectId: number;
  kind: FeedbackKind;
  body?: string | null;
  /** Normalised 12-digit number that passed the citizen ID check. */
  citizenId: string;
  provinceId: number;
  /** The client address (hashed before use, never stored), or null when unknown. */
  ip: string | null;
  /** Honeypot value; anything in it means a bot, and nothing is written. */
  honeypot?: string | null;
  now?: number;
}

export type SubmitResult =
  | {
      ok: true;
      outcome: "pending" | "counted" | "changed" | "unchanged" | "ignored";
      commentPending: boolean;
    }
  | { ok: false; problem: "rateLimitedId" | "rateLimitedIp"; retryAfterMs: number }
  | { ok: false; problem: "province" | "project" };

function throttleState(db: Db, key: string): ThrottleState | undefined {
  return prepared(
    db,
    "SELECT failures, window_started_at AS windowStartedAt, locked_until AS lockedUntil FROM login_throttle WHERE key = ?",
  ).get(key) as ThrottleState | undefined;
}

function countAttempt(db: Db, key: string, now: number, policy: typeof PER_ID_POLICY): void {
  const next = registerFailure(throttleState(db, key), now, policy);
  prepared(
    db,
    `INSERT INTO login_throttle (key, failures, window_started_at, locked_until) VALUES (@key, @failures, @windowStartedAt, @lockedUntil)
     ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, window_started_at = excluded.window_started_at,
       locked_until = excluded.locked_until`,
  ).run({ key, ...next });
}

/** Is the province a province in force today (the "current province" list of the form)? */
export function isCurrentProvince(db: Db, provinceId: number): boolean {
  return Boolean(
    prepared(db, "SELECT 1 FROM organisations WHERE id = ? AND kind = 'province' AND valid_to IS NULL").get(
      provinceId,
    ),
  );
}

export function submitFeedback(db: Db, input: SubmitFeedback): SubmitResult {
  if (input.honeypot && input.honeypot.trim() !== "")
    return { ok: true, outcome: "ignored", commentPending: false };
  const now = input.now ?? Date.now();
  const project = prepared(
    db,
    "SELECT id, code, organisation_id AS organisationId FROM projects WHERE id = ? AND published = 1",
  ).get(input.projectId) as { id: number; code: string; organisationId: number } | undefined;
  if (!project) return { ok: false, problem: "project" };
  if (!isCurrentProvince(db, input.provinceId)) return { ok: false, problem: "province" };

  const key = citizenKey(db, input.citizenId);
  const idKey = idThrottleKey(key);
  const ipKey = input.ip ? ipThrottleKey(networkKey(db, input.ip)) : null;
  // An ID number typed into the text is masked too: no number is ever stored.
  const body = input.body?.trim() ? maskIdNumbers(input.body.trim()) : null;

  return db.transaction(
    (tx): SubmitResult => {
      const t = db; // same connection: statements run inside the transaction
      const ipWait = ipKey ? lockRemaining(throttleState(t, ipKey), now) : 0;
      if (ipWait > 0) return { ok: false, problem: "rateLimitedIp", retryAfterMs: ipWait };
      const idWait = lockRemaining(throttleState(t, idKey), now);
      if (idWait > 0) return { ok: false, problem: "rateLimitedId", retryAfterMs: idWait };
      countAttempt(t, idKey, now, PER_ID_POLICY);
      if (ipKey) countAttempt(t, ipKey, now, PER_IP_POLICY);

      const insert = (kind: FeedbackKind, text: string | null, state: "pending" | "published") => {
        const id = Number(
          prepared(
            t,
            `INSERT INTO feedback (project_id, kind, body, citizen_key, province_id, state, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          ).run(project.id, kind, text, key, input.provinceId, state, now).lastInsertRowid,
        );
        recordAudit(tx, RESIDENT_ACTOR, {
          action: "feedback.create",
          entityType: "feedback",
          entityId: id,
          organisationId: project.organisationId,
          after: { projectCode: project.code, kind, state, provinceId: input.provinceId },
        });
        return id;
      };

      let outcome: "pending" | "counted" | "changed" | "unchanged" = "pending";
      if (input.kind === "support" || input.kind === "oppose") {
        const existing = prepared(
          t,
          `SELECT id, kind FROM feedback WHERE project_id = ? AND citizen_key = ? AND kind IN ('support', 'oppose')
            ORDER BY id LIMIT 1`,
        ).get(project.id, key) as { id: number; kind: FeedbackKind } | undefined;
        if (!existing) {
          insert(input.kind, null, "published");
          outcome = "counted";
        } else if (existing.kind === input.kind) {
          outcome = "unchanged";
        } else {
          prepared(t, "UPDATE feedback SET kind = ?, province_id = ?, created_at = ? WHERE id = ?").run(
            input.kind,
            input.provinceId,
            now,
            existing.id,
          );
          recordAudit(tx, RESIDENT_ACTOR, {
            action: "feedback.stance",
            entityType: "feedback",
            entityId: existing.id,
            organisationId: project.organisationId,
            before: { projectCode: project.code, kind: existing.kind },
            after: { projectCode: project.code, kind: input.kind },
          });
          outcome = "changed";
        }
        if (body) insert("comment", body, "pending");
        return { ok: true, outcome, commentPending: Boolean(body) };
      }
      insert("comment", body, "pending");
      return { ok: true, outcome: "pending", commentPending: true };
    },
    { behavior: "immediate" },
  );
}

export interface ModerationResult {
  /** Comments whose state changed. */
  done: number[];
  /** Ids that were no longer pending (moderated by someone else meanwhile) or unknown. */
  skipped: number[];
}

/**
 * Publish or reject pending comments. A comment is changed only while it is
 * still pending (`WHERE state = 'pending'`), so two moderators never
 * overwrite each other: the second one's ids come back as `skipped`.
 */
export function moderateFeedback(
  db: Db,
  actor: Actor,
  input: { ids: number[]; decision: ModerationDecision; reason?: string | null },
  now = Date.now(),
): ModerationResult {
  const state = input.decision === "publish" ? "published" : "rejected";
  const reason = input.reason?.trim() || null;
  return db.transaction((tx) => {
    const t = db; // same connection: statements run inside the transaction
    const done: number[] = [];
    const skipped: number[] = [];
    for (const id of [...new Set(input.ids)]) {
      const row = prepared(
        t,
        `SELECT f.id, f.state, f.project_id AS projectId, p.code, p.organisation_id AS organisationId
           FROM feedback f JOIN projects p ON p.id = f.project_id
          WHERE f.id = ? AND f.kind = 'comment'`,
      ).get(id) as
        { id: number; state: string; projectId: number; code: string; organisationId: number } | undefined;
      const changed = row
        ? prepared(
            t,
            `UPDATE feedback SET state = ?, moderation_reason = ?, moderated_by = ?, moderated_at = ?
              WHERE id = ? AND state = 'pending'`,
          ).run(state, reason, actor.userId, now, id).changes
        : 0;
      if (!row || changed === 0) {
        skipped.push(id);
        continue;
      }
      recordAudit(tx, actor, {
        action: `feedback.${input.decision}`,
        entityType: "feedback",
        entityId: id,
        organisationId: row.organisationId,
        before: { state: row.state },
        after: { state, reason, projectCode: row.code },
      });
      done.push(id);
    }
    return { done, skipped };
  });
}
