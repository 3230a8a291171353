/**
 * Cross-site request refusal (per the Lucia guide): a state-changing request
 * is accepted only when the browser says it is same-origin
 * (`Sec-Fetch-Site: same-origin`) or, failing that header, when `Origin`
 * matches the host the request was sent to.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isCrossSiteRequestAllowed(
  method: string,
  headers: { get(name: string): string | null },
  host: string | null,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const site = headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const origin = headers.get("origin");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
