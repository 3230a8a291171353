/**
 * URL contract of the leadership dashboards (pure: no database, no Remix).
 *
 * Every choice of the view lives in the query string, so a link reproduces
 * the view: fiscal years (repeated `year`), region, province, ministry,
 * strategy node, funding source, the "as of" date, the unit mode (legacy
 * units rolled into their successors, or as recorded), the map measure and
 * the strategy node whose children the pillar chart shows. Bad values are
 * dropped (the view falls back to the default), never an error page.
 */
import { z } from "zod";
import { FUNDING_SOURCES, PROJECT_PHASES, type FundingSource, type ProjectPhase } from "#db/enums";

export const MAP_MEASURES = [
  "approved",
  "disbursed",
  "rate",
  "approvedPerCapita",
  "projects",
  "progress",
  "openFlags",
] as const;
export type MapMeasure = (typeof MAP_MEASURES)[number];

export const UNIT_MODES = ["current", "recorded"] as const;
/** `current`: legacy units roll into the unit that carries them on today; `recorded`: as they were. */
export type UnitMode = (typeof UNIT_MODES)[number];

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** At most this many fiscal years in one view (a link cannot ask for thousands). */
export const MAX_YEARS = 20;

export interface DashboardFilters {
  /** Fiscal years, ascending, distinct; empty = every year. */
  years: number[];
  /** Region code (`northern-midlands-mountains`…). */
  region: string | null;
  /** Province organisation code (current `P-…` or legacy `LP-…`). */
  province: string | null;
  /** Ministry organisation code (current `M-…` or legacy `LM-…`). */
  ministry: string | null;
  /** Strategy node code; the node's subtree counts. */
  node: string | null;
  source: FundingSource | null;
  /** ISO date; null = today. */
  asOf: string | null;
  units: UnitMode;
}

export interface DashboardView extends DashboardFilters {
  measure: MapMeasure;
  /** Strategy node whose children the pillar chart shows; null = the root's children. */
  pillar: string | null;
}

const orgCode = z
  .string()
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
  .transform((s) => s.toUpperCase());
const nodeCode = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
  .transform((s) => s.toUpperCase());
const regionCode = z
  .string()
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/);

/** A real calendar date `YYYY-MM-DD` (2025-02-30 is refused). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

function one<T>(
  params: URLSearchParams,
  name: string,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
): T | null {
  const raw = params.get(name)?.trim();
  if (!raw) return null;
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Fiscal years from repeated `year` parameters or ranges (`year=2024-2026`). */
export function parseYears(values: readonly string[]): number[] {
  const years = new Set<number>();
  for (const raw of values) {
    for (const part of raw.split(",")) {
      const m = /^\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?$/.exec(part);
      if (!m) continue;
      const from = Number(m[1]);
      const to = m[2] ? Number(m[2]) : from;
      if (from < MIN_YEAR || to > MAX_YEAR || to < from || to - from >= MAX_YEARS) continue;
      for (let y = from; y <= to; y++) years.add(y);
    }
  }
  return [...years].sort((a, b) => a - b).slice(0, MAX_YEARS);
}

export function parseDashboardView(search: URLSearchParams | string): DashboardView {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const asOf = params.get("asOf")?.trim() ?? "";
  const measure = params.get("measure");
  return {
    years: parseYears(params.getAll("year")),
    region: one(params, "region", regionCode),
    province: one(params, "province", orgCode),
    ministry: one(params, "ministry", orgCode),
    node: one(params, "node", nodeCode),
    source: one(params, "source", z.enum(FUNDING_SOURCES)),
    asOf: isIsoDate(asOf) ? asOf : null,
    units: params.get("units") === "recorded" ? "recorded" : "current",
    measure: (MAP_MEASURES as readonly string[]).includes(measure ?? "")
      ? (measure as MapMeasure)
      : "approved",
    pillar: one(params, "pillar", nodeCode),
  };
}

/**
 * The query string of a view (only what differs from the default, in a fixed
 * order), so equal views have equal URLs and memo keys.
 */
export function serialiseView(view: Partial<DashboardView>, { withView = true } = {}): string {
  const p = new URLSearchParams();
  for (const y of view.years ?? []) p.append("year", String(y));
  if (view.region) p.set("region", view.region);
  if (view.province) p.set("province", view.province);
  if (view.ministry) p.set("ministry", view.ministry);
  if (view.node) p.set("node", view.node);
  if (view.source) p.set("source", view.source);
  if (view.asOf) p.set("asOf", view.asOf);
  if (view.units === "recorded") p.set("units", "recorded");
  if (withView) {
    if (view.measure && view.measure !== "approved") p.set("measure", view.measure);
    if (view.pillar) p.set("pillar", view.pillar);
  }
  return p.toString();
}

/** `?query` or "" for an empty query. */
export function withQuery(path: string, query: string): string {
  return query ? `${path}?${query}` : path;
}

/** The filters alone (what the figures depend on), as a stable key. */
export function filtersKey(f: DashboardFilters): string {
  return serialiseView(f, { withView: false });
}

// ---------------------------------------------------------------------------
// Drill-down lists: which records are behind a figure
// ---------------------------------------------------------------------------

/** Rows a drill list shows at most (its totals count every row). */
export const DRILL_LIMIT = 500;

export const DRILL_KINDS = ["projects", "flags", "plans"] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];

/** A figure's slice of the filtered view (added to the view's filters in the drill list's URL). */
export interface DrillFacet {
  what: DrillKind;
  phase: ProjectPhase | null;
  /** Province-level unit id in the view's unit mode (a map or table row). */
  unit: number | null;
  /** Region code of the unit (equity rows). */
  inRegion: string | null;
  /** Disadvantaged (mountain, highland) regions or the rest. */
  equity: "disadvantaged" | "other" | null;
  /** Strategy node code: projects linked to it or beneath it. */
  under: string | null;
  /** Only projects with overdue milestones. */
  overdue: boolean;
  /** Flags: severity and rule. */
  severity: "low" | "medium" | "high" | "critical" | null;
  rule: string | null;
  /** Only projects without any province (national scope). */
  noProvince: boolean;
}

export function parseDrillFacet(search: URLSearchParams | string): DrillFacet {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const what = params.get("what");
  const unit = Number(params.get("unit"));
  const equity = params.get("equity");
  const severity = params.get("severity");
  return {
    what: (DRILL_KINDS as readonly string[]).includes(what ?? "") ? (what as DrillKind) : "projects",
    phase: one(params, "phase", z.enum(PROJECT_PHASES)),
    unit: Number.isSafeInteger(unit) && unit > 0 ? unit : null,
    inRegion: one(params, "inRegion", regionCode),
    equity: equity === "disadvantaged" || equity === "other" ? equity : null,
    under: one(params, "under", nodeCode),
    overdue: params.get("overdue") === "1",
    severity:
      severity === "low" || severity === "medium" || severity === "high" || severity === "critical"
        ? severity
        : null,
    rule: one(
      params,
      "rule",
      z
        .string()
        .max(64)
        .regex(/^[a-z_]+$/),
    ),
    noProvince: params.get("noProvince") === "1",
  };
}

/** The drill list URL for a figure of a view. */
export function drillHref(filters: DashboardFilters, facet: Partial<DrillFacet>): string {
  const p = new URLSearchParams(filtersKey(filters));
  p.set("what", facet.what ?? "projects");
  if (facet.phase) p.set("phase", facet.phase);
  if (facet.unit) p.set("unit", String(facet.unit));
  if (facet.inRegion) p.set("inRegion", facet.inRegion);
  if (facet.equity) p.set("equity", facet.equity);
  if (facet.under) p.set("under", facet.under);
  if (facet.overdue) p.set("overdue", "1");
  if (facet.severity) p.set("severity", facet.severity);
  if (facet.rule) p.set("rule", facet.rule);
  if (facet.noProvince) p.set("noProvince", "1");
  return `/dashboard/list?${p.toString()}`;
}
