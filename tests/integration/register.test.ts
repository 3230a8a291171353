/**
 * The project register on a real SQLite file built by the migrations and
 * seeded with the demo generator (small scale): full-text search with and
 * without diacritics, organisation families across mergers, the strategy
 * subtree, budget-line filters, sorting and paging, planner scope against
 * forged filters, the CSV export, and the FTS index kept in sync by triggers.
 * Expected sets are computed independently (plain SQL or JavaScript), not
 * with the register's own code.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { seedAll } from "#seeds/index";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import { CSV_BOM, parseProjectRegisterQuery, type ProjectRegisterQuery } from "~/modules/projects/register";
import {
  listAllProjects,
  listProjects,
  registerOptions,
  type RegisterScope,
} from "~/modules/projects/register.server";
import { projectSearchText } from "~/modules/search/fts";
import { foldVietnamese } from "~/utils/text";
import { loader as registerLoader } from "~/routes/projects._index";
import { loader as csvLoader } from "~/routes/projects[.]csv";
import { createTestDb } from "./helpers/db";

let db: Db;
let cleanup: () => void;
const AS_OF = "2026-11-26";
const ALL: RegisterScope = { all: true };
const cookies: Record<string, string> = {};

function orgId(code: string): number {
  const row = db.$client.prepare("SELECT id FROM organisations WHERE code = ?").get(code) as
    { id: number } | undefined;
  if (!row) throw new Error(`unknown organisation ${code}`);
  return row.id;
}

function ids(sql: string, ...params: unknown[]): number[] {
  return (db.$client.prepare(sql).all(...params) as { id: number }[]).map((r) => r.id).sort((a, b) => a - b);
}

function q(search: string): ProjectRegisterQuery {
  return parseProjectRegisterQuery(search);
}

/** Ids of every row of a view (all pages), sorted by id. */
function viewIds(search: string, scope: RegisterScope = ALL): number[] {
  return listAllProjects(db, q(search), scope, "vi", AS_OF)
    .rows.map((r) => r.id)
    .sort((a, b) => a - b);
}

function insertProject(
  code: string,
  org: string,
  province: string | null,
  titleVi: string,
  descriptionVi: string,
) {
  const id = Number(
    db.$client
      .prepare(
        `INSERT INTO projects (code, organisation_id, province_id, title_vi, description_vi, domain, phase,
           hosting_model, operator_type, search_text)
         VALUES (?, ?, ?, ?, ?, 'governance', 'pilot', 'government_cloud', 'government_agency', ?)`,
      )
      .run(
        code,
        orgId(org),
        province ? orgId(province) : null,
        titleVi,
        descriptionVi,
        projectSearchText({ titleVi, descriptionVi }),
      ).lastInsertRowid,
  );
  return id;
}

beforeAll(async () => {
  ({ db, cleanup } = createTestDb());
  await seedAll(db, { scale: 0.1, seed: 11, password: "test-password-1" });
  setDb(db);
  // Deterministic rows for the assertions below (the insert trigger indexes them).
  insertProject(
    "T-REG-BDG",
    "LP-74",
    "LP-74",
    "Trung tâm điều hành đô thị thông minh Bình Dương",
    "Thử nghiệm.",
  );
  insertProject("T-REG-DNG", "P-DNG", "P-DNG", "Bản đồ số Đà Nẵng", "Quản lý đô thị.");
  for (const [key, email] of Object.entries({
    leader: "leader@demo.citypilot.vn",
    coordinator: "coordinator@demo.citypilot.vn",
    auditor: "auditor@demo.citypilot.vn",
    admin: "admin@demo.citypilot.vn",
    plannerHcm: "planner.hcm@demo.citypilot.vn",
    plannerLaiChau: "planner.laichau@demo.citypilot.vn",
  })) {
    const user = db.$client.prepare("SELECT id FROM users WHERE email = ?").get(email) as { id: number };
    cookies[key] = `${SESSION_COOKIE}=${createSession(db, user.id).token}`;
  }
});

afterAll(() => {
  setDb(undefined);
  cleanup();
});

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

async function run<T>(
  loader: Loader,
  path: string,
  cookie?: string,
): Promise<{ data?: T; response?: Response }> {
  const request = new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  try {
    return { data: (await loader({ request, params: {}, context: {} })) as T };
  } catch (e) {
    if (e instanceof Response) return { response: e };
    throw e;
  }
}

/** Projects whose folded texts contain every word (the last one as a prefix), computed in JavaScript. */
function expectedTextMatches(text: string): number[] {
  const words = foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const rows = db.$client
    .prepare("SELECT id, title_vi, description_vi, title_en, description_en FROM projects")
    .all() as {
    id: number;
    title_vi: string;
    description_vi: string;
    title_en: string | null;
    description_en: string | null;
  }[];
  return rows
    .filter((r) => {
      const tokens = foldVietnamese(
        [r.title_vi, r.description_vi, r.title_en ?? "", r.description_en ?? ""].join(" "),
      )
        .split(/[^a-z0-9]+/)
        .filter(Boolean);
      return words.every((w, i) =>
        i === words.length - 1 && w.length >= 2 ? tokens.some((t) => t.startsWith(w)) : tokens.includes(w),
      );
    })
    .map((r) => r.id)
    .sort((a, b) => a - b);
}

describe("schema support", () => {
  it("has the FTS table, its three triggers and the register indexes, and the index is consistent", () => {
    const names = (
      db.$client
        .prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger', 'index') ORDER BY name")
        .all() as { name: string }[]
    ).map((r) => r.name);
    for (const n of [
      "projects_fts",
      "projects_fts_ai",
      "projects_fts_au",
      "projects_fts_ad",
      "projects_register_idx",
      "budget_lines_project_amount_idx",
      "budget_lines_year_source_project_idx",
      "project_strategy_nodes_node_project_idx",
    ]) {
      expect(names, n).toContain(n);
    }
    expect(() =>
      db.$client.exec("INSERT INTO projects_fts(projects_fts, rank) VALUES ('integrity-check', 1)"),
    ).not.toThrow();
  });
});

describe("free-text search", () => {
  it('"dieu hanh do thi" finds "điều hành đô thị", the same as with diacritics and in capitals', () => {
    const plain = viewIds("q=dieu hanh do thi");
    expect(plain.length).toBeGreaterThan(1);
    expect(plain).toEqual(expectedTextMatches("dieu hanh do thi"));
    expect(viewIds("q=Điều hành đô thị")).toEqual(plain);
    expect(viewIds("q=ĐIỀU HÀNH ĐÔ THỊ")).toEqual(plain);
    const titles = listAllProjects(db, q("q=dieu hanh do thi"), ALL, "vi", AS_OF).rows.map((r) => r.titleVi);
    expect(titles).toContain("Trung tâm điều hành đô thị thông minh Bình Dương");
  });

  it('"ĐIỀU HÀNH" equals "dieu hanh"', () => {
    const upper = viewIds("q=ĐIỀU HÀNH");
    expect(upper.length).toBeGreaterThan(0);
    expect(upper).toEqual(viewIds("q=dieu hanh"));
    expect(upper).toEqual(expectedTextMatches("dieu hanh"));
  });

  it('"Đà Nẵng" and "da nang" find the same projects, Đ matching D', () => {
    const withMarks = viewIds("q=Đà Nẵng");
    expect(withMarks.length).toBeGreaterThan(0);
    expect(viewIds("q=da nang")).toEqual(withMarks);
    expect(viewIds("q=DA NANG")).toEqual(withMarks);
    expect(withMarks).toEqual(expectedTextMatches("da nang"));
    const codes = listAllProjects(db, q("q=da nang"), ALL, "vi", AS_OF).rows.map((r) => r.code);
    expect(codes).toContain("T-REG-DNG");
  });

  it("a half-typed last word is a prefix", () => {
    const half = viewIds("q=ban do so da na");
    expect(half).toEqual(expectedTextMatches("ban do so da na"));
    expect(half).toContain(
      (db.$client.prepare("SELECT id FROM projects WHERE code = 'T-REG-DNG'").get() as { id: number }).id,
    );
  });

  it("finds a project by its code or the start of it", () => {
    const code = (
      db.$client.prepare("SELECT code FROM projects WHERE code LIKE 'HCM-%' ORDER BY code LIMIT 1").get() as {
        code: string;
      }
    ).code;
    const one = listAllProjects(db, q(`q=${code.toLowerCase()}`), ALL, "vi", AS_OF).rows.map((r) => r.code);
    expect(one).toContain(code);
    const prefix = code.slice(0, code.lastIndexOf("-"));
    const byPrefix = viewIds(`q=${encodeURIComponent(prefix)}`);
    const expected = ids("SELECT id FROM projects WHERE code LIKE ? || '-%'", prefix);
    expect(expected.every((id) => byPrefix.includes(id))).toBe(true);
  });

  it("never fails, whatever is typed", () => {
    const hostile = [
      '"',
      '""',
      "*",
      "NEAR(",
      "NEAR(a b, 2)",
      "-",
      "- camera",
      "AND",
      "OR OR",
      "NOT",
      "a OR",
      "(",
      ")",
      "search_text:",
      "{search_text}: x",
      "^",
      "a*b*",
      "'; DROP TABLE projects; --",
      "\u0000",
      "🙂 đô thị",
      "%_\\",
      "x".repeat(500),
    ];
    for (const text of hostile) {
      const search = new URLSearchParams({ q: text }).toString();
      expect(() => listProjects(db, q(search), ALL, "vi", AS_OF), text).not.toThrow();
    }
    expect(viewIds(new URLSearchParams({ q: "- camera" }).toString())).toEqual(expectedTextMatches("camera"));
    // Punctuation only: no text filter at all.
    expect(listProjects(db, q("q=***"), ALL, "vi", AS_OF).total).toBe(
      (db.$client.prepare("SELECT COUNT(*) AS n FROM projects").get() as { n: number }).n,
    );
  });
});

describe("organisation, province and ministry filters across mergers", () => {
  it("a legacy province (Bình Dương) also finds what its successor (Hồ Chí Minh) owns", () => {
    const view = viewIds("org=LP-74");
    const expected = ids(
      `SELECT id FROM projects WHERE organisation_id = :bdg
          OR organisation_id IN (SELECT successor_id FROM organisation_successions WHERE predecessor_id = :bdg)`,
      { bdg: orgId("LP-74") },
    );
    expect(view).toEqual(expected);
    expect(view).toEqual(
      expect.arrayContaining(ids("SELECT id FROM projects WHERE organisation_id = ?", orgId("P-HCM"))),
    );
    expect(ids("SELECT id FROM projects WHERE organisation_id = ?", orgId("P-HCM")).length).toBeGreaterThan(
      0,
    );
  });

  it("and the successor (Hồ Chí Minh) finds what Bình Dương and the other merged provinces owned", () => {
    const view = viewIds("org=P-HCM");
    const expected = ids(
      `SELECT id FROM projects WHERE organisation_id = :hcm
          OR organisation_id IN (SELECT predecessor_id FROM organisation_successions WHERE successor_id = :hcm)`,
      { hcm: orgId("P-HCM") },
    );
    expect(view).toEqual(expected);
    const bdgOwned = ids("SELECT id FROM projects WHERE organisation_id = ?", orgId("LP-74"));
    expect(bdgOwned.length).toBeGreaterThan(0);
    expect(view).toEqual(expect.arrayContaining(bdgOwned));
  });

  it("province = today's province and the legacy provinces merged into it; a legacy code means its successor", () => {
    const expected = ids(
      `SELECT id FROM projects WHERE province_id = :hcm
          OR province_id IN (SELECT predecessor_id FROM organisation_successions WHERE successor_id = :hcm)`,
      { hcm: orgId("P-HCM") },
    );
    expect(viewIds("province=P-HCM")).toEqual(expected);
    const page = listProjects(db, q("province=LP-74"), ALL, "vi", AS_OF);
    expect(page.active).toEqual([{ name: "province", org: expect.objectContaining({ code: "P-HCM" }) }]);
    expect(viewIds("province=LP-74")).toEqual(expected);
    // Not a province: the filter is dropped (and not shown as active).
    expect(listProjects(db, q("province=M-MOST"), ALL, "vi", AS_OF).active).toEqual([]);
  });

  it("ministry = today's ministry and the ministries merged into it", () => {
    const most = orgId("M-MOST");
    const expected = ids(
      `SELECT id FROM projects WHERE organisation_id = :m
          OR organisation_id IN (SELECT predecessor_id FROM organisation_successions WHERE successor_id = :m)`,
      { m: most },
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(viewIds("ministry=M-MOST")).toEqual(expected);
  });

  it("filters combine (AND)", () => {
    const expected = ids(
      `SELECT id FROM projects WHERE phase = 'pilot' AND (province_id = :hcm
          OR province_id IN (SELECT predecessor_id FROM organisation_successions WHERE successor_id = :hcm))`,
      { hcm: orgId("P-HCM") },
    );
    expect(viewIds("province=P-HCM&phase=pilot")).toEqual(expected);
  });
});

describe("strategy, domain and budget filters", () => {
  it("a strategy node includes its whole subtree (computed through parent links, not paths)", () => {
    const node = db.$client
      .prepare(
        `SELECT n.id, n.code FROM strategy_nodes n
          WHERE EXISTS (SELECT 1 FROM strategy_nodes c WHERE c.parent_id = n.id) AND n.parent_id IS NOT NULL
          ORDER BY n.code LIMIT 1`,
      )
      .get() as { id: number; code: string };
    const expected = ids(
      `WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT n.id FROM strategy_nodes n JOIN sub ON n.parent_id = sub.id)
       SELECT DISTINCT project_id AS id FROM project_strategy_nodes WHERE node_id IN (SELECT id FROM sub)`,
      node.id,
    );
    expect(expected.length).toBeGreaterThan(0);
    const direct = ids("SELECT project_id AS id FROM project_strategy_nodes WHERE node_id = ?", node.id);
    expect(expected.length).toBeGreaterThan(direct.length);
    expect(viewIds(`node=${node.code}`)).toEqual(expected);
  });

  it("domain", () => {
    expect(viewIds("domain=transport")).toEqual(ids("SELECT id FROM projects WHERE domain = 'transport'"));
  });

  it("funding source and fiscal year: projects with one budget line having both", () => {
    const expected = ids(
      `SELECT id FROM projects p WHERE EXISTS (SELECT 1 FROM budget_lines b
          WHERE b.project_id = p.id AND b.funding_source = 'local_budget' AND b.fiscal_year = 2026)`,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(viewIds("source=local_budget&year=2026")).toEqual(expected);
    expect(viewIds("year=2026")).toEqual(
      ids("SELECT DISTINCT project_id AS id FROM budget_lines WHERE fiscal_year = 2026"),
    );
    expect(viewIds("source=oda_grant")).toEqual(
      ids("SELECT DISTINCT project_id AS id FROM budget_lines WHERE funding_source = 'oda_grant'"),
    );
  });

  it("offers the filter choices: provinces and ministries in force, nodes in tree order, budget years", () => {
    const o = registerOptions(db, ALL, "vi", AS_OF);
    expect(o.provinces).toHaveLength(34);
    expect(o.provinces.every((p) => !p.legacy && p.kind === "province")).toBe(true);
    expect(o.organisations.some((x) => x.code === "LP-74" && x.legacy)).toBe(true);
    expect(o.nodes[0].level).toBe(0);
    expect(o.years).toEqual([...o.years].sort((a, b) => b - a));
    expect(o.years).toContain(2026);
  });
});

describe("sorting and paging", () => {
  it("approved budget, descending, equals the sum of the budget lines, across pages without overlap", () => {
    const total = listProjects(db, q("sort=approved&dir=desc&size=10"), ALL, "vi", AS_OF).total;
    const pages = Math.ceil(total / 10);
    const rows = Array.from(
      { length: pages },
      (_, i) => listProjects(db, q(`sort=approved&dir=desc&size=10&page=${i + 1}`), ALL, "vi", AS_OF).rows,
    ).flat();
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
    const amounts = rows.map((r) => r.approved);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const sums = new Map(
      (
        db.$client
          .prepare(
            "SELECT p.id, COALESCE(SUM(b.approved_amount), 0) AS s FROM projects p LEFT JOIN budget_lines b ON b.project_id = p.id GROUP BY p.id",
          )
          .all() as { id: number; s: number }[]
      ).map((r) => [r.id, r.s]),
    );
    for (const r of rows) expect(r.approved).toBe(sums.get(r.id));
  });

  it("code, title, organisation, province, phase, start date and updated, both ways", () => {
    const all = (search: string, locale: "vi" | "en" = "vi") =>
      listAllProjects(db, q(search), ALL, locale, AS_OF).rows;
    const codes = all("sort=code&dir=asc").map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
    expect(all("sort=code&dir=desc").map((r) => r.code)).toEqual([...codes].reverse());

    const titles = all("sort=title&dir=asc").map((r) => foldVietnamese(r.titleVi).slice(0, 20));
    expect(titles).toEqual([...titles].sort());

    const orgs = all("sort=organisation&dir=desc", "en").map((r) => r.organisationNameEn.toLowerCase());
    expect(orgs).toEqual([...orgs].sort().reverse());

    const provinces = all("sort=province&dir=desc");
    const firstNull = provinces.findIndex((r) => r.provinceId === null);
    expect(firstNull).toBeGreaterThan(0);
    expect(provinces.slice(firstNull).every((r) => r.provinceId === null)).toBe(true);

    const phaseOrder = ["proposed", "approved", "pilot", "evaluation", "scaling", "operational", "cancelled"];
    const phases = all("sort=phase&dir=asc").map((r) => phaseOrder.indexOf(r.phase));
    expect(phases).toEqual([...phases].sort((a, b) => a - b));

    const starts = all("sort=start&dir=desc")
      .map((r) => r.startDate)
      .filter((d): d is string => d !== null);
    expect(starts).toEqual([...starts].sort().reverse());

    const updated = all("").map((r) => r.updatedAt);
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
  });

  it("a page beyond the last is clamped to the last page", () => {
    const last = listProjects(db, q("size=10&page=100000"), ALL, "vi", AS_OF);
    expect(last.table.page).toBe(Math.ceil(last.total / 10));
    expect(last.rows.length).toBeGreaterThan(0);
  });
});

describe("scope and permissions (route loaders with real sessions)", () => {
  type Page = Awaited<ReturnType<typeof registerLoader>>;

  it("every reading role opens the register; anonymous visitors go to the login page", async () => {
    for (const role of ["leader", "coordinator", "auditor", "admin", "plannerHcm"]) {
      const { data, response } = await run<Page>(registerLoader, "/projects", cookies[role]);
      expect(response, role).toBeUndefined();
      expect(data!.rows.length, role).toBeGreaterThan(0);
    }
    const anon = await run<Page>(registerLoader, "/projects");
    expect(anon.response?.status).toBe(302);
    expect(anon.response?.headers.get("Location")).toBe("/login?redirectTo=%2Fprojects");
  });

  it("leaders see every project and may not create; planners and coordinators may", async () => {
    const leader = (await run<Page>(registerLoader, "/projects?size=10", cookies.leader)).data!;
    expect(leader.total).toBe(
      (db.$client.prepare("SELECT COUNT(*) AS n FROM projects").get() as { n: number }).n,
    );
    expect(leader.canCreate).toBe(false);
    expect(leader.ownScope).toBe(false);
    expect((await run<Page>(registerLoader, "/projects", cookies.coordinator)).data!.canCreate).toBe(true);
    expect((await run<Page>(registerLoader, "/projects", cookies.plannerHcm)).data!.canCreate).toBe(true);
  });

  it("a planner sees only their organisation family's projects, whatever filter is forged", async () => {
    const own = ids(
      `WITH RECURSIVE fam(id) AS (SELECT :hcm
         UNION SELECT s.predecessor_id FROM organisation_successions s JOIN fam ON s.successor_id = fam.id
         UNION SELECT s.successor_id FROM organisation_successions s JOIN fam ON s.predecessor_id = fam.id)
       SELECT id FROM projects WHERE organisation_id IN (SELECT id FROM fam UNION SELECT o.id FROM organisations o JOIN fam ON o.parent_id = fam.id)`,
      { hcm: orgId("P-HCM") },
    );
    const mine = (await run<Page>(registerLoader, "/projects?size=100", cookies.plannerHcm)).data!;
    expect(mine.total).toBe(own.length);
    expect(mine.ownScope).toBe(true);
    expect(mine.rows.every((r) => own.includes(r.id))).toBe(true);

    // Forged filters for other organisations: nothing leaks.
    for (const forged of ["org=P-HN", "org=P-LCU", "ministry=M-MOST", "province=P-HN", "org=P-HN&q=do thi"]) {
      const page = (await run<Page>(registerLoader, `/projects?${forged}`, cookies.plannerHcm)).data!;
      expect(
        page.rows.every((r) => own.includes(r.id)),
        forged,
      ).toBe(true);
    }
    expect((await run<Page>(registerLoader, "/projects?org=P-HN", cookies.plannerHcm)).data!.total).toBe(0);
    // The organisation choices offered are the planner's own (with the merged units).
    const offered = mine.options.organisations.map((o) => o.code);
    expect(offered).toEqual(expect.arrayContaining(["P-HCM", "LP-74"]));
    expect(offered).not.toContain("P-HN");
    // Every page together (the CSV export) is exactly the planner's projects.
    const all = await run<Response>(csvLoader, "/projects.csv?col=code", cookies.plannerHcm);
    const allCodes = (await all.data!.text()).split("\r\n").filter(Boolean).slice(1);
    expect(allCodes.sort()).toEqual(
      (
        db.$client.prepare(`SELECT code FROM projects WHERE id IN (${own.join(",")})`).all() as {
          code: string;
        }[]
      )
        .map((r) => r.code)
        .sort(),
    );

    const laiChau = (await run<Page>(registerLoader, "/projects?org=P-HCM&size=100", cookies.plannerLaiChau))
      .data!;
    expect(laiChau.total).toBe(0);

    const csv = await run<Response>(csvLoader, "/projects.csv?org=P-HN", cookies.plannerHcm);
    const text = await csv.data!.text();
    expect(text.trim().split("\r\n")).toHaveLength(1); // header only
  });
});

describe("CSV export", () => {
  it("holds exactly the rows of the filtered view, in its order, with the shown columns", async () => {
    const search = "q=do thi&phase=pilot&sort=approved&dir=desc&col=code&col=title&col=approved&size=10";
    const { data } = await run<Response>(csvLoader, `/projects.csv?${search}`, cookies.leader);
    const res = data!;
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="danh-muc-du-an-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = new Uint8Array(await res.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await res.text();
    expect(text.startsWith(CSV_BOM)).toBe(false); // Response.text() strips the BOM
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("Mã dự án,Tên dự án,Vốn được duyệt (đồng)");
    const view = listAllProjects(db, q(search), ALL, "vi", AS_OF).rows;
    expect(view.length).toBeGreaterThan(10); // more than one page
    expect(listProjects(db, q(search), ALL, "vi", AS_OF).total).toBe(view.length);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(view.map((r) => r.code));
    expect(lines.slice(1).map((l) => Number(l.split(",").at(-1)))).toEqual(view.map((r) => r.approved));
  });

  it("neutralises a title that a spreadsheet would run as a formula", async () => {
    insertProject("T-REG-CSV", "P-HCM", "P-HCM", '=HYPERLINK("http://evil","x")', "Mô tả.");
    const { data } = await run<Response>(
      csvLoader,
      "/projects.csv?q=T-REG-CSV&col=code&col=title",
      cookies.leader,
    );
    const lines = (await data!.text()).split("\r\n");
    expect(lines[1]).toBe(`T-REG-CSV,"'=HYPERLINK(""http://evil"",""x"")"`);
  });

  it("answers anonymous requests with a redirect to the login page", async () => {
    const { response } = await run<Response>(csvLoader, "/projects.csv");
    expect(response?.status).toBe(302);
  });
});

describe("the FTS index follows every write", () => {
  it("update: the new words are found and the old ones no longer", () => {
    const id = insertProject(
      "T-REG-SYNC",
      "P-HCM",
      "P-HCM",
      "Hệ thống quản lý chiếu sáng công cộng",
      "Đèn LED.",
    );
    expect(viewIds("q=chieu sang cong cong")).toContain(id);
    const titleVi = "Nền tảng dữ liệu khí tượng thủy văn";
    db.$client
      .prepare("UPDATE projects SET title_vi = ?, search_text = ?, version = version + 1 WHERE id = ?")
      .run(titleVi, projectSearchText({ titleVi, descriptionVi: "Trạm đo mưa." }), id);
    expect(viewIds("q=khi tuong thuy van")).toContain(id);
    expect(viewIds("q=chieu sang cong cong")).not.toContain(id);
    // An update that does not touch the text keeps the index as it is.
    db.$client.prepare("UPDATE projects SET phase = 'evaluation' WHERE id = ?").run(id);
    expect(viewIds("q=tram do mua")).toContain(id);
  });

  it("delete: the project disappears from search, and the index stays consistent", () => {
    const id = insertProject(
      "T-REG-DEL",
      "P-HCM",
      "P-HCM",
      "Thí điểm khinh khí cầu Zeppelin",
      "Bay quanh hồ.",
    );
    expect(viewIds("q=khinh khi cau zeppelin")).toEqual([id]);
    db.$client.prepare("DELETE FROM projects WHERE id = ?").run(id);
    expect(viewIds("q=khinh khi cau zeppelin")).toEqual([]);
    expect(() =>
      db.$client.exec("INSERT INTO projects_fts(projects_fts, rank) VALUES ('integrity-check', 1)"),
    ).not.toThrow();
  });
});
