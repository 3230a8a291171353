import { describe, expect, it } from "vitest";
import { isCrossSiteRequestAllowed } from "~/auth/csrf";
import { ACCOUNT_POLICY, lockRemaining, registerFailure, type ThrottleState } from "~/auth/throttle";

const h = (o: Record<string, string>) => ({ get: (n: string) => o[n.toLowerCase()] ?? null });

describe("cross-site request refusal", () => {
  it("always allows safe methods", () => {
    expect(isCrossSiteRequestAllowed("GET", h({ "sec-fetch-site": "cross-site" }), "x")).toBe(true);
  });
  it("allows a same-origin POST and refuses a cross-site one", () => {
    expect(isCrossSiteRequestAllowed("POST", h({ "sec-fetch-site": "same-origin" }), "localhost:3000")).toBe(true);
    expect(isCrossSiteRequestAllowed("POST", h({ "sec-fetch-site": "cross-site" }), "localhost:3000")).toBe(false);
    expect(isCrossSiteRequestAllowed("POST", h({ "sec-fetch-site": "same-site" }), "localhost:3000")).toBe(false);
  });
  it("falls back to comparing Origin with Host", () => {
    expect(isCrossSiteRequestAllowed("POST", h({ origin: "http://localhost:3000" }), "localhost:3000")).toBe(true);
    expect(isCrossSiteRequestAllowed("POST", h({ origin: "https://evil.example" }), "localhost:3000")).toBe(false);
    expect(isCrossSiteRequestAllowed("POST", h({ origin: "null" }), "localhost:3000")).toBe(false);
  });
  it("refuses a POST with neither header", () => {
    expect(isCrossSiteRequestAllowed("POST", h({}), "localhost:3000")).toBe(false);
    expect(isCrossSiteRequestAllowed("DELETE", h({}), "localhost:3000")).toBe(false);
  });
});

describe("login throttling policy", () => {
  it("locks after the maximum failures inside the window", () => {
    let s: ThrottleState | undefined;
    const t0 = 1_000_000;
    for (let i = 0; i < ACCOUNT_POLICY.maxFailures - 1; i++) s = registerFailure(s, t0 + i, ACCOUNT_POLICY);
    expect(lockRemaining(s, t0 + 10)).toBe(0);
    s = registerFailure(s, t0 + 10, ACCOUNT_POLICY);
    expect(lockRemaining(s, t0 + 10)).toBe(ACCOUNT_POLICY.lockMs);
    expect(lockRemaining(s, t0 + 10 + ACCOUNT_POLICY.lockMs)).toBe(0);
  });
  it("starts a new window after the old one", () => {
    const t0 = 1_000_000;
    let s = registerFailure(undefined, t0, ACCOUNT_POLICY);
    s = registerFailure(s, t0 + 1, ACCOUNT_POLICY);
    expect(s.failures).toBe(2);
    s = registerFailure(s, t0 + ACCOUNT_POLICY.windowMs + 5, ACCOUNT_POLICY);
    expect(s.failures).toBe(1);
  });
});
