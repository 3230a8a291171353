/**
 * Organisation register: one filtered, sorted, paged query over
 * organisations (with region, project count and direct successors), plus a
 * count query with the same filter.
 */
import type { Db } from "#db/client.server";
import type { OrganisationKind } from "#db/enums";
import type { Locale } from "~/i18n/locales";
import { containsPattern, memoByDataVersion, prepared } from "~/modules/db/sql.server";
import { clampPage, limitOffset, type TableState } from "~/modules/table/params";
import { foldVietnamese } from "~/utils/text";
import { todayIso } from "~/utils/today";
import type { RegisterFilters, RegisterQuery, RegisterSort } from "./register";

export interface SuccessorLink {
  id: number;
  nameVi: string;
  nameEn: string;
  effectiveDate: string;
}

export interface RegisterRow {
  id: number;
  code: string;
  kind: OrganisationKind;
  nameVi: string;
  nameEn: string;
  regionCode: string | null;
  regionNameVi: string | null;
  regionNameEn: string | null;
  population: number | null;
  validFrom: string | null;
  validTo: string | null;
  /** Projects the unit owns, is located in (province) or in (city). */
  projectCount: number;
  /** Ended before `asOf`. */
  legacy: boolean;
  successors: SuccessorLink[];
}

export interface RegisterPage {
  rows: RegisterRow[];
  total: number;
  table: TableState<RegisterSort>;
  filters: RegisterFilters;
}

export interface RegionOption {
  code: string;
  nameVi: string;
  nameEn: string;
}

/**
 * Projects per organisation: each project counts once for every
 * organisation it touches, as owner, as province-level location or as city.
 * The owner and province branches read covering indexes (the id is the rowid).
 */
export const PROJECT_COUNTS_SQL = `SELECT org_id AS id, COUNT(*) AS n FROM (
    SELECT organisation_id AS org_id, id FROM projects
    UNION SELECT province_id, id FROM projects WHERE province_id IS NOT NULL
    UNION SELECT city_id, id FROM projects WHERE city_id IS NOT NULL
  ) GROUP BY org_id`;

/**
 * Project count per organisation id, computed once per database state (it
 * aggregates the whole projects table) and shared by the register and the
 * organisation pages.
 */
export function projectCountsByOrganisation(db: Db): ReadonlyMap<number, number> {
  return memoByDataVersion(db, "organisations:projectCounts", () => {
    const rows = prepared(db, PROJECT_COUNTS_SQL).all() as { id: number; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  });
}

/** The counts as a JSON object for `json_each` (id → count). */
export function projectCountsJson(counts: ReadonlyMap<number, number>): string {
  return JSON.stringify(Object.fromEntries(counts));
}

function nameOrder(locale: Locale, dir: "ASC" | "DESC"): string {
  return locale === "en"
    ? `o.name_en COLLATE NOCASE ${dir}, o.id ${dir}`
    : `o.search_name ${dir}, o.name_vi ${dir}, o.id ${dir}`;
}

/** ORDER BY for a sort column; NULLs always last, ties broken by name then id. */
export function registerOrderBy(sort: RegisterSort, dir: "asc" | "desc", locale: Locale): string {
  const d = dir === "desc" ? "DESC" : "ASC";
  const byName = nameOrder(locale, "ASC");
  const regionName = locale === "en" ? "r.name_en" : "r.name_vi";
  switch (sort) {
    case "name":
      return nameOrder(locale, d);
    case "kind":
      return `o.kind ${d}, ${byName}`;
    case "region":
      return `(${regionName} IS NULL), ${regionName} ${d}, ${byName}`;
    case "population":
      return `(o.population IS NULL), o.population ${d}, ${byName}`;
    case "validFrom":
      return `(o.valid_from IS NULL), o.valid_from ${d}, ${byName}`;
    case "validTo":
      return `(o.valid_to IS NULL), o.valid_to ${d}, ${byName}`;
    case "projects":
      return `COALESCE(pc.n, 0) ${d}, ${byName}`;
  }
}

/** WHERE clause and its named parameters for the register filters. */
export function registerWhere(
  filters: RegisterFilters,
  asOf: string,
): { sql: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (filters.q) {
    const folded = foldVietnamese(filters.q);
    params.like = containsPattern(folded);
    params.exact = folded;
    clauses.push(
      `(o.search_name LIKE :like ESCAPE '\\' OR lower(o.name_en) LIKE :like ESCAPE '\\'
        OR lower(o.code) = :exact OR lower(o.abbr) = :exact)`,
    );
  }
  if (filters.kind) {
    params.kind = filters.kind;
    clauses.push("o.kind = :kind");
  }
  if (filters.region) {
    params.region = filters.region;
    clauses.push("o.region_code = :region");
  }
  if (filters.status !== "all") {
    params.asOf = asOf;
    clauses.push(
      filters.status === "legacy" ? "o.valid_to < :asOf" : "(o.valid_to IS NULL OR o.valid_to >= :asOf)",
    );
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

export function registerSql(query: RegisterQuery, locale: Locale, asOf: string) {
  const where = registerWhere(query.filters, asOf);
  const countSql = `SELECT COUNT(*) AS n FROM organisations o ${where.sql}`;
  const pageSql = `WITH project_counts(org_id, n) AS (
      SELECT CAST(key AS INTEGER), value FROM json_each(:counts)
    )
    SELECT o.id, o.code, o.kind, o.name_vi AS nameVi, o.name_en AS nameEn,
           o.region_code AS regionCode, r.name_vi AS regionNameVi, r.name_en AS regionNameEn,
           o.population, o.valid_from AS validFrom, o.valid_to AS validTo,
           COALESCE(pc.n, 0) AS projectCount,
           (o.valid_to IS NOT NULL AND o.valid_to < :today) AS legacy,
           (SELECT json_group_array(json_object('id', s.successor_id, 'nameVi', so.name_vi,
                     'nameEn', so.name_en, 'effectiveDate', s.effective_date))
              FROM organisation_successions s JOIN organisations so ON so.id = s.successor_id
             WHERE s.predecessor_id = o.id) AS successors
      FROM organisations o
      LEFT JOIN regions r ON r.code = o.region_code
      LEFT JOIN project_counts pc ON pc.org_id = o.id
      ${where.sql}
     ORDER BY ${registerOrderBy(query.table.sort, query.table.dir, locale)}
     LIMIT :limit OFFSET :offset`;
  return { countSql, pageSql, params: where.params };
}

interface RawRow extends Omit<RegisterRow, "legacy" | "successors"> {
  legacy: number;
  successors: string | null;
}

/** One page of the register. The page is clamped to the last page. */
export function listOrganisations(
  db: Db,
  query: RegisterQuery,
  locale: Locale,
  asOf: string = todayIso(),
): RegisterPage {
  const { countSql, pageSql, params } = registerSql(query, locale, asOf);
  const counts = projectCountsJson(projectCountsByOrganisation(db));
  const total = (prepared(db, countSql).get(params) as { n: number }).n;
  const page = clampPage(query.table.page, total, query.table.pageSize);
  const table = { ...query.table, page };
  const rows = (
    prepared(db, pageSql).all({ ...params, today: asOf, counts, ...limitOffset(table) }) as RawRow[]
  ).map((r): RegisterRow => ({
    ...r,
    legacy: r.legacy === 1,
    successors: (JSON.parse(r.successors ?? "[]") as SuccessorLink[]).sort((a, b) =>
      a.effectiveDate.localeCompare(b.effectiveDate),
    ),
  }));
  return { rows, total, table, filters: query.filters };
}

/** Regions for the filter, in the locale's alphabetical order. */
export function listRegions(db: Db, locale: Locale): RegionOption[] {
  const rows = prepared(
    db,
    "SELECT code, name_vi AS nameVi, name_en AS nameEn FROM regions",
  ).all() as RegionOption[];
  const collator = new Intl.Collator(locale === "en" ? "en" : "vi");
  return rows.sort((a, b) =>
    collator.compare(locale === "en" ? a.nameEn : a.nameVi, locale === "en" ? b.nameEn : b.nameVi),
  );
}
