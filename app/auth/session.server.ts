import { eq, lt, or } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { sessions } from "#db/schema";
import { prepared } from "~/modules/db/sql.server";
import {
  ABSOLUTE_TIMEOUT_MS,
  INACTIVITY_TIMEOUT_MS,
  generateSecureRandomString,
  hashSecret,
  isSessionExpired,
  needsActivityRefresh,
  parseToken,
  secretMatches,
} from "./token";

export interface SessionRecord {
  id: string;
  userId: number;
  createdAt: number;
  lastVerifiedAt: number;
}

export interface CreatedSession {
  session: SessionRecord;
  token: string;
}

export function createSession(
  db: Db,
  userId: number,
  meta: { ipAddress?: string | null; userAgent?: string | null } = {},
  now = Date.now(),
): CreatedSession {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  const record = { id, userId, createdAt: now, lastVerifiedAt: now };
  db.insert(sessions)
    .values({
      ...record,
      secretHash: Buffer.from(hashSecret(secret)),
      ipAddress: meta.ipAddress ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .run();
  return { session: record, token: `${id}.${secret}` };
}

/**
 * Validate a cookie token: the id must exist, the secret's hash must match
 * (constant-time), the session must not be idle too long. Refreshes
 * `lastVerifiedAt` at most every few minutes. Returns null otherwise (and
 * deletes an expired session).
 */
export function validateSessionToken(db: Db, token: string | null, now = Date.now()): SessionRecord | null {
  const parsed = parseToken(token);
  if (!parsed) return null;
  // Runs on every request: one cached prepared statement (drizzle would prepare it each time).
  const row = prepared(
    db,
    `SELECT s.id, s.user_id AS userId, s.secret_hash AS secretHash, s.created_at AS createdAt,
            s.last_verified_at AS lastVerifiedAt, u.active
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = ?`,
  ).get(parsed.id) as
    | { id: string; userId: number; secretHash: Buffer; createdAt: number; lastVerifiedAt: number; active: number }
    | undefined;
  if (!row) return null;
  if (!secretMatches(parsed.secret, new Uint8Array(row.secretHash))) return null;
  if (!row.active || isSessionExpired(row, now)) {
    invalidateSession(db, row.id);
    return null;
  }
  if (needsActivityRefresh(row, now)) {
    db.update(sessions).set({ lastVerifiedAt: now }).where(eq(sessions.id, row.id)).run();
    row.lastVerifiedAt = now;
  }
  return { id: row.id, userId: row.userId, createdAt: row.createdAt, lastVerifiedAt: row.lastVerifiedAt };
}

export function invalidateSession(db: Db, sessionId: string): void {
  db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateUserSessions(db: Db, userId: number): void {
  db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

/** Housekeeping: drop sessions past their inactivity or absolute limit. */
export function deleteExpiredSessions(db: Db, now = Date.now()): number {
  return db
    .delete(sessions)
    .where(
      or(
        lt(sessions.lastVerifiedAt, now - INACTIVITY_TIMEOUT_MS),
        lt(sessions.createdAt, now - ABSOLUTE_TIMEOUT_MS),
      ),
    )
    .run().changes;
}
