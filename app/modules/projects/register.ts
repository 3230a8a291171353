/**
 * The project register's URL contract and CSV format (pure: no Remix, no
 * database): which filters exist, which columns can be shown and sorted, how
 * bad values fall back, and how a CSV cell is written safely.
 *
 * Everything lives in the query string, so a link reproduces the view:
 *   /projects?q=dieu+hanh&province=P-HCM&phase=pilot&col=code&col=title&col=approved&sort=approved&dir=desc&page=2
 */
import { z } from "zod";
import { DOMAINS, FUNDING_SOURCES, PROJECT_PHASES } from "#db/enums";
import type { Domain, FundingSource, ProjectPhase } from "#db/enums";
import type { MessageKey, Translate } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locales";
import { parseFilters, parseTableParams, type TableSpec, type TableState } from "~/modules/table/params";
import { localized } from "~/utils/localized";
import { todayIso } from "~/utils/today";

// ---------------------------------------------------------------------------
// Columns and sorting
// ---------------------------------------------------------------------------

/** Every column the register can show, in display order. `code` is always shown. */
export const REGISTER_COLUMNS = [
  "code",
  "title",
  "organisation",
  "province",
  "domain",
  "phase",
  "strategy",
  "approved",
  "start",
  "end",
  "updated",
] as const;
export type RegisterColumn = (typeof REGISTER_COLUMNS)[number];

/** Columns a user may switch on and off (all but the code, which identifies the row). */
export const OPTIONAL_COLUMNS = REGISTER_COLUMNS.filter((c) => c !== "code") as Exclude<
  RegisterColumn,
  "code"
>[];

export const DEFAULT_COLUMNS: readonly RegisterColumn[] = [
  "code",
  "title",
  "organisation",
  "province",
  "phase",
  "approved",
  "updated",
];

export const PROJECT_SORTS = [
  "code",
  "title",
  "organisation",
  "province",
  "phase",
  "approved",
  "start",
  "updated",
] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

export const PROJECT_REGISTER_TABLE: TableSpec<ProjectSort> = {
  sortable: PROJECT_SORTS,
  defaultSort: "updated",
  defaultDir: "desc",
  initialDir: { approved: "desc", start: "desc", updated: "desc" },
  defaultPageSize: 25,
};

/** The sortable column behind a shown column (the same id, where one exists). */
export function sortOfColumn(column: RegisterColumn): ProjectSort | null {
  return (PROJECT_SORTS as readonly string[]).includes(column) ? (column as ProjectSort) : null;
}

/** Query-string name of the column choice (repeated: `col=title&col=phase`). */
export const COLUMN_PARAM = "col";

/**
 * The chosen columns, in display order. Absent → the defaults. The filter
 * form always sends `col=code` (a hidden field), so a form with every box
 * unticked still means "only the code", not "the defaults".
 */
export function parseColumns(params: URLSearchParams): RegisterColumn[] {
  const raw = params.getAll(COLUMN_PARAM).map((v) => v.trim());
  if (raw.length === 0) return [...DEFAULT_COLUMNS];
  const chosen = new Set(raw);
  return REGISTER_COLUMNS.filter((c) => c === "code" || chosen.has(c));
}

// ---------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------

/** Organisation and strategy-node codes as they appear in URLs (`P-HCM`, `LP-74`, `DA950.1.2`). */
const codeSchema = z
  .string()
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
  .transform((s) => s.toUpperCase());

const filterShape = {
  q: z.string().max(200).optional(),
  org: codeSchema.optional(),
  province: codeSchema.optional(),
  ministry: codeSchema.optional(),
  domain: z.enum(DOMAINS).optional(),
  phase: z.enum(PROJECT_PHASES).optional(),
  node: codeSchema.optional(),
  source: z.enum(FUNDING_SOURCES).optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
};

export interface ProjectRegisterFilters {
  /** Free text as typed (trimmed); searched without diacritics or case. */
  q: string;
  /** Owning organisation code; its predecessors and successors count too. */
  org: string | null;
  /** Province code (located there or in one of its legacy predecessors). */
  province: string | null;
  /** Owning ministry code (with its predecessors and successors). */
  ministry: string | null;
  domain: Domain | null;
  phase: ProjectPhase | null;
  /** Strategy node code; the node's whole subtree counts. */
  node: string | null;
  /** A budget line with this funding source (and `year`, if given). */
  source: FundingSource | null;
  /** A budget line in this fiscal year (and with `source`, if given). */
  year: number | null;
}

export const FILTER_NAMES = [
  "q",
  "org",
  "province",
  "ministry",
  "domain",
  "phase",
  "node",
  "source",
  "year",
] as const satisfies readonly (keyof ProjectRegisterFilters)[];

export interface ProjectRegisterQuery {
  table: TableState<ProjectSort>;
  filters: ProjectRegisterFilters;
  columns: RegisterColumn[];
}

export function parseProjectRegisterQuery(search: URLSearchParams | string): ProjectRegisterQuery {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const f = parseFilters(params, filterShape);
  return {
    table: parseTableParams(params, PROJECT_REGISTER_TABLE),
    filters: {
      q: (f.q ?? "").trim(),
      org: f.org ?? null,
      province: f.province ?? null,
      ministry: f.ministry ?? null,
      domain: f.domain ?? null,
      phase: f.phase ?? null,
      node: f.node ?? null,
      source: f.source ?? null,
      year: f.year ?? null,
    },
    columns: parseColumns(params),
  };
}

// ---------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------

/** One project as the register shows it. */
export interface ProjectRegisterRow {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  organisationId: number;
  organisationCode: string;
  organisationNameVi: string;
  organisationNameEn: string;
  /** The owner is a unit that has since ended (e.g. a merged province). */
  organisationLegacy: boolean;
  provinceId: number | null;
  provinceCode: string | null;
  provinceNameVi: string | null;
  provinceNameEn: string | null;
  provinceLegacy: boolean;
  domain: Domain;
  phase: ProjectPhase;
  startDate: string | null;
  endDate: string | null;
  updatedAt: number;
  /** Sum of the approved amounts of its budget lines, integer VND. */
  approved: number;
  /** Primary strategy node (else the first linked one). */
  node: { code: string; titleVi: string; titleEn: string | null } | null;
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

/** UTF-8 byte-order mark: Excel reads the file as UTF-8 (Vietnamese letters intact). */
export const CSV_BOM = "\uFEFF";

/**
 * Characters that make a spreadsheet read a cell as a formula (CSV/formula
 * injection): `=`, `+`, `-`, `@`, and tab or carriage return in front of them.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet would run as a formula gets a leading apostrophe. */
export function neutraliseCsvText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CsvValue = string | number | null | undefined;

/**
 * One CSV field (RFC 4180): numbers as they are (our own integers, never
 * user text), text neutralised and quoted when it holds a comma, quote or
 * line break.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = neutraliseCsvText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: BOM, header row, data rows, CRLF line ends. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvCell).join(",")];
  for (const row of rows) lines.push(row.map(csvCell).join(","));
  return CSV_BOM + lines.join("\r\n") + "\r\n";
}

/** Header of a CSV or XLSX column (money says its unit: the file holds exact integers). */
export function csvHeader(column: RegisterColumn, t: Translate): string {
  return t(
    column === "approved" ? "register.col.approvedExact" : (`register.col.${column}` satisfies MessageKey),
  );
}

/** The value of one column of a row, as written to the CSV and XLSX files (dates ISO, money integer VND). */
export function csvValue(row: ProjectRegisterRow, column: RegisterColumn, t: Translate, locale: Locale): CsvValue {
  switch (column) {
    case "code":
      return row.code;
    case "title":
      return localized(locale, row.titleVi, row.titleEn);
    case "organisation":
      return localized(locale, row.organisationNameVi, row.organisationNameEn);
    case "province":
      return row.provinceNameVi
        ? localized(locale, row.provinceNameVi, row.provinceNameEn)
        : t("register.nationalScope");
    case "domain":
      return t(`register.domain.${row.domain}`);
    case "phase":
      return t(`enums.phase.${row.phase}`);
    case "strategy":
      return row.node ? `${row.node.code} ${localized(locale, row.node.titleVi, row.node.titleEn)}` : null;
    case "approved":
      return row.approved;
    case "start":
      return row.startDate;
    case "end":
      return row.endDate;
    case "updated":
      return todayIso(row.updatedAt);
  }
}

/** The register's current view as a CSV document: the shown columns, every matching row, in order. */
export function registerCsv(
  rows: readonly ProjectRegisterRow[],
  columns: readonly RegisterColumn[],
  t: Translate,
  locale: Locale,
): string {
  return toCsv(
    columns.map((c) => csvHeader(c, t)),
    rows.map((row) => columns.map((c) => csvValue(row, c, t, locale))),
  );
}
