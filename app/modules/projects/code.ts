/**
 * Readable project codes `<ABBR>-<YEAR>-<NNN>` (pure): the owning
 * organisation's abbreviation, the start year (or the current year) and the
 * next free number for that abbreviation and year, at least three digits.
 * The database computes the next number inside the insert transaction.
 */

const CODE_RE = /^(.+)-(\d{4})-(\d{3,})$/;

export interface ProjectCodeParts {
  abbr: string;
  year: number;
  number: number;
}

export function formatProjectCode(abbr: string, year: number, n: number): string {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`project number must be a positive integer, got ${n}`);
  return `${abbr}-${year}-${String(n).padStart(3, "0")}`;
}

export function parseProjectCode(code: string): ProjectCodeParts | null {
  const m = CODE_RE.exec(code);
  if (!m) return null;
  return { abbr: m[1], year: Number(m[2]), number: Number(m[3]) };
}

/** The number after the highest one used by `abbr` in `year` among `codes` (1 when none). */
export function nextProjectNumber(codes: Iterable<string>, abbr: string, year: number): number {
  let max = 0;
  for (const code of codes) {
    const parts = parseProjectCode(code);
    if (parts && parts.abbr === abbr && parts.year === year && parts.number > max) max = parts.number;
  }
  return max + 1;
}

/** The year of the code: the start date's year if there is one, else the current year. */
export function projectCodeYear(startDate: string | null | undefined, todayIso: string): number {
  const source = startDate && /^\d{4}-\d{2}-\d{2}$/.test(startDate) ? startDate : todayIso;
  return Number(source.slice(0, 4));
}

/** A syntactically plausible project code (for route params), without touching the database. */
export function isProjectCodeParam(code: string | undefined): code is string {
  return typeof code === "string" && code.length > 0 && code.length <= 40 && /^[A-Za-z0-9-]+$/.test(code);
}
