/**
 * Every figure of a dashboard view, from the facts (pure: no database, no
 * Remix). One pass over projects, budget lines, quarters, milestones, plans,
 * flags and feedback decides what is in the view and sums it by phase,
 * province, region, strategy node and quarter.
 *
 * What is in a view:
 * - a project, when it exists on the "as of" date and passes the place
 *   filters (province family, region of its province unit, ministry family
 *   of its owner), the strategy-node filter (linked to the node or beneath)
 *   and, when fiscal years or a funding source are chosen, has a budget line
 *   of those years and that source;
 * - money: the budget lines of those projects in the chosen years and source,
 *   with the transactions booked against them up to "as of";
 * - milestones: those of the projects in the view, due in the chosen years;
 * - flags: active flags on a project in the view (a group flag when any
 *   member is), and flags on an organisation or plan whose unit passes the
 *   place filters (years, source and node do not apply to them);
 * - plans: approved by "as of", of an organisation passing the place
 *   filters, whose period overlaps the chosen years.
 * Province units: with `units = current` a legacy province counts as the
 * province that carries it on today; with `recorded`, as it was recorded.
 */
import { PROJECT_PHASES, type FlagSeverity, type ProjectPhase } from "#db/enums";
import type { CurvePoint } from "~/modules/finance/figures";
import { fromQuarterIndex, type DashboardFacts, type FlagFact, type NodeFact, type OrgFact } from "./facts";
import type { UnitMode } from "./filters";

export interface ResolvedFilters {
  years: ReadonlySet<number> | null;
  /** Index into FUNDING_SOURCES. */
  source: number | null;
  region: string | null;
  /** Organisation ids of the chosen province and its predecessors/successors. */
  provinceFamily: ReadonlySet<number> | null;
  ministryFamily: ReadonlySet<number> | null;
  /** Ids of the chosen strategy node and its descendants. */
  nodeIds: ReadonlySet<number> | null;
  units: UnitMode;
  /** Node whose children the pillar chart shows (null: the root). */
  pillarId: number | null;
}

export const FLAG_SEVERITY_ORDER: readonly FlagSeverity[] = ["critical", "high", "medium", "low"];
export const GROUP_RULES = ["same_project", "same_solution"] as const;

export interface Money {
  projects: number;
  approved: number;
  committed: number;
  disbursed: number;
  spent: number;
  weightTotal: number;
  weightDone: number;
  overdue: number;
  overdueProjects: number;
}

const zero = (): Money => ({
  projects: 0,
  approved: 0,
  committed: 0,
  disbursed: 0,
  spent: 0,
  weightTotal: 0,
  weightDone: 0,
  overdue: 0,
  overdueProjects: 0,
});

export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export interface UnitRow extends Money {
  id: number;
  code: string;
  abbr: string;
  nameVi: string;
  nameEn: string;
  legacy: boolean;
  regionCode: string | null;
  population: number | null;
  seatLat: number | null;
  seatLon: number | null;
  disbursementRate: number | null;
  progress: number | null;
  approvedPerCapita: number | null;
  disbursedPerCapita: number | null;
  openFlags: number;
}

export interface RegionRow {
  code: string;
  nameVi: string;
  nameEn: string;
  disadvantaged: boolean;
  provinces: number;
  population: number;
  projects: number;
  approved: number;
  disbursed: number;
  approvedPerCapita: number | null;
  disbursedPerCapita: number | null;
}

export interface EquityRow {
  group: "disadvantaged" | "other";
  provinces: number;
  population: number;
  projects: number;
  approved: number;
  disbursed: number;
  approvedPerCapita: number | null;
  disbursedPerCapita: number | null;
  /** Share of the view's approved money. */
  approvedShare: number | null;
  populationShare: number | null;
}

export interface PillarRow {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  hasChildren: boolean;
  projects: number;
  approved: number;
  disbursed: number;
}

export interface FlagSummary {
  severity: FlagSeverity;
  open: number;
  moneyAtStake: number;
}

export interface DuplicateGroup {
  flagId: number;
  ruleCode: string;
  severity: FlagSeverity;
  state: string;
  members: number;
  /** Province unit ids the members are in (view's unit mode). */
  units: number[];
  moneyAtStake: number;
}

export interface DashboardFigures {
  asOf: string;
  headline: Money & {
    disbursementRate: number | null;
    progress: number | null;
    pilots: number;
    /** Current provinces with an approved plan in the view, and how many current provinces there are. */
    provincesWithPlan: number;
    provinces: number;
    approvedPlans: number;
    openFlags: number;
    openFlagsMoney: number;
    support: number;
    oppose: number;
    comments: number;
  };
  byPhase: { phase: ProjectPhase; projects: number; approved: number; disbursed: number }[];
  /** Province units (all current provinces; in `recorded` mode also the legacy units with projects). */
  units: UnitRow[];
  /** Projects without a province (national scope). */
  noProvince: Money;
  curve: CurvePoint[];
  pillars: {
    parent: { id: number; code: string; titleVi: string; titleEn: string | null } | null;
    trail: { id: number; code: string; titleVi: string; titleEn: string | null }[];
    rows: PillarRow[];
    /** Projects linked to the parent node itself (not beneath a child). */
    direct: { projects: number; approved: number; disbursed: number };
  };
  regions: RegionRow[];
  equity: EquityRow[];
  /** Current provinces with no approved money in the view. */
  leftOut: {
    id: number;
    code: string;
    nameVi: string;
    nameEn: string;
    regionCode: string | null;
    projects: number;
  }[];
  flagsBySeverity: FlagSummary[];
  duplicates: {
    groups: number;
    projects: number;
    provinces: number;
    moneyAtStake: number;
    top: DuplicateGroup[];
  };
  /** Open or acknowledged waste flags (not duplicate groups), most money first. */
  topFlags: { id: number; ruleCode: string; severity: FlagSeverity; state: string; moneyAtStake: number }[];
}

/** Unit (province level) a project counts for, in the mode; null for national scope. */
export function provinceUnit(
  facts: DashboardFacts,
  provinceId: number | null,
  mode: UnitMode,
): number | null {
  if (provinceId === null) return null;
  return mode === "current" ? (facts.orgs.get(provinceId)?.currentId ?? provinceId) : provinceId;
}

function isCurrentProvince(o: OrgFact, today: string): boolean {
  return (
    o.kind === "province" &&
    (o.validTo === null || o.validTo >= today) &&
    (o.validFrom === null || o.validFrom <= today)
  );
}

/** Which projects (by index) are in the view, and which budget lines. */
export function selectView(
  facts: DashboardFacts,
  f: ResolvedFilters,
): { inProject: Uint8Array; inLine: Uint8Array } {
  const { projects, lines } = facts;
  const inProject = new Uint8Array(projects.length);
  for (let i = 0; i < projects.length; i++) {
    const p = projects[i];
    if (f.provinceFamily && (p.provinceId === null || !f.provinceFamily.has(p.provinceId))) continue;
    if (f.ministryFamily && !f.ministryFamily.has(p.ownerId)) continue;
    if (f.region) {
      const unit = provinceUnit(facts, p.provinceId, f.units);
      if (unit === null || facts.orgs.get(unit)?.regionCode !== f.region) continue;
    }
    if (f.nodeIds && !p.nodeIds.some((n) => f.nodeIds!.has(n))) continue;
    inProject[i] = 1;
  }
  const lineFilter = f.years !== null || f.source !== null;
  const inLine = new Uint8Array(lines.project.length);
  const hasLine = lineFilter ? new Uint8Array(projects.length) : null;
  for (let i = 0; i < inLine.length; i++) {
    const p = lines.project[i];
    if (!inProject[p]) continue;
    if (f.years && !f.years.has(lines.year[i])) continue;
    if (f.source !== null && lines.source[i] !== f.source) continue;
    inLine[i] = 1;
    if (hasLine) hasLine[p] = 1;
  }
  if (hasLine) for (let i = 0; i < projects.length; i++) if (!hasLine[i]) inProject[i] = 0;
  return { inProject, inLine };
}

/** Per project money and milestones in the view (arrays by project index). */
export function projectMoney(
  facts: DashboardFacts,
  f: ResolvedFilters,
  view: { inProject: Uint8Array; inLine: Uint8Array },
) {
  const n = facts.projects.length;
  const approved = new Float64Array(n);
  const committed = new Float64Array(n);
  const disbursed = new Float64Array(n);
  const spent = new Float64Array(n);
  const weight = new Float64Array(n);
  const done = new Float64Array(n);
  const overdue = new Float64Array(n);
  const { lines, milestones: ms } = facts;
  for (let i = 0; i < view.inLine.length; i++) {
    if (!view.inLine[i]) continue;
    const p = lines.project[i];
    approved[p] += lines.approved[i];
    committed[p] += lines.committed[i];
    disbursed[p] += lines.disbursed[i];
    spent[p] += lines.spent[i];
  }
  for (let i = 0; i < ms.project.length; i++) {
    const p = ms.project[i];
    if (!view.inProject[p]) continue;
    if (f.years && !f.years.has(ms.year[i])) continue;
    weight[p] += ms.weight[i];
    done[p] += ms.done[i];
    overdue[p] += ms.overdue[i];
  }
  return { approved, committed, disbursed, spent, weight, done, overdue };
}

function add(m: Money, pm: ReturnType<typeof projectMoney>, i: number): void {
  m.projects += 1;
  m.approved += pm.approved[i];
  m.committed += pm.committed[i];
  m.disbursed += pm.disbursed[i];
  m.spent += pm.spent[i];
  m.weightTotal += pm.weight[i];
  m.weightDone += pm.done[i];
  m.overdue += pm.overdue[i];
  if (pm.overdue[i] > 0) m.overdueProjects += 1;
}

/** Is an organisation-level flag or plan of `orgId` inside the view's place filters? */
function orgInPlace(facts: DashboardFacts, f: ResolvedFilters, orgId: number | null): boolean {
  if (orgId === null) return !f.provinceFamily && !f.ministryFamily && !f.region;
  const org = facts.orgs.get(orgId);
  if (!org) return false;
  if (f.provinceFamily && !f.provinceFamily.has(orgId) && !f.provinceFamily.has(org.currentId)) return false;
  if (f.ministryFamily && !f.ministryFamily.has(orgId)) return false;
  if (f.region) {
    const unit = f.units === "current" ? (facts.orgs.get(org.currentId) ?? org) : org;
    if (unit.regionCode !== f.region) return false;
  }
  return true;
}

/** Is a flag in the view? */
export function flagInView(
  facts: DashboardFacts,
  f: ResolvedFilters,
  inProject: Uint8Array,
  flag: FlagFact,
): boolean {
  if (flag.members.length > 0) return flag.members.some((m) => inProject[m] === 1);
  if (flag.project >= 0) return inProject[flag.project] === 1;
  // Years, source and node say nothing about an organisation's or a plan's flag: only places apply.
  return orgInPlace(facts, f, flag.organisationId);
}

/** Node ids on a node's path (root first, the node last). */
export function pathIds(path: string): number[] {
  return path.split("/").filter(Boolean).map(Number);
}

/** Every figure of the view. `today` decides which provinces are current (the map of today). */
export function aggregate(facts: DashboardFacts, f: ResolvedFilters, today: string): DashboardFigures {
  const view = selectView(facts, f);
  const { inProject } = view;
  const pm = projectMoney(facts, f, view);
  const { projects, orgs } = facts;

  // Units: every current province, plus (recorded mode) any unit with projects.
  const units = new Map<number, UnitRow>();
  const unitRow = (id: number): UnitRow | null => {
    let row = units.get(id);
    if (row) return row;
    const o = orgs.get(id);
    if (!o) return null;
    row = {
      ...zero(),
      id,
      code: o.code,
      abbr: o.abbr,
      nameVi: o.nameVi,
      nameEn: o.nameEn,
      legacy: o.validTo !== null && o.validTo < today,
      regionCode: o.regionCode,
      population: o.population,
      seatLat: o.seatLat,
      seatLon: o.seatLon,
      disbursementRate: null,
      progress: null,
      approvedPerCapita: null,
      disbursedPerCapita: null,
      openFlags: 0,
    };
    units.set(id, row);
    return row;
  };
  const currentProvinces = [...orgs.values()].filter((o) => isCurrentProvince(o, today));
  for (const o of currentProvinces) unitRow(o.id);

  const total = zero();
  const noProvince = zero();
  const phaseIndex = new Map(PROJECT_PHASES.map((p, i) => [p, i]));
  const phase = PROJECT_PHASES.map(() => ({ projects: 0, approved: 0, disbursed: 0 }));
  let pilots = 0;
  for (let i = 0; i < projects.length; i++) {
    if (!inProject[i]) continue;
    const p = projects[i];
    add(total, pm, i);
    const ph = phase[phaseIndex.get(p.phase)!];
    ph.projects += 1;
    ph.approved += pm.approved[i];
    ph.disbursed += pm.disbursed[i];
    if (p.phase === "pilot") pilots += 1;
    const unit = provinceUnit(facts, p.provinceId, f.units);
    const row = unit === null ? null : unitRow(unit);
    add(row ?? noProvince, pm, i);
  }

  // Flags.
  const severity = new Map<FlagSeverity, FlagSummary>(
    FLAG_SEVERITY_ORDER.map((s) => [s, { severity: s, open: 0, moneyAtStake: 0 }]),
  );
  const dupGroups: DuplicateGroup[] = [];
  const topFlags: DashboardFigures["topFlags"] = [];
  const dupProjects = new Set<number>();
  const dupUnits = new Set<number>();
  for (const flag of facts.flags) {
    if (!flagInView(facts, f, inProject, flag)) continue;
    const isGroup = (GROUP_RULES as readonly string[]).includes(flag.ruleCode);
    if (flag.state === "open") {
      const s = severity.get(flag.severity);
      if (s) {
        s.open += 1;
        s.moneyAtStake += flag.moneyAtStake;
      }
      const unitIds = new Set<number>();
      if (flag.members.length > 0) {
        for (const m of flag.members) {
          const u = provinceUnit(facts, projects[m].provinceId, f.units);
          if (u !== null) unitIds.add(u);
        }
      } else if (flag.project >= 0) {
        const u = provinceUnit(facts, projects[flag.project].provinceId, f.units);
        if (u !== null) unitIds.add(u);
      } else if (flag.organisationId !== null) {
        const o = orgs.get(flag.organisationId);
        if (o?.kind === "province") unitIds.add(f.units === "current" ? o.currentId : o.id);
      }
      for (const u of unitIds) {
        const row = units.get(u);
        if (row) row.openFlags += 1;
      }
    }
    if (isGroup && (flag.state === "open" || flag.state === "acknowledged")) {
      const unitIds = new Set<number>();
      for (const m of flag.members) {
        dupProjects.add(m);
        const u = provinceUnit(facts, projects[m].provinceId, f.units);
        if (u !== null) {
          unitIds.add(u);
          dupUnits.add(u);
        }
      }
      dupGroups.push({
        flagId: flag.id,
        ruleCode: flag.ruleCode,
        severity: flag.severity,
        state: flag.state,
        members: flag.members.length,
        units: [...unitIds].sort((a, b) => a - b),
        moneyAtStake: flag.moneyAtStake,
      });
    } else if (!isGroup && (flag.state === "open" || flag.state === "acknowledged")) {
      topFlags.push({
        id: flag.id,
        ruleCode: flag.ruleCode,
        severity: flag.severity,
        state: flag.state,
        moneyAtStake: flag.moneyAtStake,
      });
    }
  }
  const bySeverityRank = (s: FlagSeverity) => FLAG_SEVERITY_ORDER.indexOf(s);
  dupGroups.sort((a, b) => b.moneyAtStake - a.moneyAtStake || a.flagId - b.flagId);
  topFlags.sort(
    (a, b) =>
      b.moneyAtStake - a.moneyAtStake ||
      bySeverityRank(a.severity) - bySeverityRank(b.severity) ||
      a.id - b.id,
  );

  // Unit ratios.
  for (const row of units.values()) {
    row.disbursementRate = rate(row.disbursed, row.approved);
    row.progress = rate(row.weightDone, row.weightTotal);
    row.approvedPerCapita = row.population ? row.approved / row.population : null;
    row.disbursedPerCapita = row.population ? row.disbursed / row.population : null;
  }
  const unitList = [...units.values()]
    .filter((u) => !u.legacy || u.projects > 0)
    .sort((a, b) => Number(a.legacy) - Number(b.legacy) || a.nameVi.localeCompare(b.nameVi, "vi"));

  // Regions: money of units in the region; population of today's provinces in it.
  const regionRows = new Map<string, RegionRow>(
    facts.regions.map((r) => [
      r.code,
      {
        code: r.code,
        nameVi: r.nameVi,
        nameEn: r.nameEn,
        disadvantaged: r.disadvantaged,
        provinces: 0,
        population: 0,
        projects: 0,
        approved: 0,
        disbursed: 0,
        approvedPerCapita: null,
        disbursedPerCapita: null,
      },
    ]),
  );
  for (const o of currentProvinces) {
    const r = o.regionCode ? regionRows.get(o.regionCode) : undefined;
    if (!r) continue;
    r.provinces += 1;
    r.population += o.population ?? 0;
  }
  for (const u of units.values()) {
    const r = u.regionCode ? regionRows.get(u.regionCode) : undefined;
    if (!r) continue;
    r.projects += u.projects;
    r.approved += u.approved;
    r.disbursed += u.disbursed;
  }
  const regions = [...regionRows.values()]
    .filter((r) => !f.region || r.code === f.region)
    .map((r) => ({
      ...r,
      approvedPerCapita: r.population > 0 ? r.approved / r.population : null,
      disbursedPerCapita: r.population > 0 ? r.disbursed / r.population : null,
    }));
  const equity: EquityRow[] = (["disadvantaged", "other"] as const).map((group) => {
    const rs = regions.filter((r) => r.disadvantaged === (group === "disadvantaged"));
    const sum = (k: "provinces" | "population" | "projects" | "approved" | "disbursed") =>
      rs.reduce((a, r) => a + r[k], 0);
    const population = sum("population");
    const approved = sum("approved");
    return {
      group,
      provinces: sum("provinces"),
      population,
      projects: sum("projects"),
      approved,
      disbursed: sum("disbursed"),
      approvedPerCapita: population > 0 ? approved / population : null,
      disbursedPerCapita: population > 0 ? sum("disbursed") / population : null,
      approvedShare: null,
      populationShare: null,
    };
  });
  const eqApproved = equity.reduce((a, e) => a + e.approved, 0);
  const eqPopulation = equity.reduce((a, e) => a + e.population, 0);
  for (const e of equity) {
    e.approvedShare = rate(e.approved, eqApproved);
    e.populationShare = rate(e.population, eqPopulation);
  }

  const leftOut = currentProvinces
    .filter(
      (o) => (!f.region || o.regionCode === f.region) && (!f.provinceFamily || f.provinceFamily.has(o.id)),
    )
    .map((o) => ({ o, row: units.get(o.id)! }))
    .filter(({ row }) => f.units === "current" && row.approved === 0)
    .map(({ o, row }) => ({
      id: o.id,
      code: o.code,
      nameVi: o.nameVi,
      nameEn: o.nameEn,
      regionCode: o.regionCode,
      projects: row.projects,
    }))
    .sort((a, b) => a.nameVi.localeCompare(b.nameVi, "vi"));

  // Plans: approved, place-filtered, period overlapping the years; provinces counted as today's units.
  const yearList = f.years ? [...f.years] : null;
  const plannedProvinces = new Set<number>();
  let approvedPlans = 0;
  for (const plan of facts.plans) {
    if (!plan.approved) continue;
    if (yearList && !yearList.some((y) => y >= plan.periodStart && y <= plan.periodEnd)) continue;
    // Plans have no node or funding source of their own: those filters leave plans as they are.
    if (!orgInPlace(facts, f, plan.organisationId)) continue;
    approvedPlans += 1;
    const o = orgs.get(plan.organisationId);
    if (o?.kind === "province") {
      const cur = orgs.get(o.currentId);
      if (cur && isCurrentProvince(cur, today)) plannedProvinces.add(cur.id);
    }
  }

  // Feedback.
  let support = 0;
  let oppose = 0;
  let comments = 0;
  for (let i = 0; i < facts.feedback.project.length; i++) {
    if (!inProject[facts.feedback.project[i]]) continue;
    support += facts.feedback.support[i];
    oppose += facts.feedback.oppose[i];
    comments += facts.feedback.comments[i];
  }

  const flagsBySeverity = FLAG_SEVERITY_ORDER.map((s) => severity.get(s)!);
  return {
    asOf: facts.asOf,
    headline: {
      ...total,
      disbursementRate: rate(total.disbursed, total.approved),
      progress: rate(total.weightDone, total.weightTotal),
      pilots,
      provincesWithPlan: plannedProvinces.size,
      provinces: currentProvinces.length,
      approvedPlans,
      openFlags: flagsBySeverity.reduce((a, s) => a + s.open, 0),
      openFlagsMoney: flagsBySeverity.reduce((a, s) => a + s.moneyAtStake, 0),
      support,
      oppose,
      comments,
    },
    byPhase: PROJECT_PHASES.map((p, i) => ({ phase: p, ...phase[i] })),
    units: unitList,
    noProvince,
    curve: curve(facts, view.inLine),
    pillars: pillars(facts, f, inProject, pm),
    regions,
    equity,
    leftOut,
    flagsBySeverity,
    duplicates: {
      groups: dupGroups.length,
      projects: dupProjects.size,
      provinces: dupUnits.size,
      moneyAtStake: dupGroups.reduce((a, g) => a + g.moneyAtStake, 0),
      top: dupGroups.slice(0, 10),
    },
    topFlags: topFlags.slice(0, 10),
  };
}

/** Cumulative planned vs actual disbursement by quarter, over the view's budget lines. */
export function curve(facts: DashboardFacts, inLine: Uint8Array): CurvePoint[] {
  const { planned: pl, actual: ac } = facts;
  let lo = Infinity;
  let hi = -Infinity;
  for (const q of [pl.q, ac.q]) {
    for (let i = 0; i < q.length; i++) {
      if (q[i] < lo) lo = q[i];
      if (q[i] > hi) hi = q[i];
    }
  }
  if (lo > hi) return [];
  const size = hi - lo + 1;
  const planned = new Float64Array(size);
  const actual = new Float64Array(size);
  const moved = new Uint8Array(size);
  for (let i = 0; i < pl.line.length; i++) {
    if (!inLine[pl.line[i]]) continue;
    planned[pl.q[i] - lo] += pl.amount[i];
    moved[pl.q[i] - lo] = 1;
  }
  for (let i = 0; i < ac.line.length; i++) {
    if (!inLine[ac.line[i]]) continue;
    actual[ac.q[i] - lo] += ac.amount[i];
    moved[ac.q[i] - lo] = 1;
  }
  const out: CurvePoint[] = [];
  let cumPlanned = 0;
  let cumActual = 0;
  for (let k = 0; k < size; k++) {
    if (!moved[k]) continue;
    cumPlanned += planned[k];
    cumActual += actual[k];
    out.push({ ...fromQuarterIndex(k + lo), planned: planned[k], actual: actual[k], cumPlanned, cumActual });
  }
  return out;
}

function nodeRef(n: NodeFact) {
  return { id: n.id, code: n.code, titleVi: n.titleVi, titleEn: n.titleEn };
}

/** Budget by the children of the chosen node (default: the root's children), each project once per child. */
function pillars(
  facts: DashboardFacts,
  f: ResolvedFilters,
  inProject: Uint8Array,
  pm: ReturnType<typeof projectMoney>,
): DashboardFigures["pillars"] {
  const byId = new Map(facts.nodes.map((n) => [n.id, n]));
  const roots = facts.nodes.filter((n) => n.parentId === null);
  let parent: NodeFact | null = f.pillarId !== null ? (byId.get(f.pillarId) ?? null) : null;
  if (!parent && roots.length === 1) parent = roots[0];
  const children = facts.nodes
    .filter((n) => (parent ? n.parentId === parent.id : n.parentId === null))
    .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  const hasChildren = new Set(facts.nodes.map((n) => n.parentId).filter((id): id is number => id !== null));
  const childIndex = new Map(children.map((c, i) => [c.id, i]));
  const rows: PillarRow[] = children.map((c) => ({
    ...nodeRef(c),
    hasChildren: hasChildren.has(c.id),
    projects: 0,
    approved: 0,
    disbursed: 0,
  }));
  const paths = new Map(facts.nodes.map((n) => [n.id, pathIds(n.path)]));
  // Each linked node → the row (child of the parent) it rolls into, or DIRECT (the parent itself).
  const DIRECT = -1;
  const rowOf = new Map<number, number>();
  for (const n of facts.nodes) {
    const path = paths.get(n.id)!;
    if (parent === null) {
      const ci = childIndex.get(path[0]);
      if (ci !== undefined) rowOf.set(n.id, ci);
      continue;
    }
    const at = path.indexOf(parent.id);
    if (at < 0) continue;
    if (at === path.length - 1) rowOf.set(n.id, DIRECT);
    else {
      const ci = childIndex.get(path[at + 1]);
      if (ci !== undefined) rowOf.set(n.id, ci);
    }
  }
  const direct = { projects: 0, approved: 0, disbursed: 0 };
  // Rows already counted for the current project (stamped with its index).
  const stamp = new Int32Array(rows.length).fill(-1);
  for (let i = 0; i < facts.projects.length; i++) {
    if (!inProject[i]) continue;
    let isDirect = false;
    let counted = false;
    for (const nodeId of facts.projects[i].nodeIds) {
      const ri = rowOf.get(nodeId);
      if (ri === undefined) continue;
      if (ri === DIRECT) {
        isDirect = true;
        continue;
      }
      if (stamp[ri] === i) continue;
      stamp[ri] = i;
      counted = true;
      rows[ri].projects += 1;
      rows[ri].approved += pm.approved[i];
      rows[ri].disbursed += pm.disbursed[i];
    }
    if (isDirect && !counted) {
      direct.projects += 1;
      direct.approved += pm.approved[i];
      direct.disbursed += pm.disbursed[i];
    }
  }
  const trail = parent
    ? (paths.get(parent.id) ?? [])
        .map((id) => byId.get(id))
        .filter((n): n is NodeFact => !!n)
        .map(nodeRef)
    : [];
  return { parent: parent ? nodeRef(parent) : null, trail, rows, direct };
}
