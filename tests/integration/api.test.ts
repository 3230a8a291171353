/**
 * The JSON API on a real SQLite file: route loaders/actions called directly
 * with bearer tokens made by the token module. Auth (none, malformed,
 * unknown, revoked, expired → 401), other organisation's projects (403/404),
 * 422 field errors, cursor pagination with next links, create/update with
 * audit events, stale version 409, reversal, milestones, JSON for errors.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { createApiToken, revokeApiToken } from "~/modules/api/tokens.server";
import * as projectsRoute from "~/routes/api.v1.projects";
import * as projectRoute from "~/routes/api.v1.projects_.$code";
import * as txRoute from "~/routes/api.v1.projects_.$code_.transactions";
import * as reversalRoute from "~/routes/api.v1.projects_.$code_.transactions_.$id.reversal";
import * as milestonesRoute from "~/routes/api.v1.projects_.$code_.milestones";
import * as milestoneRoute from "~/routes/api.v1.projects_.$code_.milestones_.$id";
import * as plansRoute from "~/routes/api.v1.plans";
import * as splatRoute from "~/routes/api.$";
import { createTestDb } from "./helpers/db";
import { buildPagesFixture, type PagesFixture } from "./helpers/pages-fixture";

let db: Db;
let cleanup: () => void;
let fx: PagesFixture;
const tokens: Record<string, string> = {};
const ADMIN = { userId: null, label: "test-admin" };

interface RouteModule {
  loader?: (args: LoaderFunctionArgs) => Promise<Response>;
  action?: (args: ActionFunctionArgs) => Promise<Response>;
}

async function call(
  mod: RouteModule,
  method: string,
  path: string,
  opts: { token?: string | null; auth?: string; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely in assertions
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.auth !== undefined) headers.Authorization = opts.auth;
  else if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  const request = new Request(`http://localhost${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
  });
  const args = { request, params: opts.params ?? {}, context: { clientIp: "127.0.0.1" } } as never;
  const fn = method === "GET" ? mod.loader : mod.action;
  const res = await fn!(args);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  return { status: res.status, body: await res.json(), headers: res.headers };
}

const auditCount = (action: string) =>
  (db.$client.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE action = ?").get(action) as { n: number }).n;

let ldgId: number;

beforeAll(() => {
  ({ db, cleanup } = createTestDb());
  fx = buildPagesFixture(db);
  setDb(db);
  ldgId = (
    db.$client
      .prepare("SELECT id FROM organisations WHERE kind = 'province' AND name_vi = 'Lâm Đồng' AND valid_to IS NULL")
      .get() as { id: number }
  ).id;
  tokens.hcm = createApiToken(db, ADMIN, { organisationId: fx.org("P-HCM"), name: "HCM ERP", role: "planner", expiresAt: null }).token;
  tokens.ldg = createApiToken(db, ADMIN, { organisationId: ldgId, name: "Lâm Đồng", role: "planner", expiresAt: null }).token;
  tokens.coord = createApiToken(db, ADMIN, { organisationId: fx.org("TF"), name: "TF", role: "coordinator", expiresAt: null }).token;
  tokens.auditor = createApiToken(db, ADMIN, { organisationId: fx.org("TF"), name: "Audit", role: "auditor", expiresAt: null }).token;
  const revoked = createApiToken(db, ADMIN, { organisationId: fx.org("P-HCM"), name: "old", role: "planner", expiresAt: null });
  revokeApiToken(db, ADMIN, revoked.id);
  tokens.revoked = revoked.token;
  tokens.expired = createApiToken(db, ADMIN, {
    organisationId: fx.org("P-HCM"),
    name: "expired",
    role: "planner",
    expiresAt: Date.now() - 1000,
  }).token;
});

afterAll(() => {
  setDb(undefined);
  cleanup();
});

describe("authentication", () => {
  it.each([
    ["no header", { token: null }, "token_missing"],
    ["not a bearer", { auth: "Basic abc" }, "token_malformed"],
    ["malformed", { auth: "Bearer nonsense" }, "token_malformed"],
    ["unknown secret", { auth: "Bearer aaaaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbb" }, "token_unknown"],
  ])("%s → 401", async (_name, opts, code) => {
    const r = await call(projectsRoute, "GET", "/api/v1/projects", opts);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe(code);
    expect(r.headers.get("www-authenticate")).toMatch(/Bearer/);
  });

  it("a right id with a wrong secret → 401", async () => {
    const [id] = tokens.hcm.split(".");
    const r = await call(projectsRoute, "GET", "/api/v1/projects", { auth: `Bearer ${id}.bbbbbbbbbbbbbbbbbbbbbbbb` });
    expect(r.status).toBe(401);
  });

  it("revoked and expired tokens → 401", async () => {
    const revoked = await call(projectsRoute, "GET", "/api/v1/projects", { token: tokens.revoked });
    expect([revoked.status, revoked.body.error.code]).toEqual([401, "token_revoked"]);
    const expired = await call(projectsRoute, "GET", "/api/v1/projects", { token: tokens.expired });
    expect([expired.status, expired.body.error.code]).toEqual([401, "token_expired"]);
  });

  it("a browser session cookie is not an API credential", async () => {
    const r = await call(projectsRoute, "GET", "/api/v1/projects", { headers: { Cookie: fx.cookies.coordinator } });
    expect(r.status).toBe(401);
  });

  it("records when a token was last used", async () => {
    expect((await call(projectsRoute, "GET", "/api/v1/projects", { token: tokens.hcm })).status).toBe(200);
    const [id] = tokens.hcm.split(".");
    const row = db.$client.prepare("SELECT last_used_at AS t FROM api_tokens WHERE id = ?").get(id) as { t: number | null };
    expect(row.t).not.toBeNull();
  });
});

describe("reading", () => {
  it("a planner token lists only its organisation's projects (with merged legacy units)", async () => {
    const r = await call(projectsRoute, "GET", "/api/v1/projects", { token: tokens.hcm });
    expect(r.status).toBe(200);
    const codes = r.body.data.map((p: { code: string }) => p.code).sort();
    expect(codes).toEqual(["T-BDG-1", "T-BDG-2", "T-HCM-1", "T-HCM-2", "T-HCMO-1"]);
    expect(r.body.page.total).toBe(5);
  });

  it("a Lâm Đồng token cannot read or write Hồ Chí Minh City's project", async () => {
    const list = await call(projectsRoute, "GET", "/api/v1/projects", { token: tokens.ldg });
    expect(list.body.data).toEqual([]);
    const read = await call(projectRoute, "GET", "/api/v1/projects/T-HCM-1", { token: tokens.ldg, params: { code: "T-HCM-1" } });
    expect(read.status).toBe(403);
    const tx = await call(txRoute, "POST", "/api/v1/projects/T-HCM-1/transactions", {
      token: tokens.ldg,
      params: { code: "T-HCM-1" },
      body: { budgetLineId: 1, kind: "commitment", date: "2025-06-01", amount: 1000 },
    });
    expect(tx.status).toBe(403);
    const patch = await call(projectRoute, "PATCH", "/api/v1/projects/T-HCM-2", {
      token: tokens.ldg,
      params: { code: "T-HCM-2" },
      body: { version: 1, titleVi: "Chiếm quyền" },
    });
    expect(patch.status).toBe(403);
    const create = await call(projectsRoute, "POST", "/api/v1/projects", {
      token: tokens.ldg,
      body: { organisationId: fx.org("P-HCM"), titleVi: "x", descriptionVi: "y", domain: "transport", primaryNodeId: fx.node("DA950.1.1"), hostingModel: "government_cloud", operatorType: "government_agency" },
    });
    expect(create.status).toBe(403);
  });

  it("an unknown project is a JSON 404; an unknown API path too", async () => {
    const r = await call(projectRoute, "GET", "/api/v1/projects/NOPE-1", { token: tokens.coord, params: { code: "NOPE-1" } });
    expect(r.status).toBe(404);
    const s = await call(splatRoute, "GET", "/api/v1/nothing-here", { token: tokens.coord });
    expect([s.status, s.body.error.code]).toEqual([404, "not_found"]);
  });

  it("paginates with a cursor and next links until the end", async () => {
    const seen: string[] = [];
    let path: string | null = "/api/v1/projects?limit=3";
    let pages = 0;
    while (path) {
      const r = await call(projectsRoute, "GET", path, { token: tokens.coord });
      expect(r.status).toBe(200);
      expect(r.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...r.body.data.map((p: { code: string }) => p.code));
      path = r.body.page.next;
      if (path) expect(path).toMatch(/limit=3&cursor=/);
      pages++;
    }
    const total = (db.$client.prepare("SELECT COUNT(*) AS n FROM projects").get() as { n: number }).n;
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 3));
  });

  it("filters by organisation, province and phase; bad filters are 422", async () => {
    const org = await call(projectsRoute, "GET", "/api/v1/projects?organisation=M-MOST", { token: tokens.coord });
    expect(org.body.data.map((p: { code: string }) => p.code).sort()).toEqual(["T-MOST-1", "T-MOST-2"]);
    const prov = await call(projectsRoute, "GET", "/api/v1/projects?province=P-HCM&phase=pilot", { token: tokens.coord });
    expect(prov.body.data.map((p: { code: string }) => p.code)).toEqual(["T-HCM-1"]);
    const bad = await call(projectsRoute, "GET", "/api/v1/projects?phase=flying&limit=0", { token: tokens.coord });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors)).toContain("limit");
    const cursor = await call(projectsRoute, "GET", "/api/v1/projects?cursor=zzz", { token: tokens.coord });
    expect(cursor.status).toBe(400);
  });

  it("a project comes with its budget lines, plans, milestones, indicators and flags", async () => {
    const r = await call(projectRoute, "GET", "/api/v1/projects/T-HCM-1", { token: tokens.hcm, params: { code: "T-HCM-1" } });
    expect(r.status).toBe(200);
    expect(r.body.data.code).toBe("T-HCM-1");
    expect(r.body.data.budgetLines).toHaveLength(2);
    expect(r.body.data.budgetLines[0]).toMatchObject({ fiscalYear: 2025, approvedAmount: 5_000_000_000 });
    expect(Array.isArray(r.body.data.plannedDisbursements)).toBe(true);
    expect(Array.isArray(r.body.data.milestones)).toBe(true);
    expect(Array.isArray(r.body.data.indicators)).toBe(true);
    expect(Array.isArray(r.body.data.flags)).toBe(true);
  });

  it("lists plans in scope", async () => {
    const r = await call(plansRoute, "GET", "/api/v1/plans", { token: tokens.hcm });
    expect(r.body.data.map((p: { code: string }) => p.code).sort()).toEqual(["PL-BDG-2021", "PL-HCM-2025", "PL-HCM-2026"]);
    expect(r.body.data.find((p: { code: string }) => p.code === "PL-HCM-2026").projectCodes).toEqual(["T-HCM-1", "T-HCM-2"]);
  });
});

describe("writing projects", () => {
  let code: string;
  const base = () => ({
    titleVi: "Hệ thống giám sát giao thông thông minh",
    titleEn: "Smart traffic monitoring",
    descriptionVi: "Camera và trung tâm điều hành",
    domain: "transport",
    primaryNodeId: fx.node("DA950.1.1"),
    hostingModel: "government_cloud",
    operatorType: "government_agency",
    provinceId: fx.org("P-HCM"),
    components: ["camera", "ioc"],
    startDate: "2026-02-01",
  });

  it("422 with field errors in the request's language, and nothing written", async () => {
    const before = (db.$client.prepare("SELECT COUNT(*) AS n FROM projects").get() as { n: number }).n;
    const r = await call(projectsRoute, "POST", "/api/v1/projects", {
      token: tokens.hcm,
      body: { ...base(), titleVi: "", domain: "space", endDate: "2025-01-01", colour: "red" },
    });
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.errors).sort()).toEqual(["colour"]);
    const r2 = await call(projectsRoute, "POST", "/api/v1/projects", {
      token: tokens.hcm,
      body: { ...base(), titleVi: "", domain: "space", endDate: "2025-01-01" },
      headers: { "Accept-Language": "vi-VN" },
    });
    expect(r2.status).toBe(422);
    expect(Object.keys(r2.body.errors).sort()).toEqual(["domain", "endDate", "titleVi"]);
    expect(r2.body.errorCodes.titleVi).toEqual(["projects.error.titleViRequired"]);
    expect(r2.body.errors.titleVi[0]).not.toBe("projects.error.titleViRequired");
    const after = (db.$client.prepare("SELECT COUNT(*) AS n FROM projects").get() as { n: number }).n;
    expect(after).toBe(before);
  });

  it("bad JSON is 400, a non-JSON body 415, all as JSON", async () => {
    const bad = await call(projectsRoute, "POST", "/api/v1/projects", { token: tokens.hcm, body: "{oops" });
    expect([bad.status, bad.body.error.code]).toEqual([400, "invalid_json"]);
    const req = new Request("http://localhost/api/v1/projects", {
      method: "POST",
      headers: { Authorization: `Bearer ${tokens.hcm}`, "Content-Type": "text/plain" },
      body: "x",
    });
    const res = await projectsRoute.action({ request: req, params: {}, context: {} } as never);
    expect(res.status).toBe(415);
  });

  it("creates a project for the token's organisation with an audit event", async () => {
    const audits = auditCount("project.create");
    const r = await call(projectsRoute, "POST", "/api/v1/projects", { token: tokens.hcm, body: base() });
    expect(r.status).toBe(201);
    code = r.body.data.code;
    expect(code).toMatch(/^HCM-2026-\d{3}$/);
    expect(r.headers.get("location")).toBe(`/api/v1/projects/${code}`);
    expect(r.body.data).toMatchObject({ organisation: { code: "P-HCM" }, phase: "proposed", version: 1 });
    expect(auditCount("project.create")).toBe(audits + 1);
    const ev = db.$client
      .prepare("SELECT actor_label AS label, actor_user_id AS userId FROM audit_events WHERE action = 'project.create' ORDER BY id DESC LIMIT 1")
      .get() as { label: string; userId: number | null };
    expect(ev.label).toMatch(/^api-token:/);
  });

  it("updates from the version it read; a stale version is 409 and writes nothing", async () => {
    const audits = auditCount("project.update");
    const ok = await call(projectRoute, "PATCH", `/api/v1/projects/${code}`, {
      token: tokens.hcm,
      params: { code },
      body: { version: 1, titleEn: "Smart traffic monitoring, phase 1", components: ["camera", "ioc", "vms"] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data.version).toBe(2);
    expect(ok.body.changed.sort()).toEqual(["components", "titleEn"]);
    expect(auditCount("project.update")).toBe(audits + 1);
    const stale = await call(projectRoute, "PATCH", `/api/v1/projects/${code}`, {
      token: tokens.hcm,
      params: { code },
      body: { version: 1, titleEn: "Lost update" },
    });
    expect([stale.status, stale.body.error.code]).toEqual([409, "stale_version"]);
    expect(auditCount("project.update")).toBe(audits + 1);
    const missing = await call(projectRoute, "PATCH", `/api/v1/projects/${code}`, {
      token: tokens.hcm,
      params: { code },
      body: { titleEn: "No version" },
    });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.errors)).toEqual(["version"]);
  });

  it("a project in a submitted plan is 409 plan_locked", async () => {
    const r = await call(projectRoute, "PATCH", "/api/v1/projects/T-HCM-2", {
      token: tokens.hcm,
      params: { code: "T-HCM-2" },
      body: { version: 1, titleEn: "x" },
    });
    expect([r.status, r.body.error.code]).toEqual([409, "plan_locked"]);
  });

  it("an auditor token reads but never writes", async () => {
    const read = await call(projectRoute, "GET", "/api/v1/projects/T-HCM-1", { token: tokens.auditor, params: { code: "T-HCM-1" } });
    expect(read.status).toBe(200);
    const write = await call(projectsRoute, "POST", "/api/v1/projects", { token: tokens.auditor, body: base() });
    expect(write.status).toBe(403);
  });
});

describe("transactions and milestones", () => {
  /** The project's second line (local budget, nothing booked yet). */
  let lineId: number;
  beforeAll(() => {
    lineId = (
      db.$client
        .prepare("SELECT b.id FROM budget_lines b JOIN projects p ON p.id = b.project_id WHERE p.code = 'T-HCM-1' ORDER BY b.id LIMIT 1 OFFSET 1")
        .get() as { id: number }
    ).id;
  });

  it("books a commitment, refuses a bad one with field errors, and reverses", async () => {
    const bad = await call(txRoute, "POST", "/api/v1/projects/T-HCM-1/transactions", {
      token: tokens.hcm,
      params: { code: "T-HCM-1" },
      body: { budgetLineId: lineId, kind: "disbursement", date: "2025-13-01", amount: 12.5 },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(["amount", "date", "documentRef"]);
    const foreignLine = await call(txRoute, "POST", "/api/v1/projects/T-HCM-1/transactions", {
      token: tokens.hcm,
      params: { code: "T-HCM-1" },
      body: { budgetLineId: 999999, kind: "commitment", date: "2025-06-01", amount: 1000 },
    });
    expect(foreignLine.status).toBe(422);
    const audits = auditCount("transaction.create");
    const ok = await call(txRoute, "POST", "/api/v1/projects/T-HCM-1/transactions", {
      token: tokens.hcm,
      params: { code: "T-HCM-1" },
      body: { budgetLineId: lineId, kind: "commitment", date: "2025-06-01", amount: 2_000_000_000, documentRef: "QĐ 12/2025" },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.data).toMatchObject({ kind: "commitment", amount: 2_000_000_000, origin: "api" });
    expect(auditCount("transaction.create")).toBe(audits + 1);
    const id = ok.body.data.id as number;
    const rev = await call(reversalRoute, "POST", `/api/v1/projects/T-HCM-1/transactions/${id}/reversal`, {
      token: tokens.hcm,
      params: { code: "T-HCM-1", id: String(id) },
      body: { reason: "Nhập nhầm" },
    });
    expect(rev.status).toBe(201);
    expect(rev.body.data).toMatchObject({ amount: -2_000_000_000, reversesId: id, origin: "api" });
    expect(auditCount("transaction.reverse")).toBeGreaterThan(0);
    const again = await call(reversalRoute, "POST", `/api/v1/projects/T-HCM-1/transactions/${id}/reversal`, {
      token: tokens.hcm,
      params: { code: "T-HCM-1", id: String(id) },
      body: { reason: "Lần nữa" },
    });
    expect(again.status).toBe(409);
    const list = await call(txRoute, "GET", "/api/v1/projects/T-HCM-1/transactions?limit=2", { token: tokens.hcm, params: { code: "T-HCM-1" } });
    expect(list.body.data).toHaveLength(2);
    expect(list.body.page.next).toMatch(/cursor=/);
  });

  it("adds a milestone, edits it, marks it done, refuses a stale version", async () => {
    const bad = await call(milestonesRoute, "POST", "/api/v1/projects/T-HCM-1/milestones", {
      token: tokens.hcm,
      params: { code: "T-HCM-1" },
      body: { nameVi: "", dueDate: "31/12/2026", weight: 0 },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(["dueDate", "nameVi", "weight"]);
    const ok = await call(milestonesRoute, "POST", "/api/v1/projects/T-HCM-1/milestones", {
      token: tokens.hcm,
      params: { code: "T-HCM-1" },
      body: { nameVi: "Nghiệm thu giai đoạn 1", dueDate: "2026-06-30", weight: 3 },
    });
    expect(ok.status).toBe(201);
    const id = String(ok.body.data.id);
    expect(ok.body.data.version).toBe(1);
    const edit = await call(milestoneRoute, "PATCH", `/api/v1/projects/T-HCM-1/milestones/${id}`, {
      token: tokens.hcm,
      params: { code: "T-HCM-1", id },
      body: { version: 1, weight: 5 },
    });
    expect(edit.status).toBe(200);
    expect(edit.body.data).toMatchObject({ weight: 5, version: 2, nameVi: "Nghiệm thu giai đoạn 1" });
    const done = await call(milestoneRoute, "PATCH", `/api/v1/projects/T-HCM-1/milestones/${id}`, {
      token: tokens.hcm,
      params: { code: "T-HCM-1", id },
      body: { version: 2, doneDate: "2026-06-15" },
    });
    expect(done.body.data).toMatchObject({ doneDate: "2026-06-15", version: 3 });
    const stale = await call(milestoneRoute, "PATCH", `/api/v1/projects/T-HCM-1/milestones/${id}`, {
      token: tokens.hcm,
      params: { code: "T-HCM-1", id },
      body: { version: 2, weight: 1 },
    });
    expect(stale.status).toBe(409);
    expect(auditCount("milestone.create")).toBe(1);
    expect(auditCount("milestone.update")).toBe(1);
    expect(auditCount("milestone.done")).toBe(1);
    const other = await call(milestoneRoute, "PATCH", `/api/v1/projects/T-HCM-1/milestones/${id}`, {
      token: tokens.ldg,
      params: { code: "T-HCM-1", id },
      body: { version: 3, weight: 1 },
    });
    expect(other.status).toBe(403);
  });

  it("wrong methods are JSON 405", async () => {
    const r = await call(projectsRoute, "DELETE", "/api/v1/projects", { token: tokens.hcm });
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe("GET, POST");
  });
});
