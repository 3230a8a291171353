/**
 * Place resolution for duplicate detection (pure: built in memory from the
 * reference JSON, no database). A proposal's place is the province-level unit
 * in force today: "Bình Dương", "binh duong", "BINH DUONG PROVINCE" and
 * "Thủ Dầu Một" (a city of former Bình Dương) all mean Hồ Chí Minh City.
 */
import {
  createSuccessionIndex,
  normaliseKey,
  queryKeys,
  type SuccessionIndex,
} from "~/modules/organisations/succession";
import { buildReferenceSet, ORGANISATION_ALIASES, type ReferenceOrganisation } from "#seeds/reference-data";

export interface ResolvedPlace {
  /** Stable key of the current province ("P-HCM"), or "?<folded text>" when unknown, or "" when none given. */
  province: string;
  /** Key of the city when one is known ("C-TDM" or "?<folded>"), else "". */
  city: string;
  /** Readable name of the current province, for explanations. */
  provinceName: string;
}

export interface PlaceResolver {
  resolve(province: string | null | undefined, city?: string | null): ResolvedPlace;
  /** Folded names of every reference organisation (provinces, legacy provinces, cities, ministries), to strip from text. */
  placeNames(): string[];
}

let shared: PlaceResolver | null = null;

/** The resolver over the built-in reference data (built once). */
export function defaultPlaceResolver(asOf = "2099-12-31"): PlaceResolver {
  if (!shared) {
    const ref = buildReferenceSet();
    shared = createPlaceResolver(ref.organisations, ref.successions, asOf);
  }
  return shared;
}

export function createPlaceResolver(
  orgs: readonly ReferenceOrganisation[],
  successions: readonly { predecessorCode: string; successorCode: string; effectiveDate: string }[],
  asOf = "2099-12-31",
): PlaceResolver {
  const idOf = new Map(orgs.map((o) => [o.code, o.id]));
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const edges = successions.map((s) => ({
    predecessorId: idOf.get(s.predecessorCode)!,
    successorId: idOf.get(s.successorCode)!,
    effectiveDate: s.effectiveDate,
  }));
  const index: SuccessionIndex = createSuccessionIndex(orgs, edges, ORGANISATION_ALIASES);
  const cache = new Map<string, ResolvedPlace>();

  /** The current province-level unit of an organisation (a city → its parent province). */
  const provinceOf = (id: number | null): ReferenceOrganisation | null => {
    if (id === null) return null;
    const o = byId.get(id);
    if (!o) return null;
    if (o.kind === "province") return o;
    if (o.kind === "city" && o.parentCode) {
      const parent = idOf.get(o.parentCode);
      return parent === undefined ? null : (byId.get(index.resolveCurrent(parent, asOf) ?? parent) ?? null);
    }
    return null;
  };

  const lookupProvince = (text: string): ReferenceOrganisation | null => {
    const found = index.find(text).filter((o) => o.kind === "province" || o.kind === "city");
    if (found.length === 0) return null;
    const current = index.resolveCurrent(found[0].id, asOf);
    return provinceOf(current);
  };

  const resolve = (province: string | null | undefined, city?: string | null): ResolvedPlace => {
    const p = (province ?? "").trim();
    const c = (city ?? "").trim();
    const key = `${p}\u0000${c}`;
    const hit = cache.get(key);
    if (hit) return hit;
    let prov = p ? lookupProvince(p) : null;
    let cityKey = "";
    if (c) {
      const cityOrg = index.find(c).find((o) => o.kind === "city");
      if (cityOrg) {
        cityKey = cityOrg.code;
        if (!prov) prov = provinceOf(cityOrg.id);
      } else {
        cityKey = `?${normaliseKey(c)}`;
        if (!prov) prov = lookupProvince(c);
      }
    }
    const result: ResolvedPlace = prov
      ? { province: prov.code, city: cityKey, provinceName: prov.nameVi }
      : { province: p ? `?${normaliseKey(p)}` : "", city: cityKey, provinceName: p };
    cache.set(key, result);
    return result;
  };

  const names = new Set<string>();
  for (const o of orgs) {
    for (const n of [o.nameVi, o.nameEn]) {
      for (const k of queryKeys(n)) if (k.length >= 3 && k.includes(" ")) names.add(k);
    }
    for (const a of ORGANISATION_ALIASES[o.code] ?? []) if (a.length >= 3) names.add(normaliseKey(a));
  }

  return { resolve, placeNames: () => [...names] };
}
