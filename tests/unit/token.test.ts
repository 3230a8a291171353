import { describe, expect, it } from "vitest";
import {
  ACTIVITY_CHECK_INTERVAL_MS,
  ABSOLUTE_TIMEOUT_MS,
  INACTIVITY_TIMEOUT_MS,
  generateSecureRandomString,
  hashSecret,
  isSessionExpired,
  needsActivityRefresh,
  parseToken,
  readCookie,
  secretMatches,
  sessionCookie,
} from "~/auth/token";

describe("session tokens", () => {
  it("generates 24-character base32 strings without look-alike characters", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const s = generateSecureRandomString();
      expect(s).toMatch(/^[a-km-np-z2-9]{24}$/);
      seen.add(s);
    }
    expect(seen.size).toBe(200);
  });

  it("parses id.secret and rejects anything else", () => {
    const id = generateSecureRandomString();
    const secret = generateSecureRandomString();
    expect(parseToken(`${id}.${secret}`)).toEqual({ id, secret });
    expect(parseToken(id)).toBeNull();
    expect(parseToken(`${id}.${secret}.x`)).toBeNull();
    expect(parseToken(`${id}.short`)).toBeNull();
    expect(parseToken(`${id.toUpperCase()}.${secret}`)).toBeNull();
    expect(parseToken("")).toBeNull();
    expect(parseToken(null)).toBeNull();
  });

  it("stores only a SHA-256 of the secret and compares it", () => {
    const secret = generateSecureRandomString();
    const hash = hashSecret(secret);
    expect(hash.length).toBe(32);
    expect(Buffer.from(hash).toString("utf8")).not.toContain(secret);
    expect(secretMatches(secret, hash)).toBe(true);
    expect(secretMatches(generateSecureRandomString(), hash)).toBe(false);
    expect(secretMatches(secret, hash.slice(0, 16))).toBe(false);
  });

  it("expires after inactivity and after the absolute lifetime", () => {
    const t0 = 1_000_000_000_000;
    expect(isSessionExpired({ createdAt: t0, lastVerifiedAt: t0 }, t0 + INACTIVITY_TIMEOUT_MS - 1)).toBe(false);
    expect(isSessionExpired({ createdAt: t0, lastVerifiedAt: t0 }, t0 + INACTIVITY_TIMEOUT_MS)).toBe(true);
    const active = t0 + ABSOLUTE_TIMEOUT_MS - 1000;
    expect(isSessionExpired({ createdAt: t0, lastVerifiedAt: active }, t0 + ABSOLUTE_TIMEOUT_MS)).toBe(true);
  });

  it("refreshes activity only after the check interval", () => {
    const t0 = 5_000;
    expect(needsActivityRefresh({ createdAt: t0, lastVerifiedAt: t0 }, t0 + ACTIVITY_CHECK_INTERVAL_MS - 1)).toBe(false);
    expect(needsActivityRefresh({ createdAt: t0, lastVerifiedAt: t0 }, t0 + ACTIVITY_CHECK_INTERVAL_MS)).toBe(true);
  });

  it("builds an HttpOnly, SameSite=Lax, Secure cookie and reads it back", () => {
    const cookie = sessionCookie("abc.def");
    expect(cookie).toContain("cp_session=abc.def");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("Path=/");
    expect(readCookie("a=1; cp_session=abc.def; b=2", "cp_session")).toBe("abc.def");
    expect(readCookie("a=1", "cp_session")).toBeNull();
  });
});
