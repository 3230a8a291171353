/**
 * Derived money-and-time figures on a real SQLite file with generated demo
 * data (plus a reversing entry and a legacy-province project): every figure
 * at every level (project, plan, organisation with and without the legacy
 * roll-up, current province, strategy node, fiscal year) equals an
 * independent computation — JavaScript sums over raw rows fetched
 * separately — and the cumulative curves end at the total disbursed. Then
 * the project and plan page loaders show the same figures to the right
 * people.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { seedAll } from "#seeds/index";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import {
  disbursementRate,
  physicalProgress,
  quarterOf,
  type MoneyFigures,
} from "~/modules/finance/figures";
import {
  disbursementCurve,
  figuresByFiscalYear,
  figuresByOrganisation,
  figuresByPlan,
  figuresByProvince,
  figuresByStrategyNode,
  planFigures,
  projectFigures,
  type KeyedFigures,
} from "~/modules/finance/figures.server";
import { successorIdOf } from "~/modules/organisations/succession.server";
import { loader as projectLoader } from "~/routes/projects.$code";
import { loader as planLoader } from "~/routes/plans.$id";
import { createTestDb } from "./helpers/db";

const ASOF = "2026-11-26";

interface Raw {
  projects: {
    id: number;
    code: string;
    planId: number | null;
    organisationId: number;
    provinceId: number | null;
  }[];
  lines: { id: number; projectId: number; fiscalYear: number; approvedAmount: number }[];
  txs: { projectId: number; budgetLineId: number; kind: string; date: string; amount: number }[];
  milestones: { projectId: number; dueDate: string; doneDate: string | null; weight: number }[];
  planned: { projectId: number; fiscalYear: number; quarter: number; amount: number }[];
  links: { projectId: number; nodeId: number }[];
  nodes: { id: number; path: string }[];
}

let db: Db;
let cleanup: () => void;
let raw: Raw;
let reversedProjectId: number;
let legacyProjectId: number;
const cookies: Record<string, string> = {};

function load(): Raw {
  const all = <T>(sql: string) => db.$client.prepare(sql).all() as T[];
  return {
    projects: all(
      `SELECT id, code, plan_id AS planId, organisation_id AS organisationId, province_id AS provinceId FROM projects`,
    ),
    lines: all(
      `SELECT id, project_id AS projectId, fiscal_year AS fiscalYear, approved_amount AS approvedAmount FROM budget_lines`,
    ),
    txs: all(
      `SELECT project_id AS projectId, budget_line_id AS budgetLineId, kind, date, amount FROM transactions`,
    ),
    milestones: all(
      `SELECT project_id AS projectId, due_date AS dueDate, done_date AS doneDate, weight FROM milestones`,
    ),
    planned: all(
      `SELECT project_id AS projectId, fiscal_year AS fiscalYear, quarter, amount FROM planned_disbursements`,
    ),
    links: all(`SELECT project_id AS projectId, node_id AS nodeId FROM project_strategy_nodes`),
    nodes: all(`SELECT id, path FROM strategy_nodes`),
  };
}

/** Figures of a set of projects, summed in JavaScript over the raw rows. */
function expected(projectIds: Iterable<number>): MoneyFigures {
  const ids = new Set(projectIds);
  let approved = 0,
    committed = 0,
    disbursed = 0,
    spent = 0,
    weightTotal = 0,
    weightDone = 0,
    overdue = 0;
  for (const l of raw.lines) if (ids.has(l.projectId)) approved += l.approvedAmount;
  for (const t of raw.txs) {
    if (!ids.has(t.projectId)) continue;
    if (t.kind === "commitment") committed += t.amount;
    else if (t.kind === "disbursement") disbursed += t.amount;
    else if (t.kind === "expenditure") spent += t.amount;
  }
  for (const m of raw.milestones) {
    if (!ids.has(m.projectId)) continue;
    weightTotal += m.weight;
    if (m.doneDate !== null) weightDone += m.weight;
    else if (m.dueDate < ASOF) overdue += 1;
  }
  return {
    projects: ids.size,
    approved,
    committed,
    disbursed,
    spent,
    disbursementRate: disbursementRate(disbursed, approved),
    weightTotal,
    weightDone,
    progress: physicalProgress(weightDone, weightTotal),
    overdue,
  };
}

/** Compare with rates to 12 digits (SQL and JS divide the same integers). */
function expectFigures(actual: MoneyFigures, want: MoneyFigures, label: string) {
  const { disbursementRate: ar, progress: ap, ...a } = actual;
  const { disbursementRate: wr, progress: wp, ...w } = want;
  expect(a, label).toEqual(w);
  if (wr === null) expect(ar, label).toBeNull();
  else expect(ar, label).toBeCloseTo(wr, 12);
  if (wp === null) expect(ap, label).toBeNull();
  else expect(ap, label).toBeCloseTo(wp, 12);
}

function groupIds(key: (p: Raw["projects"][number]) => number | null): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (const p of raw.projects) {
    const k = key(p);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), p.id]);
  }
  return groups;
}

function expectGroups(rows: KeyedFigures[], groups: Map<number, number[]>, label: string) {
  expect(new Set(rows.map((r) => r.key)), label).toEqual(new Set(groups.keys()));
  for (const r of rows) {
    const { key, ...figures } = r;
    expectFigures(figures, expected(groups.get(key)!), `${label} ${key}`);
  }
}

beforeAll(async () => {
  const t = createTestDb();
  db = t.db;
  cleanup = t.cleanup;
  await seedAll(db, { scale: 0.1, seed: 5 });
  const c = db.$client;
  // A reversing entry: half of one disbursement taken back (a negative row pointing at it).
  const d = c
    .prepare(
      `SELECT id, project_id AS projectId, budget_line_id AS lineId, amount FROM transactions
        WHERE kind = 'disbursement' ORDER BY amount DESC LIMIT 1`,
    )
    .get() as { id: number; projectId: number; lineId: number; amount: number };
  c.prepare(
    `INSERT INTO transactions (project_id, budget_line_id, kind, date, amount, reverses_id, note)
     VALUES (?, ?, 'disbursement', '2026-10-15', ?, ?, 'reversal for the test')`,
  ).run(d.projectId, d.lineId, -d.amount, d.id);
  reversedProjectId = d.projectId;
  // Make sure a project located in and owned by a legacy province exists (Bình Dương, merged into HCM).
  const legacy = c
    .prepare(
      `SELECT p.id FROM projects p JOIN organisations o ON o.id = p.province_id
        WHERE o.valid_to IS NOT NULL ORDER BY p.id LIMIT 1`,
    )
    .get() as { id: number } | undefined;
  legacyProjectId = legacy!.id;
  raw = load();
  setDb(db);
  for (const [key, email] of Object.entries({
    plannerHcm: "planner.hcm@demo.citypilot.vn",
    plannerLaiChau: "planner.laichau@demo.citypilot.vn",
    leader: "leader@demo.citypilot.vn",
  })) {
    const user = c.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: number };
    cookies[key] = `${SESSION_COOKIE}=${createSession(db, user.id).token}`;
  }
}, 60_000);

afterAll(() => {
  setDb(undefined);
  cleanup?.();
});

describe("figures equal an independent computation", () => {
  it("per project, for every project (the reversed one nets the reversal)", () => {
    for (const p of raw.projects) {
      expectFigures(projectFigures(db, p.id, ASOF), expected([p.id]), p.code);
    }
    const gross = raw.txs
      .filter((t) => t.projectId === reversedProjectId && t.kind === "disbursement" && t.amount > 0)
      .reduce((s, t) => s + t.amount, 0);
    const net = projectFigures(db, reversedProjectId, ASOF).disbursed;
    expect(net).toBeLessThan(gross);
    expect(gross - net).toBe(
      -raw.txs.filter((t) => t.projectId === reversedProjectId && t.amount < 0).reduce((s, t) => s + t.amount, 0),
    );
  });

  it("a project with nothing recorded has zeros and no rate or progress", () => {
    const c = db.$client;
    const org = c.prepare(`SELECT id FROM organisations WHERE code = 'P-HCM'`).get() as { id: number };
    const id = Number(
      c
        .prepare(
          `INSERT INTO projects (code, organisation_id, title_vi, description_vi, domain, hosting_model, operator_type)
           VALUES ('T-FIN-EMPTY', ?, 'Trống', 'Trống', 'governance', 'government_cloud', 'government_agency')`,
        )
        .run(org.id).lastInsertRowid,
    );
    try {
      const f = projectFigures(db, id, ASOF);
      expect(f).toMatchObject({ projects: 1, approved: 0, disbursed: 0, disbursementRate: null, progress: null });
      expect(disbursementCurve(db, { kind: "project", id })).toEqual([]);
    } finally {
      c.prepare(`DELETE FROM projects WHERE id = ?`).run(id);
    }
  });

  it("per plan: each plan's total and project rows, and the national per-plan list", () => {
    const byPlan = groupIds((p) => p.planId);
    expect(byPlan.size).toBeGreaterThan(5);
    expectGroups(figuresByPlan(db, ASOF), byPlan, "plan");
    for (const [planId, ids] of byPlan) {
      const { totals, projects } = planFigures(db, planId, ASOF);
      expectFigures(totals, expected(ids), `plan ${planId} total`);
      expect(projects.map((r) => r.projectId).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
      for (const r of projects) {
        const { projectId, code: _c, titleVi: _v, titleEn: _e, ...f } = r;
        expectFigures(f, expected([projectId]), `plan ${planId} project ${projectId}`);
      }
    }
  });

  it("per organisation, as recorded and with legacy units rolled into their successor", () => {
    expectGroups(figuresByOrganisation(db, ASOF), groupIds((p) => p.organisationId), "owner");
    const rolled = groupIds((p) => successorIdOf(db, p.organisationId, ASOF));
    expectGroups(figuresByOrganisation(db, ASOF, { rollLegacy: true }), rolled, "owner (current)");
    // The roll-up changes something: some legacy owner exists and vanishes as a key.
    const legacyOwners = raw.projects.filter((p) => successorIdOf(db, p.organisationId, ASOF) !== p.organisationId);
    expect(legacyOwners.length).toBeGreaterThan(0);
    const keys = new Set(figuresByOrganisation(db, ASOF, { rollLegacy: true }).map((r) => r.key));
    for (const p of legacyOwners) expect(keys.has(p.organisationId)).toBe(false);
  });

  it("per current province: legacy provinces roll into their 2025 successor", () => {
    const groups = groupIds((p) => (p.provinceId === null ? null : successorIdOf(db, p.provinceId, ASOF)));
    expectGroups(figuresByProvince(db, ASOF), groups, "province");
    // The legacy project counts in its successor; before the merger it counted for itself.
    const legacy = raw.projects.find((p) => p.id === legacyProjectId)!;
    const successor = successorIdOf(db, legacy.provinceId!, ASOF)!;
    expect(successor).not.toBe(legacy.provinceId);
    expect(groups.get(successor)).toContain(legacyProjectId);
    const before = figuresByProvince(db, "2025-06-30");
    expect(before.some((r) => r.key === legacy.provinceId)).toBe(true);
    const sum = (rows: KeyedFigures[]) => rows.reduce((s, r) => s + r.approved, 0);
    expect(sum(before)).toBe(sum(figuresByProvince(db, ASOF)));
  });

  it("per strategy node: the subtree by path, a project counted once per node", () => {
    const groups = new Map<number, number[]>();
    for (const a of raw.nodes) {
      const beneath = new Set(raw.nodes.filter((d) => d.path.startsWith(a.path)).map((d) => d.id));
      const ids = new Set(raw.links.filter((l) => beneath.has(l.nodeId)).map((l) => l.projectId));
      if (ids.size > 0) groups.set(a.id, [...ids]);
    }
    // Some project is linked to two nodes of one subtree, and still counted once.
    expect(raw.links.length).toBeGreaterThan(new Set(raw.links.map((l) => l.projectId)).size);
    expectGroups(figuresByStrategyNode(db, ASOF), groups, "node");
  });

  it("per fiscal year, nationally and for a project", () => {
    const lineYear = new Map(raw.lines.map((l) => [l.id, l.fiscalYear]));
    const check = (rows: KeyedFigures[], ids: Set<number> | null) => {
      const inScope = (id: number) => ids === null || ids.has(id);
      const years = new Set<number>();
      for (const l of raw.lines) if (inScope(l.projectId)) years.add(l.fiscalYear);
      for (const t of raw.txs) if (inScope(t.projectId)) years.add(lineYear.get(t.budgetLineId)!);
      for (const m of raw.milestones) if (inScope(m.projectId)) years.add(Number(m.dueDate.slice(0, 4)));
      expect(rows.map((r) => r.key)).toEqual([...years].sort((a, b) => a - b));
      for (const r of rows) {
        const approved = raw.lines
          .filter((l) => inScope(l.projectId) && l.fiscalYear === r.key)
          .reduce((s, l) => s + l.approvedAmount, 0);
        const sumKind = (kind: string) =>
          raw.txs
            .filter((t) => inScope(t.projectId) && t.kind === kind && lineYear.get(t.budgetLineId) === r.key)
            .reduce((s, t) => s + t.amount, 0);
        const ms = raw.milestones.filter((m) => inScope(m.projectId) && Number(m.dueDate.slice(0, 4)) === r.key);
        const wt = ms.reduce((s, m) => s + m.weight, 0);
        const wd = ms.filter((m) => m.doneDate !== null).reduce((s, m) => s + m.weight, 0);
        expect(r).toMatchObject({
          approved,
          committed: sumKind("commitment"),
          disbursed: sumKind("disbursement"),
          spent: sumKind("expenditure"),
          weightTotal: wt,
          weightDone: wd,
          overdue: ms.filter((m) => m.doneDate === null && m.dueDate < ASOF).length,
        });
        const rate = disbursementRate(sumKind("disbursement"), approved);
        if (rate === null) expect(r.disbursementRate).toBeNull();
        else expect(r.disbursementRate).toBeCloseTo(rate, 12);
      }
      // The years add up to the whole.
      const all = expected(ids ?? raw.projects.map((p) => p.id));
      expect(rows.reduce((s, r) => s + r.disbursed, 0)).toBe(all.disbursed);
      expect(rows.reduce((s, r) => s + r.approved, 0)).toBe(all.approved);
    };
    check(figuresByFiscalYear(db, ASOF), null);
    check(figuresByFiscalYear(db, ASOF, { kind: "project", id: reversedProjectId }), new Set([reversedProjectId]));
  });
});

describe("cumulative planned vs actual disbursement", () => {
  function expectCurve(
    points: ReturnType<typeof disbursementCurve>,
    ids: Set<number> | null,
    label: string,
  ) {
    const inScope = (id: number) => ids === null || ids.has(id);
    const planned = new Map<number, number>();
    const actual = new Map<number, number>();
    for (const p of raw.planned) {
      if (!inScope(p.projectId)) continue;
      const k = p.fiscalYear * 10 + p.quarter;
      planned.set(k, (planned.get(k) ?? 0) + p.amount);
    }
    for (const t of raw.txs) {
      if (!inScope(t.projectId) || t.kind !== "disbursement") continue;
      const q = quarterOf(t.date);
      const k = q.year * 10 + q.quarter;
      actual.set(k, (actual.get(k) ?? 0) + t.amount);
    }
    const keys = [...new Set([...planned.keys(), ...actual.keys()])].sort((a, b) => a - b);
    let cp = 0,
      ca = 0;
    const want = keys.map((k) => {
      cp += planned.get(k) ?? 0;
      ca += actual.get(k) ?? 0;
      return {
        year: Math.floor(k / 10),
        quarter: k % 10,
        planned: planned.get(k) ?? 0,
        actual: actual.get(k) ?? 0,
        cumPlanned: cp,
        cumActual: ca,
      };
    });
    expect(points, label).toEqual(want);
  }

  it("for a project (with a reversal), a plan and nationally; the last actual is the total disbursed", () => {
    const planId = raw.projects.find((p) => p.id === reversedProjectId)!.planId;
    const scopes = [
      { scope: { kind: "project" as const, id: reversedProjectId }, ids: new Set([reversedProjectId]) },
      ...(planId === null
        ? []
        : [
            {
              scope: { kind: "plan" as const, id: planId },
              ids: new Set(raw.projects.filter((p) => p.planId === planId).map((p) => p.id)),
            },
          ]),
      { scope: { kind: "national" as const }, ids: null },
    ];
    for (const { scope, ids } of scopes) {
      const points = disbursementCurve(db, scope);
      expectCurve(points, ids, scope.kind);
      const total = expected(ids ?? raw.projects.map((p) => p.id)).disbursed;
      expect(points.at(-1)!.cumActual, scope.kind).toBe(total);
      const plannedTotal = raw.planned
        .filter((p) => ids === null || ids.has(p.projectId))
        .reduce((s, p) => s + p.amount, 0);
      expect(points.at(-1)!.cumPlanned).toBe(plannedTotal);
    }
  });
});

describe("pages", () => {
  type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
  async function run(loader: Loader, path: string, params: Record<string, string>, cookie: string) {
    const request = new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
    try {
      return { data: (await loader({ request, params, context: {} })) as Record<string, unknown> };
    } catch (e) {
      if (e instanceof Response) return { response: e };
      throw e;
    }
  }

  it("the project page carries the money-and-time summary; another province's planner gets 403", async () => {
    const hcm = db.$client
      .prepare(
        `SELECT p.id, p.code FROM projects p JOIN organisations o ON o.id = p.organisation_id
          WHERE o.code = 'P-HCM' AND EXISTS (SELECT 1 FROM transactions t WHERE t.project_id = p.id) LIMIT 1`,
      )
      .get() as { id: number; code: string };
    const own = await run(projectLoader, `/projects/${hcm.code}`, { code: hcm.code }, cookies.plannerHcm);
    const m = own.data!.moneyAndTime as { figures: MoneyFigures; curve: unknown[] };
    expectFigures(m.figures, expected([hcm.id]), hcm.code);
    expect(m.curve.length).toBeGreaterThan(0);
    const leader = await run(projectLoader, `/projects/${hcm.code}`, { code: hcm.code }, cookies.leader);
    expect((leader.data!.moneyAndTime as { figures: MoneyFigures }).figures.approved).toBe(m.figures.approved);
    const other = await run(projectLoader, `/projects/${hcm.code}`, { code: hcm.code }, cookies.plannerLaiChau);
    expect(other.response?.status).toBe(403);
  });

  it("the plan page carries the plan's money section", async () => {
    const plan = db.$client
      .prepare(
        `SELECT pl.id FROM plans pl JOIN organisations o ON o.id = pl.organisation_id
          WHERE o.code = 'P-HCM' AND EXISTS (SELECT 1 FROM projects p WHERE p.plan_id = pl.id) LIMIT 1`,
      )
      .get() as { id: number };
    const r = await run(planLoader, `/plans/${plan.id}`, { id: String(plan.id) }, cookies.plannerHcm);
    const money = r.data!.money as { totals: MoneyFigures; projects: unknown[] };
    const ids = raw.projects.filter((p) => p.planId === plan.id).map((p) => p.id);
    expectFigures(money.totals, expected(ids), "plan page");
    expect(money.projects).toHaveLength(ids.length);
    const other = await run(planLoader, `/plans/${plan.id}`, { id: String(plan.id) }, cookies.plannerLaiChau);
    expect(other.response?.status).toBe(403);
  });
});
