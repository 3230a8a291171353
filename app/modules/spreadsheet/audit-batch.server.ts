/**
 * Audit events for a bulk import: the same hash-chained rows `recordAudit`
 * writes (same canonical form and hash, so `verifyAuditChain` holds), through
 * one prepared statement and Node's native SHA-256, keeping the chain's last
 * hash in memory. Use only inside the import's (immediate) transaction, so no
 * other writer can append in between.
 */
import crypto from "node:crypto";
import type { Db } from "#db/client.server";
import type { Actor, AuditInput } from "~/modules/audit/audit.server";
import { canonicalAudit, GENESIS_HASH, type AuditPayload } from "~/modules/audit/hash";
import { prepared } from "~/modules/db/sql.server";

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

export function auditWriter(db: Db, actor: Actor): (input: AuditInput) => void {
  const last = prepared(db, "SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1").get() as { hash: string } | undefined;
  let prev = last?.hash ?? GENESIS_HASH;
  const insert = prepared(
    db,
    `INSERT INTO audit_events (at, actor_user_id, actor_label, action, entity_type, entity_id, organisation_id,
        before, after, ip_address, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (input) => {
    const p: AuditPayload = {
      at: Date.now(),
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
      organisationId: input.organisationId ?? null,
      before: json(input.before),
      after: json(input.after),
      ipAddress: actor.ipAddress ?? null,
    };
    const hash = crypto.createHash("sha256").update(`${prev}\n${canonicalAudit(p)}`, "utf8").digest("hex");
    insert.run(p.at, p.actorUserId, p.actorLabel, p.action, p.entityType, p.entityId, p.organisationId, p.before, p.after, p.ipAddress, prev, hash);
    prev = hash;
  };
}
