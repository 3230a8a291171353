/**
 * Wasted-spending rules: pure functions over plain per-project (and
 * per-province) facts. No database, no Remix. Each finding carries the rule
 * code, severity, i18n keys (namespace `flags`), the evidence and the money
 * at stake. Thresholds come from `FLAG_CONFIG`.
 */
import type { FlagSeverity, HostingModel, OperatorType, ProjectPhase } from "#db/enums";
import { FLAG_CONFIG, type FlagConfig } from "./config";

export const RULE_CODES = [
  "stalled_spending",
  "cost_overrun",
  "idle_allocation",
  "on_premise_hardware",
  "overlapping_app",
  "private_personal_data",
  "personal_data_no_security",
  "replication_before_evaluation",
  "zombie_project",
  "province_left_out",
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** Rules over groups of projects (duplicate detection), computed by the full recompute (groups.server.ts). */
export const GROUP_RULE_CODES = ["same_project", "same_solution"] as const;
export type GroupRuleCode = (typeof GROUP_RULE_CODES)[number];

/** Every flag rule: per project / province, then group rules. */
export const ALL_RULE_CODES = [...RULE_CODES, ...GROUP_RULE_CODES] as const;
export type FlagRuleCode = (typeof ALL_RULE_CODES)[number];

export type Evidence = Record<string, string | number | boolean | null | (string | number)[]>;

export interface Finding {
  rule: RuleCode;
  severity: FlagSeverity;
  subjectType: "project" | "organisation";
  /** Project id for project subjects. */
  projectId: number | null;
  /** Owning organisation (project) or the province (organisation subject). */
  organisationId: number;
  planId: number | null;
  /** i18n keys in the `flags` namespace. */
  titleKey: `rule.${RuleCode}.title`;
  explanationKey: string;
  evidence: Evidence;
  moneyAtStake: number;
}

/** Everything the project rules need, gathered in SQL (facts.server.ts). */
export interface ProjectFacts {
  id: number;
  code: string;
  organisationId: number;
  planId: number | null;
  phase: ProjectPhase;
  hostingModel: HostingModel;
  hardwareCapex: number;
  handlesPersonalData: boolean;
  operatorType: OperatorType;
  operatorName: string | null;
  citizenAppName: string | null;
  components: string[];
  startDate: string | null;
  /** Epoch ms of the last edit of the project row. */
  updatedAt: number;
  /** Totals over all budget lines. */
  approved: number;
  disbursed: number;
  /** The budget line raised most over its original amount (ratio approved/original), if any. */
  mostRaisedLine: { id: number; fiscalYear: number; original: number; approved: number; revisions: number } | null;
  hardwareApproved: number;
  hasSecurityLine: boolean;
  /** Current fiscal year (the year of `asOf`). */
  yearApproved: number;
  yearDisbursed: number;
  /** Disbursements dated within `stalledRecentDays` of asOf. */
  recentDisbursed: number;
  recentDisbursements: number;
  lastDisbursementDate: string | null;
  lastTransactionDate: string | null;
  /** The oldest open milestone due before asOf (id, name, due date). */
  oldestOverdueMilestone: { id: number; name: string; dueDate: string } | null;
  /** Latest ISO date a milestone was done or edited. */
  lastMilestoneActivity: string | null;
  /** Latest ISO date of a phase change. */
  lastPhaseChange: string | null;
  /** The source pilot this project replicates. */
  source: { id: number; code: string; phase: ProjectPhase; evaluatedOn: string | null } | null;
}

export interface RegisterApp {
  id: number;
  nameVi: string;
  scope: "national" | "provincial";
  status: "planned" | "live" | "retired";
}

export interface ProvinceFacts {
  organisationId: number;
  code: string;
  nameVi: string;
  population: number | null;
  disadvantaged: boolean;
  approvedProjects: number;
  approvedBudget: number;
}

export interface RuleContext {
  /** ISO date of "today". */
  asOf: string;
  apps: RegisterApp[];
  config?: FlagConfig;
}

const DAY = 86_400_000;
export const addDaysIso = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
export const daysBetweenIso = (from: string, to: string): number =>
  Math.round((Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / DAY);
const isoOfMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const maxIso = (...xs: (string | null | undefined)[]) =>
  xs.reduce<string | null>((a, b) => (b && (!a || b > a) ? b : a), null);

function finding(
  p: ProjectFacts,
  rule: RuleCode,
  severity: FlagSeverity,
  evidence: Evidence,
  moneyAtStake: number,
  variant = "explanation",
): Finding {
  return {
    rule,
    severity,
    subjectType: "project",
    projectId: p.id,
    organisationId: p.organisationId,
    planId: p.planId,
    titleKey: `rule.${rule}.title`,
    explanationKey: `rule.${rule}.${variant}`,
    evidence: { project: p.code, ...evidence },
    moneyAtStake: Math.max(0, Math.round(moneyAtStake)),
  };
}

const isActive = (c: FlagConfig, phase: ProjectPhase) => (c.activePhases as readonly string[]).includes(phase);

export function stalledSpending(p: ProjectFacts, ctx: RuleContext): Finding | null {
  const c = ctx.config ?? FLAG_CONFIG;
  const m = p.oldestOverdueMilestone;
  if (!m || p.recentDisbursed <= 0 || p.phase === "cancelled" || p.phase === "proposed") return null;
  const overdueDays = daysBetweenIso(m.dueDate, ctx.asOf);
  if (overdueDays <= c.stalledOverdueDays) return null;
  return finding(
    p,
    "stalled_spending",
    "high",
    {
      milestoneId: m.id,
      milestone: m.name,
      dueDate: m.dueDate,
      overdueDays,
      recentDisbursed: p.recentDisbursed,
      recentDisbursements: p.recentDisbursements,
      lastDisbursementDate: p.lastDisbursementDate,
      windowDays: c.stalledRecentDays,
    },
    p.recentDisbursed,
  );
}

export function costOverrun(p: ProjectFacts, ctx: RuleContext): Finding | null {
  const c = ctx.config ?? FLAG_CONFIG;
  const spentOver = p.approved > 0 && p.disbursed > p.approved ? p.disbursed - p.approved : 0;
  const l = p.mostRaisedLine;
  const raised = l && l.original > 0 && l.approved > l.original * (1 + c.overrunRaisedFraction) ? l : null;
  if (!spentOver && !raised) return null;
  const evidence: Evidence = { approved: p.approved, disbursed: p.disbursed };
  if (raised) {
    Object.assign(evidence, {
      budgetLineId: raised.id,
      fiscalYear: raised.fiscalYear,
      originalAmount: raised.original,
      approvedAmount: raised.approved,
      raisedPct: Math.round(((raised.approved - raised.original) / raised.original) * 1000) / 10,
      revisions: raised.revisions,
    });
  }
  return finding(
    p,
    "cost_overrun",
    spentOver ? "high" : "medium",
    evidence,
    spentOver + (raised ? raised.approved - raised.original : 0),
    spentOver && raised ? "explanation.both" : spentOver ? "explanation.spent" : "explanation.raised",
  );
}

export function idleAllocation(p: ProjectFacts, ctx: RuleContext): Finding | null {
  const c = ctx.config ?? FLAG_CONFIG;
  const month = Number(ctx.asOf.slice(5, 7));
  if (month < c.idleFromMonth || !isActive(c, p.phase)) return null;
  if (p.yearApproved < c.idleMinApproved) return null;
  const rate = p.yearDisbursed / p.yearApproved;
  if (rate >= c.idleMaxRate) return null;
  return finding(
    p,
    "idle_allocation",
    "medium",
    {
      fiscalYear: Number(ctx.asOf.slice(0, 4)),
      yearApproved: p.yearApproved,
      yearDisbursed: p.yearDisbursed,
      ratePct: Math.round(rate * 1000) / 10,
      thresholdPct: c.idleMaxRate * 100,
    },
    p.yearApproved - p.yearDisbursed,
  );
}

export function onPremiseHardware(p: ProjectFacts, ctx: RuleContext): Finding | null {
  const c = ctx.config ?? FLAG_CONFIG;
  if (p.hostingModel !== "on_premise" || p.phase === "cancelled") return null;
  if (p.startDate && p.startDate < c.sharedCloudAvailableFrom) return null;
  const hardware = Math.max(p.hardwareCapex, p.hardwareApproved);
  if (hardware < c.onPremiseMinCapex) return null;
  return finding(
    p,
    "on_premise_hardware",
    "medium",
    {
      hosting: p.hostingModel,
      hardwareCapex: p.hardwareCapex,
      hardwareBudget: p.hardwareApproved,
      threshold: c.onPremiseMinCapex,
    },
    hardware,
  );
}

export function overlappingApp(p: ProjectFacts, ctx: RuleContext): Finding | null {
  const c = ctx.config ?? FLAG_CONFIG;
  if (p.phase === "cancelled") return null;
  if (!p.citizenAppName && !p.components.includes("citizen-app")) return null;
  const hits: RegisterApp[] = [];
  for (const o of c.appOverlaps) {
    if (!p.components.includes(o.component)) continue;
    const app = ctx.apps.find((a) => a.status !== "retired" && a.scope === "national" && a.nameVi.includes(o.appName));
    if (app && !hits.includes(app)) hits.push(app);
  }
  if (hits.length < c.appOverlapMinFunctions) return null;
  return finding(
    p,
    "overlapping_app",
    "high",
    {
      app: p.citizenAppName,
      overlapsAppIds: hits.map((a) => a.id),
      overlapsApps: hits.map((a) => a.nameVi),
      components: p.components,
    },
    p.approved,
  );
}

export function privatePersonalData(p: ProjectFacts): Finding | null {
  if (!p.handlesPersonalData || p.operatorType !== "private_contractor" || p.phase === "cancelled") return null;
  return finding(p, "private_personal_data", "high", { operator: p.operatorName, operatorType: p.operatorType }, p.approved);
}

export function personalDataNoSecurity(p: ProjectFacts): Finding | null {
  if (!p.handlesPersonalData || p.hasSecurityLine || p.phase === "cancelled") return null;
  return finding(p, "personal_data_no_security", "high", { approved: p.approved, securityLine: false }, p.approved);
}

export function replicationBeforeEvaluation(p: ProjectFacts, ctx: RuleContext): Finding | null {
  const c = ctx.config ?? FLAG_CONFIG;
  const s = p.source;
  if (!s || p.phase === "cancelled" || p.phase === "proposed") return null;
  const start = p.startDate ?? ctx.asOf;
  if (s.evaluatedOn && s.evaluatedOn <= start) return null;
  if (!s.evaluatedOn && (c.evaluatedPhases as readonly string[]).includes(s.phase)) return null;
  return finding(
    p,
    "replication_before_evaluation",
    "medium",
    { source: s.code, sourceId: s.id, sourcePhase: s.phase, sourceEvaluatedOn: s.evaluatedOn, startDate: start },
    p.approved,
  );
}

export function zombieProject(p: ProjectFacts, ctx: RuleContext): Finding | null {
  const c = ctx.config ?? FLAG_CONFIG;
  if (!isActive(c, p.phase)) return null;
  const last = maxIso(p.lastTransactionDate, p.lastMilestoneActivity, p.lastPhaseChange, isoOfMs(p.updatedAt));
  const idleDays = last ? daysBetweenIso(last, ctx.asOf) : Number.POSITIVE_INFINITY;
  if (idleDays <= c.zombieDays) return null;
  return finding(
    p,
    "zombie_project",
    "medium",
    {
      lastActivity: last,
      idleDays: Number.isFinite(idleDays) ? idleDays : null,
      lastTransactionDate: p.lastTransactionDate,
      lastMilestoneActivity: p.lastMilestoneActivity,
      lastPhaseChange: p.lastPhaseChange,
      remaining: Math.max(0, p.approved - p.disbursed),
    },
    p.approved - p.disbursed,
  );
}

export const PROJECT_RULES = [
  stalledSpending,
  costOverrun,
  idleAllocation,
  onPremiseHardware,
  overlappingApp,
  privatePersonalData,
  personalDataNoSecurity,
  replicationBeforeEvaluation,
  zombieProject,
] as const;

export function evaluateProject(p: ProjectFacts, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const rule of PROJECT_RULES) {
    const f = rule(p, ctx);
    if (f) out.push(f);
  }
  return out;
}

function median(values: number[]): number {
  const xs = [...values].sort((a, b) => a - b);
  if (!xs.length) return 0;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** Median of the per-capita approved budget over provinces with a population. */
export function perCapitaMedian(provinces: ProvinceFacts[]): number {
  return median(
    provinces.filter((p) => p.population && p.population > 0).map((p) => p.approvedBudget / (p.population as number)),
  );
}

/** Median number of approved projects per province. */
export function projectCountMedian(provinces: ProvinceFacts[]): number {
  return median(provinces.map((p) => p.approvedProjects));
}

export function provinceLeftOut(
  p: ProvinceFacts,
  median: number,
  config: FlagConfig = FLAG_CONFIG,
  medianProjects = 0,
): Finding | null {
  const base = {
    subjectType: "organisation" as const,
    projectId: null,
    organisationId: p.organisationId,
    planId: null,
    titleKey: "rule.province_left_out.title" as const,
  };
  const perCapita = p.population ? p.approvedBudget / p.population : 0;
  const evidence: Evidence = {
    province: p.code,
    approvedProjects: p.approvedProjects,
    approvedBudget: p.approvedBudget,
    population: p.population,
    perCapita: Math.round(perCapita),
    nationalMedianPerCapita: Math.round(median),
    disadvantaged: p.disadvantaged,
    nationalMedianProjects: medianProjects,
  };
  const gap = p.population ? Math.max(0, Math.round(median * config.perCapitaFractionOfMedian * p.population - p.approvedBudget)) : 0;
  if (p.approvedProjects === 0) {
    return {
      ...base,
      rule: "province_left_out",
      severity: p.disadvantaged ? "high" : "medium",
      explanationKey: "rule.province_left_out.explanation.none",
      evidence,
      moneyAtStake: gap,
    };
  }
  if (p.disadvantaged && p.population && median > 0 && perCapita < median * config.perCapitaFractionOfMedian) {
    return {
      ...base,
      rule: "province_left_out",
      severity: "medium",
      explanationKey: "rule.province_left_out.explanation.low",
      evidence: { ...evidence, thresholdPct: config.perCapitaFractionOfMedian * 100 },
      moneyAtStake: gap,
    };
  }
  if (p.disadvantaged && medianProjects > 0 && p.approvedProjects < medianProjects * config.projectCountFractionOfMedian) {
    return {
      ...base,
      rule: "province_left_out",
      severity: "medium",
      explanationKey: "rule.province_left_out.explanation.few",
      evidence: { ...evidence, thresholdPct: config.projectCountFractionOfMedian * 100 },
      moneyAtStake: gap,
    };
  }
  return null;
}

export function evaluateProvinces(provinces: ProvinceFacts[], config: FlagConfig = FLAG_CONFIG): Finding[] {
  const median = perCapitaMedian(provinces);
  const medianProjects = projectCountMedian(provinces);
  const out: Finding[] = [];
  for (const p of provinces) {
    const f = provinceLeftOut(p, median, config, medianProjects);
    if (f) out.push(f);
  }
  return out;
}

/** Stable identity of a finding: rule + subject. */
export function fingerprintOf(f: Pick<Finding, "rule" | "subjectType" | "projectId" | "organisationId">): string {
  return f.subjectType === "project" ? `${f.rule}:project:${f.projectId}` : `${f.rule}:organisation:${f.organisationId}`;
}
