/**
 * Cross-site request refusal (per the Lucia guide): a state-changing request
 * is accepted only when the browser says it is same-origin
 * (`Sec-Fetch-Site: same-origin`) or, failing that header, when `Origin`
 * matches the host the request was sent to.
 *
 * One exception: a request that authenticates with an
 * `Authorization: Bearer …` header and carries NO cookie at all. A browser
 * never adds an Authorization header to a cross-site form or navigation on
 * its own, and a script on another site cannot send one without a CORS
 * preflight this server never grants, so such a request cannot be forged
 * cross-site; and without a cookie it cannot ride on a signed-in session.
 * This is how provincial systems call /api/v1 from their servers. A request
 * with any cookie (a session, a locale) gets the same-origin check as
 * always, so a cookie session is never accepted for a write cross-site.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Bearer-authenticated and cookie-free: not forgeable by another site. */
export function isCookielessBearerRequest(headers: { get(name: string): string | null }): boolean {
  const auth = headers.get("authorization");
  if (!auth || !/^\s*bearer\s+\S+/i.test(auth)) return false;
  const cookie = headers.get("cookie");
  return cookie === null || cookie.trim() === "";
}

export function isCrossSiteRequestAllowed(
  method: string,
  headers: { get(name: string): string | null },
  host: string | null,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  if (isCookielessBearerRequest(headers)) return true;
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
