/**
 * Sessions (issue 9), at the request level, beyond tests/integration/auth.test.ts
 * (token shape, idle expiry in the module, login, throttling) and
 * tests/e2e/http.e2e.ts (cross-site POSTs refused and CSP on the real server):
 * - fixation: a session id planted before sign-in is never the one after it,
 *   and a planted real session is ended;
 * - logout ends the session wherever its cookie was copied;
 * - a password change ends every other session and rotates this one;
 * - inactivity and absolute expiry through a real request;
 * - the cross-site check refuses every state-changing method.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { memberships, organisations, sessions, users } from "#db/schema";
import { eq } from "drizzle-orm";
import { isCrossSiteRequestAllowed } from "~/auth/csrf";
import { getCurrentUser, requireUser } from "~/auth/guard.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { ABSOLUTE_TIMEOUT_MS, INACTIVITY_TIMEOUT_MS, SESSION_COOKIE } from "~/auth/token";
import { ChangePasswordSchema } from "~/modules/account/password";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as passwordAction, loader as passwordLoader } from "~/routes/account.password";
import { createTestDb } from "./helpers/db";

const PASSWORD = "correct horse battery";
let db: Db;
let cleanup: () => void;
let userId: number;
let otherId: number;

beforeAll(async () => {
  ({ db, cleanup } = createTestDb());
  setDb(db);
  const orgId = db
    .insert(organisations)
    .values({
      code: "P-T",
      kind: "province",
      abbr: "P-T",
      nameVi: "Tỉnh T",
      nameEn: "T Province",
      searchName: "tinh t",
    })
    .returning({ id: organisations.id })
    .get().id;
  const hash = await hashPassword(PASSWORD);
  userId = db
    .insert(users)
    .values({ email: "planner@t.vn", name: "Planner", passwordHash: hash })
    .returning({ id: users.id })
    .get().id;
  otherId = db
    .insert(users)
    .values({ email: "other@t.vn", name: "Other", passwordHash: hash })
    .returning({ id: users.id })
    .get().id;
  db.insert(memberships).values({ userId, organisationId: orgId, role: "planner" }).run();
  db.insert(memberships).values({ userId: otherId, organisationId: orgId, role: "planner" }).run();
});

afterAll(() => {
  setDb(undefined);
  cleanup();
});

const cookie = (token: string) => `${SESSION_COOKIE}=${token}`;
const args = (request: Request) =>
  ({ request, params: {}, context: { clientIp: "10.0.0.9" } }) as ActionFunctionArgs;

async function thrown(fn: () => Promise<unknown>): Promise<Response> {
  try {
    const r = await fn();
    if (r instanceof Response) return r;
    throw new Error(`expected a response, got ${JSON.stringify(r)}`);
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

async function signIn(planted?: string): Promise<string> {
  const request = new Request("http://localhost/login", {
    method: "POST",
    body: new URLSearchParams({ email: "planner@t.vn", password: PASSWORD }),
    headers: planted ? { Cookie: cookie(planted) } : {},
  });
  const res = await thrown(() => loginAction(args(request)));
  expect(res.status).toBe(302);
  return /cp_session=([^;]+)/.exec(res.headers.get("Set-Cookie")!)![1]!;
}

const alive = (token: string) => validateSessionToken(db, token) !== null;

describe("session fixation", () => {
  it("a made-up token planted in the browser is never accepted nor kept", async () => {
    const planted = "abcdefghijkmnpqrstuvwxyz.abcdefghijkmnpqrstuvwxyz";
    expect(alive(planted)).toBe(false);
    const token = await signIn(planted);
    expect(token).not.toBe(planted);
    expect(alive(token)).toBe(true);
    expect(alive(planted)).toBe(false);
  });

  it("a real session planted by an attacker (their own account) is ended at sign-in, not adopted", async () => {
    const attacker = createSession(db, otherId).token;
    const token = await signIn(attacker);
    expect(token.split(".")[0]).not.toBe(attacker.split(".")[0]);
    expect(alive(attacker)).toBe(false);
    const me = getCurrentUser(new Request("http://localhost/", { headers: { Cookie: cookie(token) } }), db);
    expect(me?.id).toBe(userId);
  });
});

describe("logout", () => {
  it("ends the session wherever its cookie was copied (a stolen copy is refused afterwards)", async () => {
    const token = await signIn();
    const stolen = new Request("http://localhost/projects", { headers: { Cookie: cookie(token) } });
    expect(getCurrentUser(stolen, db)?.id).toBe(userId);
    const out = await logoutAction(
      args(new Request("http://localhost/logout", { method: "POST", headers: { Cookie: cookie(token) } })),
    );
    expect(out.headers.get("Set-Cookie")).toContain("Max-Age=0");
    const replay = new Request("http://localhost/projects", { headers: { Cookie: cookie(token) } });
    const res = await thrown(async () => requireUser(replay, db));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("password change", () => {
  it("validates with one shared schema: length, confirmation, different from the current", () => {
    const bad = ChangePasswordSchema.safeParse({
      currentPassword: "x",
      newPassword: "short",
      confirmPassword: "other",
    });
    expect(bad.success).toBe(false);
    const messages = bad.success ? [] : bad.error.issues.map((i) => i.message);
    expect(messages).toContain("account.password.error.tooShort");
    expect(messages).toContain("account.password.error.mismatch");
    const same = ChangePasswordSchema.safeParse({
      currentPassword: PASSWORD,
      newPassword: PASSWORD,
      confirmPassword: PASSWORD,
    });
    expect(same.success ? [] : same.error.issues.map((i) => i.message)).toContain(
      "account.password.error.same",
    );
  });

  it("refuses a wrong current password beside the field, and changes nothing", async () => {
    const token = await signIn();
    const other = await signIn();
    const request = new Request("http://localhost/account/password", {
      method: "POST",
      headers: { Cookie: cookie(token) },
      body: new URLSearchParams({
        currentPassword: "wrong",
        newPassword: "a new long passphrase",
        confirmPassword: "a new long passphrase",
      }),
    });
    const result = (await passwordAction(args(request))) as unknown as {
      init: { status: number };
      data: { error: Record<string, string[]>; initialValue?: Record<string, unknown> };
    };
    expect(result.init.status).toBe(400);
    expect(result.data.error.currentPassword).toEqual(["account.password.error.currentWrong"]);
    expect(result.data.initialValue?.newPassword).toBeUndefined();
    expect(alive(token) && alive(other)).toBe(true);
  });

  it("ends every other session, rotates this one, stores the new hash and audits it", async () => {
    const here = await signIn();
    const laptop = await signIn();
    const phone = await signIn();
    const foreign = createSession(db, otherId).token;
    const next = "a new long passphrase";
    const request = new Request("http://localhost/account/password", {
      method: "POST",
      headers: { Cookie: cookie(here) },
      body: new URLSearchParams({ currentPassword: PASSWORD, newPassword: next, confirmPassword: next }),
    });
    const res = await thrown(() => passwordAction(args(request)));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/account/password?changed=1");
    const fresh = /cp_session=([^;]+)/.exec(res.headers.get("Set-Cookie")!)![1]!;
    expect(alive(fresh)).toBe(true);
    expect(alive(here)).toBe(false);
    expect(alive(laptop)).toBe(false);
    expect(alive(phone)).toBe(false);
    expect(alive(foreign)).toBe(true);
    expect(db.select().from(sessions).where(eq(sessions.userId, userId)).all()).toHaveLength(1);
    const stored = db.select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)).get()!.h;
    expect(await verifyPassword(stored, next)).toBe(true);
    const audit = db.$client
      .prepare("SELECT action, after FROM audit_events ORDER BY id DESC LIMIT 1")
      .get() as { action: string; after: string };
    expect(audit.action).toBe("user.password_change");
    expect(audit.after).not.toContain(stored);
    // Put the old password back for the other tests.
    db.update(users)
      .set({ passwordHash: await hashPassword(PASSWORD) })
      .where(eq(users.id, userId))
      .run();
  });

  it("the page needs a signed-in user", async () => {
    const res = await thrown(() => passwordLoader(args(new Request("http://localhost/account/password"))));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?redirectTo=%2Faccount%2Fpassword");
  });
});

describe("expiry through a real request", () => {
  it("an idle session is refused and deleted; an active one older than the absolute limit too", () => {
    const now = Date.now();
    const idle = createSession(db, userId, {}, now - INACTIVITY_TIMEOUT_MS - 1);
    const req = (token: string) =>
      new Request("http://localhost/plans", { headers: { Cookie: cookie(token) } });
    expect(getCurrentUser(req(idle.token), db)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.id, idle.session.id)).get()).toBeUndefined();

    const old = createSession(db, userId, {}, now - ABSOLUTE_TIMEOUT_MS - 1);
    db.update(sessions)
      .set({ lastVerifiedAt: now - 60_000 })
      .where(eq(sessions.id, old.session.id))
      .run();
    expect(getCurrentUser(req(old.token), db)).toBeNull();

    const active = createSession(db, userId, {}, now - INACTIVITY_TIMEOUT_MS + 60_000);
    expect(getCurrentUser(req(active.token), db)?.id).toBe(userId);
  });
});

describe("cross-site requests", () => {
  it("refuses every state-changing method from another site, allows reads and same-origin", () => {
    const h = (o: Record<string, string>) => ({ get: (n: string) => o[n.toLowerCase()] ?? null });
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(isCrossSiteRequestAllowed(method, h({ "sec-fetch-site": "cross-site" }), "citypilot.vn")).toBe(
        false,
      );
      expect(isCrossSiteRequestAllowed(method, h({ "sec-fetch-site": "same-site" }), "citypilot.vn")).toBe(
        false,
      );
      expect(isCrossSiteRequestAllowed(method, h({ origin: "https://evil.example" }), "citypilot.vn")).toBe(
        false,
      );
      expect(isCrossSiteRequestAllowed(method, h({ origin: "null" }), "citypilot.vn")).toBe(false);
      expect(isCrossSiteRequestAllowed(method, h({}), "citypilot.vn")).toBe(false);
      expect(isCrossSiteRequestAllowed(method, h({ "sec-fetch-site": "same-origin" }), "citypilot.vn")).toBe(
        true,
      );
      expect(isCrossSiteRequestAllowed(method, h({ origin: "https://citypilot.vn" }), "citypilot.vn")).toBe(
        true,
      );
    }
    expect(isCrossSiteRequestAllowed("GET", h({ "sec-fetch-site": "cross-site" }), "citypilot.vn")).toBe(
      true,
    );
  });
});
