/** /admin/api-tokens: admins only; a token is shown once, stored hashed, listed, revoked, all audited. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { hashSecret } from "~/auth/token";
import { authenticateBearer } from "~/modules/api/tokens.server";
import { action, loader } from "~/routes/admin.api-tokens";
import { createTestDb } from "./helpers/db";
import { buildPagesFixture, type PagesFixture } from "./helpers/pages-fixture";

let db: Db;
let cleanup: () => void;
let fx: PagesFixture;

beforeAll(() => {
  ({ db, cleanup } = createTestDb());
  fx = buildPagesFixture(db);
  setDb(db);
});
afterAll(() => {
  setDb(undefined);
  cleanup();
});

function post(cookie: string, fields: Record<string, string>) {
  return new Request("http://localhost/admin/api-tokens", {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

async function settle<T>(p: Promise<T>): Promise<T | Response> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

const unwrap = (r: unknown) => (r as { data: unknown; init?: { status?: number } });

describe("admin API tokens page", () => {
  it("is for admins only (403 for a coordinator or planner, read or write)", async () => {
    for (const cookie of [fx.cookies.coordinator, fx.cookies.plannerHcm, fx.cookies.auditor]) {
      const get = await settle(loader({ request: new Request("http://localhost/admin/api-tokens", { headers: { Cookie: cookie } }), params: {}, context: {} }));
      expect((get as Response).status).toBe(403);
      const res = await settle(action({ request: post(cookie, { intent: "create", name: "x", organisationId: String(fx.org("P-HCM")), role: "planner" }), params: {}, context: {} }));
      expect((res as Response).status).toBe(403);
    }
  });

  it("refuses a bad form with field errors and creates nothing", async () => {
    const res = unwrap(
      await action({ request: post(fx.cookies.admin, { intent: "create", name: "", role: "admin", expiresOn: "2020-01-01" }), params: {}, context: {} }),
    );
    expect(res.init?.status).toBe(400);
    const errors = (res.data as { result: { error: Record<string, string[]> } }).result.error;
    expect(Object.keys(errors).sort()).toEqual(["name", "organisationId", "role"]);
    const past = unwrap(
      await action({
        request: post(fx.cookies.admin, { intent: "create", name: "Old", role: "planner", organisationId: String(fx.org("P-HCM")), expiresOn: "2020-01-01" }),
        params: {},
        context: {},
      }),
    );
    expect((past.data as { result: { error: Record<string, string[]> } }).result.error.expiresOn).toEqual(["api.tokens.error.expiryPast"]);
    expect((db.$client.prepare("SELECT COUNT(*) AS n FROM api_tokens").get() as { n: number }).n).toBe(0);
  });

  it("creates a token shown once, stores only the hash, lists it, revokes it; audited", async () => {
    const res = unwrap(
      await action({
        request: post(fx.cookies.admin, { intent: "create", name: "HCM ERP", role: "planner", organisationId: String(fx.org("P-HCM")), expiresOn: "2099-12-31" }),
        params: {},
        context: { clientIp: "10.0.0.1" },
      }),
    );
    const created = (res.data as { created: { token: string; name: string } }).created;
    expect(created.token).toMatch(/^[a-z2-9]{24}\.[a-z2-9]{24}$/);
    const [id, secret] = created.token.split(".");
    const row = db.$client.prepare("SELECT secret_hash AS h, expires_at AS e, created_by AS by FROM api_tokens WHERE id = ?").get(id) as {
      h: Buffer;
      e: number;
      by: number;
    };
    expect(Buffer.compare(row.h, Buffer.from(hashSecret(secret)))).toBe(0);
    expect(row.h.toString("utf8")).not.toContain(secret);
    expect(row.by).toBe(fx.userIds.admin);
    expect(authenticateBearer(db, `Bearer ${created.token}`).ok).toBe(true);

    const page = (await loader({ request: new Request("http://localhost/admin/api-tokens", { headers: { Cookie: fx.cookies.admin } }), params: {}, context: {} })) as {
      tokens: { id: string; state: string }[];
    };
    expect(page.tokens.map((t) => [t.id, t.state])).toEqual([[id, "active"]]);
    expect(JSON.stringify(page)).not.toContain(secret);

    const revoked = await settle(action({ request: post(fx.cookies.admin, { intent: "revoke", tokenId: id }), params: {}, context: {} }));
    expect((revoked as Response).status).toBe(302);
    expect(authenticateBearer(db, `Bearer ${created.token}`)).toEqual({ ok: false, reason: "revoked" });
    const audits = db.$client
      .prepare("SELECT action, entity_id AS id, actor_user_id AS actor FROM audit_events WHERE entity_type = 'api_token' ORDER BY id")
      .all();
    expect(audits).toEqual([
      { action: "api_token.create", id, actor: fx.userIds.admin },
      { action: "api_token.revoke", id, actor: fx.userIds.admin },
    ]);
  });
});
