/**
 * Pure rules of the transaction ledger (no database): what may be booked
 * against a budget line, and what may be reversed.
 *
 * The money rules are about running totals per budget line: what has been
 * disbursed can never exceed what has been committed, and what has been spent
 * can never exceed what has been disbursed. A batch of new entries is applied
 * in date order (same date: commitments, then disbursements, then
 * expenditures, then the order typed), on top of the line's booked totals.
 */
import type { TransactionKind } from "#db/enums";

export interface LineTotals {
  committed: number;
  disbursed: number;
  spent: number;
}

export const ZERO_TOTALS: LineTotals = { committed: 0, disbursed: 0, spent: 0 };

export type TotalsError = "transactions.error.disbursedAboveCommitted" | "transactions.error.spentAboveDisbursed";

export type DateError = "transactions.error.dateFuture" | "transactions.error.dateOutsideWindow";

export type ReversalError =
  | "transactions.error.alreadyReversed"
  | "transactions.error.reverseReversal"
  | "transactions.error.reversalBreaksCommitted"
  | "transactions.error.reversalBreaksDisbursed";

/** Totals after booking `amount` (may be negative, for a reversal) of `kind`. */
export function applyEntry(totals: LineTotals, kind: TransactionKind, amount: number): LineTotals {
  switch (kind) {
    case "commitment":
      return { ...totals, committed: totals.committed + amount };
    case "disbursement":
      return { ...totals, disbursed: totals.disbursed + amount };
    case "expenditure":
      return { ...totals, spent: totals.spent + amount };
  }
}

/**
 * The rule a new entry of `kind` and `amount` would break on a line with
 * these totals, or null. Each kind is checked against its own limit only, so
 * a line already out of balance in older data still accepts entries that do
 * not make it worse (a commitment, say).
 */
export function entryError(t: LineTotals, kind: TransactionKind, amount: number): TotalsError | null {
  if (kind === "disbursement" && amount > 0 && t.disbursed + amount > t.committed) {
    return "transactions.error.disbursedAboveCommitted";
  }
  if (kind === "expenditure" && amount > 0 && t.spent + amount > t.disbursed) {
    return "transactions.error.spentAboveDisbursed";
  }
  if (kind === "commitment" && amount < 0 && t.committed + amount < t.disbursed) {
    return "transactions.error.disbursedAboveCommitted";
  }
  if (kind === "disbursement" && amount < 0 && t.disbursed + amount < t.spent) {
    return "transactions.error.spentAboveDisbursed";
  }
  return null;
}

export interface SequenceEntry {
  lineId: number;
  kind: TransactionKind;
  /** ISO date. */
  date: string;
  amount: number;
}

const KIND_ORDER: Record<TransactionKind, number> = { commitment: 0, disbursement: 1, expenditure: 2 };

/**
 * Apply new entries in date order on top of each line's booked totals.
 * Returns, per entry index, the rule that entry breaks (only entries that
 * push a line over are named; an entry that keeps a line valid is fine).
 */
export function checkSequence(
  booked: ReadonlyMap<number, LineTotals>,
  entries: readonly SequenceEntry[],
): Map<number, TotalsError> {
  const order = entries
    .map((e, index) => ({ e, index }))
    .sort(
      (a, b) =>
        a.e.date.localeCompare(b.e.date) || KIND_ORDER[a.e.kind] - KIND_ORDER[b.e.kind] || a.index - b.index,
    );
  const running = new Map<number, LineTotals>();
  const errors = new Map<number, TotalsError>();
  for (const { e, index } of order) {
    const before = running.get(e.lineId) ?? booked.get(e.lineId) ?? ZERO_TOTALS;
    const broken = entryError(before, e.kind, e.amount);
    // A refused entry is not counted, so one bad row does not condemn the rows after it.
    if (broken) errors.set(index, broken);
    else running.set(e.lineId, applyEntry(before, e.kind, e.amount));
  }
  return errors;
}

export interface DateWindow {
  /** ISO dates, inclusive. */
  from: string;
  to: string;
}

/**
 * The dates a transaction of a budget line may carry without an override:
 * the line's fiscal year (Vietnam's fiscal year is the calendar year),
 * narrowed to the project's start–end years when the project has them.
 * Null when the two do not meet (every date then needs an override).
 */
export function dateWindow(
  fiscalYear: number,
  projectStart?: string | null,
  projectEnd?: string | null,
): DateWindow | null {
  let fromYear = fiscalYear;
  let toYear = fiscalYear;
  const startYear = projectStart ? Number(projectStart.slice(0, 4)) : NaN;
  const endYear = projectEnd ? Number(projectEnd.slice(0, 4)) : NaN;
  if (Number.isInteger(startYear)) fromYear = Math.max(fromYear, startYear);
  if (Number.isInteger(endYear)) toYear = Math.min(toYear, endYear);
  if (fromYear > toYear) return null;
  return { from: `${fromYear}-01-01`, to: `${toYear}-12-31` };
}

/**
 * A transaction date: never after today; outside the window only with an
 * explicit override (the reason is checked by the form schema).
 */
export function checkDate(date: string, today: string, window: DateWindow | null, override: boolean): DateError | null {
  if (date > today) return "transactions.error.dateFuture";
  const inside = window !== null && date >= window.from && date <= window.to;
  if (!inside && !override) return "transactions.error.dateOutsideWindow";
  return null;
}

export interface ReversalTarget {
  kind: TransactionKind;
  amount: number;
  /** Set when the row is itself a reversing entry. */
  reversesId: number | null;
  /** True when a reversing entry for this row exists already. */
  reversed: boolean;
}

/** May this booked row be reversed, given its line's current totals? */
export function checkReversal(target: ReversalTarget, line: LineTotals): ReversalError | null {
  if (target.reversesId !== null) return "transactions.error.reverseReversal";
  if (target.reversed) return "transactions.error.alreadyReversed";
  const broken = entryError(line, target.kind, -target.amount);
  if (broken === "transactions.error.disbursedAboveCommitted") return "transactions.error.reversalBreaksCommitted";
  if (broken === "transactions.error.spentAboveDisbursed") return "transactions.error.reversalBreaksDisbursed";
  return null;
}
