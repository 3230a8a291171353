import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { memberships, organisations, sessions, users, auditEvents } from "#db/schema";
import { eq } from "drizzle-orm";
import { hashPassword } from "~/auth/password.server";
import { createSession, invalidateSession, invalidateUserSessions, validateSessionToken } from "~/auth/session.server";
import { ACCOUNT_POLICY, IP_POLICY } from "~/auth/throttle";
import { INACTIVITY_TIMEOUT_MS as SESSION_IDLE } from "~/auth/token";
import { requirePermission, requireUser } from "~/auth/guard.server";
import { attemptLogin } from "~/modules/auth/login.server";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { createTestDb } from "./helpers/db";


let db: Db;
let cleanup: () => void;
let plannerId: number;
let hcmId: number;
let laiChauId: number;
const PASSWORD = "correct horse battery staple";

function orgRow(code: string, nameVi: string) {
  return db
    .insert(organisations)
    .values({ code, kind: "province", abbr: code, nameVi, nameEn: nameVi, searchName: nameVi.toLowerCase() })
    .returning({ id: organisations.id })
    .get().id;
}

beforeAll(async () => {
  ({ db, cleanup } = createTestDb());
  setDb(db);
  hcmId = orgRow("T-HCM", "Hồ Chí Minh");
  laiChauId = orgRow("T-LCU", "Lai Châu");
  plannerId = db
    .insert(users)
    .values({ email: "planner@test.vn", name: "Planner", passwordHash: await hashPassword(PASSWORD) })
    .returning({ id: users.id })
    .get().id;
  db.insert(memberships).values({ userId: plannerId, organisationId: hcmId, role: "planner" }).run();
});

afterAll(() => {
  setDb(undefined);
  cleanup();
});

const cookieFor = (token: string) => ({ Cookie: `cp_session=${token}` });

describe("sessions", () => {
  it("creates, validates, expires and invalidates", () => {
    const t0 = Date.now();
    const { token, session } = createSession(db, plannerId, {}, t0);
    const stored = db.select().from(sessions).where(eq(sessions.id, session.id)).get()!;
    expect(Buffer.from(stored.secretHash).toString("utf8")).not.toContain(token.split(".")[1]);
    expect(validateSessionToken(db, token, t0 + 1000)?.userId).toBe(plannerId);

    // A wrong secret for a real id is refused.
    const forged = `${session.id}.${"a".repeat(24)}`;
    expect(validateSessionToken(db, forged, t0 + 1000)).toBeNull();

    // Idle too long: refused and deleted.
    expect(validateSessionToken(db, token, t0 + SESSION_IDLE + 1)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.id, session.id)).get()).toBeUndefined();

    const second = createSession(db, plannerId);
    invalidateSession(db, second.session.id);
    expect(validateSessionToken(db, second.token)).toBeNull();

    const a = createSession(db, plannerId);
    const b = createSession(db, plannerId);
    invalidateUserSessions(db, plannerId);
    expect(validateSessionToken(db, a.token)).toBeNull();
    expect(validateSessionToken(db, b.token)).toBeNull();
  });

  it("refreshes lastVerifiedAt when used after the check interval", () => {
    const t0 = Date.now();
    const { token, session } = createSession(db, plannerId, {}, t0);
    const later = t0 + 6 * 60_000;
    expect(validateSessionToken(db, token, later)?.lastVerifiedAt).toBe(later);
    expect(db.select().from(sessions).where(eq(sessions.id, session.id)).get()!.lastVerifiedAt).toBe(later);
  });
});

describe("login", () => {
  it("signs in with the right password and records an audit event", async () => {
    const result = await attemptLogin(db, { email: "Planner@Test.vn ", password: PASSWORD, ip: "10.0.0.1" });
    expect(result.ok).toBe(true);
    const last = db.select().from(auditEvents).orderBy(auditEvents.id).all().at(-1)!;
    expect(last.action).toBe("session.login");
    expect(last.actorUserId).toBe(plannerId);
  });

  it("gives the same answer for an unknown account and a wrong password", async () => {
    const unknown = await attemptLogin(db, { email: "nobody@test.vn", password: "x", ip: "10.0.0.2" });
    const wrong = await attemptLogin(db, { email: "planner@test.vn", password: "x", ip: "10.0.0.3" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles an account after repeated failures, even for the right password", async () => {
    const email = "planner@test.vn";
    for (let i = 0; i < ACCOUNT_POLICY.maxFailures; i++) {
      await attemptLogin(db, { email, password: "wrong", ip: `10.1.0.${i}` });
    }
    const locked = await attemptLogin(db, { email, password: PASSWORD, ip: "10.1.1.1" });
    expect(locked.ok).toBe(false);
    expect(locked.ok === false && locked.reason).toBe("throttled");
    db.$client.prepare("DELETE FROM login_throttle").run();
  });

  it("throttles an IP address that tries many accounts", async () => {
    for (let i = 0; i < IP_POLICY.maxFailures; i++) {
      await attemptLogin(db, { email: `guess${i}@test.vn`, password: "x", ip: "10.9.9.9" });
    }
    const r = await attemptLogin(db, { email: "planner@test.vn", password: PASSWORD, ip: "10.9.9.9" });
    expect(r.ok === false && r.reason).toBe("throttled");
    const other = await attemptLogin(db, { email: "planner@test.vn", password: PASSWORD, ip: "10.9.9.10" });
    expect(other.ok).toBe(true);
    db.$client.prepare("DELETE FROM login_throttle").run();
  });

  it("the login action sets a secure session cookie and logout kills the session server-side", async () => {
    const body = new URLSearchParams({ email: "planner@test.vn", password: PASSWORD, redirectTo: "/strategy" });
    const request = new Request("http://localhost/login", { method: "POST", body });
    let response: Response | undefined;
    try {
      await loginAction({ request, context: { clientIp: "10.2.0.1" }, params: {} });
    } catch (thrown) {
      response = thrown as Response;
    }
    expect(response?.status).toBe(302);
    expect(response?.headers.get("Location")).toBe("/strategy");
    const setCookie = response!.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/cp_session=[a-z2-9]{24}\.[a-z2-9]{24}/);
    expect(setCookie).toContain("HttpOnly");
    const token = /cp_session=([^;]+)/.exec(setCookie)![1];
    expect(validateSessionToken(db, token)).not.toBeNull();

    const out = await logoutAction({
      request: new Request("http://localhost/logout", { method: "POST", headers: cookieFor(token) }),
      context: { clientIp: "10.2.0.1" },
      params: {},
    });
    expect(out.headers.get("Set-Cookie")).toContain("Max-Age=0");
    expect(validateSessionToken(db, token)).toBeNull();
  });

  it("keeps the email and shows a field error for bad input", async () => {
    const request = new Request("http://localhost/login", {
      method: "POST",
      body: new URLSearchParams({ email: "not-an-email", password: "" }),
    });
    const result = (await loginAction({ request, context: {}, params: {} })) as unknown as {
      init: { status: number };
      data: { error: Record<string, string[]>; initialValue: Record<string, string> };
    };
    expect(result.init.status).toBe(400);
    expect(result.data.error.email).toEqual(["auth.login.error.emailInvalid"]);
    expect(result.data.error.password).toEqual(["auth.login.error.passwordRequired"]);
    expect(result.data.initialValue.email).toBe("not-an-email");
  });
});

describe("guards", () => {
  it("redirects anonymous users to the login page with the way back", () => {
    try {
      requireUser(new Request("http://localhost/organisations?page=2"), db);
      expect.unreachable();
    } catch (thrown) {
      const r = thrown as Response;
      expect(r.status).toBe(302);
      expect(r.headers.get("Location")).toBe("/login?redirectTo=%2Forganisations%3Fpage%3D2");
    }
  });

  it("refuses a planner another organisation's plans with 403, allows their own", () => {
    const { token } = createSession(db, plannerId);
    const request = new Request("http://localhost/x", { headers: cookieFor(token) });
    expect(requirePermission(request, "read", "plan", hcmId, db).id).toBe(plannerId);
    try {
      requirePermission(new Request("http://localhost/x", { headers: cookieFor(token) }), "read", "plan", laiChauId, db);
      expect.unreachable();
    } catch (thrown) {
      expect((thrown as Response).status).toBe(403);
    }
  });
});

describe("audit chain", () => {
  it("verifies, then names the first altered row", () => {
    const before = verifyAuditChain(db);
    expect(before.ok).toBe(true);
    const rows = db.select({ id: auditEvents.id }).from(auditEvents).orderBy(auditEvents.id).all();
    expect(rows.length).toBeGreaterThan(1);
    db.$client.prepare("UPDATE audit_events SET actor_label = 'intruder' WHERE id = ?").run(rows[0].id);
    expect(verifyAuditChain(db)).toEqual({ ok: false, brokenAt: rows[0].id });
  });
});
