import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditPayload {
  at: number;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  organisationId: number | null;
  before: string | null;
  after: string | null;
  ipAddress: string | null;
}

/** Canonical text of an audit row: fixed key order, so the hash is reproducible. */
export function canonicalAudit(p: AuditPayload): string {
  return JSON.stringify([
    p.at,
    p.actorUserId,
    p.actorLabel,
    p.action,
    p.entityType,
    p.entityId,
    p.organisationId,
    p.before,
    p.after,
    p.ipAddress,
  ]);
}

export function chainHash(prevHash: string, payload: AuditPayload): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(prevHash + "\n" + canonicalAudit(payload))));
}
