import { eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { loginThrottle } from "#db/schema";
import { ACCOUNT_POLICY, IP_POLICY, lockRemaining, registerFailure, type ThrottleState } from "./throttle";

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

function load(db: Db, key: string): ThrottleState | undefined {
  return db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
}

/** Milliseconds until a login for this account/IP is allowed again (0 = now). */
export function loginLockRemaining(db: Db, email: string, ip: string, now = Date.now()): number {
  return Math.max(lockRemaining(load(db, accountKey(email)), now), lockRemaining(load(db, ipKey(ip)), now));
}

export function recordLoginFailure(db: Db, email: string, ip: string, now = Date.now()): void {
  db.transaction((tx) => {
    for (const [key, policy] of [
      [accountKey(email), ACCOUNT_POLICY],
      [ipKey(ip), IP_POLICY],
    ] as const) {
      const next = registerFailure(load(tx as unknown as Db, key), now, policy);
      tx.insert(loginThrottle)
        .values({ key, ...next })
        .onConflictDoUpdate({ target: loginThrottle.key, set: next })
        .run();
    }
  });
}

export function clearLoginFailures(db: Db, email: string): void {
  db.delete(loginThrottle)
    .where(inArray(loginThrottle.key, [accountKey(email)]))
    .run();
}
