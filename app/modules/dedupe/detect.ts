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
import { keepTitleScope, primaryTypes, scopesConflict, titleScopes, typesMet } from "./solution-types";

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
    title: fieldText(p, "title"),
    components: fieldText(p, "components"),
    description: fieldText(p, "description"),
  };
}

/** Component codes as words ("ai-analytics" → "ai analytics"), each converted once. */
const componentWords = new Map<string, string>();

function fieldText(p: Proposal, field: Field): string {
  if (field === "title") return p.title ?? "";
  if (field === "description") return p.description ?? "";
  const parts = p.components ?? [];
  let text = "";
  for (let k = 0; k < parts.length; k++) {
    const code = String(parts[k]);
    let words = componentWords.get(code);
    if (words === undefined) {
      words = code.replace(/[-_]+/g, " ");
      if (componentWords.size >= 10_000) componentWords.clear();
      componentWords.set(code, words);
    }
    text += k === 0 ? words : `. ${words}`;
  }
  return text;
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
  const n = proposals.length;
  const terms = new TermTable();
  const classes = new Map<number | string, { types: string[]; scope: Uint8Array; titleTypes: string[] }>();
  const place: ResolvedPlace[] = new Array(n);
  const docTypes: { types: string[]; scope: Uint8Array; titleTypes: string[] }[] = new Array(n);
  // Each proposal's term ids (ascending) and frequencies, and its title slots
  // (by hash) and frequencies, one after another in flat arrays.
  let ids = new Int32Array(1 << 16);
  let tfs = new Float64Array(1 << 16);
  const start = new Int32Array(n + 1);
  let slots = new Int32Array(1 << 14);
  let titleTfs = new Float64Array(1 << 14);
  const titleStart = new Int32Array(n + 1);
  // Scratch for one proposal: term frequencies by corpus id and by title slot,
  // and the ids/slots it touched (`seen*` holds the index of the proposal that last touched one).
  let tf = new Float64Array(1024);
  let seen = new Int32Array(1024).fill(-1);
  let touched = new Int32Array(256);
  let count = 0;
  let titleTf = new Float64Array(256);
  let titleSeen = new Int32Array(256).fill(-1);
  const titleTouched: number[] = [];
  let doc = 0;
  const add = (id: number, w: number) => {
    if (id >= seen.length) {
      tf = grow(tf, id);
      seen = grow(seen, id, -1);
    }
    if (seen[id] !== doc) {
      seen[id] = doc;
      tf[id] = w;
      if (count === touched.length) touched = grow(touched, count);
      touched[count++] = id;
    } else tf[id] += w;
  };
  const addTitle = (local: number, w: number) => {
    const slot = terms.titleSlot[local];
    if (slot >= titleSeen.length) {
      titleTf = grow(titleTf, slot);
      titleSeen = grow(titleSeen, slot, -1);
    }
    if (titleSeen[slot] !== doc) {
      titleSeen[slot] = doc;
      titleTf[slot] = w;
      titleTouched.push(slot);
    } else titleTf[slot] += w;
  };
  const addAll = (locals: Int32Array, w: number) => {
    for (let k = 0; k < locals.length; k++) add(terms.id(locals[k]), w);
  };
  const addAllTitle = (locals: Int32Array, w: number) => {
    for (let k = 0; k < locals.length; k++) addTitle(locals[k], w);
  };
  const fieldSets = [0, 0, 0];
  for (doc = 0; doc < n; doc++) {
    const p = proposals[doc];
    count = 0;
    titleTouched.length = 0;
    for (let f = 0; f < FIELDS.length; f++) {
      const field = FIELDS[f];
      const sentences = terms.sentences(analyser.sentences(fieldText(p, field)));
      const fw = config.fieldWeight[field];
      const wc = fw * config.conceptBoost;
      const wb = fw * config.bigramWeight;
      // Terms are met (and numbered) as the analysis of the whole field lists
      // them: all its concepts, then its syllables, then its syllable pairs.
      // (Indexed loops: this runs before the compiler has optimised it.)
      let set = 0;
      for (let k = 0; k < sentences.length; k++) {
        addAll(sentences[k].concepts, wc);
        set = terms.conceptSets.union(set, sentences[k].conceptSet);
      }
      for (let k = 0; k < sentences.length; k++) addAll(sentences[k].words, fw);
      for (let k = 0; k < sentences.length; k++) addAll(sentences[k].bigrams, wb);
      fieldSets[f] = set;
      if (f === 0) {
        // Keyed by a hash of the term, not the corpus term id, so a draft
        // vectorised on its own (similar proposals) compares with the corpus.
        for (let k = 0; k < sentences.length; k++) addAllTitle(sentences[k].concepts, config.conceptBoost);
        for (let k = 0; k < sentences.length; k++) addAllTitle(sentences[k].words, 1);
        for (let k = 0; k < sentences.length; k++) addAllTitle(sentences[k].bigrams, config.bigramWeight);
      }
    }
    if (p.domain) add(terms.id(terms.local(`domain:${String(p.domain).toLowerCase()}`)), config.domainWeight);

    // Type, title scope and title types depend only on the set of concepts of each field.
    const [st, sc, sd] = fieldSets;
    const key =
      st < 1 << 17 && sc < 1 << 17 && sd < 1 << 17
        ? (st * (1 << 17) + sc) * (1 << 17) + sd
        : `${st}|${sc}|${sd}`;
    let c = classes.get(key);
    if (c === undefined) {
      const sets = terms.conceptSets;
      const evidence = FIELDS.map((field, f) => ({
        weight: config.fieldWeight[field],
        met: sets.met(fieldSets[f]),
      }));
      const primary = primaryTypes(evidence, config.typeMinScore, config.typeRatio);
      const scope = titleScopes(sets.concepts(st));
      const types = keepTitleScope(primary, scope);
      // The proposal's types that its title alone also names.
      const titleTypes = primaryTypes(evidence.slice(0, 1), config.typeMinScore, config.typeRatio)
        .filter((t) => types.includes(t))
        .sort();
      classes.set(key, (c = { types, scope, titleTypes }));
    }

    const from = start[doc];
    if (from + count > ids.length) {
      ids = grow(ids, from + count);
      tfs = grow(tfs, from + count);
    }
    touched.subarray(0, count).sort();
    for (let k = 0; k < count; k++) {
      const id = touched[k];
      ids[from + k] = id;
      tfs[from + k] = tf[id];
      terms.df[id]++;
    }
    start[doc + 1] = from + count;
    const tFrom = titleStart[doc];
    if (tFrom + titleTouched.length > slots.length) {
      slots = grow(slots, tFrom + titleTouched.length);
      titleTfs = grow(titleTfs, tFrom + titleTouched.length);
    }
    titleTouched.sort((x, y) => terms.slotHash[x] - terms.slotHash[y]);
    for (let k = 0; k < titleTouched.length; k++) {
      const slot = titleTouched[k];
      slots[tFrom + k] = slot;
      titleTfs[tFrom + k] = titleTf[slot];
      terms.titleDf[slot]++;
    }
    titleStart[doc + 1] = tFrom + titleTouched.length;
    place[doc] = places.resolve(p.province, p.city);
    docTypes[doc] = c;
  }

  const idf = Float64Array.from(terms.df.subarray(0, terms.names.length), (d) => Math.log(1 + n / d));
  // Every document's vectors are views of four flat arrays.
  const allTerms = ids.slice(0, start[n]);
  const allWeights = new Float64Array(start[n]);
  const allTitleTerms = new Int32Array(titleStart[n]);
  const allTitleWeights = new Float64Array(titleStart[n]);
  const docs: Doc[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const from = start[i];
    const to = start[i + 1];
    let norm = 0;
    for (let k = from; k < to; k++) {
      const w = Math.log1p(tfs[k]) * idf[allTerms[k]];
      allWeights[k] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let k = from; k < to; k++) allWeights[k] /= norm;
    const tFrom = titleStart[i];
    const tTo = titleStart[i + 1];
    let tNorm = 0;
    for (let k = tFrom; k < tTo; k++) {
      allTitleTerms[k] = terms.slotHash[slots[k]];
      const w = Math.log1p(titleTfs[k]) * Math.log(1 + n / terms.titleDf[slots[k]]);
      allTitleWeights[k] = w;
      tNorm += w * w;
    }
    tNorm = Math.sqrt(tNorm) || 1;
    for (let k = tFrom; k < tTo; k++) allTitleWeights[k] /= tNorm;
    const c = docTypes[i];
    docs[i] = {
      id: proposals[i].id,
      place: place[i],
      types: [...c.types],
      scope: c.scope.slice(),
      terms: allTerms.subarray(from, to),
      weights: allWeights.subarray(from, to),
      titleTerms: allTitleTerms.subarray(tFrom, tTo),
      titleWeights: allTitleWeights.subarray(tFrom, tTo),
      titleTypes: [...c.titleTypes],
    };
  }
  return { docs, proposals, termNames: terms.names, config, analyser };
}

/** A typed array at least `min + 1` long (doubled), with the old contents; new cells hold `fill`. */
function grow<T extends Int32Array | Float64Array>(a: T, min: number, fill = 0): T {
  let size = a.length * 2;
  while (size <= min) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/**
 * Sets of concepts, numbered (0 = the empty set): a sentence's concepts and
 * the union of a field's sentences, each set and each union computed once.
 */
class ConceptSets {
  private byKey = new Map<string, number>([["", 0]]);
  private members: number[][] = [[]];
  private names: (Set<string> | undefined)[] = [];
  private mets: (Uint8Array | undefined)[] = [];
  private unions = new Map<number, number>();
  constructor(private conceptOf: (local: number) => string) {}

  /** The number of the set of these concepts (local term numbers, any order, repeats allowed). */
  of(locals: ArrayLike<number>): number {
    if (locals.length === 0) return 0;
    const sorted: number[] = [];
    for (let k = 0; k < locals.length; k++) sorted.push(locals[k]);
    sorted.sort((x, y) => x - y);
    let m = 1;
    for (let k = 1; k < sorted.length; k++) if (sorted[k] !== sorted[m - 1]) sorted[m++] = sorted[k];
    sorted.length = m;
    let key = String(sorted[0]);
    for (let k = 1; k < m; k++) key += `,${sorted[k]}`;
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.members.length;
      this.byKey.set(key, id);
      this.members.push(sorted);
    }
    return id;
  }

  union(a: number, b: number): number {
    if (a === b || b === 0) return a;
    if (a === 0) return b;
    const key = a * 2 ** 26 + b;
    let id = this.unions.get(key);
    if (id === undefined) {
      id = this.of([...this.members[a], ...this.members[b]]);
      this.unions.set(key, id);
    }
    return id;
  }

  /** The concepts of a set ("ioc", "~lgsp"…). */
  concepts(id: number): Set<string> {
    return (this.names[id] ??= new Set(this.members[id].map(this.conceptOf)));
  }

  /** `typesMet` of a set. */
  met(id: number): Uint8Array {
    return (this.mets[id] ??= typesMet(this.concepts(id)));
  }
}

/** A sentence's terms as local term numbers (see TermTable). */
interface SentenceTerms {
  concepts: Int32Array;
  /** The set of its concepts (ConceptSets). */
  conceptSet: number;
  words: Int32Array;
  bigrams: Int32Array;
}

/**
 * The terms of one prepareCorpus call. Every distinct term string gets a
 * local number once, when the sentence holding it is first met, and each
 * analysed sentence is turned into local numbers once; the corpus id of a
 * term (what `terms` hold, and so the order in which dot products add up)
 * is given in the order the proposals' fields list their terms, as before.
 * Title terms are keyed by hash: `titleSlot` numbers the distinct hashes.
 */
class TermTable {
  names: string[] = [];
  df = new Int32Array(1024);
  titleSlot = new Int32Array(1024);
  slotHash = new Int32Array(256);
  titleDf = new Int32Array(256);
  private localNames: string[] = [];
  private localIds = new Map<string, number>();
  private corpusId = new Int32Array(1024).fill(-1);
  private slots = new Map<number, number>();
  private bySentence = new Map<AnalysedText, SentenceTerms>();
  private conceptTerms = new Map<string, number>();
  conceptSets = new ConceptSets((local) => this.localNames[local].slice(1));

  /** The local number of a term string. */
  local(term: string): number {
    let l = this.localIds.get(term);
    if (l === undefined) {
      l = this.localNames.length;
      this.localIds.set(term, l);
      this.localNames.push(term);
      if (l >= this.corpusId.length) {
        this.corpusId = grow(this.corpusId, l, -1);
        this.titleSlot = grow(this.titleSlot, l);
      }
      const h = termHash(term);
      let slot = this.slots.get(h);
      if (slot === undefined) {
        slot = this.slots.size;
        this.slots.set(h, slot);
        if (slot >= this.slotHash.length) {
          this.slotHash = grow(this.slotHash, slot);
          this.titleDf = grow(this.titleDf, slot);
        }
        this.slotHash[slot] = h;
      }
      this.titleSlot[l] = slot;
    }
    return l;
  }

  /** The corpus id of a local term (given now if it has none yet). */
  id(local: number): number {
    let id = this.corpusId[local];
    if (id < 0) {
      id = this.names.length;
      this.corpusId[local] = id;
      this.names.push(this.localNames[local]);
      if (id >= this.df.length) this.df = grow(this.df, id);
    }
    return id;
  }

  sentences(analysed: readonly AnalysedText[]): SentenceTerms[] {
    const out: SentenceTerms[] = new Array(analysed.length);
    for (let k = 0; k < analysed.length; k++) {
      const a = analysed[k];
      let s = this.bySentence.get(a);
      if (s === undefined) {
        const concepts = Int32Array.from(a.concepts, (c) => {
          let l = this.conceptTerms.get(c);
          if (l === undefined) this.conceptTerms.set(c, (l = this.local(`#${c}`)));
          return l;
        });
        s = {
          concepts,
          conceptSet: this.conceptSets.of(concepts),
          words: Int32Array.from(a.words, (w) => this.local(w)),
          bigrams: Int32Array.from(a.bigrams, (b) => this.local(b)),
        };
        this.bySentence.set(a, s);
      }
      out[k] = s;
    }
    return out;
  }
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
type ListRun = (list: readonly number[], mine: (i: number, j: number) => boolean, type: string) => void;

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
      pairwise(members, mine, type);
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
      pairwise(list, mine, type);
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
 * candidates); returns the same_solution clusters. Builds one PairScore per
 * reported pair; `scanDuplicates` builds none.
 */
export function forEachDuplicate(
  corpus: Corpus,
  onScore: (i: number, j: number, score: PairScore) => void,
): SolutionCluster[] {
  return scanDuplicates(corpus, (i, j, kind, score, text, types) =>
    onScore(i, j, { kind, score, text, types }),
  );
}

/**
 * Every reported pair of a prepared corpus (fast candidates), as plain
 * values: no object is built per candidate or per pair. The same pairs,
 * scores and order as `forEachDuplicate`; returns the same_solution clusters.
 * (A type block or place compared pair by pair is scored row by row from the
 * dot products of an inverted index and per-document facts in typed arrays;
 * the rest through `judge`.)
 */
export function scanDuplicates(
  corpus: Corpus,
  onPair: (i: number, j: number, kind: PairKind, score: number, text: number, types: number | null) => void,
): SolutionCluster[] {
  const clusters = new ClusterBuilder(corpus);
  const { docs, config } = corpus;
  const facts = new ScanFacts(corpus);
  const texts = new PairwiseText(corpus);
  const verdict = { score: 0, types: 0 };
  candidatePairs(
    corpus,
    (i, j) => {
      const s = judge(config, docs[i], docs[j]);
      if (!s) return;
      if (s.kind === "same_solution") clusters.add(i, j);
      onPair(i, j, s.kind, s.score, s.text, s.types);
    },
    (list, _mine, type) => {
      const block = facts.typeId(type);
      const { single, province, scope } = facts;
      const solution = config.sameSolution;
      const solutionText = 1 - solution.typeWeight;
      texts.rows(list, (x, acc) => {
        const i = list[x];
        const si = single[i];
        const pi = province[i];
        const scopeI = scope[i];
        for (let y = x + 1; y < list.length; y++) {
          const j = list[y];
          const sj = single[j];
          if (si >= 0 && si === sj && pi >= 0 && province[j] >= 0 && pi !== province[j]) {
            // The common case, judge's same_solution branch with one and the same
            // type on both sides (type agreement 1): only the scope veto and the text.
            if (scopeI !== 0 && scope[j] !== 0 && scopesClash(scopeI, scope[j])) continue;
            const text = Math.min(1, acc[y]);
            if (text < solution.minText) continue;
            const score = Math.min(1, solution.typeWeight * 1 + solutionText * text);
            if (score < solution.threshold) continue;
            clusters.add(i, j);
            onPair(i, j, "same_solution", score, text, 1);
            continue;
          }
          // A pair sharing several types is scored in the block of its first shared type.
          if ((si < 0 || sj < 0) && facts.firstShared(i, j) !== block) continue;
          const kind = facts.judge(config, i, j, Math.min(1, acc[y]), verdict);
          if (kind === 0) continue;
          const types = verdict.types < 0 ? null : verdict.types;
          if (kind === SAME_SOLUTION) {
            clusters.add(i, j);
            onPair(i, j, "same_solution", verdict.score, Math.min(1, acc[y]), types);
          } else onPair(i, j, "same_project", verdict.score, Math.min(1, acc[y]), types);
        }
      });
    },
  );
  return clusters.clusters();
}

const SAME_PROJECT = 1;
const SAME_SOLUTION = 2;

/** `scopesConflict` on scopes packed one byte per group. */
function scopesClash(a: number, b: number): boolean {
  for (let g = 0; g < 32; g += 8) {
    const x = (a >>> g) & 255;
    const y = (b >>> g) & 255;
    if (x !== 0 && y !== 0 && (x & y) === 0) return true;
  }
  return false;
}

/**
 * What `judge` reads of each document, as numbers in typed arrays: province
 * and city (interned), types (interned, in each document's order), the
 * title's scope (packed), the title's own types (interned list).
 */
class ScanFacts {
  /** Province number, -1 = none. */
  province: Int32Array;
  /** City number, 0 = none. */
  city: Int32Array;
  /** The type number when a document has exactly one type, else -1. */
  single: Int32Array;
  private typeStart: Int32Array;
  private typeList: Int32Array;
  /** Scope of the title, one byte per exclusive group; 0 = none. */
  scope: Int32Array;
  /** Number of the list of the title's own types; -1 = none. */
  private titleTypes: Int32Array;
  private typeIds = new Map<string, number>();
  constructor(private corpus: Corpus) {
    const { docs } = corpus;
    const n = docs.length;
    const intern = (map: Map<string, number>, key: string, first = 0) => {
      let id = map.get(key);
      if (id === undefined) map.set(key, (id = map.size + first));
      return id;
    };
    const provinces = new Map<string, number>();
    const cities = new Map<string, number>();
    const titleLists = new Map<string, number>();
    this.province = new Int32Array(n);
    this.city = new Int32Array(n);
    this.single = new Int32Array(n);
    this.typeStart = new Int32Array(n + 1);
    this.scope = new Int32Array(n);
    this.titleTypes = new Int32Array(n);
    const list: number[] = [];
    docs.forEach((d, i) => {
      this.province[i] = d.place.province === "" ? -1 : intern(provinces, d.place.province);
      this.city[i] = d.place.city ? intern(cities, d.place.city, 1) : 0;
      for (const t of d.types) list.push(intern(this.typeIds, t));
      this.typeStart[i + 1] = list.length;
      this.single[i] = d.types.length === 1 ? list[list.length - 1] : -1;
      let scope = 0;
      if (d.scope) {
        if (d.scope.length > 4) throw new Error("dedupe: more than 4 exclusive scope groups");
        for (let g = 0; g < d.scope.length; g++) scope |= d.scope[g] << (8 * g);
      }
      this.scope[i] = scope;
      this.titleTypes[i] = d.titleTypes.length === 0 ? -1 : intern(titleLists, d.titleTypes.join("\n"));
    });
    this.typeList = Int32Array.from(list);
  }

  typeId(type: string): number {
    return this.typeIds.get(type) ?? -1;
  }

  /** The first of i's types (in its order) that j has too, or -1. */
  firstShared(i: number, j: number): number {
    const { typeStart, typeList } = this;
    for (let a = typeStart[i]; a < typeStart[i + 1]; a++) {
      for (let b = typeStart[j]; b < typeStart[j + 1]; b++)
        if (typeList[a] === typeList[b]) return typeList[a];
    }
    return -1;
  }

  /**
   * `judge` of documents i and j with text similarity `text`, on the numbers:
   * 0 (neither kind), SAME_PROJECT or SAME_SOLUTION, with the score and the
   * type agreement (-1 = null) in `out`. The same tests in the same order of
   * arithmetic, so the same results.
   */
  judge(
    cfg: DedupeConfig,
    i: number,
    j: number,
    text: number,
    out: { score: number; types: number },
  ): number {
    const { typeStart, typeList, single } = this;
    const la = typeStart[i + 1] - typeStart[i];
    const lb = typeStart[j + 1] - typeStart[j];
    let types: number;
    if (la === 0 && lb === 0) types = -1;
    else if (la === 0 || lb === 0) types = 0;
    else if (la === 1 && lb === 1) types = single[i] === single[j] ? 1 : 0;
    else {
      let shared = 0;
      for (let a = typeStart[i]; a < typeStart[i + 1]; a++) {
        for (let b = typeStart[j]; b < typeStart[j + 1]; b++) {
          if (typeList[a] === typeList[b]) {
            shared++;
            break;
          }
        }
      }
      types = shared / (la + lb - shared);
    }
    if (types === 0 && la > 0 && lb > 0) return 0;
    const sa = this.scope[i];
    const sb = this.scope[j];
    if (sa !== 0 && sb !== 0 && scopesClash(sa, sb)) return 0;
    const pa = this.province[i];
    const pb = this.province[j];
    if (pa >= 0 && pa === pb) {
      const c = cfg.sameProject;
      // The title gate (judge), its cheap tests first.
      const tt = this.titleTypes[i];
      if (
        text < c.minTextWithoutTitle &&
        !(tt >= 0 && tt === this.titleTypes[j]) &&
        titleCosine(this.corpus.docs[i], this.corpus.docs[j]) < c.minTitle
      ) {
        return 0;
      }
      let score: number;
      if (types <= 0) {
        if (text < c.minTextUntyped) return 0;
        score = text;
      } else {
        if (text < c.minText) return 0;
        score = c.typeWeight * types + (1 - c.typeWeight) * text;
      }
      const ca = this.city[i];
      const cb = this.city[j];
      if (ca !== 0 && cb !== 0) score += ca === cb ? c.sameCityBonus : -c.differentCityPenalty;
      score = Math.max(0, Math.min(1, score));
      if (score < c.threshold) return 0;
      out.score = score;
      out.types = types;
      return SAME_PROJECT;
    }
    if (pa < 0 || pb < 0 || types <= 0) return 0;
    const c = cfg.sameSolution;
    if (text < c.minText) return 0;
    const score = Math.min(1, c.typeWeight * types + (1 - c.typeWeight) * text);
    if (score < c.threshold) return 0;
    out.score = score;
    out.types = types;
    return SAME_SOLUTION;
  }
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
  private pos = new Int32Array(0);
  private wt = new Float64Array(0);
  private acc = new Float64Array(0);
  constructor(private corpus: Corpus) {
    this.start = new Int32Array(corpus.termNames.length + 1);
    this.cursor = new Int32Array(corpus.termNames.length);
  }
  rows(list: readonly number[], onRow: (x: number, acc: Float64Array) => void): void {
    const { docs } = this.corpus;
    const { start, cursor } = this;
    const v = cursor.length;
    const m = list.length;
    start.fill(0);
    let total = 0;
    for (let x = 0; x < m; x++) {
      const t = docs[list[x]].terms;
      for (let k = 0; k < t.length; k++) start[t[k] + 1]++;
      total += t.length;
    }
    for (let t = 0; t < v; t++) start[t + 1] += start[t];
    if (this.pos.length < total) {
      this.pos = new Int32Array(total);
      this.wt = new Float64Array(total);
    }
    if (this.acc.length < m) this.acc = new Float64Array(m);
    const { pos, wt, acc } = this;
    cursor.set(start.subarray(0, v));
    for (let x = 0; x < m; x++) {
      const d = docs[list[x]];
      const terms = d.terms;
      const weights = d.weights;
      for (let k = 0; k < terms.length; k++) {
        const c = cursor[terms[k]]++;
        pos[c] = x;
        wt[c] = weights[k];
      }
    }
    // cursor[t]: the posting of t of the current row or a later one. Postings
    // are in row order and each row has a term once, so when row x has t, its
    // own posting is the one at cursor[t].
    cursor.set(start.subarray(0, v));
    acc.fill(0, 0, m);
    for (let x = 0; x < m; x++) {
      const d = docs[list[x]];
      const terms = d.terms;
      const weights = d.weights;
      for (let k = 0; k < terms.length; k++) {
        const t = terms[k];
        const w = weights[k];
        const end = start[t + 1];
        let c = cursor[t] + 1;
        cursor[t] = c;
        // Eight postings a step (each of another row, so another cell of acc):
        // about 40 % less time than one at a time, the same sums.
        for (; c + 7 < end; c += 8) {
          acc[pos[c]] += w * wt[c];
          acc[pos[c + 1]] += w * wt[c + 1];
          acc[pos[c + 2]] += w * wt[c + 2];
          acc[pos[c + 3]] += w * wt[c + 3];
          acc[pos[c + 4]] += w * wt[c + 4];
          acc[pos[c + 5]] += w * wt[c + 5];
          acc[pos[c + 6]] += w * wt[c + 6];
          acc[pos[c + 7]] += w * wt[c + 7];
        }
        for (; c < end; c++) acc[pos[c]] += w * wt[c];
      }
      onRow(x, acc);
      acc.fill(0, x + 1, m);
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
