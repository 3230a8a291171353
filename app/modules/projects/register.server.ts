/**
 * The project register: every project the user may read, filtered, sorted
 * and paged on the server, in two statements (a count and a page), plus the
 * same rows unpaged for the CSV export.
 *
 * How it stays fast at national scale (20,000 projects, 70,000 budget lines):
 * - The page statement picks the page's ids in a subquery that reads only
 *   the narrow covering index `projects_register_idx` (filter columns and
 *   sort keys, migration 0002), never the wide project rows; the outer query
 *   then fetches the display columns of those 25 rows.
 * - Set filters (text, strategy subtree, budget lines) are uncorrelated
 *   `IN (…)` subqueries on `+p.id`: SQLite builds each id set once and probes
 *   it while scanning the index. (Measured at scale 10: a correlated EXISTS on
 *   budget lines, or rowid look-ups into the table, cost 3-10× more.)
 * - The approved budget is summed when read (covering index on budget lines),
 *   never stored, so it can't go stale.
 * - Planners are scoped in SQL (`organisation_id IN (own organisations)`),
 *   ANDed with whatever filters the URL carries.
 */
import type { Db } from "#db/client.server";
import {
  PROJECT_PHASES,
  type Domain,
  type FundingSource,
  type OrganisationKind,
  type ProjectPhase,
} from "#db/enums";
import { scopeOf, type Principal } from "~/auth/permissions";
import type { Locale } from "~/i18n/locales";
import { escapeLike, memoByDataVersion, prepared } from "~/modules/db/sql.server";
import { familyIds, successorIdOf } from "~/modules/organisations/succession.server";
import { buildFtsQuery, codePrefix, prefixUpperBound } from "~/modules/search/fts";
import { buildTree, walkTree } from "~/modules/strategy/tree";
import { clampPage, limitOffset, type TableState } from "~/modules/table/params";
import { todayIso } from "~/utils/today";
import type {
  ProjectRegisterFilters,
  ProjectRegisterQuery,
  ProjectRegisterRow,
  ProjectSort,
  RegisterColumn,
} from "./register";

export type { ProjectRegisterRow };

// ---------------------------------------------------------------------------
// Scope
// ---------------------------------------------------------------------------

/** Which projects a user may list: all of them, or those owned by some organisations. */
export type RegisterScope = { all: true } | { all: false; organisationIds: readonly number[] };

/** The user's register scope from `read:project` (null: may not read projects at all). */
export function registerScopeFor(principal: Principal): RegisterScope | null {
  const scope = scopeOf(principal, "read", "project");
  if (scope === "any") return { all: true };
  if (scope === "own")
    return { all: false, organisationIds: [...principal.ownOrganisationIds].sort((a, b) => a - b) };
  return null;
}

// ---------------------------------------------------------------------------
// Filters resolved against the database
// ---------------------------------------------------------------------------

export interface OrgRef {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
}

/** A filter in force, for the caption and the CSV file (unknown codes are dropped). */
export type ActiveFilter =
  | { name: "q"; text: string }
  | { name: "org" | "province" | "ministry"; org: OrgRef }
  | { name: "domain"; domain: Domain }
  | { name: "phase"; phase: ProjectPhase }
  | { name: "node"; node: { code: string; titleVi: string; titleEn: string | null } }
  | { name: "source"; source: FundingSource }
  | { name: "year"; year: number };

/** Everything the SQL needs, with names and codes already turned into ids. */
export interface ResolvedFilters {
  fts: string | null;
  codePrefix: string | null;
  orgIds: number[] | null;
  provinceIds: number[] | null;
  ministryIds: number[] | null;
  domain: Domain | null;
  phase: ProjectPhase | null;
  nodePath: string | null;
  source: FundingSource | null;
  year: number | null;
  active: ActiveFilter[];
}

interface OrgLookupRow extends OrgRef {
  kind: OrganisationKind;
}

function orgByCode(db: Db, code: string): OrgLookupRow | null {
  return (
    (prepared(
      db,
      "SELECT id, code, kind, name_vi AS nameVi, name_en AS nameEn FROM organisations WHERE code = ?",
    ).get(code) as OrgLookupRow | undefined) ?? null
  );
}

function orgById(db: Db, id: number): OrgLookupRow | null {
  return (
    (prepared(
      db,
      "SELECT id, code, kind, name_vi AS nameVi, name_en AS nameEn FROM organisations WHERE id = ?",
    ).get(id) as OrgLookupRow | undefined) ?? null
  );
}

/** A province or ministry given by any of its codes, carried to the unit in force today. */
function currentUnit(db: Db, code: string, kind: OrganisationKind, asOf: string): OrgLookupRow | null {
  const org = orgByCode(db, code);
  if (!org || org.kind !== kind) return null;
  const current = successorIdOf(db, org.id, asOf);
  return current === null || current === org.id ? org : orgById(db, current);
}

const ref = ({ id, code, nameVi, nameEn }: OrgLookupRow): OrgRef => ({ id, code, nameVi, nameEn });

/** Turn the URL's filters into ids (organisation families, node path) and FTS text. */
export function resolveFilters(
  db: Db,
  f: ProjectRegisterFilters,
  asOf: string = todayIso(),
): ResolvedFilters {
  const active: ActiveFilter[] = [];
  const r: ResolvedFilters = {
    fts: null,
    codePrefix: null,
    orgIds: null,
    provinceIds: null,
    ministryIds: null,
    domain: f.domain,
    phase: f.phase,
    nodePath: null,
    source: f.source,
    year: f.year,
    active,
  };
  if (f.q) {
    r.fts = buildFtsQuery(f.q);
    r.codePrefix = codePrefix(f.q);
    if (r.fts !== null || r.codePrefix !== null) active.push({ name: "q", text: f.q });
  }
  if (f.org) {
    const org = orgByCode(db, f.org);
    if (org) {
      // The unit, every unit it continued and every unit that continues it.
      r.orgIds = familyIds(db, org.id);
      active.push({ name: "org", org: ref(org) });
    }
  }
  if (f.province) {
    const province = currentUnit(db, f.province, "province", asOf);
    if (province) {
      // Today's province and the legacy provinces merged into it.
      r.provinceIds = familyIds(db, province.id);
      active.push({ name: "province", org: ref(province) });
    }
  }
  if (f.ministry) {
    const ministry = currentUnit(db, f.ministry, "ministry", asOf);
    if (ministry) {
      r.ministryIds = familyIds(db, ministry.id);
      active.push({ name: "ministry", org: ref(ministry) });
    }
  }
  if (f.domain) active.push({ name: "domain", domain: f.domain });
  if (f.phase) active.push({ name: "phase", phase: f.phase });
  if (f.node) {
    const node = prepared(
      db,
      "SELECT code, path, title_vi AS titleVi, title_en AS titleEn FROM strategy_nodes WHERE code = ?",
    ).get(f.node) as { code: string; path: string; titleVi: string; titleEn: string | null } | undefined;
    if (node) {
      r.nodePath = node.path;
      active.push({ name: "node", node: { code: node.code, titleVi: node.titleVi, titleEn: node.titleEn } });
    }
  }
  if (f.source) active.push({ name: "source", source: f.source });
  if (f.year !== null) active.push({ name: "year", year: f.year });
  return r;
}

// ---------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------

/** `CASE p.phase WHEN 'proposed' THEN 0 …`: phases sort in lifecycle order, cancelled last. */
const PHASE_RANK = `CASE p.phase ${PROJECT_PHASES.map((ph, i) => `WHEN '${ph}' THEN ${i}`).join(" ")} ELSE ${PROJECT_PHASES.length} END`;

/** Approved budget of a project: the sum of its budget lines (0 without any). */
export const APPROVED_SQL =
  "COALESCE((SELECT SUM(b.approved_amount) FROM budget_lines b WHERE b.project_id = p.id), 0)";

interface SortKey {
  expr: string;
  /** Always ascending (a "NULLs last" flag), whatever the direction. */
  fixed?: boolean;
  collate?: "NOCASE";
}

/**
 * Sort keys per column. The title keys are exactly the expressions indexed by
 * `projects_register_idx`, so SQLite reads them from the index.
 */
function sortSpec(sort: ProjectSort, locale: Locale): { keys: SortKey[]; join: string } {
  const en = locale === "en";
  switch (sort) {
    case "code":
      return { keys: [{ expr: "p.code" }], join: "" };
    case "title":
      return {
        keys: [
          {
            expr: en
              ? "lower(substr(coalesce(p.title_en, p.title_vi), 1, 48))"
              : "substr(p.search_text, 1, 48)",
          },
        ],
        join: "",
      };
    case "organisation":
      return {
        keys: [en ? { expr: "so.name_en", collate: "NOCASE" } : { expr: "so.search_name" }],
        join: "JOIN organisations so ON so.id = p.organisation_id",
      };
    case "province":
      return {
        keys: [
          { expr: "sp.id IS NULL", fixed: true },
          en ? { expr: "sp.name_en", collate: "NOCASE" } : { expr: "sp.search_name" },
        ],
        join: "LEFT JOIN organisations sp ON sp.id = p.province_id",
      };
    case "phase":
      return { keys: [{ expr: PHASE_RANK }], join: "" };
    case "approved":
      return { keys: [{ expr: APPROVED_SQL }], join: "" };
    case "start":
      return { keys: [{ expr: "p.start_date IS NULL", fixed: true }, { expr: "p.start_date" }], join: "" };
    case "updated":
      return { keys: [{ expr: "p.updated_at" }], join: "" };
  }
}

/** WHERE clause (on alias `p`) and its named parameters. */
export function registerWhere(
  scope: RegisterScope,
  f: ResolvedFilters,
): { sql: string; params: Record<string, string | number> } {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  if (!scope.all) {
    params.scope = JSON.stringify(scope.organisationIds);
    clauses.push("p.organisation_id IN (SELECT value FROM json_each(:scope))");
  }
  if (f.orgIds) {
    params.org = JSON.stringify(f.orgIds);
    clauses.push("p.organisation_id IN (SELECT value FROM json_each(:org))");
  }
  if (f.ministryIds) {
    params.ministry = JSON.stringify(f.ministryIds);
    clauses.push("p.organisation_id IN (SELECT value FROM json_each(:ministry))");
  }
  if (f.provinceIds) {
    params.province = JSON.stringify(f.provinceIds);
    clauses.push("p.province_id IN (SELECT value FROM json_each(:province))");
  }
  if (f.domain) {
    params.domain = f.domain;
    clauses.push("p.domain = :domain");
  }
  if (f.phase) {
    params.phase = f.phase;
    clauses.push("p.phase = :phase");
  }
  if (f.nodePath) {
    params.nodePath = `${escapeLike(f.nodePath)}%`;
    clauses.push(
      `+p.id IN (SELECT psn.project_id FROM project_strategy_nodes psn
                  WHERE psn.node_id IN (SELECT sn.id FROM strategy_nodes sn WHERE sn.path LIKE :nodePath ESCAPE '\\'))`,
    );
  }
  if (f.source !== null || f.year !== null) {
    const line: string[] = [];
    if (f.source !== null) {
      params.source = f.source;
      line.push("b.funding_source = :source");
    }
    if (f.year !== null) {
      params.year = f.year;
      line.push("b.fiscal_year = :year");
    }
    clauses.push(`+p.id IN (SELECT b.project_id FROM budget_lines b WHERE ${line.join(" AND ")})`);
  }
  const text: string[] = [];
  if (f.fts !== null) {
    params.fts = f.fts;
    text.push("+p.id IN (SELECT rowid FROM projects_fts WHERE projects_fts MATCH :fts)");
  }
  if (f.codePrefix !== null) {
    params.codeFrom = f.codePrefix;
    params.codeTo = prefixUpperBound(f.codePrefix);
    text.push("(p.code >= :codeFrom AND p.code < :codeTo)");
  }
  if (text.length) clauses.push(text.length === 1 ? text[0] : `(${text.join(" OR ")})`);
  return { sql: clauses.length ? `WHERE ${clauses.join("\n   AND ")}` : "", params };
}

/** The display columns of a page's rows (alias `p` is the project, `pg` the page's ids and keys). */
const ROW_COLUMNS = `p.id, p.code, p.title_vi AS titleVi, p.title_en AS titleEn,
       o.id AS organisationId, o.code AS organisationCode, o.name_vi AS organisationNameVi,
       o.name_en AS organisationNameEn, (o.valid_to IS NOT NULL AND o.valid_to < :today) AS organisationLegacy,
       pr.id AS provinceId, pr.code AS provinceCode, pr.name_vi AS provinceNameVi, pr.name_en AS provinceNameEn,
       (pr.valid_to IS NOT NULL AND pr.valid_to < :today) AS provinceLegacy,
       p.domain, p.phase, p.start_date AS startDate, p.end_date AS endDate, p.updated_at AS updatedAt,
       ${APPROVED_SQL} AS approved,
       (SELECT json_object('code', sn.code, 'titleVi', sn.title_vi, 'titleEn', sn.title_en)
          FROM project_strategy_nodes psn JOIN strategy_nodes sn ON sn.id = psn.node_id
         WHERE psn.project_id = p.id ORDER BY psn.is_primary DESC, sn.path LIMIT 1) AS node`;

/**
 * The count and page statements for a query. The page statement takes
 * `:limit`/`:offset` (LIMIT -1 for every row, as the CSV export does) and
 * `:today` on top of the filter parameters.
 */
export function registerSql(
  table: Pick<TableState<ProjectSort>, "sort" | "dir">,
  scope: RegisterScope,
  filters: ResolvedFilters,
  locale: Locale,
) {
  const where = registerWhere(scope, filters);
  const { keys, join } = sortSpec(table.sort, locale);
  const dir = table.dir === "desc" ? "DESC" : "ASC";
  const order = (ref: (k: SortKey, i: number) => string) =>
    [
      ...keys.map(
        (k, i) => `${ref(k, i)}${k.collate ? ` COLLATE ${k.collate}` : ""} ${k.fixed ? "ASC" : dir}`,
      ),
      `${ref({ expr: "p.code" }, -1)} ASC`,
    ].join(", ");
  const countSql = `SELECT COUNT(*) AS n FROM projects p ${where.sql}`;
  const pageSql = `SELECT ${ROW_COLUMNS}
  FROM (SELECT p.id, p.code, ${keys.map((k, i) => `${k.expr} AS k${i}`).join(", ")}
          FROM projects p ${join}
         ${where.sql}
         ORDER BY ${order((_k, i) => (i < 0 ? "p.code" : `k${i}`))}
         LIMIT :limit OFFSET :offset) AS pg
  JOIN projects p ON p.id = pg.id
  JOIN organisations o ON o.id = p.organisation_id
  LEFT JOIN organisations pr ON pr.id = p.province_id
 ORDER BY ${order((_k, i) => (i < 0 ? "pg.code" : `pg.k${i}`))}`;
  return { countSql, pageSql, params: where.params };
}

// ---------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------

interface RawRow extends Omit<ProjectRegisterRow, "organisationLegacy" | "provinceLegacy" | "node"> {
  organisationLegacy: number;
  provinceLegacy: number | null;
  node: string | null;
}

function toRow(r: RawRow): ProjectRegisterRow {
  return {
    ...r,
    organisationLegacy: r.organisationLegacy === 1,
    provinceLegacy: r.provinceLegacy === 1,
    node: r.node ? (JSON.parse(r.node) as ProjectRegisterRow["node"]) : null,
  };
}

export interface ProjectRegisterPage {
  rows: ProjectRegisterRow[];
  total: number;
  table: TableState<ProjectSort>;
  filters: ProjectRegisterFilters;
  columns: RegisterColumn[];
  active: ActiveFilter[];
}

/** One page of the register (the page is clamped to the last one). One count, one page statement. */
export function listProjects(
  db: Db,
  query: ProjectRegisterQuery,
  scope: RegisterScope,
  locale: Locale,
  asOf: string = todayIso(),
): ProjectRegisterPage {
  const resolved = resolveFilters(db, query.filters, asOf);
  const { countSql, pageSql, params } = registerSql(query.table, scope, resolved, locale);
  const total = (prepared(db, countSql).get(params) as { n: number }).n;
  const page = clampPage(query.table.page, total, query.table.pageSize);
  const table = { ...query.table, page };
  const rows = (prepared(db, pageSql).all({ ...params, today: asOf, ...limitOffset(table) }) as RawRow[]).map(
    toRow,
  );
  return { rows, total, table, filters: query.filters, columns: query.columns, active: resolved.active };
}

/** Every row of the view, in the view's order (CSV export): the page statement without a limit. */
export function listAllProjects(
  db: Db,
  query: ProjectRegisterQuery,
  scope: RegisterScope,
  locale: Locale,
  asOf: string = todayIso(),
): { rows: ProjectRegisterRow[]; active: ActiveFilter[] } {
  const resolved = resolveFilters(db, query.filters, asOf);
  const { pageSql, params } = registerSql(query.table, scope, resolved, locale);
  const rows = (prepared(db, pageSql).all({ ...params, today: asOf, limit: -1, offset: 0 }) as RawRow[]).map(
    toRow,
  );
  return { rows, active: resolved.active };
}

// ---------------------------------------------------------------------------
// Filter choices
// ---------------------------------------------------------------------------

export interface OrgOption extends OrgRef {
  kind: OrganisationKind;
  legacy: boolean;
}

export interface NodeOption {
  code: string;
  titleVi: string;
  titleEn: string | null;
  level: number;
}

export interface RegisterOptions {
  /** Owners to filter by, in the locale's alphabetical order (for planners: only their own). */
  organisations: OrgOption[];
  /** Provinces in force today. */
  provinces: OrgOption[];
  /** Ministries in force today. */
  ministries: OrgOption[];
  /** Strategy nodes in tree order (live ones). */
  nodes: NodeOption[];
  /** Fiscal years that have budget lines, newest first. */
  years: number[];
}

interface OrgOptionRow extends OrgOption {
  searchName: string;
  legacy: boolean;
}

/** The filter choices for a user, kept until the next write to the database. */
export function registerOptions(
  db: Db,
  scope: RegisterScope,
  locale: Locale,
  asOf: string = todayIso(),
): RegisterOptions {
  const who = scope.all ? "all" : scope.organisationIds.join(",");
  return memoByDataVersion(db, `projects:registerOptions:${locale}:${asOf}:${who}`, () =>
    queryRegisterOptions(db, scope, locale, asOf),
  );
}

function queryRegisterOptions(db: Db, scope: RegisterScope, locale: Locale, asOf: string): RegisterOptions {
  const orgs = (
    prepared(
      db,
      `SELECT id, code, kind, name_vi AS nameVi, name_en AS nameEn, search_name AS searchName,
              (valid_to IS NOT NULL AND valid_to < :asOf) AS legacy
         FROM organisations WHERE kind IN ('province', 'ministry', 'city')`,
    ).all({ asOf }) as (Omit<OrgOptionRow, "legacy"> & { legacy: number })[]
  ).map((o) => ({ ...o, legacy: o.legacy === 1 }));
  const collator = new Intl.Collator(locale === "en" ? "en" : "vi");
  const key = (o: OrgOptionRow) => (locale === "en" ? o.nameEn : o.searchName);
  orgs.sort((a, b) => collator.compare(key(a), key(b)) || a.id - b.id);
  const option = ({ id, code, kind, nameVi, nameEn, legacy }: OrgOptionRow): OrgOption => ({
    id,
    code,
    kind,
    nameVi,
    nameEn,
    legacy,
  });
  const own = scope.all ? null : new Set(scope.organisationIds);

  const nodeRows = prepared(
    db,
    `SELECT id, parent_id AS parentId, sort_order AS sortOrder, code, title_vi AS titleVi, title_en AS titleEn
       FROM strategy_nodes WHERE archived_at IS NULL`,
  ).all() as {
    id: number;
    parentId: number | null;
    sortOrder: number;
    code: string;
    titleVi: string;
    titleEn: string | null;
  }[];
  const nodes: NodeOption[] = [];
  walkTree(buildTree(nodeRows), (n) => {
    nodes.push({ code: n.code, titleVi: n.titleVi, titleEn: n.titleEn, level: n.level });
  });

  // Two subqueries, so each is an index look-up (MIN and MAX together would scan every line).
  const span = prepared(
    db,
    `SELECT (SELECT MIN(fiscal_year) FROM budget_lines) AS lo, (SELECT MAX(fiscal_year) FROM budget_lines) AS hi`,
  ).get() as { lo: number | null; hi: number | null };
  const years: number[] = [];
  if (span.lo !== null && span.hi !== null) for (let y = span.hi; y >= span.lo; y--) years.push(y);

  return {
    organisations: orgs.filter((o) => own === null || own.has(o.id)).map(option),
    provinces: orgs.filter((o) => o.kind === "province" && !o.legacy).map(option),
    ministries: orgs.filter((o) => o.kind === "ministry" && !o.legacy).map(option),
    nodes,
    years,
  };
}
