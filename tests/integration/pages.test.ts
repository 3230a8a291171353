/**
 * Read pages on a real SQLite file built by the migrations, with the real
 * reference data and a small hand-made set of projects: module functions
 * and route loaders (called directly with a real session cookie).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, setDb, type Db } from "#db/client.server";
import { PROJECT_PHASES } from "#db/enums";
import { parseRegisterQuery } from "~/modules/organisations/register";
import { listOrganisations } from "~/modules/organisations/register.server";
import { getOrganisationView, listOrganisationPlans } from "~/modules/organisations/detail.server";
import { PLAN_TABLE } from "~/modules/organisations/plans";
import { getOrganisationFigures, getOverview } from "~/modules/home/overview.server";
import { loadStrategyNodes, loadStrategyTree } from "~/modules/strategy/tree.server";
import { countNodes } from "~/modules/strategy/tree";
import { parseTableParams } from "~/modules/table/params";
import { listUsers } from "~/modules/admin/users.server";
import { parseUserQuery } from "~/modules/admin/users";
import { listAuditEvents } from "~/modules/admin/audit.server";
import { parseAuditQuery } from "~/modules/admin/audit";
import { memoByDataVersion } from "~/modules/db/sql.server";
import { loader as homeLoader } from "~/routes/_index";
import { loader as registerLoader } from "~/routes/organisations._index";
import { loader as orgLoader } from "~/routes/organisations.$id";
import { loader as plansLoader } from "~/routes/organisations.$id_.plans";
import { loader as strategyLoader } from "~/routes/strategy";
import { loader as usersLoader } from "~/routes/admin.users";
import { loader as auditLoader } from "~/routes/audit";
import { createTestDb } from "./helpers/db";
import { buildPagesFixture, FIXTURE_PROJECTS, type PagesFixture } from "./helpers/pages-fixture";

let db: Db;
let file: string;
let cleanup: () => void;
let fx: PagesFixture;
const AS_OF = "2026-01-15";

beforeAll(() => {
  ({ db, file, cleanup } = createTestDb());
  fx = buildPagesFixture(db);
  setDb(db);
});

afterAll(() => {
  setDb(undefined);
  cleanup();
});

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

function request(path: string, cookie?: string, locale?: "vi" | "en"): Request {
  const cookies = [cookie, locale ? `cp_lang=${locale}` : undefined].filter(Boolean).join("; ");
  return new Request(`http://localhost${path}`, { headers: cookies ? { Cookie: cookies } : {} });
}

/** Run a loader; a thrown Response (redirect, 403, 404) is returned as `{ response }`. */
async function run<T>(
  loader: Loader,
  path: string,
  cookie?: string,
  params: Record<string, string> = {},
  locale?: "vi" | "en",
): Promise<{ data?: T; response?: Response }> {
  try {
    const data = (await loader({ request: request(path, cookie, locale), params, context: {} })) as T;
    return { data };
  } catch (e) {
    if (e instanceof Response) return { response: e };
    throw e;
  }
}

describe("organisation register (module)", () => {
  it("lists the 34 current provinces, sorted by name, paged", () => {
    const q = parseRegisterQuery("kind=province&size=10");
    const p1 = listOrganisations(db, q, "vi", AS_OF);
    expect(p1.total).toBe(34);
    expect(p1.rows).toHaveLength(10);
    expect(p1.rows.every((r) => !r.legacy && r.kind === "province")).toBe(true);
    const folded = p1.rows.map((r) =>
      r.nameVi
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/đ/gi, "d")
        .toLowerCase(),
    );
    expect([...folded].sort()).toEqual(folded);

    const p4 = listOrganisations(db, parseRegisterQuery("kind=province&size=10&page=4"), "vi", AS_OF);
    expect(p4.rows).toHaveLength(4);
    expect(p4.table.page).toBe(4);
    // A stale page number is clamped to the last page.
    const p9 = listOrganisations(db, parseRegisterQuery("kind=province&size=10&page=9"), "vi", AS_OF);
    expect(p9.table.page).toBe(4);
    expect(p9.rows.map((r) => r.id)).toEqual(p4.rows.map((r) => r.id));

    // No overlap between pages and every province appears once.
    const all = [1, 2, 3, 4].flatMap(
      (page) =>
        listOrganisations(db, parseRegisterQuery(`kind=province&size=10&page=${page}`), "vi", AS_OF).rows,
    );
    expect(new Set(all.map((r) => r.id)).size).toBe(34);
  });

  it("sorts by population, descending and ascending, and by name descending", () => {
    const desc = listOrganisations(
      db,
      parseRegisterQuery("kind=province&sort=population&dir=desc&size=100"),
      "vi",
      AS_OF,
    );
    const pops = desc.rows.map((r) => r.population ?? -1);
    expect(pops).toEqual([...pops].sort((a, b) => b - a));
    expect(desc.rows[0].code).toBe("P-HCM");
    const asc = listOrganisations(
      db,
      parseRegisterQuery("kind=province&sort=population&dir=asc&size=100"),
      "vi",
      AS_OF,
    );
    expect(asc.rows.map((r) => r.id)).toEqual([...desc.rows.map((r) => r.id)].reverse());
    const zToA = listOrganisations(
      db,
      parseRegisterQuery("kind=province&sort=name&dir=desc&size=100"),
      "en",
      AS_OF,
    );
    const en = zToA.rows.map((r) => r.nameEn.toLowerCase());
    expect(en).toEqual([...en].sort().reverse());
  });

  it("sorts by project count (own, located or city projects)", () => {
    const r = listOrganisations(
      db,
      parseRegisterQuery("status=all&sort=projects&dir=desc&size=10"),
      "vi",
      AS_OF,
    );
    const counts = r.rows.map((x) => x.projectCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const byCode = new Map(r.rows.map((x) => [x.code, x.projectCount]));
    expect(byCode.get("P-HCM")).toBe(2);
    expect(byCode.get("LP-74")).toBe(2);
    expect(byCode.get("M-MOST")).toBe(2);
  });

  it("sorts legacy units by end date with open-ended units last", () => {
    const r = listOrganisations(
      db,
      parseRegisterQuery("status=all&sort=validTo&dir=asc&size=100&kind=ministry"),
      "vi",
      AS_OF,
    );
    const ends = r.rows.map((x) => x.validTo);
    const firstNull = ends.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(ends.slice(firstNull).every((v) => v === null)).toBe(true);
  });

  it("filters by kind, region and status", () => {
    const legacyMinistries = listOrganisations(
      db,
      parseRegisterQuery("kind=ministry&status=legacy&size=100"),
      "vi",
      AS_OF,
    );
    expect(legacyMinistries.total).toBe(22);
    expect(legacyMinistries.rows.every((r) => r.legacy && r.code.startsWith("LM-"))).toBe(true);
    expect(legacyMinistries.rows.every((r) => r.successors.length >= 1)).toBe(true);

    const southeast = listOrganisations(
      db,
      parseRegisterQuery("kind=province&region=southeast&size=100"),
      "vi",
      AS_OF,
    );
    expect(southeast.total).toBeGreaterThan(0);
    expect(southeast.rows.every((r) => r.regionCode === "southeast")).toBe(true);
    expect(southeast.rows.map((r) => r.code)).toContain("P-HCM");

    const all = listOrganisations(db, parseRegisterQuery("status=all&kind=province"), "vi", AS_OF);
    expect(all.total).toBe(97);
  });

  it("finds a legacy province by its name without diacritics, with its successor", () => {
    for (const q of ["binh duong", "Bình Dương", "BINH DUONG", "bình"]) {
      const r = listOrganisations(db, parseRegisterQuery(`q=${encodeURIComponent(q)}`), "vi", AS_OF);
      const bd = r.rows.find((x) => x.code === "LP-74");
      expect(bd, q).toBeDefined();
      expect(bd!.legacy).toBe(true);
      expect(bd!.validTo).toBe("2025-06-30");
      expect(bd!.successors).toEqual([
        {
          id: fx.org("P-HCM"),
          nameVi: "Hồ Chí Minh",
          nameEn: expect.any(String),
          effectiveDate: "2025-07-01",
        },
      ]);
    }
    // Restricted to current units, the merged province is not there.
    const current = listOrganisations(db, parseRegisterQuery("q=binh+duong&status=current"), "vi", AS_OF);
    expect(current.rows.map((r) => r.code)).not.toContain("LP-74");
    // Searching "ho chi minh" finds today's city and the legacy one.
    const hcm = listOrganisations(db, parseRegisterQuery("q=ho+chi+minh&kind=province"), "vi", AS_OF);
    expect(hcm.rows.map((r) => r.code).sort()).toEqual(["LP-79", "P-HCM"]);
    // Wildcards in the query are literal.
    expect(listOrganisations(db, parseRegisterQuery("q=%25"), "vi", AS_OF).total).toBe(0);
    expect(listOrganisations(db, parseRegisterQuery("q=_"), "vi", AS_OF).total).toBe(0);
  });
});

describe("organisation page (module)", () => {
  it("shows Ho Chi Minh City with its three predecessors, child cities and inherited projects", () => {
    const v = getOrganisationView(db, fx.org("P-HCM"), AS_OF)!;
    expect(v.organisation.code).toBe("P-HCM");
    expect(v.organisation.legacy).toBe(false);
    expect(v.predecessors.map((p) => p.code).sort()).toEqual(["LP-74", "LP-77", "LP-79"]);
    expect(v.predecessors.every((p) => p.effectiveDate === "2025-07-01" && p.distance === 1)).toBe(true);
    expect(v.successors).toEqual([]);
    expect(v.children.map((c) => c.code)).toEqual(expect.arrayContaining(["C-TDU", "C-TDM", "C-VTU"]));

    const byPhase = Object.fromEntries(v.projectsByPhase.map((p) => [p.phase, p]));
    expect(byPhase.pilot).toMatchObject({ own: 1, inherited: 0 });
    expect(byPhase.proposed).toMatchObject({ own: 1, inherited: 0 });
    expect(byPhase.operational).toMatchObject({ own: 0, inherited: 1 });
    expect(byPhase.cancelled).toMatchObject({ own: 0, inherited: 1 });
    expect(byPhase.scaling).toMatchObject({ own: 0, inherited: 1 });
    expect(v.totals).toEqual({ own: 2, inherited: 3 });
    // Its own plans plus Bình Dương's.
    expect(v.planCount).toBe(3);
  });

  it("shows Bình Dương as ended, carried on by Ho Chi Minh City since 01/07/2025", () => {
    const v = getOrganisationView(db, fx.org("LP-74"), AS_OF)!;
    expect(v.organisation.legacy).toBe(true);
    expect(v.organisation.validTo).toBe("2025-06-30");
    expect(v.successors).toEqual([
      expect.objectContaining({ code: "P-HCM", effectiveDate: "2025-07-01", distance: 1, validTo: null }),
    ]);
    expect(v.predecessors).toEqual([]);
    expect(v.totals).toEqual({ own: 2, inherited: 0 });
  });

  it("returns null for an unknown id", () => {
    expect(getOrganisationView(db, 999_999)).toBeNull();
  });

  it("lists an organisation's plans with those of its predecessors, sorted", () => {
    const table = parseTableParams("sort=code&dir=asc", PLAN_TABLE);
    const r = listOrganisationPlans(db, fx.org("P-HCM"), table, "vi");
    expect(r.total).toBe(3);
    expect(r.rows.map((p) => p.code)).toEqual(["PL-BDG-2021", "PL-HCM-2025", "PL-HCM-2026"]);
    expect(r.rows[0].fromPredecessor?.id).toBe(fx.org("LP-74"));
    expect(r.rows[2]).toMatchObject({
      status: "submitted",
      revision: 2,
      periodStart: 2026,
      periodEnd: 2030,
      projectCount: 2,
    });
    const byRevision = listOrganisationPlans(
      db,
      fx.org("P-HCM"),
      parseTableParams("sort=revision&dir=desc", PLAN_TABLE),
      "vi",
    );
    expect(byRevision.rows.map((p) => p.revision)).toEqual([3, 2, 1]);
  });
});

describe("strategy tree (module)", () => {
  it("builds all nodes into one tree with subtree project counts from the materialised path", () => {
    const tree = loadStrategyTree(db);
    expect(countNodes(tree)).toBe(30);
    expect(tree).toHaveLength(1);
    expect(tree[0].code).toBe("DA950");

    // Independent count: distinct projects linked to any node whose path starts with this node's path.
    const links = db.$client
      .prepare(
        "SELECT psn.project_id AS p, n.path FROM project_strategy_nodes psn JOIN strategy_nodes n ON n.id = psn.node_id",
      )
      .all() as { p: number; path: string }[];
    for (const n of loadStrategyNodes(db)) {
      const expected = new Set(links.filter((l) => l.path.startsWith(n.path)).map((l) => l.p)).size;
      expect(n.projectCount, n.code).toBe(expected);
    }
    const byCode = new Map(loadStrategyNodes(db).map((n) => [n.code, n]));
    // T-HCM-1, T-HCM-2 (linked twice, counted once), T-HNI-1 and T-MOST-1.
    expect(byCode.get("DA950.1")!.projectCount).toBe(4);
    expect(byCode.get("DA950.1")!.directProjectCount).toBe(1);
    expect(byCode.get("DA950.1.1")!.projectCount).toBe(2);
    expect(byCode.get("DA950")!.projectCount).toBe(6);
    expect(byCode.get("DA950.1")!.lead).not.toBeNull();
  });
});

describe("home overview (module)", () => {
  it("matches an independent SQL computation, rolling legacy provinces into today's provinces", () => {
    const o = getOverview(db, AS_OF);
    const c = db.$client;

    // By phase: plain GROUP BY and separate sums.
    const phaseCounts = new Map(
      (
        c.prepare("SELECT phase, COUNT(*) AS n FROM projects GROUP BY phase").all() as {
          phase: string;
          n: number;
        }[]
      ).map((r) => [r.phase, r.n]),
    );
    for (const p of o.byPhase) expect(p.projects, p.phase).toBe(phaseCounts.get(p.phase) ?? 0);
    const approved = (c.prepare("SELECT SUM(approved_amount) AS s FROM budget_lines").get() as { s: number })
      .s;
    const disbursed = (
      c.prepare("SELECT SUM(amount) AS s FROM transactions WHERE kind = 'disbursement'").get() as {
        s: number;
      }
    ).s;
    expect(o.totals.approved).toBe(approved);
    expect(o.totals.disbursed).toBe(disbursed);
    expect(o.totals.projects).toBe(FIXTURE_PROJECTS.length);

    // By province: the province itself if current, else its successor (one hop in the reference data).
    const byProvince = new Map(
      (
        c
          .prepare(
            `SELECT COALESCE(s.successor_id, p.province_id) AS id, COUNT(*) AS n
               FROM projects p LEFT JOIN organisation_successions s ON s.predecessor_id = p.province_id
              WHERE p.province_id IS NOT NULL GROUP BY 1`,
          )
          .all() as { id: number; n: number }[]
      ).map((r) => [r.id, r.n]),
    );
    expect(o.byProvince).toHaveLength(34);
    for (const p of o.byProvince) expect(p.projects, p.code).toBe(byProvince.get(p.id) ?? 0);
    const hcm = o.byProvince.find((p) => p.code === "P-HCM")!;
    expect(hcm.projects).toBe(5);
    expect(hcm.approved).toBe(
      5_000_000_000 + 2_500_000_000 + 800_000_000 + 12_000_000_000 + 100_000_000 + 9_000_000_000,
    );
    expect(hcm.disbursed).toBe(1_000_000_000 + 9_500_000_000 + 4_000_000_000);
    expect(o.byProvince.find((p) => p.code === "P-LCU")!.projects).toBe(2);
    expect(o.totals.provincesCovered).toBe(4); // HCM, Lai Châu, Hà Nội, Đà Nẵng
    expect(o.totals.provinces).toBe(34);
    expect(o.totals.withoutProvince).toBe(1);
    expect(o.byPhase.map((p) => p.phase)).toEqual([...PROJECT_PHASES]);
  });

  it("before the merger, legacy provinces count as themselves", () => {
    const o = getOverview(db, "2025-01-01");
    expect(o.byProvince).toHaveLength(63);
    expect(o.byProvince.find((p) => p.code === "LP-74")!.projects).toBe(2);
  });

  it("gives a planner's organisation family its own figures", () => {
    const f = getOrganisationFigures(db, [
      fx.org("P-HCM"),
      fx.org("LP-74"),
      fx.org("LP-77"),
      fx.org("LP-79"),
      fx.org("C-TDU"),
    ]);
    expect(f.totals.projects).toBe(5);
  });
});

describe("users and audit (module)", () => {
  it("lists users with memberships, filtered by role", () => {
    const all = listUsers(db, parseUserQuery(""));
    expect(all.total).toBe(6);
    const planners = listUsers(db, parseUserQuery("role=planner&sort=email&dir=desc"));
    expect(planners.rows.map((u) => u.email)).toEqual(["planner.laichau@test.vn", "planner.hcm@test.vn"]);
    expect(planners.rows[1].memberships).toEqual([
      expect.objectContaining({ role: "planner", organisationCode: "P-HCM" }),
    ]);
  });

  it("pages the audit log, newest first", () => {
    const r = listAuditEvents(db, parseAuditQuery("size=25"));
    expect(r.total).toBe(7);
    const ids = r.rows.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(r.entityTypes).toEqual(["plan", "project"]);
    expect(listAuditEvents(db, parseAuditQuery("entity=plan")).total).toBe(3);
  });
});

describe("route loaders and authorisation", () => {
  const routes: [string, Loader, Record<string, string>][] = [
    ["/", homeLoader, {}],
    ["/organisations", registerLoader, {}],
    ["/organisations/45", orgLoader, { id: "45" }],
    ["/organisations/45/plans", plansLoader, { id: "45" }],
    ["/strategy", strategyLoader, {}],
    ["/admin/users", usersLoader, {}],
    ["/audit", auditLoader, {}],
  ];

  it("sends anonymous visitors to /login", async () => {
    for (const [path, loader, params] of routes) {
      const { response } = await run(loader, path, undefined, params);
      expect(response?.status, path).toBe(302);
      const location = response!.headers.get("Location")!;
      expect(location.startsWith("/login"), path).toBe(true);
      if (path !== "/") expect(location).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
  });

  it("a planner reads their own organisation's plans (and those of its predecessors) but not another's", async () => {
    const hcm = String(fx.org("P-HCM"));
    const own = await run<{ total: number; rows: { code: string }[] }>(
      plansLoader,
      `/organisations/${hcm}/plans`,
      fx.cookies.plannerHcm,
      { id: hcm },
    );
    expect(own.response).toBeUndefined();
    expect(own.data!.total).toBe(3);

    const bd = String(fx.org("LP-74"));
    const family = await run(plansLoader, `/organisations/${bd}/plans`, fx.cookies.plannerHcm, { id: bd });
    expect(family.response).toBeUndefined();

    const lcu = String(fx.org("P-LCU"));
    const other = await run(plansLoader, `/organisations/${lcu}/plans`, fx.cookies.plannerHcm, { id: lcu });
    expect(other.response?.status).toBe(403);
    const otherBack = await run(plansLoader, `/organisations/${hcm}/plans`, fx.cookies.plannerLaiChau, {
      id: hcm,
    });
    expect(otherBack.response?.status).toBe(403);

    // The coordinator reads every organisation's plans.
    const coord = await run(plansLoader, `/organisations/${lcu}/plans`, fx.cookies.coordinator, { id: lcu });
    expect(coord.response).toBeUndefined();
  });

  it("answers 404 for unknown or malformed organisation ids", async () => {
    for (const id of ["999999", "abc", "0", "-1", "1e3"]) {
      expect(
        (await run(orgLoader, `/organisations/${id}`, fx.cookies.coordinator, { id })).response?.status,
        id,
      ).toBe(404);
      expect(
        (await run(plansLoader, `/organisations/${id}/plans`, fx.cookies.plannerHcm, { id })).response
          ?.status,
        id,
      ).toBe(404);
    }
  });

  it("the organisation page tells a planner whether they may open the plans", async () => {
    const lcu = String(fx.org("P-LCU"));
    const hcm = String(fx.org("P-HCM"));
    const a = await run<{ canReadPlans: boolean; title: string }>(
      orgLoader,
      `/organisations/${lcu}`,
      fx.cookies.plannerHcm,
      { id: lcu },
    );
    expect(a.data!.canReadPlans).toBe(false);
    const b = await run<{ canReadPlans: boolean; title: string }>(
      orgLoader,
      `/organisations/${hcm}`,
      fx.cookies.plannerHcm,
      { id: hcm },
      "en",
    );
    expect(b.data!.canReadPlans).toBe(true);
    expect(b.data!.title).toBe("Ho Chi Minh City");
  });

  it("refuses /audit and /admin/users to a planner (403) and to a leader for users", async () => {
    for (const [path, loader] of [
      ["/audit", auditLoader],
      ["/admin/users", usersLoader],
    ] as const) {
      expect((await run(loader, path, fx.cookies.plannerHcm)).response?.status, path).toBe(403);
    }
    expect((await run(usersLoader, "/admin/users", fx.cookies.leader)).response?.status).toBe(403);
    expect((await run(auditLoader, "/audit", fx.cookies.leader)).response?.status).toBe(403);
    expect((await run(auditLoader, "/audit", fx.cookies.coordinator)).response?.status).toBe(403);
  });

  it("lets the auditor read the audit log with a verified chain, and admins and coordinators the users", async () => {
    const audit = await run<{ chain: { ok: boolean; count?: number }; total: number }>(
      auditLoader,
      "/audit",
      fx.cookies.auditor,
    );
    expect(audit.data!.chain).toEqual({ ok: true, count: 7 });
    expect((await run(auditLoader, "/audit", fx.cookies.admin)).data).toBeDefined();
    for (const who of ["admin", "coordinator", "auditor"] as const) {
      const users = await run<{ total: number }>(usersLoader, "/admin/users?role=planner", fx.cookies[who]);
      expect(users.data!.total, who).toBe(2);
    }
  });

  it("serves the register with sort, filter and page from the URL", async () => {
    const r = await run<{
      total: number;
      rows: { code: string; population: number }[];
      table: { sort: string; dir: string; page: number };
    }>(
      registerLoader,
      "/organisations?kind=province&sort=population&dir=desc&size=10&page=2",
      fx.cookies.plannerHcm,
    );
    expect(r.data!.total).toBe(34);
    expect(r.data!.table).toMatchObject({ sort: "population", dir: "desc", page: 2 });
    expect(r.data!.rows).toHaveLength(10);
    const unknownSort = await run<{ table: { sort: string } }>(
      registerLoader,
      "/organisations?sort=hash",
      fx.cookies.leader,
    );
    expect(unknownSort.data!.table.sort).toBe("name");
    const legacy = await run<{ rows: { code: string }[] }>(
      registerLoader,
      "/organisations?q=binh%20duong",
      fx.cookies.leader,
    );
    expect(legacy.data!.rows.map((x) => x.code)).toContain("LP-74");
  });

  it("home: national figures for everyone, plus an own-organisation block for planners", async () => {
    const leader = await run<{ overview: { totals: { projects: number } }; mine: unknown }>(
      homeLoader,
      "/",
      fx.cookies.leader,
    );
    expect(leader.data!.overview.totals.projects).toBe(FIXTURE_PROJECTS.length);
    expect(leader.data!.mine).toBeNull();
    const planner = await run<{ mine: { organisationId: number; totals: { projects: number } } }>(
      homeLoader,
      "/",
      fx.cookies.plannerHcm,
    );
    expect(planner.data!.mine.organisationId).toBe(fx.org("P-HCM"));
    expect(planner.data!.mine.totals.projects).toBe(5);
    const laiChau = await run<{ mine: { totals: { projects: number } } }>(
      homeLoader,
      "/",
      fx.cookies.plannerLaiChau,
    );
    expect(laiChau.data!.mine.totals.projects).toBe(2);
  });

  it("strategy: the tree and the open mode", async () => {
    const r = await run<{ nodeCount: number; open: string }>(
      strategyLoader,
      "/strategy?open=all",
      fx.cookies.plannerLaiChau,
    );
    expect(r.data).toMatchObject({ nodeCount: 30, open: "all" });
  });
});

// Last: these tests write to the database.
describe("memoised read models follow every write", () => {
  it("computes once per database state", () => {
    let calls = 0;
    const compute = () => ++calls;
    expect(memoByDataVersion(db, "test:once", compute)).toBe(1);
    expect(memoByDataVersion(db, "test:once", compute)).toBe(1);
    db.$client.prepare("UPDATE regions SET name_en = name_en WHERE code = 'southeast'").run();
    expect(memoByDataVersion(db, "test:once", compute)).toBe(2);
  });

  it("a project added through the app's connection shows at once on every page", () => {
    const before = getOverview(db, AS_OF);
    const hcmBefore = before.byProvince.find((p) => p.code === "P-HCM")!.projects;
    const viewBefore = getOrganisationView(db, fx.org("P-HCM"), AS_OF)!.totals.own;
    const nodeBefore = loadStrategyNodes(db).find((n) => n.code === "DA950.3")!.projectCount;
    const registerBefore = listOrganisations(db, parseRegisterQuery("q=P-HCM"), "vi", AS_OF).rows[0]
      .projectCount;

    const id = Number(
      db.$client
        .prepare(
          `INSERT INTO projects (code, organisation_id, province_id, title_vi, description_vi, domain, phase, hosting_model, operator_type)
           VALUES ('T-NEW-1', ?, ?, 'Mới', 'Mô tả', 'transport', 'pilot', 'government_cloud', 'government_agency')`,
        )
        .run(fx.org("P-HCM"), fx.org("P-HCM")).lastInsertRowid,
    );
    db.$client
      .prepare("INSERT INTO project_strategy_nodes (project_id, node_id, is_primary) VALUES (?, ?, 1)")
      .run(id, fx.node("DA950.3.1"));

    const after = getOverview(db, AS_OF);
    expect(after.totals.projects).toBe(before.totals.projects + 1);
    expect(after.byProvince.find((p) => p.code === "P-HCM")!.projects).toBe(hcmBefore + 1);
    expect(getOrganisationView(db, fx.org("P-HCM"), AS_OF)!.totals.own).toBe(viewBefore + 1);
    expect(loadStrategyNodes(db).find((n) => n.code === "DA950.3")!.projectCount).toBe(nodeBefore + 1);
    expect(listOrganisations(db, parseRegisterQuery("q=P-HCM"), "vi", AS_OF).rows[0].projectCount).toBe(
      registerBefore + 1,
    );
  });

  it("a write from another connection (a CLI, an import) is seen too", () => {
    const before = getOverview(db, AS_OF).totals.approved;
    const other = openDatabase(file);
    try {
      const projectId = (
        other.$client.prepare("SELECT id FROM projects WHERE code = 'T-LCU-2'").get() as { id: number }
      ).id;
      other.$client
        .prepare(
          `INSERT INTO budget_lines (project_id, fiscal_year, funding_source, category, approved_amount, original_amount)
           VALUES (?, 2026, 'central_budget', 'general', 1234, 1234)`,
        )
        .run(projectId);
    } finally {
      other.$client.close();
    }
    expect(getOverview(db, AS_OF).totals.approved).toBe(before + 1234);
  });
});
