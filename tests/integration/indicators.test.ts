/**
 * Project indicators through the real loader and action of
 * /projects/:code/indicators with real session cookies: add, edit, values by
 * period with their audit events, unit mismatch and ineligible targets
 * refused, removal with confirmation, stale edits refused, and who may do
 * what (every role against its own and a foreign organisation's project,
 * forged ids included).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client.server";
import { action, loader } from "~/routes/projects.$code_.indicators";
import { loader as nodeLoader } from "~/routes/strategy_.$code";
import type { PagesFixture } from "./helpers/pages-fixture";
import { call, count, lastAudit, setupProjectsDb, type Role } from "./projects-support";

let db: Db;
let fx: PagesFixture;
let cleanup: () => void;

/** T-BDG-1 belongs to LP-74 (merged into P-HCM) and is linked to DA950.2.1; T-LCU-2 to Lai Châu. */
const OWN = "T-BDG-1";
const FOREIGN = "T-LCU-2";

const q = <T = Record<string, unknown>>(sql: string, ...args: unknown[]) =>
  db.$client.prepare(sql).get(...args) as T;
const projectId = (code: string) => q<{ id: number }>("SELECT id FROM projects WHERE code = ?", code).id;
const targetOn = (node: string) =>
  q<{ id: number; unit: string }>(
    "SELECT t.id, t.unit FROM strategy_targets t JOIN strategy_nodes n ON n.id = t.node_id WHERE n.code = ? ORDER BY t.id",
    node,
  );
const path = (code: string) => `/projects/${code}/indicators`;
const post = (code: string, role: Role | undefined, form: Record<string, string | number | undefined>) =>
  call(action, path(code), { cookie: role ? fx.cookies[role] : undefined, params: { code }, form });
const get = (code: string, role?: Role, search = "") =>
  call(loader, `${path(code)}${search}`, { cookie: role ? fx.cookies[role] : undefined, params: { code } });

type PageData = Awaited<ReturnType<typeof loader>>;
const page = async (code: string, role: Role = "coordinator") => (await get(code, role)).data as PageData;

const indicatorForm = (overrides: Record<string, string | number | undefined> = {}) => ({
  intent: "indicator",
  nameVi: "Tỷ lệ đô thị có GIS",
  nameEn: "Cities with GIS",
  unit: "%",
  baseline: "20",
  baselineYear: 2024,
  target: "80",
  targetYear: 2030,
  ...overrides,
});

async function addIndicator(code: string, overrides: Record<string, string | number | undefined> = {}) {
  const res = await post(code, "coordinator", indicatorForm(overrides));
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  return q<{ id: number }>(
    "SELECT id FROM indicators WHERE project_id = ? ORDER BY id DESC LIMIT 1",
    projectId(code),
  ).id;
}

const errorsOf = (res: { data?: unknown }) =>
  (res.data as { result?: { error?: Record<string, string[] | null> } }).result?.error ?? {};

beforeAll(() => {
  ({ db, fx, cleanup } = setupProjectsDb());
  // A target on an ancestor (DA950.2) of T-BDG-1's node, and one on a node it is not linked to.
  db.$client
    .prepare(
      "INSERT INTO strategy_targets (node_id, name_vi, unit, target, target_year) VALUES (?, ?, ?, ?, ?)",
    )
    .run(fx.node("DA950.2"), "Số vụ tai nạn giao thông", "vụ", 50, 2030);
});
afterAll(() => cleanup());

describe("indicators: add, edit, values, audit", () => {
  it("adds an indicator linked to a target of the project's node, with an audit event", async () => {
    const target = targetOn("DA950.2.1");
    const res = await post(
      OWN,
      "plannerHcm",
      indicatorForm({ unit: " Phần trăm ", strategyTargetId: target.id }),
    );
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    expect(res.location).toMatch(/done=created/);
    const row = q<{ id: number; unit: string; strategy_target_id: number; baseline: number }>(
      "SELECT * FROM indicators WHERE project_id = ? ORDER BY id DESC LIMIT 1",
      projectId(OWN),
    );
    expect(row).toMatchObject({ unit: "Phần trăm", strategy_target_id: target.id, baseline: 20 });
    const audit = lastAudit(db);
    expect(audit).toMatchObject({
      action: "indicator.create",
      entity_type: "indicator",
      entity_id: String(row.id),
    });
    expect(audit.organisation_id).toBe(fx.org("LP-74"));
    expect(audit.actor_user_id).toBe(fx.userIds.plannerHcm);
    expect(JSON.parse(audit.after!)).toMatchObject({ nameVi: "Tỷ lệ đô thị có GIS", projectCode: OWN });
  });

  it("accepts a target of an ancestor node, refuses a target of a node the project is not linked to", async () => {
    const ancestor = targetOn("DA950.2");
    const ok = await post(
      OWN,
      "coordinator",
      indicatorForm({
        nameVi: "Số vụ tai nạn",
        unit: "Vụ",
        baseline: "120",
        target: "60",
        strategyTargetId: ancestor.id,
      }),
    );
    expect(ok.status, JSON.stringify(ok.data)).toBe(302);
    const before = count(db, "SELECT * FROM indicators");
    const audits = count(db, "SELECT * FROM audit_events");
    const other = targetOn("DA950.3.1");
    const refused = await post(
      OWN,
      "coordinator",
      indicatorForm({ unit: other.unit, strategyTargetId: other.id }),
    );
    expect(refused.status).toBe(409);
    expect(errorsOf(refused).strategyTargetId?.[0]).toMatch(/không thuộc nút chiến lược/);
    expect(count(db, "SELECT * FROM indicators")).toBe(before);
    expect(count(db, "SELECT * FROM audit_events")).toBe(audits);
  });

  it("refuses a unit that differs from the target's unit, beside the unit field, writing nothing", async () => {
    const target = targetOn("DA950.2.1");
    const before = count(db, "SELECT * FROM indicators");
    const audits = count(db, "SELECT * FROM audit_events");
    const res = await post(
      OWN,
      "coordinator",
      indicatorForm({ unit: "hệ thống", strategyTargetId: target.id }),
    );
    expect(res.status).toBe(409);
    expect(errorsOf(res).unit?.[0]).toContain("“hệ thống”");
    expect(errorsOf(res).unit?.[0]).toContain("“%”");
    expect(count(db, "SELECT * FROM indicators")).toBe(before);
    expect(count(db, "SELECT * FROM audit_events")).toBe(audits);
  });

  it("validates with localised messages beside the fields (vi and en decimals)", async () => {
    const res = await post(
      OWN,
      "coordinator",
      indicatorForm({ nameVi: "", unit: "", baseline: "12.5", targetYear: 1800 }),
    );
    expect(res.status).toBe(400);
    const e = errorsOf(res);
    expect(e.nameVi).toEqual(["indicators.error.nameViRequired"]);
    expect(e.unit).toEqual(["indicators.error.unitRequired"]);
    expect(e.baseline).toEqual(["indicators.error.numberInvalid"]); // "12.5" is not a Vietnamese decimal
    expect(e.targetYear).toEqual(["indicators.error.yearRange"]);
    // In English "12.5" is fine.
    const en = await call(action, path(OWN), {
      cookie: `${fx.cookies.coordinator}; cp_lang=en`,
      params: { code: OWN },
      form: indicatorForm({ nameVi: "English decimals", unit: "điểm", baseline: "12.5", target: "1,234.5" }),
    });
    expect(en.status, JSON.stringify(en.data)).toBe(302);
    expect(q("SELECT baseline, target FROM indicators WHERE name_vi = 'English decimals'")).toEqual({
      baseline: 12.5,
      target: 1234.5,
    });
  });

  it("edits with the version it started from; a stale edit is refused and overwrites nothing", async () => {
    const id = await addIndicator(OWN, {
      nameVi: "Chỉ số để sửa",
      unit: "trạm",
      baseline: "1",
      target: "10",
    });
    const view = (await page(OWN)).indicators.find((i) => i.id === id)!;
    const first = await post(
      OWN,
      "plannerHcm",
      indicatorForm({
        indicatorId: id,
        version: view.version,
        nameVi: "Đã sửa",
        unit: "trạm",
        target: "12,5",
      }),
    );
    expect(first.status, JSON.stringify(first.data)).toBe(302);
    expect(q("SELECT name_vi AS n, target FROM indicators WHERE id = ?", id)).toEqual({
      n: "Đã sửa",
      target: 12.5,
    });
    const audit = lastAudit(db);
    expect(audit.action).toBe("indicator.update");
    expect(JSON.parse(audit.before!)).toMatchObject({ nameVi: "Chỉ số để sửa", target: 10 });
    expect(JSON.parse(audit.after!)).toMatchObject({ nameVi: "Đã sửa", target: 12.5 });
    // Second save from the same (now old) page.
    const stale = await post(
      OWN,
      "coordinator",
      indicatorForm({ indicatorId: id, version: view.version, nameVi: "Ghi đè", unit: "trạm" }),
    );
    expect(stale.status).toBe(409);
    expect((stale.data as { stale?: boolean }).stale).toBe(true);
    expect(q<{ n: string }>("SELECT name_vi AS n FROM indicators WHERE id = ?", id).n).toBe("Đã sửa");
  });

  it("records values by period, refuses a second value for a period unless replacing, and audits both", async () => {
    const id = await addIndicator(OWN, {
      nameVi: "Giá trị theo kỳ",
      unit: "vụ",
      baseline: "120",
      target: "60",
    });
    const add = (period: string, value: string, replace?: string) =>
      post(OWN, "plannerHcm", { intent: "value", indicatorId: id, period, value, note: "báo cáo", replace });
    expect((await add("2025", "100")).status).toBe(302);
    expect(lastAudit(db)).toMatchObject({ action: "indicator.value.create", entity_type: "indicator_value" });
    expect((await add("2026-q1", "95,5")).status).toBe(302);
    expect(
      q(
        "SELECT period, period_start AS s, period_end AS e, value FROM indicator_values WHERE indicator_id = ? AND period = '2026-Q1'",
        id,
      ),
    ).toEqual({
      period: "2026-Q1",
      s: "2026-01-01",
      e: "2026-03-31",
      value: 95.5,
    });
    const audits = count(db, "SELECT * FROM audit_events");
    const taken = await add("2025", "90");
    expect(taken.status).toBe(409);
    expect(errorsOf(taken).period?.[0]).toMatch(/2025 đã có giá trị 100/);
    expect(count(db, "SELECT * FROM audit_events")).toBe(audits);
    const replaced = await add("2025", "90", "on");
    expect(replaced.status).toBe(302);
    expect(replaced.location).toMatch(/done=replaced/);
    expect(q("SELECT value FROM indicator_values WHERE indicator_id = ? AND period = '2025'", id)).toEqual({
      value: 90,
    });
    const audit = lastAudit(db);
    expect(audit.action).toBe("indicator.value.replace");
    expect(JSON.parse(audit.before!)).toMatchObject({ value: 100 });
    expect(JSON.parse(audit.after!)).toMatchObject({ value: 90 });
    const bad = await add("2025-Q5", "abc");
    expect(bad.status).toBe(400);
    expect(errorsOf(bad)).toMatchObject({
      period: ["indicators.error.periodFormat"],
      value: ["indicators.error.numberInvalid"],
    });

    // The page shows baseline → latest → target with progress on a decreasing target.
    const shown = (await page(OWN, "plannerHcm")).indicators.find((i) => i.id === id)!;
    expect(shown).toMatchObject({ latestValue: 95.5, latestPeriod: "2026-Q1", valueCount: 2 });
    expect(shown.progress).toMatchObject({ kind: "ratio", direction: "decrease" });
    expect(shown.values.map((v) => v.period)).toEqual(["2025", "2026-Q1"]);

    // Removing a value (a correction) is audited with the value removed.
    const q1 = shown.values.find((v) => v.period === "2026-Q1")!;
    const removed = await post(OWN, "plannerHcm", { intent: "removeValue", indicatorId: id, valueId: q1.id });
    expect(removed.status).toBe(302);
    expect(removed.location).toMatch(/done=valueRemoved&period=2026-Q1/);
    expect(count(db, "SELECT * FROM indicator_values WHERE id = ?", q1.id)).toBe(0);
    expect(lastAudit(db)).toMatchObject({ action: "indicator.value.delete", entity_id: String(q1.id) });
    expect(JSON.parse(lastAudit(db).before!)).toMatchObject({ period: "2026-Q1", value: 95.5 });
  });

  it("removes an indicator without values at once, one with values only after confirmation", async () => {
    const empty = await addIndicator(OWN, { nameVi: "Không giá trị", unit: "trạm" });
    let v = (await page(OWN)).indicators.find((i) => i.id === empty)!;
    expect(
      (await post(OWN, "plannerHcm", { intent: "remove", indicatorId: empty, version: v.version })).status,
    ).toBe(302);
    expect(count(db, "SELECT * FROM indicators WHERE id = ?", empty)).toBe(0);
    expect(lastAudit(db).action).toBe("indicator.delete");

    const full = await addIndicator(OWN, { nameVi: "Có giá trị", unit: "trạm" });
    await post(OWN, "plannerHcm", { intent: "value", indicatorId: full, period: "2025", value: "3" });
    v = (await page(OWN)).indicators.find((i) => i.id === full)!;
    const refused = await post(OWN, "plannerHcm", {
      intent: "remove",
      indicatorId: full,
      version: v.version,
    });
    expect(refused.status).toBe(409);
    expect(count(db, "SELECT * FROM indicators WHERE id = ?", full)).toBe(1);
    const ok = await post(OWN, "plannerHcm", {
      intent: "remove",
      indicatorId: full,
      version: v.version,
      withValues: "on",
    });
    expect(ok.status).toBe(302);
    expect(count(db, "SELECT * FROM indicator_values WHERE indicator_id = ?", full)).toBe(0);
    expect(JSON.parse(lastAudit(db).before!).values).toHaveLength(1);
  });
});

describe("indicators: permissions", () => {
  let ownId: number;
  let foreignId: number;
  beforeAll(async () => {
    ownId = await addIndicator(OWN, { nameVi: "Chỉ số của HCM", unit: "trạm" });
    foreignId = await addIndicator(FOREIGN, { nameVi: "Chỉ số của Lai Châu", unit: "trạm" });
  });

  it("reads: own organisation for planners, everything for coordinator, leader, auditor; 403 otherwise", async () => {
    expect((await get(OWN, "plannerHcm")).status).toBe(200);
    expect((await get(FOREIGN, "plannerHcm")).status).toBe(403);
    expect((await get(OWN, "plannerLaiChau")).status).toBe(403);
    expect((await get(FOREIGN, "plannerLaiChau")).status).toBe(200);
    for (const role of ["coordinator", "leader", "auditor"] as Role[]) {
      const res = await get(FOREIGN, role);
      expect(res.status, role).toBe(200);
      expect((res.data as PageData).canEdit, role).toBe(role === "coordinator");
    }
    expect((await get(OWN)).status).toBe(302);
    expect((await get("NOPE-1", "coordinator")).status).toBe(404);
  });

  it("writes: 403 for leaders, auditors, admins and planners of another organisation; nothing written", async () => {
    const indicators = count(db, "SELECT * FROM indicators");
    const values = count(db, "SELECT * FROM indicator_values");
    const audits = count(db, "SELECT * FROM audit_events");
    const forms = (id: number) => [
      indicatorForm({ nameVi: "Xâm nhập" }),
      { intent: "value", indicatorId: id, period: "2025", value: "1" },
      { intent: "remove", indicatorId: id, version: "x", withValues: "on" },
    ];
    for (const role of ["leader", "auditor", "admin"] as Role[]) {
      for (const form of forms(ownId))
        expect((await post(OWN, role, form)).status, `${role} ${form.intent}`).toBe(403);
    }
    for (const form of forms(foreignId)) expect((await post(FOREIGN, "plannerHcm", form)).status).toBe(403);
    for (const form of forms(ownId)) expect((await post(OWN, "plannerLaiChau", form)).status).toBe(403);
    expect((await post(OWN, undefined, forms(ownId)[0])).status).toBe(302); // to /login
    expect(count(db, "SELECT * FROM indicators")).toBe(indicators);
    expect(count(db, "SELECT * FROM indicator_values")).toBe(values);
    expect(count(db, "SELECT * FROM audit_events")).toBe(audits);
  });

  it("forged ids: a planner cannot reach another project's indicator or value through their own project's URL", async () => {
    await post(FOREIGN, "coordinator", {
      intent: "value",
      indicatorId: foreignId,
      period: "2025",
      value: "7",
    });
    const foreignValue = q<{ id: number }>(
      "SELECT id FROM indicator_values WHERE indicator_id = ?",
      foreignId,
    ).id;
    const foreignVersion = (await page(FOREIGN)).indicators.find((i) => i.id === foreignId)!.version;
    const audits = count(db, "SELECT * FROM audit_events");
    const attempts = [
      indicatorForm({ indicatorId: foreignId, version: foreignVersion, nameVi: "Chiếm", unit: "trạm" }),
      { intent: "value", indicatorId: foreignId, period: "2026", value: "1" },
      { intent: "value", indicatorId: foreignId, period: "2025", value: "1", replace: "on" },
      { intent: "remove", indicatorId: foreignId, version: foreignVersion, withValues: "on" },
      { intent: "removeValue", indicatorId: foreignId, valueId: foreignValue },
      { intent: "removeValue", indicatorId: ownId, valueId: foreignValue },
    ];
    for (const form of attempts) {
      const res = await post(OWN, "plannerHcm", form);
      expect(res.status, JSON.stringify(form)).toBe(404);
    }
    // A strategy target of a node the project is not linked to, forged into the select.
    const forged = await post(
      OWN,
      "plannerHcm",
      indicatorForm({ unit: "nút giao", strategyTargetId: targetOn("DA950.4.1").id }),
    );
    expect(forged.status).toBe(409);
    expect(q("SELECT name_vi AS n FROM indicators WHERE id = ?", foreignId)).toEqual({
      n: "Chỉ số của Lai Châu",
    });
    expect(q("SELECT value FROM indicator_values WHERE id = ?", foreignValue)).toEqual({ value: 7 });
    expect(count(db, "SELECT * FROM audit_events")).toBe(audits);
  });

  it("the strategy node page shows the roll-up of linked indicators", async () => {
    const res = await call(nodeLoader, "/strategy/DA950.2.1", {
      cookie: fx.cookies.leader,
      params: { code: "DA950.2.1" },
    });
    expect(res.status).toBe(200);
    const rollups = (
      res.data as { targetRollups: { unit: string; aggregation: string; indicators: number }[] }
    ).targetRollups;
    expect(rollups[0]).toMatchObject({ unit: "%", aggregation: "mean", indicators: 1 });
  });
});
