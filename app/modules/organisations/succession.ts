/**
 * Organisation succession (pure: no database, no Remix).
 *
 * When provinces or ministries merge, the old units end (`validTo`) and
 * point to their successor from an effective date. This module follows those
 * links: which unit carries on a given one at a date, which units a unit
 * absorbed, and which organisation a free-text name, code or id means
 * ("Bình Dương", "binh duong", "TP.HCM", "MIC", "LP-74", 42).
 */
import { foldVietnamese } from "~/utils/text";

export interface SuccessionOrg {
  id: number;
  code: string;
  kind: string;
  abbr: string;
  nameVi: string;
  nameEn: string;
  searchName?: string | null;
  gsoCode?: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface SuccessionEdge {
  predecessorId: number;
  successorId: number;
  effectiveDate: string;
}

export interface SuccessionIndex {
  /** The organisation with this id, if known. */
  get(id: number): SuccessionOrg | undefined;
  /** Is the unit in force on `asOf` (ISO date)? */
  isValidAt(id: number, asOf: string): boolean;
  /**
   * The unit that carries on `orgId` at `asOf` (default today): the unit
   * itself while it is in force (or before it began), otherwise the end of
   * its successor chain as of that date. Null for an unknown id.
   */
  resolveCurrent(orgId: number, asOf?: string): number | null;
  /** Organisations whose name, code, abbreviation or alias matches, best first (not resolved). */
  find(query: string | number): SuccessionOrg[];
  /** `find` then `resolveCurrent`: the unit meant by a name/code/id, as of `asOf`. */
  lookup(query: string | number, asOf?: string): number | null;
  /** All units that (transitively) ended into `orgId`. */
  predecessorsOf(orgId: number): number[];
  /** All units `orgId` (transitively) continued into. */
  successorsOf(orgId: number): number[];
  /** The unit, its predecessors and its successors (sorted ids). */
  familyOf(orgId: number): number[];
}

export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

const PREFIXES = [
  "thanh pho truc thuoc trung uong ",
  "thanh pho ",
  "tp ",
  "tinh ",
  "city of ",
  "province of ",
];
const SUFFIXES = [" city", " province", " municipality"];

/** Fold to a lookup key: lower case, no diacritics, punctuation as spaces. */
export function normaliseKey(input: string): string {
  return foldVietnamese(input)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The lookup keys a query string may match (full form, without "tỉnh/thành phố/City" and compact). */
export function queryKeys(input: string): string[] {
  const full = normaliseKey(input);
  if (!full) return [];
  const keys = new Set<string>([full]);
  let stripped = full;
  for (const p of PREFIXES) if (stripped.startsWith(p)) stripped = stripped.slice(p.length);
  for (const s of SUFFIXES) if (stripped.endsWith(s)) stripped = stripped.slice(0, -s.length);
  if (stripped) keys.add(stripped);
  keys.add(full.replace(/ /g, ""));
  if (stripped) keys.add(stripped.replace(/ /g, ""));
  return [...keys];
}

const KIND_RANK: Record<string, number> = { province: 0, ministry: 0, task_force: 0, city: 1, partner: 2 };

export function createSuccessionIndex(
  orgs: readonly SuccessionOrg[],
  edges: readonly SuccessionEdge[],
  aliases: Readonly<Record<string, readonly string[]>> = {},
): SuccessionIndex {
  const byId = new Map<number, SuccessionOrg>();
  for (const o of orgs) byId.set(o.id, o);
  const out = new Map<number, SuccessionEdge[]>();
  const inc = new Map<number, SuccessionEdge[]>();
  for (const e of edges) {
    if (!byId.has(e.predecessorId) || !byId.has(e.successorId)) continue;
    (out.get(e.predecessorId) ?? out.set(e.predecessorId, []).get(e.predecessorId)!).push(e);
    (inc.get(e.successorId) ?? inc.set(e.successorId, []).get(e.successorId)!).push(e);
  }
  // Deterministic order: earliest effective date first, then lowest successor id.
  for (const list of out.values()) {
    list.sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.successorId - b.successorId);
  }

  /** key → [org id, tier] (lower tier = stronger match). */
  const keyIndex = new Map<string, Map<number, number>>();
  const addKey = (key: string, id: number, tier: number) => {
    if (!key) return;
    let m = keyIndex.get(key);
    if (!m) keyIndex.set(key, (m = new Map()));
    const prev = m.get(id);
    if (prev === undefined || tier < prev) m.set(id, tier);
  };
  for (const o of orgs) {
    addKey(normaliseKey(o.code), o.id, 0);
    for (const k of queryKeys(o.nameVi)) addKey(k, o.id, 1);
    if (o.searchName) addKey(normaliseKey(o.searchName), o.id, 1);
    for (const k of queryKeys(o.nameEn)) addKey(k, o.id, 2);
    addKey(normaliseKey(o.abbr), o.id, 3);
    for (const a of aliases[o.code] ?? []) for (const k of queryKeys(a)) addKey(k, o.id, 3);
  }

  const isValidAt = (id: number, asOf: string): boolean => {
    const o = byId.get(id);
    if (!o) return false;
    return (o.validFrom === null || o.validFrom <= asOf) && (o.validTo === null || o.validTo >= asOf);
  };

  const resolveCurrent = (orgId: number, asOf: string = todayIso()): number | null => {
    if (!byId.has(orgId)) return null;
    let current = orgId;
    const seen = new Set<number>([orgId]);
    for (;;) {
      const o = byId.get(current)!;
      // In force, or not yet ended at asOf: stop here.
      if (o.validTo === null || o.validTo >= asOf) return current;
      const next = (out.get(current) ?? []).filter(
        (e) => e.effectiveDate <= asOf && !seen.has(e.successorId),
      );
      if (next.length === 0) return current;
      // Prefer a successor in force at asOf, else the first by date.
      const pick = next.find((e) => isValidAt(e.successorId, asOf)) ?? next[0];
      current = pick.successorId;
      seen.add(current);
    }
  };

  const walk = (start: number, adj: Map<number, SuccessionEdge[]>, dir: "pred" | "succ"): number[] => {
    const seen = new Set<number>([start]);
    const stack = [start];
    const result: number[] = [];
    while (stack.length) {
      const id = stack.pop()!;
      for (const e of adj.get(id) ?? []) {
        const next = dir === "pred" ? e.predecessorId : e.successorId;
        if (seen.has(next)) continue;
        seen.add(next);
        result.push(next);
        stack.push(next);
      }
    }
    return result.sort((a, b) => a - b);
  };

  const rank = (query: string | number): { o: SuccessionOrg; tier: number }[] => {
    if (typeof query === "number" || /^\s*\d+\s*$/.test(String(query))) {
      const o = byId.get(Number(query));
      if (o) return [{ o, tier: 0 }];
      if (typeof query === "number") return [];
    }
    const hits = new Map<number, number>();
    for (const k of queryKeys(String(query))) {
      for (const [id, tier] of keyIndex.get(k) ?? []) {
        const prev = hits.get(id);
        if (prev === undefined || tier < prev) hits.set(id, tier);
      }
    }
    return [...hits.entries()]
      .map(([id, tier]) => ({ o: byId.get(id)!, tier }))
      .sort(
        (a, b) =>
          a.tier - b.tier ||
          (KIND_RANK[a.o.kind] ?? 3) - (KIND_RANK[b.o.kind] ?? 3) ||
          // Units still in force before ended ones, then by id.
          Number(a.o.validTo !== null) - Number(b.o.validTo !== null) ||
          a.o.id - b.o.id,
      );
  };

  const lookup = (query: string | number, asOf: string = todayIso()): number | null => {
    const ranked = rank(query);
    if (ranked.length === 0) return null;
    // Among the equally good matches, prefer one in force at asOf (e.g. the
    // legacy "Hà Nội" before 1 July 2025, the current one after).
    const top = ranked.filter(
      (r) => r.tier === ranked[0].tier && (KIND_RANK[r.o.kind] ?? 3) === (KIND_RANK[ranked[0].o.kind] ?? 3),
    );
    const best = top.find((r) => isValidAt(r.o.id, asOf)) ?? top[0];
    return resolveCurrent(best.o.id, asOf);
  };

  return {
    get: (id) => byId.get(id),
    isValidAt,
    resolveCurrent,
    find: (query) => rank(query).map((r) => r.o),
    lookup,
    predecessorsOf: (id) => walk(id, inc, "pred"),
    successorsOf: (id) => walk(id, out, "succ"),
    familyOf: (id) => {
      if (!byId.has(id)) return [];
      return [id, ...walk(id, inc, "pred"), ...walk(id, out, "succ")]
        .filter((v, i, a) => a.indexOf(v) === i)
        .sort((a, b) => a - b);
    },
  };
}
