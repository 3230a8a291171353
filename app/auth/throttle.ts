/**
 * Login throttling policy (pure). Counters are kept per account (email) and per
 * IP address; either one locked refuses the attempt with the same message, so
 * the response never reveals whether an account exists.
 */
export interface ThrottleState {
  failures: number;
  windowStartedAt: number;
  lockedUntil: number | null;
}

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const IP_POLICY: ThrottlePolicy = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Milliseconds the key stays locked, or 0 if an attempt is allowed now. */
export function lockRemaining(state: ThrottleState | undefined, now: number): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil - now);
}

export function registerFailure(
  state: ThrottleState | undefined,
  now: number,
  policy: ThrottlePolicy,
): ThrottleState {
  const fresh = !state || now - state.windowStartedAt >= policy.windowMs || (state.lockedUntil !== null && state.lockedUntil <= now);
  const failures = fresh ? 1 : state!.failures + 1;
  const windowStartedAt = fresh ? now : state!.windowStartedAt;
  return {
    failures,
    windowStartedAt,
    lockedUntil: failures >= policy.maxFailures ? now + policy.lockMs : null,
  };
}
