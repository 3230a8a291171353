/**
 * Pure rules of budget lines and their planned disbursements (no database):
 * which fiscal years a project may budget for, and whether a quarterly plan
 * fits the approved amount. Every message is an i18n key of `budget`.
 */
export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

/** Years before the start and after the end a line may still be booked (preparation, settlement). */
export const FISCAL_YEAR_MARGIN = 1;
/** Without project dates: this many years either side of today. */
export const FISCAL_YEAR_OPEN_SPAN = 5;

const yearOf = (iso: string | null | undefined): number | null => {
  const m = /^(\d{4})-/.exec(iso ?? "");
  return m ? Number(m[1]) : null;
};

/**
 * The fiscal years a budget line may have: the project's years (start to end)
 * with a year's margin either side; an open end runs to today + 5 years; no
 * dates at all, today ± 5 years.
 */
export function fiscalYearRange(
  startDate: string | null | undefined,
  endDate: string | null | undefined,
  today: string,
): { min: number; max: number } {
  const now = yearOf(today) ?? new Date().getUTCFullYear();
  const start = yearOf(startDate);
  const end = yearOf(endDate);
  let min = start !== null ? start - FISCAL_YEAR_MARGIN : now - FISCAL_YEAR_OPEN_SPAN;
  let max = end !== null ? end + FISCAL_YEAR_MARGIN : Math.max(now, start ?? now) + FISCAL_YEAR_OPEN_SPAN;
  if (min > max) [min, max] = [max, min];
  return { min, max };
}

export function fiscalYears(range: { min: number; max: number }): number[] {
  const out: number[] = [];
  for (let y = range.min; y <= range.max; y++) out.push(y);
  return out;
}

export type PlanProblem = "budget.error.planAboveApproved" | "budget.error.planNegative";

/** Is a quarterly plan acceptable for a line with this approved amount? */
export function planProblem(quarters: readonly number[], approved: number): PlanProblem | null {
  if (quarters.some((q) => q < 0)) return "budget.error.planNegative";
  const total = quarters.reduce((a, b) => a + b, 0);
  return total > approved ? "budget.error.planAboveApproved" : null;
}

export type RevisionProblem = "budget.error.revisionUnchanged" | "budget.error.revisionBelowPlanned";

/** A revision must change the amount and may not fall below what is already planned. */
export function revisionProblem(from: number, to: number, plannedTotal: number): RevisionProblem | null {
  if (from === to) return "budget.error.revisionUnchanged";
  if (to < plannedTotal) return "budget.error.revisionBelowPlanned";
  return null;
}

/** Increase of the approved amount over the first approved one, as a ratio (0.25 = +25 %). */
export function increaseRatio(original: number, approved: number): number {
  return original > 0 ? (approved - original) / original : 0;
}
