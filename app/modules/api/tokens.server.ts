/**
 * Per-organisation API tokens: created by admins (shown once), stored as
 * SHA-256 of the secret, listed, revoked; each change audited in the same
 * transaction. `authenticateBearer` turns a request's bearer token into a
 * principal with the token's role acting for its organisation (and that
 * organisation's merged family and cities, like a member of it).
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { apiTokens } from "#db/schema";
import type { Principal } from "~/auth/permissions";
import { ownOrganisationIds } from "~/auth/principal.server";
import { generateSecureRandomString, hashSecret, secretMatches } from "~/auth/token";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";
import { prepared } from "~/modules/db/sql.server";
import { readBearer, tokenState, type TokenRole, type TokenState } from "./tokens";

export interface NewTokenInput {
  organisationId: number;
  name: string;
  role: TokenRole;
  /** ms since the epoch, or null for no expiry. */
  expiresAt: number | null;
}

/** Create a token; the returned `token` (`id.secret`) is the only time the secret exists in clear. */
export function createApiToken(db: Db, actor: Actor, input: NewTokenInput): { id: string; token: string } {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  db.transaction(
    (tx) => {
      tx.insert(apiTokens)
        .values({
          id,
          organisationId: input.organisationId,
          name: input.name,
          role: input.role,
          secretHash: Buffer.from(hashSecret(secret)),
          createdBy: actor.userId,
          expiresAt: input.expiresAt,
        })
        .run();
      recordAudit(tx, actor, {
        action: "api_token.create",
        entityType: "api_token",
        entityId: id,
        organisationId: input.organisationId,
        after: { name: input.name, role: input.role, organisationId: input.organisationId, expiresAt: input.expiresAt },
      });
    },
    { behavior: "immediate" },
  );
  return { id, token: `${id}.${secret}` };
}

export interface TokenRow {
  id: string;
  name: string;
  role: TokenRole;
  organisationId: number;
  organisationCode: string;
  organisationNameVi: string;
  organisationNameEn: string;
  createdAt: number;
  createdByName: string | null;
  lastUsedAt: number | null;
  expiresAt: number | null;
  revokedAt: number | null;
  state: TokenState;
}

export function listApiTokens(db: Db, now: number = Date.now()): TokenRow[] {
  const rows = prepared(
    db,
    `SELECT t.id, t.name, t.role, t.organisation_id AS organisationId, o.code AS organisationCode,
            o.name_vi AS organisationNameVi, o.name_en AS organisationNameEn, t.created_at AS createdAt,
            u.name AS createdByName, t.last_used_at AS lastUsedAt, t.expires_at AS expiresAt,
            t.revoked_at AS revokedAt
       FROM api_tokens t
       JOIN organisations o ON o.id = t.organisation_id
       LEFT JOIN users u ON u.id = t.created_by
      ORDER BY t.revoked_at IS NOT NULL, t.created_at DESC, t.id`,
  ).all() as Omit<TokenRow, "state">[];
  return rows.map((r) => ({ ...r, state: tokenState(r, now) }));
}

/** Revoke a token (idempotent: an already revoked token stays as it was). False when unknown. */
export function revokeApiToken(db: Db, actor: Actor, id: string, now: number = Date.now()): boolean {
  return db.transaction(
    (tx) => {
      const row = tx
        .select({ id: apiTokens.id, organisationId: apiTokens.organisationId, revokedAt: apiTokens.revokedAt, name: apiTokens.name })
        .from(apiTokens)
        .where(eq(apiTokens.id, id))
        .get();
      if (!row) return false;
      if (row.revokedAt !== null) return true;
      tx.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, id)).run();
      recordAudit(tx, actor, {
        action: "api_token.revoke",
        entityType: "api_token",
        entityId: id,
        organisationId: row.organisationId,
        before: { name: row.name, revokedAt: null },
        after: { revokedAt: now },
      });
      return true;
    },
    { behavior: "immediate" },
  );
}

export interface ApiPrincipal extends Principal {
  tokenId: string;
  tokenName: string;
  role: TokenRole;
  organisationId: number;
  /** Who, for the audit trail. */
  actor: Actor;
}

export type AuthResult =
  | { ok: true; principal: ApiPrincipal }
  | { ok: false; reason: "missing" | "malformed" | "unknown" | "revoked" | "expired" };

/** lastUsedAt is written at most this often per token. */
const LAST_USED_INTERVAL_MS = 60_000;

export function authenticateBearer(
  db: Db,
  authorization: string | null,
  meta: { ipAddress?: string | null } = {},
  now: number = Date.now(),
): AuthResult {
  const bearer = readBearer(authorization);
  if (bearer.kind === "none") return { ok: false, reason: "missing" };
  if (bearer.kind === "malformed") return { ok: false, reason: "malformed" };
  const row = prepared(
    db,
    `SELECT id, name, role, organisation_id AS organisationId, secret_hash AS secretHash,
            last_used_at AS lastUsedAt, expires_at AS expiresAt, revoked_at AS revokedAt
       FROM api_tokens WHERE id = ?`,
  ).get(bearer.token.id) as
    | {
        id: string;
        name: string;
        role: TokenRole;
        organisationId: number;
        secretHash: Buffer;
        lastUsedAt: number | null;
        expiresAt: number | null;
        revokedAt: number | null;
      }
    | undefined;
  if (!row || !secretMatches(bearer.token.secret, new Uint8Array(row.secretHash))) {
    return { ok: false, reason: "unknown" };
  }
  const state = tokenState(row, now);
  if (state !== "active") return { ok: false, reason: state };
  if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_INTERVAL_MS) {
    db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id)).run();
  }
  return {
    ok: true,
    principal: {
      tokenId: row.id,
      tokenName: row.name,
      role: row.role,
      organisationId: row.organisationId,
      roles: [row.role],
      ownOrganisationIds: ownOrganisationIds(db, [row.organisationId]),
      actor: { userId: null, label: `api-token:${row.id} (${row.name})`, ipAddress: meta.ipAddress ?? null },
    },
  };
}

/** Organisations a token may be issued for: those in force (any kind but the task force's partners too). */
export function tokenOrganisationOptions(db: Db, asOf: string): { id: number; code: string; nameVi: string; nameEn: string; kind: string }[] {
  return db.all(
    sql`SELECT id, code, name_vi AS nameVi, name_en AS nameEn, kind FROM organisations
         WHERE (valid_to IS NULL OR valid_to >= ${asOf}) AND kind IN ('province', 'ministry', 'city', 'task_force')
         ORDER BY kind, search_name`,
  );
}
