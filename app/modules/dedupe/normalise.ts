/**
 * Vietnamese-aware text analysis for duplicate detection: fold case,
 * diacritics and "đ"; split into syllables; recognise abbreviations, their
 * expansions and English equivalents as concepts (`#ioc`); drop stop words
 * and place names; keep the remaining syllables and syllable pairs.
 */
import { CONCEPTS, STOP_WORDS } from "./lexicon";

/**
 * Lower case, no diacritics, "đ" → "d", punctuation as spaces: the same as
 * `foldVietnamese(input).replace(/[^a-z0-9]+/g, " ").trim()`, in one pass
 * over the text (tests/unit/dedupe-scan.test.ts holds it to that for every
 * UTF-16 code unit). Each code unit is folded on its own: decomposition
 * (NFD) and lower-casing act on one character at a time, except for the
 * order of combining marks and a final sigma, which end up as spaces either way.
 */
export function normaliseText(input: string): string {
  const codes = foldBuffer;
  let length = 0;
  let space = false;
  for (let k = 0; k < input.length; k++) {
    const c = input.charCodeAt(k);
    if (c < 128) {
      const d = c >= 65 && c <= 90 ? c + 32 : c;
      if ((d >= 97 && d <= 122) || (d >= 48 && d <= 57)) {
        if (space) {
          codes[length++] = 32;
          space = false;
        }
        codes[length++] = d;
      } else if (length > 0) space = true;
      continue;
    }
    const folded = foldUnit(c);
    for (let q = 0; q < folded.length; q++) {
      const d = folded.charCodeAt(q);
      if (d === 32) {
        if (length > 0) space = true;
      } else {
        if (space) {
          codes[length++] = 32;
          space = false;
        }
        codes[length++] = d;
      }
    }
  }
  let out = "";
  for (let from = 0; from < length; from += 8192) {
    out += String.fromCharCode.apply(null, codes.slice(from, Math.min(length, from + 8192)));
  }
  codes.length = 0;
  return out;
}

const foldBuffer: number[] = [];
/** Each non-ASCII UTF-16 code unit folded on its own: ASCII letters and digits, spaces for the rest. */
const foldedUnits = new Map<number, string>();

function foldUnit(c: number): string {
  let folded = foldedUnits.get(c);
  if (folded === undefined) {
    folded = "";
    if (c >= 0xd800 && c <= 0xdfff) folded = " ";
    else {
      const x = String.fromCharCode(c)
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/đ/g, "d")
        .replace(/Đ/g, "D")
        .toLowerCase();
      for (let q = 0; q < x.length; q++) {
        const d = x.charCodeAt(q);
        folded += (d >= 97 && d <= 122) || (d >= 48 && d <= 57) ? x[q] : " ";
      }
    }
    foldedUnits.set(c, folded);
  }
  return folded;
}

/** Syllables (space-separated words) of a normalised text. */
export function syllables(input: string): string[] {
  const n = normaliseText(input);
  return n ? n.split(" ") : [];
}

const LINK = "\u0000link";

/** White space as in a regular expression's `\s`. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0xa0 && isWideSpace(c));
}
function isWideSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * The sentences of a text: it is cut at a run of white space that follows ".",
 * "!", "?" or ";", or that holds a line break (the run is dropped): the same
 * parts, empty ones included, as a split at the regular expression
 * `(?<=[.!?;])\s+|\s*\n\s*`, in one pass without it (that look-behind split
 * was about a third of the analysis time on 20,000 proposals).
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let from = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isSpace(c)) {
      i++;
      continue;
    }
    // A maximal run of white space [i, e): its first character follows a non-space (or the start).
    let lineBreak = c === 10;
    let e = i + 1;
    while (e < n) {
      const d = text.charCodeAt(e);
      if (!isSpace(d)) break;
      if (d === 10) lineBreak = true;
      e++;
    }
    const before = i > 0 ? text.charCodeAt(i - 1) : -1;
    if (lineBreak || before === 46 || before === 33 || before === 63 || before === 59) {
      out.push(text.slice(from, i));
      from = e;
    }
    i = e;
  }
  out.push(text.slice(from));
  return out;
}
/** Phrases after which a system is referred to, not built. */
const LINK_MARKERS = [
  "ket noi",
  "ket noi voi",
  "ket noi ve",
  "tich hop voi",
  "lien thong voi",
  "dua ve",
  "gui ve",
  "connected to",
  "connect to",
  "connecting to",
  "linked to",
  "link to",
  "integrated with",
  "feeding",
  "feeds",
];
/** Systems whose mention after a link marker is a reference (emitted as "~ioc"). */
const LINKABLE = new Set(["ioc", "lgsp", "data-centre", "citizen-app", "gis", "public-service", "portal"]);

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Concepts expressed by the phrase ending here (empty array = drop the phrase). */
  concepts?: string[];
}

export interface Analyser {
  /** Tokens of a text: concept tokens ("#ioc"), content syllables and syllable pairs ("giam_sat"). */
  analyse(text: string): AnalysedText;
  /** How each term of a text is written in it ("#air" → "không khí"), for explanations. */
  labels(text: string): Map<string, string>;
  /**
   * The analysis of each sentence of a text, in order: `analyse(text)` is their
   * concatenation. The objects are shared by every text with that sentence (do
   * not change them); the same sentence gives the same object while it is cached.
   */
  sentences(text: string): readonly AnalysedText[];
}

export interface AnalysedText {
  /** Concept ids found, in order (with repeats). */
  concepts: string[];
  /** Content syllables left after concepts, stop words and places are removed. */
  words: string[];
  /** Adjacent content syllable pairs ("a b"). */
  bigrams: string[];
}

/**
 * Build an analyser. `dropPhrases` are folded phrases removed from text
 * (place and organisation names: the place is compared separately).
 */
export function createAnalyser(dropPhrases: readonly string[] = []): Analyser {
  const root: TrieNode = { next: new Map() };
  const add = (phrase: string, concepts: string[]) => {
    const words = normaliseText(phrase).split(" ").filter(Boolean);
    if (words.length === 0) return;
    let node = root;
    for (const w of words) {
      let n = node.next.get(w);
      if (!n) node.next.set(w, (n = { next: new Map() }));
      node = n;
    }
    // A phrase listed under several concepts stands for all of them.
    node.concepts = node.concepts ? [...new Set([...node.concepts, ...concepts])] : concepts;
  };
  for (const p of dropPhrases) add(p, []);
  for (const [concept, phrases] of Object.entries(CONCEPTS)) {
    for (const p of phrases) add(p, concept === "_" ? [] : [concept]);
  }
  // Compound phrases: "cháy rừng" = forest + fire whatever the order.
  add("chay rung", ["forest", "fire"]);
  add("forest fire", ["forest", "fire"]);
  add("forest fires", ["forest", "fire"]);
  add("quan trac moi truong", ["measure", "environment"]);
  add("tin hieu", ["signal"]);
  // "kết nối IOC", "connected to the IOC": the proposal links to a system, it does not build one.
  for (const m of LINK_MARKERS) add(m, ["sharing", LINK]);

  /** `onTerm(term, from, to)`: the syllables [from, to) of `syllables(text)` behind each term ("#air", "giam", "giam sat"). */
  const analyseSentence = (
    text: string,
    onTerm?: (term: string, from: number, to: number) => void,
  ): AnalysedText => {
    const toks = syllables(text);
    const concepts: string[] = [];
    const words: string[] = [];
    const bigrams: string[] = [];
    let prev: string | null = null;
    let i = 0;
    let linkAt = -1;
    while (i < toks.length) {
      // Longest phrase starting at i.
      let node: TrieNode | undefined = root;
      let best = -1;
      let bestConcepts: string[] | undefined;
      for (let j = i; j < toks.length; j++) {
        node = node.next.get(toks[j]);
        if (!node) break;
        if (node.concepts) {
          best = j;
          bestConcepts = node.concepts;
        }
      }
      if (best >= 0) {
        const linked = linkAt === i;
        for (const c of bestConcepts!) {
          if (c === LINK) linkAt = best + 1;
          else {
            const concept = linked && LINKABLE.has(c) ? `~${c}` : c;
            concepts.push(concept);
            onTerm?.(`#${concept}`, i, best + 1);
          }
        }
        prev = null;
        i = best + 1;
        continue;
      }
      const w = toks[i];
      i++;
      // A stop word between the marker and the system ("kết nối với các IOC") keeps the link.
      if (linkAt === i - 1 && STOP_WORDS.has(w)) linkAt = i;
      if (STOP_WORDS.has(w) || /^\d+$/.test(w) || w.length < 2) {
        prev = null;
        continue;
      }
      words.push(w);
      onTerm?.(w, i - 1, i);
      if (prev) {
        bigrams.push(`${prev} ${w}`);
        onTerm?.(`${prev} ${w}`, i - 2, i);
      }
      prev = w;
    }
    return { concepts, words, bigrams };
  };

  // Demo and real proposals repeat whole sentences (template wording, legal
  // boilerplate): each distinct sentence is analysed once. Bounded so a
  // long-running server does not grow without limit.
  const cache = new Map<string, AnalysedText>();
  const CACHE_LIMIT = 100_000;
  const cached = (sentence: string): AnalysedText => {
    let a = cache.get(sentence);
    if (a === undefined) {
      a = analyseSentence(sentence);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(sentence, a);
    }
    return a;
  };

  /** Sentence by sentence (syllable pairs and phrases do not cross a sentence end). */
  const analyse = (text: string): AnalysedText => {
    const parts = splitSentences(text);
    if (parts.length === 1) {
      const a = cached(text);
      return { concepts: [...a.concepts], words: [...a.words], bigrams: [...a.bigrams] };
    }
    const out: AnalysedText = { concepts: [], words: [], bigrams: [] };
    for (const part of parts) {
      const a = cached(part);
      for (const c of a.concepts) out.concepts.push(c);
      for (const w of a.words) out.words.push(w);
      for (const b of a.bigrams) out.bigrams.push(b);
    }
    return out;
  };

  const sentences = (text: string): readonly AnalysedText[] => {
    const parts = splitSentences(text);
    const out: AnalysedText[] = new Array(parts.length);
    for (let k = 0; k < parts.length; k++) out[k] = cached(parts[k]);
    return out;
  };

  /**
   * How each term of a text is written there: "#air" → "không khí", "giam sat" →
   * "giám sát" (lower case, with the text's own diacritics and language; the
   * folded form when the text's words cannot be lined up with its syllables).
   */
  const labels = (text: string): Map<string, string> => {
    const out = new Map<string, string>();
    for (const sentence of splitSentences(text)) {
      const toks = syllables(sentence);
      const words = sentence
        .normalize("NFC")
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean);
      const aligned = words.length === toks.length && words.every((w, k) => normaliseText(w) === toks[k]);
      analyseSentence(sentence, (term, from, to) => {
        if (!out.has(term)) out.set(term, (aligned ? words : toks).slice(from, to).join(" "));
      });
    }
    return out;
  };

  return { analyse, labels, sentences };
}
