/**
 * Filters of the public project list, kept in the URL (`/public?province=12&domain=transport&phase=pilot&page=2`).
 * Pure: unknown or malformed values are dropped, never an error page.
 */
import { DOMAINS, PROJECT_PHASES, type Domain, type ProjectPhase } from "#db/enums";

export const PUBLIC_PAGE_SIZE = 24;

/** Phases a resident can pick (cancelled projects stay listed but are not a filter). */
export const PUBLIC_PHASES = PROJECT_PHASES;

export interface PublicQuery {
  province: number | null;
  domain: Domain | null;
  phase: ProjectPhase | null;
  page: number;
}

const positiveInt = (v: string | null): number | null => {
  if (v === null || !/^\d{1,9}$/.test(v)) return null;
  const n = Number(v);
  return n > 0 ? n : null;
};

export function parsePublicQuery(search: URLSearchParams | string): PublicQuery {
  const p = typeof search === "string" ? new URLSearchParams(search) : search;
  const domain = p.get("domain");
  const phase = p.get("phase");
  return {
    province: positiveInt(p.get("province")),
    domain: (DOMAINS as readonly string[]).includes(domain ?? "") ? (domain as Domain) : null,
    phase: (PROJECT_PHASES as readonly string[]).includes(phase ?? "") ? (phase as ProjectPhase) : null,
    page: positiveInt(p.get("page")) ?? 1,
  };
}

/** The URL search string of a query (defaults left out), for links and pagination. */
export function publicQueryString(q: Partial<PublicQuery>): string {
  const p = new URLSearchParams();
  if (q.province) p.set("province", String(q.province));
  if (q.domain) p.set("domain", q.domain);
  if (q.phase) p.set("phase", q.phase);
  if (q.page && q.page > 1) p.set("page", String(q.page));
  const s = p.toString();
  return s ? `?${s}` : "";
}
