/** A positive integer id from a route parameter, or null (then the route answers 404). */
export function parseId(value: string | undefined): number | null {
  if (!value || !/^[1-9]\d{0,11}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}
