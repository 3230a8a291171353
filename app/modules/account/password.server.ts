import { count, eq } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { sessions, users } from "#db/schema";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { createSession, invalidateUserSessions } from "~/auth/session.server";
import { recordAudit } from "~/modules/audit/audit.server";
import type { ChangePasswordInput } from "./password";

export type ChangePasswordResult =
  { ok: true; token: string; endedSessions: number } | { ok: false; reason: "currentWrong" };

/**
 * Change a user's own password. The current password must be right. In one
 * transaction: store the new argon2id hash, end EVERY session of the user
 * (a stolen cookie dies with the old password), open a fresh session for the
 * browser that made the change, and record an audit event (no hashes in it).
 */
export async function changePassword(
  db: Db,
  user: { id: number; email: string },
  input: Pick<ChangePasswordInput, "currentPassword" | "newPassword">,
  meta: { ip: string; userAgent?: string | null },
): Promise<ChangePasswordResult> {
  const row = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).get();
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword)))
    return { ok: false, reason: "currentWrong" };
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    t.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
    const ended = t.select({ n: count() }).from(sessions).where(eq(sessions.userId, user.id)).get()?.n ?? 0;
    invalidateUserSessions(t, user.id);
    const { token, session } = createSession(t, user.id, { ipAddress: meta.ip, userAgent: meta.userAgent });
    recordAudit(
      tx,
      { userId: user.id, label: user.email, ipAddress: meta.ip },
      {
        action: "user.password_change",
        entityType: "user",
        entityId: user.id,
        after: { endedSessions: ended, newSession: session.id },
      },
    );
    return { ok: true as const, token, endedSessions: ended };
  });
}
