/**
 * Group flags from duplicate detection (pure: no database, no Remix).
 *
 *  - same_project: the same project proposed more than once for the same
 *    current province. Groups are built from the dedupe module's
 *    same_project pairs between "live" proposals (not finished, periods
 *    overlapping), greedily from the strongest pair; groups merge only when
 *    at least half of the pairs between them were reported (no chains of
 *    look-alikes), up to a size limit.
 *  - same_solution: a dedupe cluster (the same kind of solution built
 *    separately by several provinces), a candidate for one shared platform.
 *
 * Identity across recomputes: a new group takes over the stored group flag
 * of the same rule it shares most members with (Jaccard overlap at least
 * one half), so triage survives members joining or leaving; otherwise it
 * gets a new fingerprint.
 */
import type { FlagSeverity } from "#db/enums";
import { FLAG_CONFIG, type FlagConfig } from "./config";
import type { GroupRuleCode } from "./rules";

export interface GroupMember {
  projectId: number;
  code: string;
  organisationId: number;
  /** Current province code (P-…) and name. */
  province: string | null;
  provinceName: string | null;
  phase: string;
  /** Approved budget, integer VND. */
  approved: number;
  startDate: string | null;
  endDate: string | null;
}

export interface GroupFinding {
  rule: GroupRuleCode;
  severity: FlagSeverity;
  /** Member project ids, ascending. */
  memberIds: number[];
  /** Organisation the flag is filed under: the member with the largest approved budget. */
  organisationId: number;
  /** Fingerprint proposed for a group not matched to a stored one. */
  defaultFingerprint: string;
  explanationKey: `rule.${GroupRuleCode}.explanation`;
  evidence: Record<string, string | number | boolean | null | (string | number)[]>;
  moneyAtStake: number;
}

/** A proposal that is finished is not being proposed again: only live pairs make a same_project group. */
export function livePair(a: GroupMember, b: GroupMember, config: FlagConfig = FLAG_CONFIG): boolean {
  const finished = config.groupFinishedPhases as readonly string[];
  if (finished.includes(a.phase) || finished.includes(b.phase)) return false;
  const startsBeforeEnd = (x: GroupMember, y: GroupMember) => !x.startDate || !y.endDate || x.startDate <= y.endDate;
  return startsBeforeEnd(a, b) && startsBeforeEnd(b, a);
}

/**
 * Groups from scored pairs (indices into the member list), strongest pair
 * first: two groups merge when at least `linkage` of the pairs between them
 * were reported (1 = every member pairs with every other; 0.5 = average
 * linkage of one half, which joins an English copy paired with only part of
 * a group but stops chains of look-alikes), up to `maxSize` members.
 */
export function linkedGroups(
  n: number,
  pairs: readonly { i: number; j: number; score: number }[],
  linkage = 1,
  maxSize = Number.POSITIVE_INFINITY,
): number[][] {
  const key = (i: number, j: number) => (i < j ? i * n + j : j * n + i);
  const linked = new Set(pairs.map((p) => key(p.i, p.j)));
  const groupOf = new Map<number, number[]>();
  const sorted = [...pairs].sort(
    (p, q) => q.score - p.score || Math.min(p.i, p.j) - Math.min(q.i, q.j) || Math.max(p.i, p.j) - Math.max(q.i, q.j),
  );
  for (const { i, j } of sorted) {
    const gi = groupOf.get(i) ?? [i];
    const gj = groupOf.get(j) ?? [j];
    if (gi === gj || gi.length + gj.length > maxSize) continue;
    let hits = 0;
    for (const a of gi) for (const b of gj) if (linked.has(key(a, b))) hits++;
    if (hits < linkage * gi.length * gj.length) continue;
    const merged = [...gi, ...gj].sort((a, b) => a - b);
    for (const m of merged) groupOf.set(m, merged);
  }
  const seen = new Set<number[]>();
  const out: number[][] = [];
  for (const g of groupOf.values()) {
    if (seen.has(g)) continue;
    seen.add(g);
    out.push(g);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** Every member pairs with every other (`linkedGroups` with linkage 1). */
export const cliqueGroups = (n: number, pairs: readonly { i: number; j: number; score: number }[]) =>
  linkedGroups(n, pairs, 1);

/** The money beyond one: what the group costs above its largest member (the one worth keeping). */
export function moneyBeyondOne(members: readonly Pick<GroupMember, "approved">[]): number {
  const amounts = members.map((m) => Math.max(0, m.approved));
  return amounts.reduce((a, b) => a + b, 0) - Math.max(0, ...amounts);
}

const APPROVED_PHASES = new Set(["approved", "pilot", "evaluation", "scaling", "operational"]);

export function groupFinding(
  rule: GroupRuleCode,
  members: GroupMember[],
  detail: { types: string[]; sharedTerms: string[]; minScore: number | null; maxScore: number | null },
  config: FlagConfig = FLAG_CONFIG,
): GroupFinding {
  const sorted = [...members].sort((a, b) => a.projectId - b.projectId);
  const provinces = [...new Set(sorted.map((m) => m.province).filter((p): p is string => !!p))].sort();
  const provinceNames = [...new Set(sorted.map((m) => m.provinceName).filter((p): p is string => !!p))].sort();
  const lead = [...sorted].sort((a, b) => b.approved - a.approved || a.projectId - b.projectId)[0];
  const approvedCount = sorted.filter((m) => APPROVED_PHASES.has(m.phase)).length;
  const severity: FlagSeverity =
    rule === "same_project"
      ? approvedCount >= 2
        ? "high"
        : "medium"
      : provinces.length >= config.sameSolutionHighProvinces
        ? "high"
        : "medium";
  const shown = sorted.slice(0, config.groupMembersInExplanation).map((m) => m.code);
  return {
    rule,
    severity,
    memberIds: sorted.map((m) => m.projectId),
    organisationId: lead.organisationId,
    defaultFingerprint:
      rule === "same_solution" && detail.types.length
        ? `same_solution:group:${detail.types.join("+")}`
        : `${rule}:group:${sorted[0].projectId}`,
    explanationKey: `rule.${rule}.explanation`,
    evidence: {
      count: sorted.length,
      members: sorted.map((m) => m.code),
      memberList: shown.join(", ") + (sorted.length > shown.length ? ", …" : ""),
      provinces,
      provinceCount: provinces.length,
      provinceNames: provinceNames.slice(0, config.groupMembersInExplanation).join(", ") +
        (provinceNames.length > config.groupMembersInExplanation ? ", …" : ""),
      approvedMembers: approvedCount,
      totalApproved: sorted.reduce((a, m) => a + Math.max(0, m.approved), 0),
      largestApproved: lead.approved,
      types: detail.types,
      typeList: detail.types.join(", "),
      sharedTerms: detail.sharedTerms,
      termList: detail.sharedTerms.map(readableTerm).join(", "),
      minScore: detail.minScore,
      maxScore: detail.maxScore,
    },
    moneyAtStake: moneyBeyondOne(sorted),
  };
}

const ACRONYMS = new Set(["ioc", "gis", "iot", "ai", "soc", "lgsp", "ngsp", "csdl", "dvc", "tthc", "cctv", "anpr", "sms", "qr", "ttdl", "vneid", "erp", "bim"]);

/** A dedupe term for people: concepts ("#ioc") without the mark, acronyms in capitals ("IOC"). */
export function readableTerm(term: string): string {
  if (!term.startsWith("#")) return term;
  const t = term.slice(1).replace(/^~/, "").replace(/[-_]+/g, " ");
  return ACRONYMS.has(t) ? t.toUpperCase() : t;
}

export interface StoredGroup {
  id: number;
  fingerprint: string;
  rule: string;
  memberIds: readonly number[];
}

/**
 * Match computed groups to stored group flags: each computed group (largest
 * first) takes the unclaimed stored flag of its rule sharing the most
 * members, when the Jaccard overlap is at least one half. Returns
 * the fingerprint for each computed group (stored, default, or default with
 * a suffix when the default is held by another flag).
 */
export function assignFingerprints(groups: readonly GroupFinding[], stored: readonly StoredGroup[]): string[] {
  const byMember = new Map<number, StoredGroup[]>();
  for (const s of stored) for (const m of s.memberIds) (byMember.get(m) ?? byMember.set(m, []).get(m)!).push(s);
  const claimed = new Set<string>();
  const out: string[] = new Array(groups.length);
  const order = groups.map((_, i) => i).sort((a, b) => groups[b].memberIds.length - groups[a].memberIds.length || a - b);
  for (const gi of order) {
    const g = groups[gi];
    const overlap = new Map<StoredGroup, number>();
    for (const m of g.memberIds) for (const s of byMember.get(m) ?? []) if (s.rule === g.rule) overlap.set(s, (overlap.get(s) ?? 0) + 1);
    let best: StoredGroup | null = null;
    let bestN = 0;
    for (const [s, n] of overlap) {
      if (claimed.has(s.fingerprint)) continue;
      // Jaccard overlap of at least one half: growth, shrinkage and the larger part of a split keep it.
      if (n * 2 < g.memberIds.length + s.memberIds.length - n) continue;
      if (n > bestN || (n === bestN && best && s.id < best.id)) {
        best = s;
        bestN = n;
      }
    }
    if (best) {
      claimed.add(best.fingerprint);
      out[gi] = best.fingerprint;
    }
  }
  const held = new Set(stored.map((s) => s.fingerprint));
  for (const gi of order) {
    if (out[gi]) continue;
    let fp = groups[gi].defaultFingerprint;
    for (let n = 2; held.has(fp) || claimed.has(fp); n++) fp = `${groups[gi].defaultFingerprint}:${n}`;
    claimed.add(fp);
    out[gi] = fp;
  }
  return out;
}

/** Terms every member shares, strongest first (from the dedupe vectors: term ids ascending with weights). */
export function sharedTermsOf(
  docs: readonly { terms: ArrayLike<number>; weights: ArrayLike<number> }[],
  termNames: readonly string[],
  limit = 8,
): string[] {
  if (!docs.length) return [];
  let weights = new Map<number, number>();
  for (let k = 0; k < docs[0].terms.length; k++) weights.set(docs[0].terms[k], docs[0].weights[k]);
  for (const d of docs.slice(1)) {
    const next = new Map<number, number>();
    for (let k = 0; k < d.terms.length; k++) {
      const w = weights.get(d.terms[k]);
      if (w !== undefined) next.set(d.terms[k], w + d.weights[k]);
    }
    weights = next;
  }
  return [...weights.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([t]) => termNames[t]);
}
