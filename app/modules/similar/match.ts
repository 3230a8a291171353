/**
 * One proposal against a prepared corpus (pure: no database, no Remix).
 *
 * The corpus of every existing proposal is prepared once (tf·idf, solution
 * types, places; see `~/modules/dedupe`) and indexed by solution type and by
 * current province. A query (a draft being written, or a project already in
 * the corpus) is compared only with the proposals it can relate to under the
 * dedupe rules: those sharing one of its solution types (same_solution or
 * same_project) and those in its own province (same_project, including
 * untyped ones). Anything else can never score, so this candidate set loses
 * nothing and costs the size of two index lists, not the corpus.
 */
import { prepareCorpus, scorePair, type Corpus, type PairKind, type Proposal } from "~/modules/dedupe";
import { SIMILAR_CONFIG } from "./config";

type Doc = Corpus["docs"][number];

export interface SimilarIndex {
  corpus: Corpus;
  termIds: Map<string, number>;
  /** idf of each corpus term, as the corpus computed it. */
  idf: Float64Array;
  byType: Map<string, number[]>;
  byProvince: Map<string, number[]>;
  /** Corpus index of a proposal id. */
  indexOf: Map<string | number, number>;
}

/** Index a prepared corpus for one-proposal queries. */
export function indexCorpus(corpus: Corpus): SimilarIndex {
  const termIds = new Map(corpus.termNames.map((name, id) => [name, id]));
  const df = new Uint32Array(corpus.termNames.length);
  const byType = new Map<string, number[]>();
  const byProvince = new Map<string, number[]>();
  const indexOf = new Map<string | number, number>();
  corpus.docs.forEach((d, i) => {
    indexOf.set(d.id, i);
    for (const t of d.terms) df[t]++;
    if (d.place.province === "") return;
    for (const type of d.types) (byType.get(type) ?? byType.set(type, []).get(type)!).push(i);
    const p = d.place.province;
    (byProvince.get(p) ?? byProvince.set(p, []).get(p)!).push(i);
  });
  const n = corpus.docs.length;
  const idf = Float64Array.from(df, (d) => Math.log(1 + n / Math.max(1, d)));
  return { corpus, termIds, idf, byType, byProvince, indexOf };
}

/**
 * The draft as a document of the corpus: analysed and classified by the same
 * analyser, weighted with the corpus idf (a term the corpus never saw counts
 * as seen once), unit length.
 */
export function vectoriseDraft(index: SimilarIndex, draft: Proposal): Doc {
  const single = prepareCorpus([draft], { config: index.corpus.config });
  const d = single.docs[0];
  const n = index.corpus.docs.length;
  const unseenIdf = Math.log(1 + Math.max(1, n));
  // In a one-document corpus every idf is the same, so the weights are
  // proportional to log(1 + tf): re-weight them with the corpus idf.
  let fresh = index.corpus.termNames.length;
  const entries: { id: number; w: number }[] = [];
  for (let k = 0; k < d.terms.length; k++) {
    const name = single.termNames[d.terms[k]];
    const known = index.termIds.get(name);
    const id = known ?? fresh++;
    entries.push({ id, w: d.weights[k] * (known === undefined ? unseenIdf : index.idf[known]) });
  }
  entries.sort((a, b) => a.id - b.id);
  const norm = Math.sqrt(entries.reduce((s, e) => s + e.w * e.w, 0)) || 1;
  // Everything else the dedupe keeps on a document (place, types, …) as analysed.
  return {
    ...d,
    id: draft.id,
    terms: Int32Array.from(entries, (e) => e.id),
    weights: Float64Array.from(entries, (e) => e.w / norm),
  };
}

/** Corpus indices the query can relate to (its types' blocks and its province), without `exclude`. */
export function candidatesOf(index: SimilarIndex, query: Doc, exclude?: number): number[] {
  if (query.place.province === "") return [];
  const seen = new Set<number>();
  for (const t of query.types) for (const i of index.byType.get(t) ?? []) seen.add(i);
  for (const i of index.byProvince.get(query.place.province) ?? []) seen.add(i);
  if (exclude !== undefined) seen.delete(exclude);
  return [...seen];
}

export interface MatchExplanation {
  /** Strongest shared terms (concepts without their "#"; syllables folded). */
  sharedTerms: string[];
  /** Fields in which both use a shared term: title, components, description. */
  fields: string[];
  /** Solution types both were classified as. */
  sharedTypes: string[];
  samePlace: boolean;
  textSimilarity: number;
  typeAgreement: number | null;
}

export interface Match {
  /** Corpus index of the other proposal. */
  index: number;
  id: string | number;
  kind: PairKind;
  score: number;
  explanation: MatchExplanation;
}

const FIELDS = ["title", "components", "description"] as const;

function fieldText(p: Proposal, f: (typeof FIELDS)[number]): string {
  if (f === "components") return (p.components ?? []).map((c) => String(c).replace(/[-_]+/g, " ")).join(". ");
  return (f === "title" ? p.title : p.description) ?? "";
}

function termSet(corpus: Corpus, text: string): Set<string> {
  const a = corpus.analyser.analyse(text);
  return new Set([...a.concepts.map((c) => `#${c}`), ...a.words, ...a.bigrams]);
}

function explainMatch(
  index: SimilarIndex,
  query: Doc,
  queryProposal: Proposal,
  other: number,
  text: number,
  types: number | null,
): MatchExplanation {
  const { corpus } = index;
  const b = corpus.docs[other];
  const contrib: { term: string; w: number }[] = [];
  let x = 0;
  let y = 0;
  while (x < query.terms.length && y < b.terms.length) {
    if (query.terms[x] === b.terms[y]) {
      const name = corpus.termNames[b.terms[y]];
      if (!name.startsWith("domain:")) contrib.push({ term: name, w: query.weights[x] * b.weights[y] });
      x++;
      y++;
    } else if (query.terms[x] < b.terms[y]) x++;
    else y++;
  }
  contrib.sort((p, q) => q.w - p.w);
  const otherProposal = corpus.proposals[other];
  const fields = FIELDS.filter((f) => {
    const mine = termSet(corpus, fieldText(queryProposal, f));
    if (mine.size === 0) return false;
    for (const t of termSet(corpus, fieldText(otherProposal, f))) if (mine.has(t)) return true;
    return false;
  });
  return {
    sharedTerms: contrib
      .slice(0, SIMILAR_CONFIG.explanationTerms)
      .map((c) => (c.term.startsWith("#") ? c.term.slice(1) : c.term).replace(/_/g, " ")),
    fields: [...fields],
    sharedTypes: query.types.filter((t) => b.types.includes(t)),
    samePlace: query.place.province !== "" && query.place.province === b.place.province,
    textSimilarity: Math.round(text * 1000) / 1000,
    typeAgreement: types === null ? null : Math.round(types * 1000) / 1000,
  };
}

export interface MatchOptions {
  /** Corpus index of the query when it is an existing proposal (left out of its matches). */
  self?: number;
  /** Leave these corpus indices out. */
  exclude?: ReadonlySet<number>;
  /** Keep at most this many (default SIMILAR_CONFIG.maxResults). */
  limit?: number;
  /** Keep only the matches passing this test (before the limit; only kept ones are explained). */
  filter?: (m: { kind: PairKind; score: number }) => boolean;
}

/**
 * Matches of one proposal, same_project before same_solution, strongest
 * first; each scored by the dedupe rules and explained.
 */
export function matchProposal(
  index: SimilarIndex,
  query: Doc,
  queryProposal: Proposal,
  opts: MatchOptions = {},
): Match[] {
  const { corpus } = index;
  const candidates = candidatesOf(index, query, opts.self).filter((i) => !opts.exclude?.has(i));
  // scorePair works on corpus indices: a small corpus of the query and its candidates.
  const local: Corpus = {
    ...corpus,
    docs: [query, ...candidates.map((i) => corpus.docs[i])],
    proposals: [queryProposal, ...candidates.map((i) => corpus.proposals[i])],
  };
  const scored: { i: number; kind: PairKind; score: number; text: number; types: number | null }[] = [];
  candidates.forEach((i, k) => {
    const s = scorePair(local, 0, k + 1);
    if (s)
      scored.push({
        i,
        kind: s.kind,
        score: Math.round(s.score * 1000) / 1000,
        text: s.text,
        types: s.types,
      });
  });
  const kept = opts.filter ? scored.filter(opts.filter) : scored;
  kept.sort(
    (a, b) => (a.kind === b.kind ? 0 : a.kind === "same_project" ? -1 : 1) || b.score - a.score || a.i - b.i,
  );
  return kept.slice(0, opts.limit ?? SIMILAR_CONFIG.maxResults).map((s) => ({
    index: s.i,
    id: corpus.docs[s.i].id,
    kind: s.kind,
    score: s.score,
    explanation: explainMatch(index, query, queryProposal, s.i, s.text, s.types),
  }));
}

/** Matches of a proposal already in the corpus (by id); empty when it is not there. */
export function matchExisting(
  index: SimilarIndex,
  id: string | number,
  opts: Omit<MatchOptions, "self"> = {},
): Match[] {
  const i = index.indexOf.get(id);
  if (i === undefined) return [];
  return matchProposal(index, index.corpus.docs[i], index.corpus.proposals[i], { ...opts, self: i });
}

/** Matches of a draft (not in the corpus). */
export function matchDraft(index: SimilarIndex, draft: Proposal, opts: MatchOptions = {}): Match[] {
  return matchProposal(index, vectoriseDraft(index, draft), draft, opts);
}

/** Does this match need a decision before the plan is submitted? */
export function needsDecision(m: { kind: PairKind; score: number }): boolean {
  return m.score >= SIMILAR_CONFIG.decisionThreshold[m.kind];
}
