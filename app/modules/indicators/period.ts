/**
 * Reporting periods of indicator values: a year (`2025`) or a quarter
 * (`2025-Q3`), with their first and last day (ISO dates). Pure.
 */
export const MIN_PERIOD_YEAR = 1990;
export const MAX_PERIOD_YEAR = 2100;

export interface Period {
  /** Canonical label, e.g. `2025` or `2025-Q3`. */
  label: string;
  /** ISO date of the first day. */
  start: string;
  /** ISO date of the last day. */
  end: string;
}

export type PeriodError =
  "indicators.error.periodRequired" | "indicators.error.periodFormat" | "indicators.error.periodRange";

const QUARTER_END = ["03-31", "06-30", "09-30", "12-31"];
const QUARTER_START = ["01-01", "04-01", "07-01", "10-01"];

/** Parse `2025`, `2025-Q3` (also `2025-q3`, `2025 Q3`, `Q3/2025`, `Q3-2025`) into a canonical period. */
export function parsePeriod(
  input: string | null | undefined,
): { ok: true; period: Period } | { ok: false; error: PeriodError } {
  const text = (input ?? "").trim().toUpperCase().replace(/\s+/g, " ");
  if (!text) return { ok: false, error: "indicators.error.periodRequired" };
  let year: number;
  let quarter: number | null = null;
  let m: RegExpMatchArray | null;
  if ((m = text.match(/^(\d{4})$/))) {
    year = Number(m[1]);
  } else if ((m = text.match(/^(\d{4})[- ]?Q([1-4])$/))) {
    year = Number(m[1]);
    quarter = Number(m[2]);
  } else if ((m = text.match(/^Q([1-4])[-/ ](\d{4})$/))) {
    year = Number(m[2]);
    quarter = Number(m[1]);
  } else {
    return { ok: false, error: "indicators.error.periodFormat" };
  }
  if (year < MIN_PERIOD_YEAR || year > MAX_PERIOD_YEAR)
    return { ok: false, error: "indicators.error.periodRange" };
  if (quarter === null)
    return { ok: true, period: { label: String(year), start: `${year}-01-01`, end: `${year}-12-31` } };
  return {
    ok: true,
    period: {
      label: `${year}-Q${quarter}`,
      start: `${year}-${QUARTER_START[quarter - 1]}`,
      end: `${year}-${QUARTER_END[quarter - 1]}`,
    },
  };
}
