/**
 * Pure parts of the API-token scheme (no database): reading the bearer
 * header, which roles a token may carry, and a fixed-window rate limiter.
 *
 * Tokens are `<id>.<secret>` exactly like session tokens (~/auth/token): two
 * random base32 strings of 120 bits; only SHA-256(secret) is stored and the
 * comparison is constant-time.
 */
import type { Role } from "#db/enums";
import { parseToken, type ParsedToken } from "~/auth/token";

/** Roles a token may act with (an admin token would only read: not offered). */
export const TOKEN_ROLES = ["planner", "coordinator", "leader", "auditor"] as const satisfies readonly Role[];
export type TokenRole = (typeof TOKEN_ROLES)[number];

export type BearerResult = { kind: "none" } | { kind: "malformed" } | { kind: "token"; token: ParsedToken };

/** `Authorization: Bearer <id>.<secret>` → the parsed token (scheme case-insensitive). */
export function readBearer(header: string | null | undefined): BearerResult {
  if (!header || header.trim() === "") return { kind: "none" };
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) return { kind: "malformed" };
  const token = parseToken(m[1]);
  return token ? { kind: "token", token } : { kind: "malformed" };
}

export type TokenState = "active" | "revoked" | "expired";

export function tokenState(t: { revokedAt: number | null; expiresAt: number | null }, now: number): TokenState {
  if (t.revokedAt !== null) return "revoked";
  if (t.expiresAt !== null && t.expiresAt <= now) return "expired";
  return "active";
}

/** Requests per token per window. */
export const RATE_LIMIT = { requests: 600, windowMs: 60_000 } as const;

/** A fixed-window counter per key (in memory, per server process). */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  constructor(
    readonly limit: number = RATE_LIMIT.requests,
    readonly windowMs: number = RATE_LIMIT.windowMs,
  ) {}

  /** Count one request; returns the seconds to wait when over the limit, else null. */
  hit(key: string, now: number = Date.now()): number | null {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.prune(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    if (w.count > this.limit) return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
    return null;
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
