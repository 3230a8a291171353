/**
 * HTTP-level guarantees, checked with plain fetch against the running server:
 * health check, security headers and the refusal of cross-site POSTs.
 */
import { describe, expect, it } from "vitest";
import { baseURL, DEMO_ACCOUNTS, DEMO_PASSWORD, http } from "./support";

function cspDirectives(header: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (header ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

function loginBody(email: string = DEMO_ACCOUNTS.leader, password = DEMO_PASSWORD): URLSearchParams {
  return new URLSearchParams({ email, password, redirectTo: "" });
}

/** Sign in over HTTP (same-origin headers) and return the session cookie pair `cp_session=…`. */
async function signIn(email: string): Promise<string> {
  const res = await http("/login", {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: baseURL(),
      "Sec-Fetch-Site": "same-origin",
    },
    body: loginBody(email),
  });
  expect(res.status, "same-origin sign-in redirects").toBe(302);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("cp_session="));
  expect(cookie, "sign-in sets the session cookie").toBeTruthy();
  return cookie!.split(";")[0]!;
}

describe("health check", () => {
  it('GET /healthz answers 200 {"ok":true}', async () => {
    const res = await http("/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe("security headers", () => {
  it("enforces a nonce-based CSP without 'unsafe-inline' scripts, and forbids framing", async () => {
    const res = await http("/login");
    expect(res.status).toBe(200);
    expect(
      res.headers.get("content-security-policy-report-only"),
      "CSP is enforced, not report-only",
    ).toBeNull();
    const csp = cspDirectives(res.headers.get("content-security-policy"));
    const scriptSrc = csp.get("script-src") ?? csp.get("default-src") ?? [];
    expect(
      scriptSrc.some((v) => /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/.test(v)),
      `script-src has a nonce: ${scriptSrc.join(" ")}`,
    ).toBe(true);
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
  });

  it("uses a fresh nonce per response, and every inline script carries it", async () => {
    const [a, b] = await Promise.all([http("/login"), http("/login")]);
    const nonceOf = (r: Response) =>
      /'nonce-([^']+)'/.exec(r.headers.get("content-security-policy") ?? "")?.[1];
    const nonceA = nonceOf(a);
    expect(nonceA).toBeTruthy();
    expect(nonceA).not.toBe(nonceOf(b));
    const html = await a.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? "");
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) {
      if (/\bsrc=/.test(attrs)) continue;
      expect(attrs, "inline script has the response nonce").toContain(`nonce="${nonceA}"`);
    }
  });

  it("sets nosniff, a referrer policy and frame denial on pages and on /healthz", async () => {
    for (const path of ["/login", "/healthz"]) {
      const res = await http(path);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toMatch(
        /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
      );
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("x-powered-by"), path).toBeNull();
    }
  });
});

describe("cross-site POSTs are refused", () => {
  const form = { "Content-Type": "application/x-www-form-urlencoded" };

  it("refuses POST /login with Sec-Fetch-Site: cross-site", async () => {
    const res = await http("/login", {
      method: "POST",
      headers: { ...form, "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" },
      body: loginBody(),
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("cp_session="))).toBe(false);
  });

  it("refuses POST /login from a foreign Origin (no Sec-Fetch-Site)", async () => {
    const res = await http("/login", {
      method: "POST",
      headers: { ...form, Origin: "https://evil.example" },
      body: loginBody(),
    });
    expect(res.status).toBe(403);
  });

  it("refuses POST /login with Sec-Fetch-Site: same-site (a sibling subdomain is still another origin)", async () => {
    const res = await http("/login", {
      method: "POST",
      headers: { ...form, "Sec-Fetch-Site": "same-site" },
      body: loginBody(),
    });
    expect(res.status).toBe(403);
  });

  it("accepts the same sign-in from the same origin (control)", async () => {
    expect(await signIn(DEMO_ACCOUNTS.leader)).toMatch(/^cp_session=.+/);
  });

  it("refuses a cross-site POST /logout and the session survives it", async () => {
    const cookie = await signIn(DEMO_ACCOUNTS.auditor);
    const attempts: Record<string, string>[] = [
      { "Sec-Fetch-Site": "cross-site", Origin: "https://evil.example" },
      { Origin: "https://evil.example" },
    ];
    for (const headers of attempts) {
      const res = await http("/logout", {
        method: "POST",
        headers: { ...form, ...headers, Cookie: cookie },
        body: "",
      });
      expect(res.status).toBe(403);
    }
    const home = await http("/", { headers: { Cookie: cookie } });
    expect(home.status, "still signed in after the refused logouts").toBe(200);
  });
});
