/**
 * Derived money-and-time figures (pure: no database, no Remix). The figures
 * themselves are computed in SQL (`figures.server.ts`); this module holds
 * their shapes and the small rules shared by SQL, pages and tests.
 */

/** The money and time of a project or of a group of projects. */
export interface MoneyFigures {
  /** Distinct projects counted. */
  projects: number;
  /** Sum of budget_lines.approved_amount, integer VND. */
  approved: number;
  /** Net sums of transactions by kind (reversing entries are negative rows), integer VND. */
  committed: number;
  disbursed: number;
  spent: number;
  /** disbursed / approved; null when nothing is approved. */
  disbursementRate: number | null;
  /** Sum of milestone weights, and of the weights of done milestones. */
  weightTotal: number;
  weightDone: number;
  /** weightDone / weightTotal; null when there are no milestones. */
  progress: number | null;
  /** Milestones not done whose due date is before the day the figures are computed for. */
  overdue: number;
}

/** One point of the cumulative planned-vs-actual disbursement curve. */
export interface CurvePoint {
  year: number;
  quarter: number;
  /** Planned and actual disbursement in this quarter, integer VND. */
  planned: number;
  actual: number;
  /** Running totals up to and including this quarter. */
  cumPlanned: number;
  cumActual: number;
}

/**
 * Disbursement rate: disbursed / approved, null when nothing is approved
 * (a rate over zero is not 0 % nor infinite; pages show "—"). The SQL
 * computes the same (`CASE WHEN approved > 0 …`).
 */
export function disbursementRate(disbursed: number, approved: number): number | null {
  return approved > 0 ? disbursed / approved : null;
}

/** Weighted share of done milestones; null when nothing is weighted. */
export function physicalProgress(weightDone: number, weightTotal: number): number | null {
  return weightTotal > 0 ? weightDone / weightTotal : null;
}

/** Calendar quarter (1–4) and year of an ISO date `YYYY-MM-DD` (fiscal year = calendar year). */
export function quarterOf(isoDate: string): { year: number; quarter: number } {
  const m = /^(\d{4})-(\d{2})-\d{2}/.exec(isoDate);
  if (!m) throw new Error(`Not an ISO date: ${isoDate}`);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new Error(`Not an ISO date: ${isoDate}`);
  return { year: Number(m[1]), quarter: Math.floor((month - 1) / 3) + 1 };
}

/** "2025 Q3" style label key parts, sortable as `year * 10 + quarter`. */
export function quarterKey(year: number, quarter: number): number {
  return year * 10 + quarter;
}

/** Zeros for a scope without projects, budget lines or milestones. */
export function emptyFigures(): MoneyFigures {
  return {
    projects: 0,
    approved: 0,
    committed: 0,
    disbursed: 0,
    spent: 0,
    disbursementRate: null,
    weightTotal: 0,
    weightDone: 0,
    progress: null,
    overdue: 0,
  };
}
