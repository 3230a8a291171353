/**
 * The project register's URL contract and SQL building (no database):
 * filters with fallbacks, column choice, sort keys, the WHERE clause and its
 * parameters (planner scope always ANDed), and that user text only ever
 * travels as a bound parameter.
 */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_COLUMNS,
  OPTIONAL_COLUMNS,
  parseColumns,
  parseProjectRegisterQuery,
  PROJECT_REGISTER_TABLE,
} from "~/modules/projects/register";
import { registerSql, registerWhere, type ResolvedFilters } from "~/modules/projects/register.server";

const NONE: ResolvedFilters = {
  fts: null,
  codePrefix: null,
  orgIds: null,
  provinceIds: null,
  ministryIds: null,
  domain: null,
  phase: null,
  nodePath: null,
  source: null,
  year: null,
  active: [],
};

describe("parseProjectRegisterQuery", () => {
  it("defaults: newest changes first, 25 rows, no filter, default columns", () => {
    const q = parseProjectRegisterQuery("");
    expect(q.table).toEqual({ sort: "updated", dir: "desc", page: 1, pageSize: 25 });
    expect(q.filters).toEqual({
      q: "",
      org: null,
      province: null,
      ministry: null,
      domain: null,
      phase: null,
      node: null,
      source: null,
      year: null,
    });
    expect(q.columns).toEqual(DEFAULT_COLUMNS);
  });

  it("reads every filter, upper-casing codes", () => {
    const q = parseProjectRegisterQuery(
      "q=%20dieu%20hanh%20&org=lp-74&province=P-HCM&ministry=M-MOST&domain=transport&phase=pilot&node=da950.1.2&source=oda_loan&year=2026&sort=approved&dir=desc&page=3&size=50",
    );
    expect(q.filters).toEqual({
      q: "dieu hanh",
      org: "LP-74",
      province: "P-HCM",
      ministry: "M-MOST",
      domain: "transport",
      phase: "pilot",
      node: "DA950.1.2",
      source: "oda_loan",
      year: 2026,
    });
    expect(q.table).toEqual({ sort: "approved", dir: "desc", page: 3, pageSize: 50 });
  });

  it("drops bad values field by field instead of failing", () => {
    const q = parseProjectRegisterQuery(
      "org=P-HCM';--&province=%25&phase=paused&domain=x&source=cash&year=20x6&node=../etc&sort=search_text&dir=sideways",
    );
    expect(q.filters).toMatchObject({
      org: null,
      province: null,
      phase: null,
      domain: null,
      source: null,
      year: null,
      node: null,
    });
    expect(q.table.sort).toBe(PROJECT_REGISTER_TABLE.defaultSort);
    expect(q.table.dir).toBe(PROJECT_REGISTER_TABLE.defaultDir);
  });

  it("uses a column's own first direction when only the sort is given", () => {
    expect(parseProjectRegisterQuery("sort=approved").table.dir).toBe("desc");
    expect(parseProjectRegisterQuery("sort=title").table.dir).toBe("asc");
  });
});

describe("parseColumns", () => {
  it("takes the defaults when no column is named", () => {
    expect(parseColumns(new URLSearchParams(""))).toEqual(DEFAULT_COLUMNS);
  });

  it("keeps the chosen columns in display order, always with the code", () => {
    expect(parseColumns(new URLSearchParams("col=approved&col=title&col=bogus"))).toEqual([
      "code",
      "title",
      "approved",
    ]);
  });

  it("the form's hidden col=code alone means only the code", () => {
    expect(parseColumns(new URLSearchParams("col=code"))).toEqual(["code"]);
  });

  it("offers every column but the code as a choice", () => {
    expect(OPTIONAL_COLUMNS).not.toContain("code");
    expect(OPTIONAL_COLUMNS).toContain("strategy");
  });
});

describe("registerWhere", () => {
  it("no scope and no filter: no WHERE clause", () => {
    expect(registerWhere({ all: true }, NONE)).toEqual({ sql: "", params: {} });
  });

  it("a planner's scope is always a clause, ANDed with a forged organisation filter", () => {
    const w = registerWhere({ all: false, organisationIds: [45, 121] }, { ...NONE, orgIds: [7, 8] });
    expect(w.sql).toContain("p.organisation_id IN (SELECT value FROM json_each(:scope))");
    expect(w.sql).toContain("p.organisation_id IN (SELECT value FROM json_each(:org))");
    expect(w.sql.match(/ AND /g)).toHaveLength(1);
    expect(w.params).toEqual({ scope: "[45,121]", org: "[7,8]" });
  });

  it("a planner with no organisation sees nothing (empty list, not no clause)", () => {
    const w = registerWhere({ all: false, organisationIds: [] }, NONE);
    expect(w.params.scope).toBe("[]");
    expect(w.sql).toContain(":scope");
  });

  it("budget filters: one line with the source and the year", () => {
    const both = registerWhere({ all: true }, { ...NONE, source: "oda_loan", year: 2026 });
    expect(both.sql).toContain("b.funding_source = :source AND b.fiscal_year = :year");
    const year = registerWhere({ all: true }, { ...NONE, year: 2026 });
    expect(year.sql).toContain("WHERE b.fiscal_year = :year)");
    expect(year.params).toEqual({ year: 2026 });
  });

  it("strategy subtree: a LIKE prefix on the node's path, escaped", () => {
    const w = registerWhere({ all: true }, { ...NONE, nodePath: "/1/13/" });
    expect(w.params.nodePath).toBe("/1/13/%");
    expect(w.sql).toContain("sn.path LIKE :nodePath ESCAPE");
  });

  it("free text: FTS match or a code prefix, as parameters only", () => {
    const hostile = `"x" OR 1=1; DROP TABLE projects; --`;
    const w = registerWhere({ all: true }, { ...NONE, fts: hostile, codePrefix: "HCM-2026" });
    expect(w.sql).not.toContain("DROP");
    expect(w.sql).toContain("projects_fts MATCH :fts");
    expect(w.sql).toContain("(p.code >= :codeFrom AND p.code < :codeTo)");
    expect(w.sql).toMatch(/\(\+p\.id IN .* OR \(p\.code/s);
    expect(w.params).toMatchObject({ fts: hostile, codeFrom: "HCM-2026", codeTo: "HCM-2027" });
  });
});

describe("registerSql", () => {
  it("sorts Vietnamese titles by the indexed folded key, English ones by the English title", () => {
    const vi = registerSql({ sort: "title", dir: "asc" }, { all: true }, NONE, "vi");
    expect(vi.pageSql).toContain("substr(p.search_text, 1, 48) AS k0");
    const en = registerSql({ sort: "title", dir: "asc" }, { all: true }, NONE, "en");
    expect(en.pageSql).toContain("lower(substr(coalesce(p.title_en, p.title_vi), 1, 48)) AS k0");
  });

  it("keeps rows without a province or start date last in both directions, code breaks ties", () => {
    const sql = registerSql({ sort: "start", dir: "desc" }, { all: true }, NONE, "vi").pageSql;
    expect(sql).toContain("ORDER BY k0 ASC, k1 DESC, p.code ASC");
    expect(sql).toContain("ORDER BY pg.k0 ASC, pg.k1 DESC, pg.code ASC");
  });

  it("the count and the page share one WHERE clause", () => {
    const s = registerSql(
      { sort: "code", dir: "asc" },
      { all: false, organisationIds: [1] },
      { ...NONE, phase: "pilot" },
      "vi",
    );
    expect(s.countSql).toContain("p.phase = :phase");
    expect(s.pageSql).toContain("p.phase = :phase");
    expect(s.params).toEqual({ scope: "[1]", phase: "pilot" });
  });
});
