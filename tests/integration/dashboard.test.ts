/**
 * Leadership dashboards on generated demo data (seedAll, scale 0.15): every
 * figure equals an independent SQL computation — national, filtered by
 * years/region/source/node/ministry, province and ministry pages, history
 * across the 2025 mergers (legacy units rolled into successors, and the
 * pre-2025 units as recorded), an earlier "as of" date — and the drill-down
 * lists hold exactly the records behind a figure. Also: permissions, the
 * XLSX export and that a write is seen at once (no stale aggregates).
 * Flags and feedback are written by the test itself (every kind, state and
 * a duplicate group), so the figures do not depend on the flag rules.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { seedAll } from "#seeds/index";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import { drillList, getDashboard } from "~/modules/dashboard/dashboard.server";
import { parseDashboardView, parseDrillFacet } from "~/modules/dashboard/filters";
import { todayIso } from "~/utils/today";
import { loader as nationalLoader } from "~/routes/dashboard._index";
import { loader as provinceLoader } from "~/routes/dashboard.provinces.$id";
import { loader as ministryLoader } from "~/routes/dashboard.ministries.$id";
import { loader as listLoader } from "~/routes/dashboard.list";
import { loader as xlsxLoader } from "~/routes/dashboard[.]xlsx";
import { createTestDb } from "./helpers/db";

let db: Db;
let cleanup: () => void;
const TODAY = todayIso();

beforeAll(async () => {
  ({ db, cleanup } = createTestDb());
  await seedAll(db, { scale: 0.15, seed: 11 });
  seedFlagsAndFeedback();
  setDb(db);
});

afterAll(() => {
  setDb(undefined);
  cleanup();
});

const q = <T = Record<string, number>>(sql: string, ...params: unknown[]) =>
  db.$client.prepare(sql).get(...params) as T;
const qa = <T = Record<string, unknown>>(sql: string, ...params: unknown[]) =>
  db.$client.prepare(sql).all(...params) as T[];
const orgId = (code: string) => q<{ id: number }>("SELECT id FROM organisations WHERE code = ?", code).id;

/** A few flags of every kind and some feedback, written here so the test does not depend on the rules. */
function seedFlagsAndFeedback() {
  const projects = qa<{ id: number; organisation_id: number }>(
    "SELECT id, organisation_id FROM projects ORDER BY id LIMIT 40",
  );
  const ins = db.$client.prepare(
    `INSERT INTO flags (fingerprint, rule_code, severity, subject_type, project_id, organisation_id, evidence,
                        money_at_stake, active, state, first_seen_at, last_seen_at)
     VALUES (?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, 0, 0)`,
  );
  const sev = ["low", "medium", "high", "critical"];
  const states = ["open", "open", "acknowledged", "resolved", "dismissed"];
  projects
    .slice(0, 25)
    .forEach((p, i) =>
      ins.run(
        `t-${i}`,
        "cost_overrun",
        sev[i % 4],
        "project",
        p.id,
        p.organisation_id,
        (i + 1) * 1_000_000,
        i === 24 ? 0 : 1,
        states[i % 5],
      ),
    );
  ins.run("t-left-out", "province_left_out", "high", "organisation", null, orgId("P-CBG"), 0, 1, "open");
  const group = ins.run("t-group", "same_project", "high", "group", null, null, 7_000_000_000, 1, "open");
  for (const p of projects.slice(30, 34))
    db.$client
      .prepare("INSERT INTO flag_members (flag_id, project_id) VALUES (?, ?)")
      .run(group.lastInsertRowid, p.id);
  const fb = db.$client.prepare(
    "INSERT INTO feedback (project_id, kind, body, citizen_key, state) VALUES (?, ?, ?, ?, ?)",
  );
  projects.slice(0, 12).forEach((p, i) => {
    fb.run(p.id, "support", null, `k${i}`, "published");
    fb.run(p.id, i % 2 ? "oppose" : "comment", "x", `c${i}`, i % 3 ? "published" : "pending");
  });
  fb.run(projects[0].id, "support", null, "rejected", "rejected");
}

/** Organisation id → the unit in force today (following successions). */
const CURRENT = `WITH RECURSIVE chain(start, id) AS (
    SELECT id, id FROM organisations
    UNION SELECT chain.start, s.successor_id FROM chain JOIN organisation_successions s ON s.predecessor_id = chain.id
  ), cur AS (
    SELECT chain.start AS id, MIN(chain.id) AS current FROM chain JOIN organisations o ON o.id = chain.id
     WHERE o.valid_to IS NULL OR o.valid_to >= '${TODAY}' GROUP BY chain.start
  )`;

function dash(search = "", scope?: { kind: "province" | "ministry"; id: number }) {
  return getDashboard(db, parseDashboardView(search), scope ?? { kind: "national" });
}

describe("national dashboard against independent SQL", () => {
  it("headline figures", () => {
    const d = dash();
    const h = d.figures.headline;
    expect(h.projects).toBe(q("SELECT COUNT(*) AS n FROM projects").n);
    expect(h.pilots).toBe(q("SELECT COUNT(*) AS n FROM projects WHERE phase = 'pilot'").n);
    expect(h.approved).toBe(q("SELECT SUM(approved_amount) AS n FROM budget_lines").n);
    const tx = q(
      `SELECT SUM(CASE WHEN kind='disbursement' THEN amount END) AS d, SUM(CASE WHEN kind='commitment' THEN amount END) AS c,
              SUM(CASE WHEN kind='expenditure' THEN amount END) AS s FROM transactions WHERE date <= ?`,
      TODAY,
    );
    expect(h.disbursed).toBe(tx.d);
    expect(h.committed).toBe(tx.c);
    expect(h.spent).toBe(tx.s);
    expect(h.disbursementRate).toBeCloseTo(tx.d / h.approved, 12);
    const ms = q(
      `SELECT SUM(weight) AS w, SUM(CASE WHEN done_date IS NOT NULL THEN weight ELSE 0 END) AS d,
              SUM(done_date IS NULL AND due_date < ?) AS o, COUNT(DISTINCT CASE WHEN done_date IS NULL AND due_date < ? THEN project_id END) AS op
         FROM milestones`,
      TODAY,
      TODAY,
    );
    expect(h.progress).toBeCloseTo(ms.d / ms.w, 12);
    expect(h.overdue).toBe(ms.o);
    expect(h.overdueProjects).toBe(ms.op);
    // Provinces (today's units) with an approved plan of their own or of a legacy unit they continue.
    const planned = q(
      `${CURRENT} SELECT COUNT(DISTINCT cur.current) AS n FROM plans p JOIN cur ON cur.id = p.organisation_id
         JOIN organisations o ON o.id = cur.current WHERE p.approved_at IS NOT NULL AND o.kind = 'province'`,
    ).n;
    expect(h.provincesWithPlan).toBe(planned);
    expect(h.provinces).toBe(34);
    expect(h.approvedPlans).toBe(q("SELECT COUNT(*) AS n FROM plans WHERE approved_at IS NOT NULL").n);
    // Flags: active and open, by severity with money.
    const open = qa<{ severity: string; n: number; m: number }>(
      "SELECT severity, COUNT(*) AS n, SUM(money_at_stake) AS m FROM flags WHERE active = 1 AND state = 'open' GROUP BY severity",
    );
    for (const s of d.figures.flagsBySeverity) {
      const row = open.find((o) => o.severity === s.severity);
      expect([s.severity, s.open, s.moneyAtStake]).toEqual([s.severity, row?.n ?? 0, row?.m ?? 0]);
    }
    expect(h.openFlags).toBe(open.reduce((a, r) => a + r.n, 0));
    // Feedback: support and oppose unless rejected, comments when published.
    const fb = q(
      `SELECT SUM(kind='support' AND state<>'rejected') AS s, SUM(kind='oppose' AND state<>'rejected') AS o,
              SUM(kind='comment' AND state='published') AS c FROM feedback`,
    );
    expect([h.support, h.oppose, h.comments]).toEqual([fb.s, fb.o, fb.c]);
  });

  it("pipeline by phase", () => {
    const d = dash();
    const rows = qa<{ phase: string; n: number; a: number; d: number }>(
      `SELECT p.phase, COUNT(*) AS n,
              SUM(COALESCE((SELECT SUM(approved_amount) FROM budget_lines b WHERE b.project_id = p.id), 0)) AS a,
              SUM(COALESCE((SELECT SUM(amount) FROM transactions t WHERE t.project_id = p.id AND t.kind = 'disbursement'), 0)) AS d
         FROM projects p GROUP BY p.phase`,
    );
    for (const r of rows) {
      const f = d.figures.byPhase.find((x) => x.phase === r.phase)!;
      expect([f.projects, f.approved, f.disbursed]).toEqual([r.n, r.a, r.d]);
    }
  });

  it("provinces: legacy provinces roll into today's province (the 2025 merger)", () => {
    const d = dash();
    const rows = qa<{ id: number; n: number; a: number }>(
      `${CURRENT} SELECT cur.current AS id, COUNT(*) AS n,
              SUM(COALESCE((SELECT SUM(approved_amount) FROM budget_lines b WHERE b.project_id = p.id), 0)) AS a
         FROM projects p JOIN cur ON cur.id = p.province_id GROUP BY cur.current`,
    );
    expect(d.figures.units).toHaveLength(34);
    for (const u of d.figures.units) {
      const r = rows.find((x) => x.id === u.id);
      expect([u.code, u.projects, u.approved]).toEqual([u.code, r?.n ?? 0, r?.a ?? 0]);
    }
    // Ho Chi Minh City = its own projects + Bình Dương (LP-74) + Bà Rịa–Vũng Tàu (LP-77) + old HCMC (LP-79).
    const hcm = d.figures.units.find((u) => u.code === "P-HCM")!;
    const direct = q(
      `SELECT COUNT(*) AS n FROM projects WHERE province_id IN (SELECT id FROM organisations WHERE code IN ('P-HCM','LP-74','LP-77','LP-79'))`,
    ).n;
    expect(hcm.projects).toBe(direct);
    expect(q("SELECT COUNT(*) AS n FROM projects WHERE province_id = ?", orgId("LP-74")).n).toBeGreaterThan(
      0,
    );
    const none = q("SELECT COUNT(*) AS n FROM projects WHERE province_id IS NULL").n;
    expect(d.figures.noProvince.projects).toBe(none);
    // Per capita uses today's population.
    const pop = q<{ population: number }>(
      "SELECT population FROM organisations WHERE code = 'P-HCM'",
    ).population;
    expect(hcm.approvedPerCapita).toBeCloseTo(hcm.approved / pop, 9);
  });

  it("pre-2025 units as recorded: legacy provinces are their own rows, nothing rolls", () => {
    const d = dash("units=recorded");
    const rows = qa<{ id: number; n: number; a: number }>(
      `SELECT p.province_id AS id, COUNT(*) AS n,
              SUM(COALESCE((SELECT SUM(approved_amount) FROM budget_lines b WHERE b.project_id = p.id), 0)) AS a
         FROM projects p WHERE p.province_id IS NOT NULL GROUP BY p.province_id`,
    );
    for (const r of rows) {
      const u = d.figures.units.find((x) => x.id === r.id)!;
      expect([u.projects, u.approved]).toEqual([r.n, r.a]);
    }
    const bd = d.figures.units.find((u) => u.code === "LP-74")!;
    expect(bd.legacy).toBe(true);
    expect(d.figures.units.find((u) => u.code === "P-HCM")!.projects).toBe(
      q("SELECT COUNT(*) AS n FROM projects WHERE province_id = ?", orgId("P-HCM")).n,
    );
    // Totals do not change with the unit mode.
    expect(d.figures.headline.approved).toBe(dash().figures.headline.approved);
  });

  it("fiscal years, region and funding source filter money by budget line", () => {
    const d = dash("year=2025&year=2026&region=mekong-delta&source=central_budget");
    const r = q(
      `${CURRENT} SELECT COUNT(DISTINCT b.project_id) AS n, SUM(b.approved_amount) AS a
         FROM budget_lines b JOIN projects p ON p.id = b.project_id JOIN cur ON cur.id = p.province_id
         JOIN organisations o ON o.id = cur.current
        WHERE b.fiscal_year IN (2025, 2026) AND b.funding_source = 'central_budget' AND o.region_code = 'mekong-delta'`,
    );
    const t = q(
      `${CURRENT} SELECT SUM(t.amount) AS d FROM transactions t JOIN budget_lines b ON b.id = t.budget_line_id
         JOIN projects p ON p.id = t.project_id JOIN cur ON cur.id = p.province_id JOIN organisations o ON o.id = cur.current
        WHERE t.kind = 'disbursement' AND t.date <= ? AND b.fiscal_year IN (2025, 2026)
          AND b.funding_source = 'central_budget' AND o.region_code = 'mekong-delta'`,
      TODAY,
    );
    expect(r.n).toBeGreaterThan(0);
    expect(d.figures.headline.projects).toBe(r.n);
    expect(d.figures.headline.approved).toBe(r.a);
    expect(d.figures.headline.disbursed).toBe(t.d ?? 0);
    expect(d.figures.regions.map((x) => x.code)).toEqual(["mekong-delta"]);
    // The curve's last cumulative actual is the disbursed total of the view.
    expect(d.figures.curve.at(-1)?.cumActual ?? 0).toBe(t.d ?? 0);
  });

  it("cumulative planned vs actual disbursement by quarter", () => {
    const d = dash();
    const planned = qa<{ y: number; qu: number; a: number }>(
      "SELECT fiscal_year AS y, quarter AS qu, SUM(amount) AS a FROM planned_disbursements GROUP BY 1, 2 ORDER BY 1, 2",
    );
    const actual = qa<{ y: number; qu: number; a: number }>(
      `SELECT CAST(substr(date,1,4) AS INT) AS y, (CAST(substr(date,6,2) AS INT) + 2) / 3 AS qu, SUM(amount) AS a
         FROM transactions WHERE kind = 'disbursement' AND date <= ? GROUP BY 1, 2 ORDER BY 1, 2`,
      TODAY,
    );
    for (const p of planned) {
      const pt = d.figures.curve.find((c) => c.year === p.y && c.quarter === p.qu)!;
      expect(pt.planned).toBe(p.a);
    }
    for (const a of actual) {
      const pt = d.figures.curve.find((c) => c.year === a.y && c.quarter === a.qu)!;
      expect(pt.actual).toBe(a.a);
    }
    const last = d.figures.curve.at(-1)!;
    expect(last.cumPlanned).toBe(planned.reduce((s, p) => s + p.a, 0));
    expect(last.cumActual).toBe(d.figures.headline.disbursed);
  });

  it("budget by pillar, drilled down to a pillar's children, each project once per node", () => {
    const byNode = (code: string) =>
      q(
        `SELECT COUNT(*) AS n, COALESCE(SUM((SELECT SUM(approved_amount) FROM budget_lines b WHERE b.project_id = x.pid)), 0) AS a
           FROM (SELECT DISTINCT psn.project_id AS pid FROM project_strategy_nodes psn JOIN strategy_nodes d ON d.id = psn.node_id
                  JOIN strategy_nodes a ON a.code = ? WHERE d.path LIKE a.path || '%') x`,
        code,
      );
    const d = dash();
    expect(d.figures.pillars.rows.length).toBeGreaterThan(3);
    for (const r of d.figures.pillars.rows)
      expect([r.projects, r.approved]).toEqual([byNode(r.code).n, byNode(r.code).a]);
    const pillar = d.figures.pillars.rows.find((r) => r.hasChildren && r.projects > 0)!;
    const deeper = dash(`pillar=${pillar.code}`);
    expect(deeper.figures.pillars.parent?.code).toBe(pillar.code);
    expect(deeper.figures.pillars.trail.map((n) => n.code).at(-1)).toBe(pillar.code);
    for (const r of deeper.figures.pillars.rows) expect(r.projects).toBe(byNode(r.code).n);
    // A leaf's projects are listed by the drill list, and they are the same ones.
    const leaf = deeper.figures.pillars.rows.find((r) => r.projects > 0)!;
    const list = drillList(db, parseDashboardView(""), parseDrillFacet(`under=${leaf.code}`), null).result;
    expect(list.total).toBe(leaf.projects);
    if (list.what === "projects") expect(list.approved).toBe(leaf.approved);
  });

  it("regional equity: per capita by region, mountain regions against the rest, provinces left out", () => {
    const d = dash();
    const regions = qa<{ code: string; pop: number; a: number; dis: number }>(
      `${CURRENT}, money AS (
         SELECT o.region_code AS code, SUM(COALESCE((SELECT SUM(approved_amount) FROM budget_lines b WHERE b.project_id = p.id), 0)) AS a
           FROM projects p JOIN cur ON cur.id = p.province_id JOIN organisations o ON o.id = cur.current GROUP BY o.region_code)
       SELECT r.code, r.disadvantaged AS dis,
              (SELECT SUM(population) FROM organisations o WHERE o.kind = 'province' AND o.valid_to IS NULL AND o.region_code = r.code) AS pop,
              COALESCE(m.a, 0) AS a
         FROM regions r LEFT JOIN money m ON m.code = r.code`,
    );
    for (const r of regions) {
      const row = d.figures.regions.find((x) => x.code === r.code)!;
      expect([row.population, row.approved]).toEqual([r.pop, r.a]);
      expect(row.approvedPerCapita).toBeCloseTo(r.a / r.pop, 9);
    }
    const mountain = regions.filter((r) => r.dis === 1);
    const eq = d.figures.equity.find((e) => e.group === "disadvantaged")!;
    expect(eq.approved).toBe(mountain.reduce((s, r) => s + r.a, 0));
    expect(eq.population).toBe(mountain.reduce((s, r) => s + r.pop, 0));
    const leftOut = qa<{ code: string }>(
      `${CURRENT} SELECT o.code FROM organisations o WHERE o.kind = 'province' AND o.valid_to IS NULL
          AND NOT EXISTS (SELECT 1 FROM projects p JOIN cur ON cur.id = p.province_id JOIN budget_lines b ON b.project_id = p.id
                           WHERE cur.current = o.id AND b.approved_amount <> 0) ORDER BY o.code`,
    ).map((r) => r.code);
    expect(d.figures.leftOut.map((p) => p.code).sort()).toEqual(leftOut);
    // The demo plants Cao Bằng and Điện Biên with nothing.
    expect(leftOut).toEqual(expect.arrayContaining(["P-CBG", "P-DBN"]));
  });

  it("duplicated proposals and top waste flags come from the flags table", () => {
    const d = dash();
    expect(d.figures.duplicates.groups).toBe(1);
    expect(d.figures.duplicates.projects).toBe(4);
    expect(d.figures.duplicates.moneyAtStake).toBe(7_000_000_000);
    const provinces = q(
      `${CURRENT} SELECT COUNT(DISTINCT cur.current) AS n FROM flag_members m JOIN projects p ON p.id = m.project_id
         JOIN cur ON cur.id = p.province_id`,
    ).n;
    expect(d.figures.duplicates.provinces).toBe(provinces);
    const top = qa<{ id: number }>(
      `SELECT id FROM flags WHERE active = 1 AND state IN ('open','acknowledged') AND rule_code NOT IN ('same_project','same_solution')
        ORDER BY money_at_stake DESC, CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, id LIMIT 10`,
    ).map((r) => r.id);
    expect(d.topFlags.map((f) => f.id)).toEqual(top);
    expect(d.topFlags[0].projectCode).toMatch(/\S/);
  });
});

describe("history: an earlier 'as of' date", () => {
  it("phases from the phase history, money and milestones up to that day, projects that existed", () => {
    const asOf = "2024-06-30";
    const d = dash(`asOf=${asOf}`);
    const phases = qa<{ phase: string; n: number }>(
      `SELECT x.phase, COUNT(*) AS n FROM (
         SELECT (SELECT pc.to_phase FROM project_phase_changes pc WHERE pc.project_id = p.id AND pc.changed_on <= ?
                  ORDER BY pc.changed_on DESC, pc.id DESC LIMIT 1) AS phase FROM projects p) x
        WHERE x.phase IS NOT NULL GROUP BY x.phase`,
      asOf,
    );
    for (const r of phases) expect(d.figures.byPhase.find((p) => p.phase === r.phase)!.projects).toBe(r.n);
    expect(d.figures.headline.projects).toBe(phases.reduce((s, r) => s + r.n, 0));
    expect(d.figures.headline.projects).toBeLessThan(q("SELECT COUNT(*) AS n FROM projects").n);
    const disbursed = q(
      `SELECT SUM(t.amount) AS n FROM transactions t WHERE t.kind = 'disbursement' AND t.date <= ?
          AND EXISTS (SELECT 1 FROM project_phase_changes pc WHERE pc.project_id = t.project_id AND pc.changed_on <= ?)`,
      asOf,
      asOf,
    ).n;
    expect(d.figures.headline.disbursed).toBe(disbursed);
    const overdue = q(
      `SELECT COUNT(*) AS n FROM milestones m WHERE (m.done_date IS NULL OR m.done_date > ?) AND m.due_date < ?
          AND EXISTS (SELECT 1 FROM project_phase_changes pc WHERE pc.project_id = m.project_id AND pc.changed_on <= ?)`,
      asOf,
      asOf,
      asOf,
    ).n;
    expect(d.figures.headline.overdue).toBe(overdue);
    // Before the merger, legacy projects still count for today's province by default…
    const hcm = d.figures.units.find((u) => u.code === "P-HCM")!;
    expect(hcm.projects).toBeGreaterThan(0);
    // …and as recorded they are their own units.
    const recorded = dash(`asOf=${asOf}&units=recorded`);
    const legacy = recorded.figures.units.filter((u) => u.legacy);
    expect(legacy.reduce((s, u) => s + u.projects, 0)).toBeGreaterThan(0);
    expect(recorded.figures.units.find((u) => u.code === "P-HCM")?.projects ?? 0).toBeLessThan(hcm.projects);
  });
});

describe("province and ministry pages", () => {
  it("a province page has the province's figures, including its legacy predecessors", () => {
    const id = orgId("P-HCM");
    const d = dash("", { kind: "province", id });
    const r = q(
      `SELECT COUNT(*) AS n, SUM(COALESCE((SELECT SUM(approved_amount) FROM budget_lines b WHERE b.project_id = p.id), 0)) AS a
         FROM projects p WHERE p.province_id IN (SELECT id FROM organisations WHERE code IN ('P-HCM','LP-74','LP-77','LP-79'))`,
    );
    expect([d.figures.headline.projects, d.figures.headline.approved]).toEqual([r.n, r.a]);
    expect(d.filters.province).toBe("P-HCM");
  });

  it("a ministry page has the projects the ministry or its predecessors own", () => {
    const id = orgId("M-MOST");
    const d = dash("", { kind: "ministry", id });
    const r = q(
      `SELECT COUNT(*) AS n, SUM(COALESCE((SELECT SUM(approved_amount) FROM budget_lines b WHERE b.project_id = p.id), 0)) AS a
         FROM projects p WHERE p.organisation_id IN (SELECT id FROM organisations WHERE code IN ('M-MOST','LM-MOST','LM-MIC'))`,
    );
    expect([d.figures.headline.projects, d.figures.headline.approved]).toEqual([r.n, r.a]);
    expect(r.n).toBeGreaterThan(0);
  });
});

describe("drill-down lists hold the records behind each figure", () => {
  it("phase, province, region, equity group, overdue and no-province lists match their figures", () => {
    const view = parseDashboardView("year=2026");
    const d = getDashboard(db, view);
    const count = (facet: string) => drillList(db, view, parseDrillFacet(facet), null).result.total;
    for (const p of d.figures.byPhase) expect(count(`phase=${p.phase}`)).toBe(p.projects);
    for (const u of d.figures.units.slice(0, 8)) expect(count(`unit=${u.id}`)).toBe(u.projects);
    for (const r of d.figures.regions) expect(count(`inRegion=${r.code}`)).toBe(r.projects);
    for (const e of d.figures.equity) expect(count(`equity=${e.group}`)).toBe(e.projects);
    expect(count("overdue=1")).toBe(d.figures.headline.overdueProjects);
    expect(count("noProvince=1")).toBe(d.figures.noProvince.projects);
    expect(count("what=plans")).toBe(d.figures.headline.approvedPlans);
    for (const s of d.figures.flagsBySeverity)
      expect(count(`what=flags&severity=${s.severity}`)).toBe(s.open);
  });
});

describe("routes", () => {
  const cookieOf = (email: string) => {
    const { id } = q<{ id: number }>("SELECT id FROM users WHERE email = ?", email);
    return `${SESSION_COOKIE}=${createSession(db, id).token}`;
  };
  const call = async (
    loader: (a: LoaderFunctionArgs) => Promise<unknown>,
    path: string,
    email: string | null,
    params: Record<string, string> = {},
  ) => {
    const headers: Record<string, string> = email ? { Cookie: cookieOf(email) } : {};
    try {
      return {
        status: 200,
        data: await loader({
          request: new Request(`http://localhost${path}`, { headers }),
          params,
          context: {},
        }),
      };
    } catch (e) {
      if (e instanceof Response) return { status: e.status, data: null };
      throw e;
    }
  };

  it("leaders, coordinators, auditors and planners read dashboards; anonymous users are sent to log in", async () => {
    for (const who of ["leader", "coordinator", "auditor", "planner.hcm"]) {
      expect((await call(nationalLoader, "/dashboard", `${who}@demo.citypilot.vn`)).status).toBe(200);
    }
    expect((await call(nationalLoader, "/dashboard", null)).status).toBe(302);
    const hcm = String(orgId("P-HCM"));
    expect(
      (await call(provinceLoader, `/dashboard/provinces/${hcm}`, "leader@demo.citypilot.vn", { id: hcm }))
        .status,
    ).toBe(200);
    // A ministry id on the province page, or a made-up id: 404.
    const most = String(orgId("M-MOST"));
    expect(
      (await call(provinceLoader, `/dashboard/provinces/${most}`, "leader@demo.citypilot.vn", { id: most }))
        .status,
    ).toBe(404);
    expect(
      (await call(ministryLoader, `/dashboard/ministries/${most}`, "leader@demo.citypilot.vn", { id: most }))
        .status,
    ).toBe(200);
    expect(
      (await call(ministryLoader, "/dashboard/ministries/99999", "leader@demo.citypilot.vn", { id: "99999" }))
        .status,
    ).toBe(404);
  });

  it("a planner's drill list shows only the planner's own organisations' projects", async () => {
    const res = await call(listLoader, "/dashboard/list?what=projects", "planner.hcm@demo.citypilot.vn");
    const data = res.data as { ownOnly: boolean; result: { rows: { organisationId: number }[] } };
    expect(data.ownOnly).toBe(true);
    const own = new Set(
      qa<{ id: number }>(
        "SELECT id FROM organisations WHERE code IN ('P-HCM','LP-74','LP-77','LP-79') OR parent_id = (SELECT id FROM organisations WHERE code = 'P-HCM')",
      ).map((r) => r.id),
    );
    expect(data.result.rows.length).toBeGreaterThan(0);
    for (const r of data.result.rows) expect(own.has(r.organisationId)).toBe(true);
    const leader = (await call(listLoader, "/dashboard/list?what=projects", "leader@demo.citypilot.vn"))
      .data as {
      ownOnly: boolean;
    };
    expect(leader.ownOnly).toBe(false);
  });

  it("the XLSX export holds the view's figures", async () => {
    const res = (await call(xlsxLoader, "/dashboard.xlsx?year=2026", "leader@demo.citypilot.vn"))
      .data as Response;
    expect(res.headers.get("Content-Type")).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const d = dash("year=2026");
    const headline = wb.worksheets[1];
    const values = new Map<string, unknown>();
    headline.eachRow((row, i) => {
      if (i > 1) values.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    expect([...values.values()]).toEqual(
      expect.arrayContaining([d.figures.headline.approved, d.figures.headline.projects]),
    );
    const provinces = wb.worksheets[2];
    expect(provinces.rowCount).toBe(1 + d.figures.units.length + 1);
  });

  it("a write is seen by the next request (no stale aggregates)", async () => {
    const before = dash().figures.headline.approved;
    const line = q<{ id: number }>("SELECT id FROM budget_lines ORDER BY id LIMIT 1");
    db.$client
      .prepare("UPDATE budget_lines SET approved_amount = approved_amount + 1000 WHERE id = ?")
      .run(line.id);
    expect(dash().figures.headline.approved).toBe(before + 1000);
    db.$client
      .prepare("UPDATE budget_lines SET approved_amount = approved_amount - 1000 WHERE id = ?")
      .run(line.id);
    expect(dash().figures.headline.approved).toBe(before);
  });
});
