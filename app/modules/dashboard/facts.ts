/**
 * The dashboard's facts: compact, filter-independent rows read from the
 * database in a few set-based statements (`facts.server.ts`), once per
 * database state and "as of" date. Every filtered view is then an in-memory
 * pass over these arrays (`aggregate.ts`), so changing a filter costs
 * milliseconds, not a new scan of a million transactions.
 *
 * Money sits on budget lines (project × fiscal year × funding source), so the
 * fiscal-year and funding-source filters apply to money exactly: a
 * transaction counts for the fiscal year and source of the budget line it is
 * booked against (as `figures.server.ts` does).
 */
import {
  FUNDING_SOURCES,
  type FlagSeverity,
  type FlagState,
  type FundingSource,
  type OrganisationKind,
  type ProjectPhase,
} from "#db/enums";

export interface OrgFact {
  id: number;
  code: string;
  kind: OrganisationKind;
  abbr: string;
  nameVi: string;
  nameEn: string;
  regionCode: string | null;
  population: number | null;
  seatLat: number | null;
  seatLon: number | null;
  validFrom: string | null;
  validTo: string | null;
  /** The unit that carries this one on today (itself while in force). */
  currentId: number;
}

export interface RegionFact {
  code: string;
  nameVi: string;
  nameEn: string;
  disadvantaged: boolean;
}

export interface NodeFact {
  id: number;
  code: string;
  parentId: number | null;
  path: string;
  depth: number;
  sortOrder: number;
  titleVi: string;
  titleEn: string | null;
}

export interface ProjectFact {
  id: number;
  /** Phase on the "as of" date (from the phase history). */
  phase: ProjectPhase;
  ownerId: number;
  /** Province-level location as recorded (may be a legacy province); null = national scope. */
  provinceId: number | null;
  planId: number | null;
  /** Strategy nodes the project is linked to. */
  nodeIds: number[];
}

export interface PlanFact {
  id: number;
  organisationId: number;
  periodStart: number;
  periodEnd: number;
  /** Approved on or before the "as of" date. */
  approved: boolean;
}

export interface FlagFact {
  id: number;
  ruleCode: string;
  severity: FlagSeverity;
  state: FlagState;
  moneyAtStake: number;
  subjectType: string;
  /** Index into `projects` of the subject project, or -1. */
  project: number;
  organisationId: number | null;
  /** Indexes into `projects` of a group flag's members. */
  members: number[];
}

export interface DashboardFacts {
  asOf: string;
  orgs: Map<number, OrgFact>;
  regions: RegionFact[];
  nodes: NodeFact[];
  projects: ProjectFact[];
  /** Budget lines, column-wise. `lineProject` is an index into `projects`. */
  lines: {
    project: Int32Array;
    year: Int32Array;
    /** Index into FUNDING_SOURCES. */
    source: Int8Array;
    approved: Float64Array;
    committed: Float64Array;
    disbursed: Float64Array;
    spent: Float64Array;
  };
  /** Disbursements by budget line and calendar quarter (`year * 4 + quarter - 1`), up to "as of". */
  actual: { line: Int32Array; q: Int32Array; amount: Float64Array };
  /** Planned disbursements by budget line and fiscal quarter. */
  planned: { line: Int32Array; q: Int32Array; amount: Float64Array };
  /** Milestones by project and the year they are due. */
  milestones: {
    project: Int32Array;
    year: Int32Array;
    weight: Float64Array;
    done: Float64Array;
    overdue: Float64Array;
  };
  plans: PlanFact[];
  flags: FlagFact[];
  /** Feedback by project: support, oppose and published comments (pending and rejected left out). */
  feedback: { project: Int32Array; support: Int32Array; oppose: Int32Array; comments: Int32Array };
}

export const SOURCE_INDEX: ReadonlyMap<FundingSource, number> = new Map(
  FUNDING_SOURCES.map((s, i) => [s, i]),
);

/** `year * 4 + quarter - 1` ↔ year and quarter. */
export function quarterIndex(year: number, quarter: number): number {
  return year * 4 + quarter - 1;
}
export function fromQuarterIndex(q: number): { year: number; quarter: number } {
  return { year: Math.floor(q / 4), quarter: (q % 4) + 1 };
}
