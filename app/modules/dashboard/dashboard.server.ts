/**
 * Read models of the leadership dashboards: the URL's codes resolved to ids
 * (organisation families, strategy subtree), the figures of the view (from
 * the memoised facts), the names the page shows, the filter choices, the
 * drill-down lists behind each figure and the province/ministry pages' own
 * plans, pilots and flags. Every result that aggregates is memoised per
 * database state (`memoByDataVersion`), so it is never stale.
 */
import type { Db } from "#db/client.server";
import { FUNDING_SOURCES, type FlagSeverity, type OrganisationKind, type ProjectPhase } from "#db/enums";
import {
  memoByDataVersion,
  memoWithinStaleness,
  prepared,
  readModelMaxStaleMs,
} from "~/modules/db/sql.server";
import { familyIds } from "~/modules/organisations/succession.server";
import { todayIso } from "~/utils/today";
import {
  aggregate,
  flagInView,
  pathIds,
  projectMoney,
  provinceUnit,
  selectView,
  type DashboardFigures,
  type ResolvedFilters,
} from "./aggregate";
import type { DashboardFacts } from "./facts";
import { loadFacts } from "./facts.server";
import { DRILL_LIMIT, type DashboardFilters, type DashboardView, type DrillFacet } from "./filters";

export interface OrgRef {
  id: number;
  code: string;
  kind: OrganisationKind;
  nameVi: string;
  nameEn: string;
  legacy: boolean;
}

export interface NodeRef {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
}

/** The filters as the page describes them (unknown codes are dropped). */
export interface ActiveFilters {
  years: number[];
  region: { code: string; nameVi: string; nameEn: string } | null;
  province: OrgRef | null;
  ministry: OrgRef | null;
  node: NodeRef | null;
  source: (typeof FUNDING_SOURCES)[number] | null;
}

export type DashboardScope = { kind: "national" } | { kind: "province" | "ministry"; id: number };

function orgRow(db: Db, where: string, value: string | number): OrgRef | null {
  const row = prepared(
    db,
    `SELECT id, code, kind, name_vi AS nameVi, name_en AS nameEn, (valid_to IS NOT NULL AND valid_to < :today) AS legacy
       FROM organisations WHERE ${where} = :value`,
  ).get({ value, today: todayIso() }) as (Omit<OrgRef, "legacy"> & { legacy: number }) | undefined;
  return row ? { ...row, legacy: row.legacy === 1 } : null;
}

export function organisationById(db: Db, id: number): OrgRef | null {
  return orgRow(db, "id", id);
}

/** The "as of" date of a view: the URL's, never after today. */
export function effectiveAsOf(view: { asOf: string | null }, today = todayIso()): string {
  return view.asOf && view.asOf < today ? view.asOf : today;
}

/** Resolve the URL's codes against the database; a scope (province/ministry page) overrides its filter. */
export function resolveView(
  db: Db,
  view: DashboardView,
  scope: DashboardScope = { kind: "national" },
): { filters: DashboardFilters; resolved: ResolvedFilters; active: ActiveFilters } {
  const filters: DashboardFilters = {
    years: view.years,
    region: view.region,
    province: view.province,
    ministry: view.ministry,
    node: view.node,
    source: view.source,
    asOf: view.asOf,
    units: view.units,
  };
  const active: ActiveFilters = {
    years: view.years,
    region: null,
    province: null,
    ministry: null,
    node: null,
    source: view.source,
  };
  const resolved: ResolvedFilters = {
    years: view.years.length ? new Set(view.years) : null,
    source: view.source ? FUNDING_SOURCES.indexOf(view.source) : null,
    region: null,
    provinceFamily: null,
    ministryFamily: null,
    nodeIds: null,
    units: view.units,
    pillarId: null,
  };
  if (view.region) {
    const r = prepared(
      db,
      "SELECT code, name_vi AS nameVi, name_en AS nameEn FROM regions WHERE code = ?",
    ).get(view.region) as ActiveFilters["region"] | undefined;
    if (r) {
      active.region = r;
      resolved.region = r.code;
    } else filters.region = null;
  }
  const place = (kind: "province" | "ministry", code: string | null, scopedId: number | null) => {
    const org = scopedId !== null ? organisationById(db, scopedId) : code ? orgRow(db, "code", code) : null;
    if (!org || org.kind !== kind) return null;
    return org;
  };
  const province = place("province", view.province, scope.kind === "province" ? scope.id : null);
  filters.province = province?.code ?? null;
  if (province) {
    active.province = province;
    resolved.provinceFamily = new Set(familyIds(db, province.id));
  }
  if (scope.kind === "province") {
    // A province page is the province: a region filter would only hide it.
    filters.region = null;
    active.region = null;
    resolved.region = null;
  }
  const ministry = place("ministry", view.ministry, scope.kind === "ministry" ? scope.id : null);
  filters.ministry = ministry?.code ?? null;
  if (ministry) {
    active.ministry = ministry;
    resolved.ministryFamily = new Set(familyIds(db, ministry.id));
  }
  const nodeByCode = (code: string) =>
    prepared(
      db,
      "SELECT id, code, path, title_vi AS titleVi, title_en AS titleEn FROM strategy_nodes WHERE code = ?",
    ).get(code) as (NodeRef & { path: string }) | undefined;
  if (view.node) {
    const node = nodeByCode(view.node);
    if (node) {
      active.node = { id: node.id, code: node.code, titleVi: node.titleVi, titleEn: node.titleEn };
      const ids = prepared(db, "SELECT id FROM strategy_nodes WHERE path >= ? AND path < ? || ':'")
        .all(node.path, node.path)
        .map((r) => (r as { id: number }).id);
      resolved.nodeIds = new Set(ids);
    } else filters.node = null;
  }
  if (view.pillar) resolved.pillarId = nodeByCode(view.pillar)?.id ?? null;
  return { filters, resolved, active };
}

export interface FlagDetail {
  id: number;
  ruleCode: string;
  severity: FlagSeverity;
  state: string;
  moneyAtStake: number;
  projectCode: string | null;
  projectTitleVi: string | null;
  projectTitleEn: string | null;
  orgNameVi: string | null;
  orgNameEn: string | null;
}

export interface DuplicateDetail {
  flagId: number;
  ruleCode: string;
  severity: FlagSeverity;
  state: string;
  members: number;
  moneyAtStake: number;
  units: { id: number; nameVi: string; nameEn: string }[];
  /** A few member project codes (the flag page lists them all). */
  codes: string[];
}

export interface Dashboard {
  figures: DashboardFigures;
  filters: DashboardFilters;
  active: ActiveFilters;
  topFlags: FlagDetail[];
  duplicates: DuplicateDetail[];
  regionsByCode: Record<string, { nameVi: string; nameEn: string; disadvantaged: boolean }>;
  /** Years with budget lines (the year filter's choices). */
  years: number[];
  /** When these figures were computed (epoch ms): they may lag a write by a few seconds (ADR 0015). */
  computedAt: number;
}

const FLAG_DETAIL_SQL = `SELECT f.id, p.code AS projectCode, p.title_vi AS projectTitleVi, p.title_en AS projectTitleEn,
       o.name_vi AS orgNameVi, o.name_en AS orgNameEn
  FROM flags f LEFT JOIN projects p ON p.id = f.project_id
  LEFT JOIN organisations o ON o.id = COALESCE(p.organisation_id, f.organisation_id)
 WHERE f.id IN (SELECT value FROM json_each(:ids))`;

const MEMBER_CODES_SQL = `SELECT m.flag_id AS flagId, group_concat(p.code, ' ') AS codes
  FROM flag_members m JOIN projects p ON p.id = m.project_id
 WHERE m.flag_id IN (SELECT value FROM json_each(:ids)) GROUP BY m.flag_id`;

function yearsOf(facts: DashboardFacts): number[] {
  return [...new Set(facts.lines.year)].sort((a, b) => a - b);
}

/** The dashboard of a view (national, or scoped to a province or ministry). */
export function getDashboard(
  db: Db,
  view: DashboardView,
  scope: DashboardScope = { kind: "national" },
  /** `fresh`: never a figure older than the data (the XLSX export); pages allow a short lag (ADR 0015). */
  { fresh = false }: { fresh?: boolean } = {},
): Dashboard {
  const today = todayIso();
  // Keyed by the view as parsed (the map measure aside: it does not change a figure), so a
  // repeated view costs one map lookup; resolving its codes happens once per database state.
  const key = `dashboard:view:${today}:${JSON.stringify({ ...view, measure: null })}:${JSON.stringify(scope)}`;
  // Under a stream of writes the figures are recomputed at most every few seconds, not after
  // each write (readModelMaxStaleMs, ADR 0015); the page says when they were computed.
  const { value, computedAt } = memoWithinStaleness(
    db,
    key,
    fresh ? 0 : readModelMaxStaleMs(),
    (): Omit<Dashboard, "computedAt"> => {
      const { filters, resolved, active } = resolveView(db, view, scope);
      const asOf = effectiveAsOf(filters, today);
      const facts = loadFacts(db, asOf);
      const figures = aggregate(facts, resolved, today);
      const flagIds = figures.topFlags.map((f) => f.id);
      const details = new Map(
        (
          prepared(db, FLAG_DETAIL_SQL).all({ ids: JSON.stringify(flagIds) }) as Omit<
            FlagDetail,
            "ruleCode" | "severity" | "state" | "moneyAtStake"
          >[]
        ).map((r) => [r.id, r]),
      );
      const groupIds = figures.duplicates.top.map((g) => g.flagId);
      const codes = new Map(
        (
          prepared(db, MEMBER_CODES_SQL).all({ ids: JSON.stringify(groupIds) }) as {
            flagId: number;
            codes: string;
          }[]
        ).map((r) => [r.flagId, r.codes.split(" ").sort()]),
      );
      return {
        figures,
        filters,
        active,
        topFlags: figures.topFlags.map((f) => ({
          ...f,
          projectCode: details.get(f.id)?.projectCode ?? null,
          projectTitleVi: details.get(f.id)?.projectTitleVi ?? null,
          projectTitleEn: details.get(f.id)?.projectTitleEn ?? null,
          orgNameVi: details.get(f.id)?.orgNameVi ?? null,
          orgNameEn: details.get(f.id)?.orgNameEn ?? null,
        })),
        duplicates: figures.duplicates.top.map((g) => ({
          flagId: g.flagId,
          ruleCode: g.ruleCode,
          severity: g.severity,
          state: g.state,
          members: g.members,
          moneyAtStake: g.moneyAtStake,
          units: g.units.map((id) => {
            const o = facts.orgs.get(id);
            return { id, nameVi: o?.nameVi ?? "", nameEn: o?.nameEn ?? "" };
          }),
          codes: (codes.get(g.flagId) ?? []).slice(0, 6),
        })),
        regionsByCode: Object.fromEntries(
          facts.regions.map((r) => [
            r.code,
            { nameVi: r.nameVi, nameEn: r.nameEn, disadvantaged: r.disadvantaged },
          ]),
        ),
        years: yearsOf(facts),
      };
    },
  );
  return { ...value, computedAt };
}

// ---------------------------------------------------------------------------
// Filter choices
// ---------------------------------------------------------------------------

export interface DashboardOptions {
  regions: { code: string; nameVi: string; nameEn: string }[];
  provinces: { code: string; nameVi: string; nameEn: string }[];
  ministries: { code: string; nameVi: string; nameEn: string }[];
  nodes: { code: string; titleVi: string; titleEn: string | null; depth: number }[];
}

export function dashboardOptions(db: Db): DashboardOptions {
  const today = todayIso();
  return memoByDataVersion(db, `dashboard:options:${today}`, () => ({
    regions: prepared(
      db,
      "SELECT code, name_vi AS nameVi, name_en AS nameEn FROM regions ORDER BY rowid",
    ).all() as DashboardOptions["regions"],
    provinces: prepared(
      db,
      `SELECT code, name_vi AS nameVi, name_en AS nameEn FROM organisations
        WHERE kind = 'province' AND (valid_to IS NULL OR valid_to >= :today) ORDER BY search_name`,
    ).all({ today }) as DashboardOptions["provinces"],
    ministries: prepared(
      db,
      `SELECT code, name_vi AS nameVi, name_en AS nameEn FROM organisations
        WHERE kind = 'ministry' AND (valid_to IS NULL OR valid_to >= :today) ORDER BY search_name`,
    ).all({ today }) as DashboardOptions["ministries"],
    nodes: prepared(
      db,
      "SELECT code, title_vi AS titleVi, title_en AS titleEn, depth FROM strategy_nodes WHERE archived_at IS NULL ORDER BY path",
    ).all() as DashboardOptions["nodes"],
  }));
}

// ---------------------------------------------------------------------------
// Drill-down lists
// ---------------------------------------------------------------------------

export interface DrillProjectRow {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  organisationId: number;
  orgNameVi: string;
  orgNameEn: string;
  provinceNameVi: string | null;
  provinceNameEn: string | null;
  phase: ProjectPhase;
  approved: number;
  disbursed: number;
  overdue: number;
}

export interface DrillPlanRow {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  orgNameVi: string;
  orgNameEn: string;
  periodStart: number;
  periodEnd: number;
  status: string;
}

export type DrillResult =
  | { what: "projects"; total: number; approved: number; disbursed: number; rows: DrillProjectRow[] }
  | { what: "flags"; total: number; moneyAtStake: number; rows: FlagDetail[] }
  | { what: "plans"; total: number; rows: DrillPlanRow[] };

/**
 * The records behind a figure: the view's projects (or flags, or approved
 * plans) narrowed by the facet. `visibleOrgs` limits the rows to a planner's
 * own organisations (null: all); totals are over the rows shown.
 */
export function drillList(
  db: Db,
  view: DashboardView,
  facet: DrillFacet,
  visibleOrgs: ReadonlySet<number> | null,
  scope: DashboardScope = { kind: "national" },
): { result: DrillResult; filters: DashboardFilters; active: ActiveFilters; under: NodeRef | null } {
  const today = todayIso();
  const { filters, resolved, active } = resolveView(db, view, scope);
  const asOf = effectiveAsOf(filters, today);
  const facts = loadFacts(db, asOf);
  const sel = selectView(facts, resolved);
  let under: NodeRef | null = null;
  let underIds: Set<number> | null = null;
  if (facet.under) {
    const node = prepared(
      db,
      "SELECT id, code, path, title_vi AS titleVi, title_en AS titleEn FROM strategy_nodes WHERE code = ?",
    ).get(facet.under) as (NodeRef & { path: string }) | undefined;
    if (node) {
      under = { id: node.id, code: node.code, titleVi: node.titleVi, titleEn: node.titleEn };
      underIds = new Set(facts.nodes.filter((n) => pathIds(n.path).includes(node.id)).map((n) => n.id));
    }
  }
  const regionOf = (unit: number | null) =>
    unit === null ? null : (facts.orgs.get(unit)?.regionCode ?? null);
  const disadvantaged = new Set(facts.regions.filter((r) => r.disadvantaged).map((r) => r.code));
  const pm = projectMoney(facts, resolved, sel);
  const keep = (i: number): boolean => {
    if (!sel.inProject[i]) return false;
    const p = facts.projects[i];
    if (facet.phase && p.phase !== facet.phase) return false;
    const unit = provinceUnit(facts, p.provinceId, resolved.units);
    if (facet.noProvince && unit !== null) return false;
    if (facet.unit !== null && unit !== facet.unit) return false;
    if (facet.inRegion && regionOf(unit) !== facet.inRegion) return false;
    if (facet.equity) {
      const r = regionOf(unit);
      if (r === null || disadvantaged.has(r) !== (facet.equity === "disadvantaged")) return false;
    }
    if (underIds && !p.nodeIds.some((n) => underIds!.has(n))) return false;
    if (facet.overdue && !(pm.overdue[i] > 0)) return false;
    return true;
  };

  if (facet.what === "flags") {
    const flags = facts.flags.filter((fl) => {
      if (!flagInView(facts, resolved, sel.inProject, fl)) return false;
      if (visibleOrgs && (fl.organisationId === null || !visibleOrgs.has(fl.organisationId))) return false;
      if (facet.severity && fl.severity !== facet.severity) return false;
      if (facet.rule && fl.ruleCode !== facet.rule) return false;
      if (!facet.rule && !facet.severity && !(fl.state === "open" || fl.state === "acknowledged"))
        return false;
      if (facet.severity && fl.state !== "open") return false;
      if (facet.unit !== null) {
        const idx = fl.members.length ? fl.members : fl.project >= 0 ? [fl.project] : [];
        const units = idx.map((m) => provinceUnit(facts, facts.projects[m].provinceId, resolved.units));
        if (idx.length === 0 && fl.organisationId !== null) {
          const o = facts.orgs.get(fl.organisationId);
          units.push(o ? (resolved.units === "current" ? o.currentId : o.id) : null);
        }
        if (!units.includes(facet.unit)) return false;
      }
      return true;
    });
    flags.sort((a, b) => b.moneyAtStake - a.moneyAtStake || a.id - b.id);
    const shown = flags.slice(0, DRILL_LIMIT);
    const details = new Map(
      (
        prepared(db, FLAG_DETAIL_SQL).all({ ids: JSON.stringify(shown.map((f) => f.id)) }) as FlagDetail[]
      ).map((r) => [r.id, r]),
    );
    return {
      filters,
      active,
      under,
      result: {
        what: "flags",
        total: flags.length,
        moneyAtStake: flags.reduce((a, f) => a + f.moneyAtStake, 0),
        rows: shown.map((f) => ({
          id: f.id,
          ruleCode: f.ruleCode,
          severity: f.severity,
          state: f.state,
          moneyAtStake: f.moneyAtStake,
          projectCode: details.get(f.id)?.projectCode ?? null,
          projectTitleVi: details.get(f.id)?.projectTitleVi ?? null,
          projectTitleEn: details.get(f.id)?.projectTitleEn ?? null,
          orgNameVi: details.get(f.id)?.orgNameVi ?? null,
          orgNameEn: details.get(f.id)?.orgNameEn ?? null,
        })),
      },
    };
  }

  if (facet.what === "plans") {
    const years = resolved.years ? [...resolved.years] : null;
    const ids = facts.plans
      .filter((p) => p.approved && (!years || years.some((y) => y >= p.periodStart && y <= p.periodEnd)))
      .filter((p) => {
        const o = facts.orgs.get(p.organisationId);
        if (!o) return false;
        if (
          resolved.provinceFamily &&
          !resolved.provinceFamily.has(o.id) &&
          !resolved.provinceFamily.has(o.currentId)
        )
          return false;
        if (resolved.ministryFamily && !resolved.ministryFamily.has(o.id)) return false;
        const unit = resolved.units === "current" ? (facts.orgs.get(o.currentId) ?? o) : o;
        if (resolved.region && unit.regionCode !== resolved.region) return false;
        if (facet.unit !== null && unit.id !== facet.unit) return false;
        if (visibleOrgs && !visibleOrgs.has(o.id)) return false;
        return true;
      })
      .map((p) => p.id);
    const rows = prepared(
      db,
      `SELECT pl.id, pl.code, pl.title_vi AS titleVi, pl.title_en AS titleEn, o.name_vi AS orgNameVi, o.name_en AS orgNameEn,
              pl.period_start AS periodStart, pl.period_end AS periodEnd, pl.status
         FROM plans pl JOIN organisations o ON o.id = pl.organisation_id
        WHERE pl.id IN (SELECT value FROM json_each(:ids)) ORDER BY o.search_name, pl.period_start, pl.code`,
    ).all({ ids: JSON.stringify(ids) }) as DrillPlanRow[];
    return {
      filters,
      active,
      under,
      result: { what: "plans", total: rows.length, rows: rows.slice(0, DRILL_LIMIT) },
    };
  }

  const chosen: number[] = [];
  let approved = 0;
  let disbursed = 0;
  for (let i = 0; i < facts.projects.length; i++) {
    if (!keep(i)) continue;
    if (visibleOrgs && !visibleOrgs.has(facts.projects[i].ownerId)) continue;
    chosen.push(i);
    approved += pm.approved[i];
    disbursed += pm.disbursed[i];
  }
  chosen.sort((a, b) => pm.approved[b] - pm.approved[a] || facts.projects[a].id - facts.projects[b].id);
  const shown = chosen.slice(0, DRILL_LIMIT);
  const names = new Map(
    (
      prepared(
        db,
        `SELECT p.id, p.code, p.title_vi AS titleVi, p.title_en AS titleEn, p.organisation_id AS organisationId,
                o.name_vi AS orgNameVi, o.name_en AS orgNameEn, pr.name_vi AS provinceNameVi, pr.name_en AS provinceNameEn
           FROM projects p JOIN organisations o ON o.id = p.organisation_id
           LEFT JOIN organisations pr ON pr.id = p.province_id
          WHERE p.id IN (SELECT value FROM json_each(:ids))`,
      ).all({ ids: JSON.stringify(shown.map((i) => facts.projects[i].id)) }) as Omit<
        DrillProjectRow,
        "phase" | "approved" | "disbursed" | "overdue"
      >[]
    ).map((r) => [r.id, r]),
  );
  return {
    filters,
    active,
    under,
    result: {
      what: "projects",
      total: chosen.length,
      approved,
      disbursed,
      rows: shown.map((i) => ({
        ...names.get(facts.projects[i].id)!,
        phase: facts.projects[i].phase,
        approved: pm.approved[i],
        disbursed: pm.disbursed[i],
        overdue: pm.overdue[i],
      })),
    },
  };
}

// ---------------------------------------------------------------------------
// Province and ministry pages: their plans and pilots
// ---------------------------------------------------------------------------

export interface ScopeDetails {
  org: OrgRef & { regionCode: string | null; population: number | null };
  /** Units merged into this one (shown as "includes"). */
  predecessors: { id: number; code: string; nameVi: string; nameEn: string }[];
  plans: DrillPlanRow[];
  pilots: { code: string; titleVi: string; titleEn: string | null; orgNameVi: string; orgNameEn: string }[];
}

export function scopeDetails(db: Db, kind: "province" | "ministry", id: number): ScopeDetails | null {
  const org = prepared(
    db,
    `SELECT id, code, kind, name_vi AS nameVi, name_en AS nameEn, region_code AS regionCode, population,
            (valid_to IS NOT NULL AND valid_to < :today) AS legacy
       FROM organisations WHERE id = :id`,
  ).get({ id, today: todayIso() }) as (Omit<ScopeDetails["org"], "legacy"> & { legacy: number }) | undefined;
  if (!org || org.kind !== kind) return null;
  return memoByDataVersion(db, `dashboard:scope:${kind}:${id}`, () => {
    const family = JSON.stringify(familyIds(db, id));
    const predecessors = prepared(
      db,
      `SELECT o.id, o.code, o.name_vi AS nameVi, o.name_en AS nameEn FROM organisations o
        WHERE o.id IN (SELECT value FROM json_each(:family)) AND o.id <> :id ORDER BY o.search_name`,
    ).all({ family, id }) as ScopeDetails["predecessors"];
    const plans = prepared(
      db,
      `SELECT pl.id, pl.code, pl.title_vi AS titleVi, pl.title_en AS titleEn, o.name_vi AS orgNameVi, o.name_en AS orgNameEn,
              pl.period_start AS periodStart, pl.period_end AS periodEnd, pl.status
         FROM plans pl JOIN organisations o ON o.id = pl.organisation_id
        WHERE pl.organisation_id IN (SELECT value FROM json_each(:family))
        ORDER BY pl.period_start DESC, pl.code`,
    ).all({ family }) as DrillPlanRow[];
    const column = kind === "province" ? "p.province_id" : "p.organisation_id";
    const pilots = prepared(
      db,
      `SELECT p.code, p.title_vi AS titleVi, p.title_en AS titleEn, o.name_vi AS orgNameVi, o.name_en AS orgNameEn
         FROM projects p JOIN organisations o ON o.id = p.organisation_id
        WHERE ${column} IN (SELECT value FROM json_each(:family)) AND p.phase = 'pilot'
        ORDER BY p.code LIMIT 200`,
    ).all({ family }) as ScopeDetails["pilots"];
    return { org: { ...org, legacy: org.legacy === 1 }, predecessors, plans, pilots };
  });
}
