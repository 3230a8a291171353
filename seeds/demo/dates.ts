/** Date helpers on ISO `YYYY-MM-DD` strings, UTC only, no clock. */

/** The fixed "today" of the demo data set. */
export const DEMO_TODAY = "2026-11-26";

const DAY = 86_400_000;

export function isoToMs(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

export function msToIso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return msToIso(isoToMs(iso) + days * DAY);
}

export function daysBetween(a: string, b: string): number {
  return Math.round((isoToMs(b) - isoToMs(a)) / DAY);
}

export function minIso(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}

/** Instant (ms) of a date at a given hour UTC, e.g. for created_at. */
export function isoAt(iso: string, hour = 2, minute = 0): number {
  return isoToMs(iso) + hour * 3_600_000 + minute * 60_000;
}
