/**
 * The fast paths of duplicate detection give exactly what the plain code
 * gives: the one-pass text folding, the sentence splitter without a regular expression, the type
 * classifier from precomputed rule flags, and the scan that scores type
 * blocks from typed arrays (`scanDuplicates`) against `scorePair`.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  forEachDuplicate,
  forEachPairNaive,
  prepareCorpus,
  scanDuplicates,
  scorePair,
  type LabelledProposal,
} from "~/modules/dedupe";
import { normaliseText, splitSentences } from "~/modules/dedupe/normalise";
import {
  classify,
  classifyMet,
  primaryTypes,
  SOLUTION_TYPES,
  SUPPORTING_TYPES,
  typesMet,
} from "~/modules/dedupe/solution-types";
import { foldVietnamese } from "~/utils/text";

const FILE = fileURLToPath(new URL("../fixtures/dedupe/labelled.jsonl", import.meta.url));
const labelled = fs
  .readFileSync(FILE, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as LabelledProposal);

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

describe("normaliseText", () => {
  const reference = (text: string) =>
    foldVietnamese(text)
      .replace(/[^a-z0-9]+/g, " ")
      .trim();

  it("folds like foldVietnamese + punctuation as spaces, for every UTF-16 code unit", () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [ch, `a${ch}b`, `A ${ch}${ch} Z`, `${ch}\u0301x`]) {
        if (normaliseText(text) !== reference(text)) wrong.push(c);
      }
    }
    for (let cp = 0x10000; cp < 0x110000; cp += 97) {
      const text = `a${String.fromCodePoint(cp)}b`;
      if (normaliseText(text) !== reference(text)) wrong.push(cp);
    }
    expect(wrong).toEqual([]);
  });

  it("agrees on Vietnamese and English text, composed or decomposed, and on random mixtures", () => {
    const texts = labelled.flatMap((p) => [p.title, p.description ?? "", p.title.normalize("NFD")]);
    const chars = [
      ..."aăâbcdđeêghiklmnoôơpqrstuưvxyÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬĐÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ \n\t.,;!?-_()İıΣσςßẞ😀Å\u212b\u00a0\u2013\u201c0123456789",
      "\u0301",
      "\u0323",
    ];
    const next = random(5);
    for (let k = 0; k < 20_000; k++) {
      let text = "";
      const length = Math.floor(next() * 16);
      for (let q = 0; q < length; q++) text += chars[Math.floor(next() * chars.length)];
      texts.push(text);
    }
    expect(texts.filter((t) => normaliseText(t) !== reference(t))).toEqual([]);
  });
});

describe("splitSentences", () => {
  const REGEX = /(?<=[.!?;])\s+|\s*\n\s*/;

  it("cuts where the look-behind regular expression cuts, empty parts included", () => {
    const cases = [
      "",
      " ",
      "\n",
      "One. Two",
      "One.  Two! Three? Four; five",
      "a.\n\nb",
      "  \n a",
      "a \n",
      "a.",
      "a. ",
      "no cut, here",
      "x.\u00a0y",
      "x.\u2028y",
      "x\u2028y",
      "x\r\ny",
      "Dự án A. Kết nối IOC; giai đoạn 2\nHết.",
      ...labelled.flatMap((p) => [p.title, p.description ?? ""]),
    ];
    for (const text of cases) expect(splitSentences(text)).toEqual(text.split(REGEX));
  });

  it("agrees on random strings of spaces, line breaks and sentence marks", () => {
    const alphabet = [
      "a",
      "b",
      " ",
      "\n",
      "\r",
      "\t",
      "\u00a0",
      "\u2028",
      "\u3000",
      "\ufeff",
      "\u200b",
      ".",
      "!",
      "?",
      ";",
      ",",
      "đ",
    ];
    const next = random(7);
    const wrong: string[] = [];
    for (let k = 0; k < 20_000; k++) {
      let text = "";
      const length = Math.floor(next() * 12);
      for (let q = 0; q < length; q++) text += alphabet[Math.floor(next() * alphabet.length)];
      if (JSON.stringify(splitSentences(text)) !== JSON.stringify(text.split(REGEX))) wrong.push(text);
    }
    expect(wrong).toEqual([]);
  });

  it("treats exactly the regular expression's white space as white space", () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [`a.${ch}b`, `a${ch}\nb`, `a${ch}b`]) {
        if (splitSentences(text).join("\u0000") !== text.split(REGEX).join("\u0000")) wrong.push(c);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("classifier from rule flags", () => {
  /** The classifier as it was written before the flags: rules checked against each field's concepts. */
  function reference(
    fields: { weight: number; concepts: ReadonlySet<string> }[],
    minScore = 1.5,
    ratio = 0.75,
  ) {
    const scores: Record<string, number> = {};
    for (const [type, rules] of Object.entries(SOLUTION_TYPES)) {
      let s = 0;
      for (const f of fields) {
        if (f.concepts.size === 0) continue;
        if (rules.some((rule) => rule.every((c) => f.concepts.has(c)))) s += f.weight;
      }
      if (s > 0) scores[type] = SUPPORTING_TYPES.has(type) ? s / 2 : s;
    }
    const best = Math.max(0, ...Object.values(scores));
    const primary =
      best < minScore
        ? []
        : Object.entries(scores)
            .filter(([, s]) => s >= best * ratio)
            .map(([t]) => t)
            .sort();
    return { primary, scores };
  }

  it("gives the same scores and primary types on random concept sets", () => {
    const concepts = [...new Set(Object.values(SOLUTION_TYPES).flat(2))];
    const next = random(11);
    const pick = () => new Set(concepts.filter(() => next() < 0.08));
    for (let k = 0; k < 2_000; k++) {
      const fields = [
        { weight: 2, concepts: pick() },
        { weight: 1.5, concepts: next() < 0.3 ? new Set<string>() : pick() },
        { weight: 1, concepts: pick() },
      ];
      const want = reference(fields);
      expect(classify(fields)).toEqual(want);
      const met = fields.map((f) => ({ weight: f.weight, met: typesMet(f.concepts) }));
      expect(classifyMet(met)).toEqual(want);
      expect(primaryTypes(met)).toEqual(want.primary);
      expect(primaryTypes(met.slice(0, 1), 1, 0.5)).toEqual(reference(fields.slice(0, 1), 1, 0.5).primary);
    }
  });
});

describe("scanDuplicates", () => {
  it("reports every pair the naive scan reports, with the same kind, score, text similarity and type agreement", () => {
    const corpus = prepareCorpus(labelled);
    const naive = new Map<string, string>();
    forEachPairNaive(
      corpus,
      corpus.docs.map((_, i) => i),
      (i, j, s) => naive.set(`${i},${j}`, JSON.stringify(s)),
    );
    const fast = new Map<string, string>();
    const clusters = scanDuplicates(corpus, (i, j, kind, score, text, types) => {
      const key = `${Math.min(i, j)},${Math.max(i, j)}`;
      expect(fast.has(key)).toBe(false);
      fast.set(key, JSON.stringify({ kind, score, text, types }));
      expect(JSON.stringify(scorePair(corpus, i, j))).toBe(fast.get(key));
    });
    expect(naive.size).toBeGreaterThan(400);
    expect(fast).toEqual(naive);

    const objects: string[] = [];
    const sameClusters = forEachDuplicate(corpus, (i, j, s) =>
      objects.push(`${i},${j},${JSON.stringify(s)}`),
    );
    expect(objects.length).toBe(fast.size);
    expect(sameClusters).toEqual(clusters);
  });
});
