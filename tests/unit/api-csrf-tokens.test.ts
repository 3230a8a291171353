/** Pure rules of the API: the CSRF exception for cookie-less bearer requests, bearer parsing, token states, rate limit. */
import { describe, expect, it } from "vitest";
import { isCookielessBearerRequest, isCrossSiteRequestAllowed } from "~/auth/csrf";
import { RateLimiter, readBearer, tokenState } from "~/modules/api/tokens";
import { expiryInstant } from "~/modules/api/token-schema";

const h = (o: Record<string, string>) => ({ get: (n: string) => o[n.toLowerCase()] ?? null });
const TOKEN = "abcdefghijkmnpqrstuvwxyz.23456789abcdefghijkmnpqr";

describe("CSRF rule for API requests", () => {
  it("allows a cross-site write that carries a bearer token and no cookie", () => {
    expect(isCrossSiteRequestAllowed("POST", h({ authorization: `Bearer ${TOKEN}` }), "localhost:3000")).toBe(true);
    expect(
      isCrossSiteRequestAllowed("PATCH", h({ authorization: `bearer ${TOKEN}`, "sec-fetch-site": "cross-site" }), "x"),
    ).toBe(true);
  });
  it("refuses a cross-site write with a bearer token AND a cookie (the session must not ride along)", () => {
    const headers = h({ authorization: `Bearer ${TOKEN}`, cookie: "cp_session=a.b", "sec-fetch-site": "cross-site" });
    expect(isCookielessBearerRequest(headers)).toBe(false);
    expect(isCrossSiteRequestAllowed("POST", headers, "localhost:3000")).toBe(false);
    expect(
      isCrossSiteRequestAllowed("POST", h({ authorization: `Bearer ${TOKEN}`, cookie: "cp_lang=vi" }), "localhost:3000"),
    ).toBe(false);
  });
  it("refuses cross-site cookie writes without a bearer token, and other schemes", () => {
    expect(isCrossSiteRequestAllowed("POST", h({ cookie: "cp_session=a.b", "sec-fetch-site": "cross-site" }), "x")).toBe(false);
    expect(isCrossSiteRequestAllowed("POST", h({ authorization: "Basic dXNlcjpwdw==" }), "x")).toBe(false);
    expect(isCrossSiteRequestAllowed("POST", h({ authorization: "Bearer " }), "x")).toBe(false);
  });
  it("keeps same-origin cookie writes allowed (an empty cookie header counts as none)", () => {
    expect(isCrossSiteRequestAllowed("POST", h({ cookie: "cp_session=a.b", "sec-fetch-site": "same-origin" }), "x")).toBe(true);
    expect(isCookielessBearerRequest(h({ authorization: `Bearer ${TOKEN}`, cookie: " " }))).toBe(true);
  });
});

describe("bearer header", () => {
  it("reads id.secret tokens and nothing else", () => {
    expect(readBearer(null)).toEqual({ kind: "none" });
    expect(readBearer("")).toEqual({ kind: "none" });
    expect(readBearer(`Bearer ${TOKEN}`)).toEqual({
      kind: "token",
      token: { id: "abcdefghijkmnpqrstuvwxyz", secret: "23456789abcdefghijkmnpqr" },
    });
    expect(readBearer("Bearer abc")).toEqual({ kind: "malformed" });
    expect(readBearer(`Token ${TOKEN}`)).toEqual({ kind: "malformed" });
    expect(readBearer(`Bearer ${TOKEN} extra`)).toEqual({ kind: "malformed" });
    expect(readBearer("Bearer ABCDEFGHIJKMNPQRSTUVWXYZ.ABCDEFGHIJKMNPQRSTUVWXYZ")).toEqual({ kind: "malformed" });
  });
});

describe("token state", () => {
  it("revoked wins, then expired, else active", () => {
    expect(tokenState({ revokedAt: null, expiresAt: null }, 1000)).toBe("active");
    expect(tokenState({ revokedAt: null, expiresAt: 2000 }, 1000)).toBe("active");
    expect(tokenState({ revokedAt: null, expiresAt: 1000 }, 1000)).toBe("expired");
    expect(tokenState({ revokedAt: 5, expiresAt: 1000 }, 2000)).toBe("revoked");
  });
  it("an expiry date means the end of that day in Vietnam", () => {
    expect(new Date(expiryInstant("2026-12-31")).toISOString()).toBe("2026-12-31T16:59:59.999Z");
  });
});

describe("rate limiter", () => {
  it("lets `limit` requests through per window and asks to wait for the rest", () => {
    const r = new RateLimiter(3, 60_000);
    expect([r.hit("a", 0), r.hit("a", 1), r.hit("a", 2)]).toEqual([null, null, null]);
    expect(r.hit("a", 30_000)).toBe(30);
    expect(r.hit("b", 30_000)).toBeNull();
    expect(r.hit("a", 60_000)).toBeNull();
  });
});
