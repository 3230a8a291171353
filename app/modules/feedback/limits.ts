/**
 * Rate limits of resident feedback (pure policies; counters are persisted by
 * `commands.server.ts` in the throttle table under keyed hashes, never the
 * raw ID number or IP address). Every accepted submission counts, including
 * a repeated or changed stance.
 */
import type { ThrottlePolicy } from "~/auth/throttle";

/** One person (citizen ID): 10 submissions a day across all projects. */
export const PER_ID_POLICY: ThrottlePolicy = {
  maxFailures: 10,
  windowMs: 24 * 3600_000,
  lockMs: 24 * 3600_000,
};
/** One network address: 30 submissions an hour (a household or a café shares one). */
export const PER_IP_POLICY: ThrottlePolicy = { maxFailures: 30, windowMs: 3600_000, lockMs: 3600_000 };

export const idThrottleKey = (citizenKey: string) => `feedback:id:${citizenKey}`;
export const ipThrottleKey = (networkKey: string) => `feedback:ip:${networkKey}`;
