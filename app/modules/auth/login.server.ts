import { eq } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { users } from "#db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { dummyPasswordHash, verifyPassword } from "~/auth/password.server";
import { createSession, invalidateSession } from "~/auth/session.server";
import { clearLoginFailures, loginLockRemaining, recordLoginFailure } from "~/auth/throttle.server";

export type LoginResult =
  | { ok: true; token: string; userId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

/**
 * Check credentials with throttling per account and per IP. The same answer is
 * given for an unknown email and a wrong password, and both take the time of
 * one argon2id verification.
 */
export async function attemptLogin(
  db: Db,
  input: { email: string; password: string; ip: string; userAgent?: string | null; previousSessionId?: string | null },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const locked = loginLockRemaining(db, email, input.ip);
  if (locked > 0) return { ok: false, reason: "throttled", retryAfterMs: locked };

  const user = db
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active, email: users.email })
    .from(users)
    .where(eq(users.email, email))
    .get();
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid || !user.active) {
    recordLoginFailure(db, email, input.ip);
    const nowLocked = loginLockRemaining(db, email, input.ip);
    if (nowLocked > 0) return { ok: false, reason: "throttled", retryAfterMs: nowLocked };
    return { ok: false, reason: "invalid" };
  }

  clearLoginFailures(db, email);
  // A fresh session on every sign-in (no fixation); drop the one the browser had.
  return db.transaction((tx) => {
    if (input.previousSessionId) invalidateSession(tx as unknown as Db, input.previousSessionId);
    const { token, session } = createSession(tx as unknown as Db, user.id, {
      ipAddress: input.ip,
      userAgent: input.userAgent,
    });
    recordAudit(tx, { userId: user.id, label: user.email, ipAddress: input.ip }, {
      action: "session.login",
      entityType: "session",
      entityId: session.id,
    });
    return { ok: true as const, token, userId: user.id };
  });
}

export function logout(db: Db, session: { id: string; userId: number }, actor: { label: string; ip: string }): void {
  db.transaction((tx) => {
    invalidateSession(tx as unknown as Db, session.id);
    recordAudit(tx, { userId: session.userId, label: actor.label, ipAddress: actor.ip }, {
      action: "session.logout",
      entityType: "session",
      entityId: session.id,
    });
  });
}
