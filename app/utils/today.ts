/**
 * Today's calendar date as ISO `YYYY-MM-DD`, in Vietnam time (UTC+7, no
 * daylight saving), the date against which validity (`validFrom`/`validTo`)
 * is judged on pages.
 */
export function todayIso(now: number = Date.now()): string {
  return new Date(now + 7 * 3600_000).toISOString().slice(0, 10);
}
