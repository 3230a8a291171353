import { desc } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { auditEvents } from "#db/schema";
import { chainHash, GENESIS_HASH, type AuditPayload } from "./hash";

export interface Actor {
  userId: number | null;
  label: string;
  ipAddress?: string | null;
}

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  organisationId?: number | null;
  before?: unknown;
  after?: unknown;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * Append one hash-chained audit event. Call it inside the same
 * `db.transaction(...)` as the change it records.
 */
export function recordAudit(db: Pick<Db, "select" | "insert">, actor: Actor, input: AuditInput): void {
  const last = db
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1)
    .get();
  const payload: AuditPayload = {
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
  const prevHash = last?.hash ?? GENESIS_HASH;
  db.insert(auditEvents)
    .values({ ...payload, prevHash, hash: chainHash(prevHash, payload) })
    .run();
}

/** Walk the chain; returns the id of the first row whose hash does not verify, or null. */
export function verifyAuditChain(db: Db): { ok: true; count: number } | { ok: false; brokenAt: number } {
  let prev = GENESIS_HASH;
  let count = 0;
  const stmt = db.$client.prepare(
    `SELECT id, at, actor_user_id AS actorUserId, actor_label AS actorLabel, action,
            entity_type AS entityType, entity_id AS entityId, organisation_id AS organisationId,
            before, after, ip_address AS ipAddress, prev_hash AS prevHash, hash
       FROM audit_events ORDER BY id`,
  );
  for (const row of stmt.iterate() as IterableIterator<AuditPayload & { id: number; prevHash: string; hash: string }>) {
    const { id, prevHash, hash, ...payload } = row;
    if (prevHash !== prev || chainHash(prev, payload) !== hash) return { ok: false, brokenAt: id };
    prev = hash;
    count++;
  }
  return { ok: true, count };
}
