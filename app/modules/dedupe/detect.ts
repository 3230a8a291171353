/**
 * Duplicate and overlap detection over proposals (pure: no Remix, no database).
 *
 *  - same_project: the same project twice for the same current province
 *    (province and its city, a rephrased resubmission, a ministry proposing
 *    for a province, a copy without diacritics or in English, a legacy
 *    province name for its successor);
 *  - same_solution: the same kind of solution built separately by different
 *    provinces (each its own IOC, citizen app, data centre…), grouped into
 *    clusters that are candidates for one shared platform.
 *
 * Pipeline: analyse (normalise, concepts, syllables, pairs) → classify the
 * solution type → candidates (type blocks, MinHash LSH inside large blocks
 * and for untyped proposals; never all pairs) → score (cosine of tf·idf
 * vectors + type agreement + place) → thresholds from DEDUPE_CONFIG.
 */
import { DEDUPE_CONFIG, type DedupeConfig } from "./config";
import { createAnalyser, type AnalysedText, type Analyser } from "./normalise";
import { defaultPlaceResolver, type PlaceResolver, type ResolvedPlace } from "./place";
import { classify, keepTitleScope, scopesConflict, titleScopes } from "./solution-types";

export type ProposalId = string | number;

export interface Proposal {
  id: ProposalId;
  title: string;
  description?: string | null;
  province?: string | null;
  city?: string | null;
  domain?: string | null;
  components?: readonly string[] | null;
}

export type PairKind = "same_project" | "same_solution";

export interface Explanation {
  /** Terms both proposals use, strongest first (concepts as "#ioc"). */
  sharedTerms: string[];
  /**
   * The same terms as written in the proposals, for people: "không khí" for
   * `#air` in Vietnamese text, "air" in English text (proposal a's wording
   * first, then b's); the domain is left out.
   */
  sharedLabels?: string[];
  /** Fields in which shared terms occur on both sides. */
  fields: string[];
  types: { a: string[]; b: string[]; shared: string[] };
  place: { a: string; b: string; same: boolean };
  textSimilarity: number;
  typeAgreement: number | null;
}

export interface DuplicatePair {
  a: ProposalId;
  b: ProposalId;
  kind: PairKind;
  /** 0..1, rounded to 3 decimals. */
  score: number;
  explanation?: Explanation;
}

export interface SolutionCluster {
  kind: "same_solution";
  /** Ids in stable order. */
  members: ProposalId[];
  /** The solution types the cluster shares. */
  types: string[];
}

interface Doc {
  id: ProposalId;
  place: ResolvedPlace;
  types: string[];
  /** Scopes named in the title, per exclusive group (see EXCLUSIVE_SCOPES); absent = none. */
  scope?: Uint8Array;
  /** Term ids, ascending. */
  terms: Int32Array;
  /** Unit-length weights aligned with `terms`. */
  weights: Float64Array;
  /** The title alone: term hashes ascending (signed 32-bit), unit-length tf·idf weights (idf over titles). */
  titleTerms: Int32Array;
  titleWeights: Float64Array;
  /** The proposal's types that its title alone is also classified as, sorted. */
  titleTypes: string[];
}

export interface Corpus {
  docs: Doc[];
  proposals: readonly Proposal[];
  termNames: string[];
  config: DedupeConfig;
  analyser: Analyser;
}

export interface PrepareOptions {
  config?: DedupeConfig;
  places?: PlaceResolver;
}

/** Stable order of ids: numbers numerically, otherwise as strings. */
export function compareIds(a: ProposalId, b: ProposalId): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

const FIELDS = ["title", "components", "description"] as const;
type Field = (typeof FIELDS)[number];

function fieldTexts(p: Proposal): Record<Field, string> {
  return {
    title: p.title ?? "",
    components: (p.components ?? []).map((c) => String(c).replace(/[-_]+/g, " ")).join(". "),
    description: p.description ?? "",
  };
}

function termsOf(a: AnalysedText): { term: string; concept: boolean; bigram: boolean }[] {
  return [
    ...a.concepts.map((c) => ({ term: `#${c}`, concept: true, bigram: false })),
    ...a.words.map((w) => ({ term: w, concept: false, bigram: false })),
    ...a.bigrams.map((b) => ({ term: b, concept: false, bigram: true })),
  ];
}

let sharedAnalyser: Analyser | null = null;

/** Analyse, classify and vectorise proposals (tf·idf over this corpus). */
export function prepareCorpus(proposals: readonly Proposal[], options: PrepareOptions = {}): Corpus {
  const config = options.config ?? DEDUPE_CONFIG;
  const places = options.places ?? defaultPlaceResolver();
  const analyser =
    options.places === undefined
      ? (sharedAnalyser ??= createAnalyser(places.placeNames()))
      : createAnalyser(places.placeNames());
  const termIds = new Map<string, number>();
  const termNames: string[] = [];
  const df: number[] = [];
  const raw: {
    place: ResolvedPlace;
    types: string[];
    scope: Uint8Array;
    tf: Map<number, number>;
    title: Map<number, number>;
    titleTypes: string[];
  }[] = [];
  const titleDf = new Map<number, number>();

  const idOf = (term: string): number => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = termNames.length;
      termIds.set(term, id);
      termNames.push(term);
      df.push(0);
    }
    return id;
  };
  // Concept terms are "#"-prefixed: one string per distinct concept.
  const conceptTerm = new Map<string, string>();
  const hashed = (c: string) => {
    let t = conceptTerm.get(c);
    if (t === undefined) conceptTerm.set(c, (t = `#${c}`));
    return t;
  };
  for (const p of proposals) {
    const texts = fieldTexts(p);
    const tf = new Map<number, number>();
    const add = (id: number, w: number) => tf.set(id, (tf.get(id) ?? 0) + w);
    const evidence = [];
    const title = new Map<number, number>();
    for (const f of FIELDS) {
      const analysed = analyser.analyse(texts[f]);
      const fw = config.fieldWeight[f];
      evidence.push({ weight: fw, concepts: new Set(analysed.concepts) });
      const wc = fw * config.conceptBoost;
      const wb = fw * config.bigramWeight;
      for (const c of analysed.concepts) add(idOf(hashed(c)), wc);
      for (const w of analysed.words) add(idOf(w), fw);
      for (const b of analysed.bigrams) add(idOf(b), wb);
      if (f === "title") {
        // Keyed by a hash of the term, not the corpus term id, so a draft
        // vectorised on its own (similar proposals) compares with the corpus.
        const addT = (term: string, w: number) => {
          const h = termHash(term);
          title.set(h, (title.get(h) ?? 0) + w);
        };
        for (const c of analysed.concepts) addT(hashed(c), config.conceptBoost);
        for (const w of analysed.words) addT(w, 1);
        for (const b of analysed.bigrams) addT(b, config.bigramWeight);
      }
    }
    if (p.domain) add(idOf(`domain:${String(p.domain).toLowerCase()}`), config.domainWeight);
    for (const id of tf.keys()) df[id]++;
    for (const h of title.keys()) titleDf.set(h, (titleDf.get(h) ?? 0) + 1);
    const { primary } = classify(evidence, config.typeMinScore, config.typeRatio);
    const scope = titleScopes(evidence[0].concepts);
    const types = keepTitleScope(primary, scope);
    // The proposal's types that its title alone also names.
    const titleTypes = classify(evidence.slice(0, 1), config.typeMinScore, config.typeRatio)
      .primary.filter((t) => types.includes(t))
      .sort();
    raw.push({ place: places.resolve(p.province, p.city), types, scope, tf, title, titleTypes });
  }

  const n = proposals.length;
  const idf = df.map((d) => Math.log(1 + n / d));
  const docs: Doc[] = raw.map((r, i) => {
    const ids = [...r.tf.keys()].sort((a, b) => a - b);
    const weights = new Float64Array(ids.length);
    let norm = 0;
    ids.forEach((id, k) => {
      const w = Math.log1p(r.tf.get(id)!) * idf[id];
      weights[k] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < weights.length; k++) weights[k] /= norm;
    const tIds = [...r.title.keys()].sort((a, b) => a - b);
    const tWeights = new Float64Array(tIds.length);
    let tNorm = 0;
    tIds.forEach((id, k) => {
      const w = Math.log1p(r.title.get(id)!) * Math.log(1 + n / titleDf.get(id)!);
      tWeights[k] = w;
      tNorm += w * w;
    });
    tNorm = Math.sqrt(tNorm) || 1;
    for (let k = 0; k < tWeights.length; k++) tWeights[k] /= tNorm;
    return {
      id: proposals[i].id,
      place: r.place,
      types: r.types,
      scope: r.scope,
      terms: Int32Array.from(ids),
      weights,
      titleTerms: Int32Array.from(tIds),
      titleWeights: tWeights,
      titleTypes: r.titleTypes,
    };
  });
  return { docs, proposals, termNames, config, analyser };
}

function cosine(a: Doc, b: Doc): number {
  return dotSorted(a.terms, a.weights, b.terms, b.weights);
}

/** FNV-1a hash of a term (signed 32-bit, the order of Int32Array). */
function termHash(term: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < term.length; k++) h = Math.imul(h ^ term.charCodeAt(k), 0x01000193);
  return h | 0;
}

/** Similarity of the two titles alone (tf·idf over titles). */
function titleCosine(a: Doc, b: Doc): number {
  return dotSorted(a.titleTerms, a.titleWeights, b.titleTerms, b.titleWeights);
}

/** Both titles alone name the same solution type(s). */
function sameTitleTypes(a: Doc, b: Doc): boolean {
  const x = a.titleTypes;
  const y = b.titleTypes;
  if (x.length === 0 || x.length !== y.length) return false;
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  return true;
}

function dotSorted(ta: Int32Array, wa: Float64Array, tb: Int32Array, wb: Float64Array): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < ta.length && j < tb.length) {
    if (ta[i] === tb[j]) {
      dot += wa[i] * wb[j];
      i++;
      j++;
    } else if (ta[i] < tb[j]) i++;
    else j++;
  }
  return Math.min(1, dot);
}

function typeAgreement(a: Doc, b: Doc): number | null {
  if (a.types.length === 0 && b.types.length === 0) return null;
  if (a.types.length === 0 || b.types.length === 0) return 0;
  if (a.types.length === 1 && b.types.length === 1) return a.types[0] === b.types[0] ? 1 : 0;
  let shared = 0;
  for (const t of a.types) if (b.types.includes(t)) shared++;
  return shared / (a.types.length + b.types.length - shared);
}

export interface PairScore {
  kind: PairKind;
  score: number;
  text: number;
  types: number | null;
}

/** Score one pair; null when it is neither kind. The same function serves the fast and the naive path. */
export function scorePair(corpus: Corpus, i: number, j: number): PairScore | null {
  return judge(corpus.config, corpus.docs[i], corpus.docs[j]);
}

/** scorePair on documents; `given` ≥ 0 is the text similarity already computed. */
function judge(cfg: DedupeConfig, a: Doc, b: Doc, given = -1): PairScore | null {
  const types = typeAgreement(a, b);
  if (types === 0 && a.types.length > 0 && b.types.length > 0) return null;
  // Titles naming different scopes (water vs air monitoring…) veto both kinds.
  if (a.scope && b.scope && scopesConflict(a.scope, b.scope)) return null;
  const pa = a.place.province;
  const pb = b.place.province;
  // Neither the same place nor a shared type across two places: nothing to find.
  if (!(pa !== "" && pa === pb) && !(pa !== "" && pb !== "" && types !== null && types > 0)) return null;
  const text = given >= 0 ? given : cosine(a, b);
  if (pa !== "" && pa === pb) {
    const c = cfg.sameProject;
    // The same project means the same title (reworded, translated, abbreviated):
    // similar titles, or titles that alone name the same solution types, or
    // nearly identical texts. Shared template descriptions alone only make a look-alike.
    const title = titleCosine(a, b);
    if (title < c.minTitle && text < c.minTextWithoutTitle && !sameTitleTypes(a, b)) return null;
    let score: number;
    if (types === null || types === 0) {
      if (text < c.minTextUntyped) return null;
      score = text;
    } else {
      if (text < c.minText) return null;
      score = c.typeWeight * types + (1 - c.typeWeight) * text;
    }
    if (a.place.city && b.place.city) {
      score += a.place.city === b.place.city ? c.sameCityBonus : -c.differentCityPenalty;
    }
    score = Math.max(0, Math.min(1, score));
    return score >= c.threshold ? { kind: "same_project", score, text, types } : null;
  }
  if (pa !== "" && pb !== "" && types !== null && types > 0) {
    const c = cfg.sameSolution;
    if (text < c.minText) return null;
    const score = Math.min(1, c.typeWeight * types + (1 - c.typeWeight) * text);
    return score >= c.threshold ? { kind: "same_solution", score, text, types } : null;
  }
  return null;
}

// ---------------------------------------------------------------- candidates

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

function signatures(corpus: Corpus, members: readonly number[]): Uint32Array[] {
  const { bands, rows, seed } = corpus.config.candidates;
  const k = bands * rows;
  const seeds = Array.from({ length: k }, (_, h) => mix32(seed + h * 0x27d4eb2d));
  return members.map((i) => {
    const sig = new Uint32Array(k).fill(0xffffffff);
    for (const t of corpus.docs[i].terms) {
      const base = mix32(t + 1);
      for (let h = 0; h < k; h++) {
        const v = mix32(base ^ seeds[h]);
        if (v < sig[h]) sig[h] = v;
      }
    }
    return sig;
  });
}

/**
 * MinHash LSH over `members`: calls `emit(i, j)` once per pair (i < j) that
 * collides in at least one band and passes `accept`. With `only`, a pair is
 * considered only when at least one side is flagged (the rest is skipped
 * without enumeration).
 */
function lshPairs(
  corpus: Corpus,
  members: readonly number[],
  accept: (i: number, j: number) => boolean,
  emit: (i: number, j: number) => void,
  only?: (i: number) => boolean,
): void {
  const { bands, rows } = corpus.config.candidates;
  const sigs = signatures(corpus, members);
  const m = members.length;
  // One bit per member pair, so each pair is considered once whatever the bands
  // it collides in; above ~23k members (64 MB of bits) fall back to checking
  // whether the pair already collided in an earlier band.
  const useBits = m <= 23_000;
  const seen = new Uint8Array(useBits ? Math.ceil((m * m) / 8) + 1 : 0);
  let band = 0;
  const collidedBefore = (x: number, y: number) => {
    for (let e = 0; e < band; e++) {
      let same = true;
      for (let r = e * rows; r < e * rows + rows && same; r++) same = sigs[x][r] === sigs[y][r];
      if (same) return true;
    }
    return false;
  };
  const visit = (x: number, y: number) => {
    const [lo, hi] = x < y ? [x, y] : [y, x];
    if (useBits) {
      const bit = lo * m + hi;
      if (seen[bit >>> 3] & (1 << (bit & 7))) return;
      seen[bit >>> 3] |= 1 << (bit & 7);
    } else if (collidedBefore(lo, hi)) return;
    const i = Math.min(members[lo], members[hi]);
    const j = Math.max(members[lo], members[hi]);
    if (accept(i, j)) emit(i, j);
  };
  for (band = 0; band < bands; band++) {
    const buckets = new Map<string, number[]>();
    for (let x = 0; x < m; x++) {
      let key = "";
      for (let r = band * rows; r < band * rows + rows; r++) key += `${sigs[x][r]},`;
      const list = buckets.get(key);
      if (list) list.push(x);
      else buckets.set(key, [x]);
    }
    for (const list of buckets.values()) {
      if (list.length < 2) continue;
      if (only) {
        const flagged = list.filter((x) => only(members[x]));
        for (const x of flagged) {
          // Two flagged members meet once (from the lower one).
          for (const y of list) if (x !== y && !(y < x && only(members[y]))) visit(x, y);
        }
      } else {
        for (let a = 0; a < list.length; a++)
          for (let b = a + 1; b < list.length; b++) visit(list[a], list[b]);
      }
    }
  }
}

/**
 * Candidate pairs (i < j, each once), sub-quadratic: proposals sharing a
 * solution type are compared within their type block (and within one place
 * of a block larger than `blockLimit`, the rest of such a block through
 * MinHash LSH); proposals without a type meet their candidates through a
 * global LSH.
 */
export function forEachCandidate(corpus: Corpus, emit: (i: number, j: number) => void): void {
  candidatePairs(corpus, emit);
}

/**
 * A list compared pair by pair (ascending indices): every (list[x], list[y]),
 * x < y, passing `mine`.
 */
type ListRun = (list: readonly number[], mine: (i: number, j: number) => boolean) => void;

/**
 * forEachCandidate; with `runList`, the lists compared pair by pair (type
 * blocks, places of a large block) are handed over whole instead of emitted
 * pair by pair, so a scorer can compute them at once.
 */
function candidatePairs(corpus: Corpus, emit: (i: number, j: number) => void, runList?: ListRun): void {
  const { docs } = corpus;
  const { blockLimit } = corpus.config.candidates;
  const blocks = new Map<string, number[]>();
  const untyped: number[] = [];
  docs.forEach((d, i) => {
    // Without a place a proposal is never reported (no same place, no other province).
    if (d.place.province === "") return;
    if (d.types.length === 0) untyped.push(i);
    for (const t of d.types) (blocks.get(t) ?? blocks.set(t, []).get(t)!).push(i);
  });
  // A pair sharing several types is produced by its first shared type only
  // (two single-type members of one block share exactly that type).
  const single = Uint8Array.from(docs, (d) => (d.types.length === 1 ? 1 : 0));
  const firstShared = (i: number, j: number): string | undefined =>
    docs[i].types.find((t) => docs[j].types.includes(t));
  const pairwise: ListRun =
    runList ??
    ((list, mine) => {
      for (let x = 0; x < list.length - 1; x++)
        for (let y = x + 1; y < list.length; y++) if (mine(list[x], list[y])) emit(list[x], list[y]);
    });

  for (const [type, members] of [...blocks.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    const mine = (i: number, j: number) => (single[i] === 1 && single[j] === 1) || firstShared(i, j) === type;
    if (members.length <= blockLimit) {
      pairwise(members, mine);
      continue;
    }
    // Large block: every pair inside one (small) place, LSH across places.
    const byPlace = new Map<string, number[]>();
    for (const i of members) {
      const p = docs[i].place.province;
      (byPlace.get(p) ?? byPlace.set(p, []).get(p)!).push(i);
    }
    const exhaustivePlace = new Set<string>();
    for (const [place, list] of byPlace) {
      if (place === "" || list.length > blockLimit) continue;
      exhaustivePlace.add(place);
      pairwise(list, mine);
    }
    lshPairs(
      corpus,
      members,
      (i, j) =>
        mine(i, j) &&
        !(docs[i].place.province === docs[j].place.province && exhaustivePlace.has(docs[i].place.province)),
      emit,
    );
  }

  if (untyped.length > 0) {
    const all = docs.map((_, i) => i).filter((i) => docs[i].place.province !== "");
    if (docs.length <= blockLimit) {
      for (const i of untyped) {
        for (const j of all) {
          if (j === i || (docs[j].types.length === 0 && j < i)) continue;
          emit(Math.min(i, j), Math.max(i, j));
        }
      }
    } else {
      lshPairs(
        corpus,
        all,
        () => true,
        emit,
        (i) => docs[i].types.length === 0,
      );
    }
  }
}

// ---------------------------------------------------------------- results

function explain(corpus: Corpus, i: number, j: number, s: PairScore): Explanation {
  const a = corpus.docs[i];
  const b = corpus.docs[j];
  const contrib: { term: string; w: number }[] = [];
  let x = 0;
  let y = 0;
  while (x < a.terms.length && y < b.terms.length) {
    if (a.terms[x] === b.terms[y]) {
      contrib.push({ term: corpus.termNames[a.terms[x]], w: a.weights[x] * b.weights[y] });
      x++;
      y++;
    } else if (a.terms[x] < b.terms[y]) x++;
    else y++;
  }
  contrib.sort((p, q) => q.w - p.w);
  const pa = fieldTexts(corpus.proposals[i]);
  const pb = fieldTexts(corpus.proposals[j]);
  const fieldTerms = (text: string) => new Set(termsOf(corpus.analyser.analyse(text)).map((t) => t.term));
  const fields = FIELDS.filter((f) => {
    const ta = fieldTerms(pa[f]);
    for (const t of fieldTerms(pb[f])) if (ta.has(t)) return true;
    return false;
  });
  const shared = contrib.slice(0, 12).map((c) => c.term);
  return {
    sharedTerms: shared,
    sharedLabels: sharedLabels(corpus, [i, j], shared),
    fields,
    types: { a: a.types, b: b.types, shared: a.types.filter((t) => b.types.includes(t)) },
    place: {
      a: a.place.provinceName,
      b: b.place.provinceName,
      same: a.place.province !== "" && a.place.province === b.place.province,
    },
    textSimilarity: Math.round(s.text * 1000) / 1000,
    typeAgreement: s.types === null ? null : Math.round(s.types * 1000) / 1000,
  };
}

/**
 * Terms as written in the proposals (their titles, then descriptions, then
 * components, in the order of `indices`; a readable folded form otherwise),
 * without domain terms and repeated labels.
 */
export function sharedLabels(corpus: Corpus, indices: readonly number[], terms: readonly string[]): string[] {
  // The proposals' own wording (titles and descriptions, in order) before
  // their components, which are often English codes.
  const texts = indices.map((k) => fieldTexts(corpus.proposals[k]));
  const labels = new Map<string, string>();
  const take = (text: string) => {
    for (const [term, label] of corpus.analyser.labels(text)) if (!labels.has(term)) labels.set(term, label);
  };
  for (const t of texts) take(t.title);
  for (const t of texts) take(t.description);
  for (const t of texts) take(t.components);
  const out: string[] = [];
  for (const term of terms) {
    if (term.startsWith("domain:")) continue;
    const label = labels.get(term) ?? term.replace(/^#~?/, "").replace(/[-_]+/g, " ");
    if (!out.includes(label)) out.push(label);
  }
  return out;
}

function orderedPair(
  corpus: Corpus,
  i: number,
  j: number,
  s: PairScore,
  withExplanation: boolean,
): DuplicatePair {
  const [x, y] = compareIds(corpus.docs[i].id, corpus.docs[j].id) <= 0 ? [i, j] : [j, i];
  const pair: DuplicatePair = {
    a: corpus.docs[x].id,
    b: corpus.docs[y].id,
    kind: s.kind,
    score: Math.round(s.score * 1000) / 1000,
  };
  if (withExplanation) pair.explanation = explain(corpus, x, y, s);
  return pair;
}

/** Union-find of same_solution pairs → clusters across at least two provinces. */
export class ClusterBuilder {
  private parent: Int32Array;
  constructor(private corpus: Corpus) {
    this.parent = Int32Array.from(corpus.docs.map((_, i) => i));
  }
  private find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  add(i: number, j: number): void {
    const ri = this.find(i);
    const rj = this.find(j);
    if (ri !== rj) this.parent[Math.max(ri, rj)] = Math.min(ri, rj);
  }
  clusters(): SolutionCluster[] {
    const groups = new Map<number, number[]>();
    this.corpus.docs.forEach((_, i) => {
      const r = this.find(i);
      (groups.get(r) ?? groups.set(r, []).get(r)!).push(i);
    });
    const out: SolutionCluster[] = [];
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      const provinces = new Set(members.map((i) => this.corpus.docs[i].place.province));
      if (provinces.size < 2) continue;
      const count = new Map<string, number>();
      for (const i of members)
        for (const t of this.corpus.docs[i].types) count.set(t, (count.get(t) ?? 0) + 1);
      const top = Math.max(...count.values());
      out.push({
        kind: "same_solution",
        members: members.map((i) => this.corpus.docs[i].id).sort(compareIds),
        types: [...count.entries()]
          .filter(([, c]) => c === top)
          .map(([t]) => t)
          .sort(),
      });
    }
    return out.sort((p, q) => compareIds(p.members[0], q.members[0]));
  }
}

export interface DetectOptions extends PrepareOptions {
  /** Attach an explanation to every pair (default true). */
  explain?: boolean;
}

export interface DetectResult {
  pairs: DuplicatePair[];
  clusters: SolutionCluster[];
}

/**
 * Every reported pair of a prepared corpus as indices and score (fast
 * candidates, no objects built); returns the same_solution clusters.
 */
export function forEachDuplicate(
  corpus: Corpus,
  onScore: (i: number, j: number, score: PairScore) => void,
): SolutionCluster[] {
  const clusters = new ClusterBuilder(corpus);
  const { docs, config } = corpus;
  const report = (i: number, j: number, s: PairScore | null) => {
    if (!s) return;
    if (s.kind === "same_solution") clusters.add(i, j);
    onScore(i, j, s);
  };
  const texts = new PairwiseText(corpus);
  candidatePairs(
    corpus,
    (i, j) => report(i, j, judge(config, docs[i], docs[j])),
    (list, mine) => {
      texts.rows(list, (x, acc) => {
        const i = list[x];
        for (let y = x + 1; y < list.length; y++) {
          const j = list[y];
          if (mine(i, j)) report(i, j, judge(config, docs[i], docs[j], Math.min(1, acc[y])));
        }
      });
    },
  );
  return clusters.clusters();
}

/**
 * Text similarity of every pair of a list through an inverted index of the
 * list (term → members after the current row): for each row x the dot
 * products with all later members, accumulated over x's terms in ascending
 * order — the same products added in the same order as `cosine`, so the
 * same values, touching only the terms two members share.
 */
export class PairwiseText {
  private start: Int32Array;
  private cursor: Int32Array;
  constructor(private corpus: Corpus) {
    this.start = new Int32Array(corpus.termNames.length + 1);
    this.cursor = new Int32Array(corpus.termNames.length);
  }
  rows(list: readonly number[], onRow: (x: number, acc: Float64Array) => void): void {
    const { docs } = this.corpus;
    const { start, cursor } = this;
    const v = cursor.length;
    start.fill(0);
    let total = 0;
    for (const i of list) {
      const t = docs[i].terms;
      for (let k = 0; k < t.length; k++) start[t[k] + 1]++;
      total += t.length;
    }
    for (let t = 0; t < v; t++) start[t + 1] += start[t];
    const pos = new Int32Array(total);
    const wt = new Float64Array(total);
    cursor.set(start.subarray(0, v));
    list.forEach((i, x) => {
      const d = docs[i];
      for (let k = 0; k < d.terms.length; k++) {
        const c = cursor[d.terms[k]]++;
        pos[c] = x;
        wt[c] = d.weights[k];
      }
    });
    // cursor[t]: the first posting of t after the current row.
    cursor.set(start.subarray(0, v));
    const acc = new Float64Array(list.length);
    for (let x = 0; x < list.length; x++) {
      const d = docs[list[x]];
      const terms = d.terms;
      const weights = d.weights;
      for (let k = 0; k < terms.length; k++) {
        const t = terms[k];
        const w = weights[k];
        // Postings are in row order; this row's own posting is the first one left.
        let c = cursor[t];
        const end = start[t + 1];
        while (c < end && pos[c] <= x) c++;
        cursor[t] = c;
        for (; c < end; c++) acc[pos[c]] += w * wt[c];
      }
      onRow(x, acc);
      acc.fill(0, x + 1);
    }
  }
}

/**
 * Stream every reported pair of a prepared corpus (fast candidates); returns
 * the same_solution clusters. Pairs come in candidate order, not sorted.
 */
export function streamDuplicates(
  corpus: Corpus,
  onPair: (pair: DuplicatePair, i: number, j: number) => void,
  withExplanation = false,
): SolutionCluster[] {
  return forEachDuplicate(corpus, (i, j, s) => onPair(orderedPair(corpus, i, j, s, withExplanation), i, j));
}

/** Find same_project and same_solution pairs (sorted by a, b) and same_solution clusters. */
export function detectDuplicates(proposals: readonly Proposal[], options: DetectOptions = {}): DetectResult {
  const corpus = prepareCorpus(proposals, options);
  const withExplanation = options.explain ?? true;
  const n = corpus.docs.length;
  // Sorted by (a, b) in id order without comparing ids per pair (millions of
  // pairs on template-heavy data): rank the ids once, bucket the pairs by the
  // rank of a, sort each bucket by the rank of b.
  const byRank = Int32Array.from(corpus.docs, (_, i) => i).sort((x, y) =>
    compareIds(corpus.docs[x].id, corpus.docs[y].id),
  );
  const rank = new Int32Array(n);
  byRank.forEach((i, r) => (rank[i] = r));
  let lo = new Int32Array(1024);
  let hi = new Int32Array(1024);
  let found: PairScore[] = [];
  const clusters = forEachDuplicate(corpus, (i, j, s) => {
    const m = found.length;
    if (m === lo.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      lo = grow(lo);
      hi = grow(hi);
    }
    const [x, y] = rank[i] < rank[j] ? [i, j] : [j, i];
    lo[m] = x;
    hi[m] = y;
    found.push(s);
  });
  const m = found.length;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) start[rank[lo[k]] + 1]++;
  for (let r = 0; r < n; r++) start[r + 1] += start[r];
  const fill = start.slice(0, n);
  const order = new Int32Array(m);
  for (let k = 0; k < m; k++) order[fill[rank[lo[k]]]++] = k;
  const pairs: DuplicatePair[] = new Array(m);
  let out = 0;
  for (let r = 0; r < n; r++) {
    const bucket = order.subarray(start[r], start[r + 1]);
    if (bucket.length > 1) bucket.sort((p, q) => rank[hi[p]] - rank[hi[q]]);
    for (const k of bucket) pairs[out++] = orderedPair(corpus, lo[k], hi[k], found[k], withExplanation);
  }
  found = [];
  return { pairs, clusters };
}

/** The naive reference: every pair among `indices` through the same scoring (for the bench). */
export function forEachPairNaive(
  corpus: Corpus,
  indices: readonly number[],
  onPair: (i: number, j: number, s: PairScore) => void,
): void {
  const sorted = [...indices].sort((a, b) => a - b);
  for (let x = 0; x < sorted.length; x++) {
    for (let y = x + 1; y < sorted.length; y++) {
      const s = scorePair(corpus, sorted[x], sorted[y]);
      if (s) onPair(sorted[x], sorted[y], s);
    }
  }
}

/** The type(s) a proposal was classified as and its resolved place (for tests and explanations). */
export function describeProposal(corpus: Corpus, i: number): { types: string[]; place: ResolvedPlace } {
  return { types: corpus.docs[i].types, place: corpus.docs[i].place };
}
