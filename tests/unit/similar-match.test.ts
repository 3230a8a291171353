/**
 * One proposal against a prepared corpus (app/modules/similar/match.ts):
 * the candidate index loses nothing the dedupe rules would report, a draft is
 * scored like the same text already in the corpus, and explanations name the
 * shared terms and fields.
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { forEachPairNaive, prepareCorpus, type Proposal } from "~/modules/dedupe";
import { SIMILAR_CONFIG } from "~/modules/similar/config";
import { indexCorpus, matchDraft, matchExisting, needsDecision } from "~/modules/similar/match";

const FILE = fileURLToPath(new URL("../fixtures/dedupe/labelled.jsonl", import.meta.url));
const labelled = fs
  .readFileSync(FILE, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Proposal & { label: { project: string; solution: string; place: string } });
const corpus = prepareCorpus(labelled);
const index = indexCorpus(corpus);

describe("matchExisting", () => {
  it("finds every pair the naive all-pairs scan reports (no candidate lost)", () => {
    const naive = new Map<number, Set<string | number>>();
    forEachPairNaive(
      corpus,
      corpus.docs.map((_, i) => i),
      (i, j) => {
        (naive.get(i) ?? naive.set(i, new Set()).get(i)!).add(corpus.docs[j].id);
        (naive.get(j) ?? naive.set(j, new Set()).get(j)!).add(corpus.docs[i].id);
      },
    );
    let pairs = 0;
    corpus.docs.forEach((d, i) => {
      const found = new Set(matchExisting(index, d.id, { limit: 10_000 }).map((m) => m.id));
      expect(found).toEqual(naive.get(i) ?? new Set());
      pairs += found.size;
    });
    expect(pairs).toBeGreaterThan(500);
  });

  it("lists same_project before same_solution, strongest first, and leaves the proposal itself out", () => {
    const matches = matchExisting(index, "p001", { limit: 50 });
    expect(matches.some((m) => m.id === "p001")).toBe(false);
    const firstSolution = matches.findIndex((m) => m.kind === "same_solution");
    expect(matches.slice(firstSolution).every((m) => m.kind === "same_solution")).toBe(true);
    for (let k = 1; k < matches.length; k++) {
      if (matches[k].kind === matches[k - 1].kind)
        expect(matches[k].score).toBeLessThanOrEqual(matches[k - 1].score);
    }
    expect(matchExisting(index, "p001").length).toBeLessThanOrEqual(SIMILAR_CONFIG.maxResults);
    expect(matchExisting(index, "no-such-id")).toEqual([]);
  });

  it("filters before the limit", () => {
    const all = matchExisting(index, "p001", { limit: 1000 });
    const needed = matchExisting(index, "p001", { limit: 1000, filter: needsDecision });
    expect(needed).toEqual(all.filter(needsDecision));
  });
});

describe("matchDraft", () => {
  it("scores a draft like the same text already in the corpus (same matches, close scores)", () => {
    for (const id of ["p001", "p002", "p010", "p050"]) {
      const p = labelled.find((x) => x.id === id)!;
      const draft: Proposal = { ...p, id: "draft" };
      const asDraft = matchDraft(index, draft, { limit: 1000 }).filter((m) => m.id !== id);
      const existing = matchExisting(index, id, { limit: 1000 });
      const ids = (ms: { id: string | number }[]) => new Set(ms.map((m) => m.id));
      // The draft counts itself once more in the idf; allow a few borderline pairs to differ.
      const a = ids(asDraft);
      const b = ids(existing);
      const common = [...a].filter((x) => b.has(x)).length;
      expect(common / Math.max(1, Math.max(a.size, b.size))).toBeGreaterThan(0.9);
      // Its own copy is the best same_project match.
      const top = matchDraft(index, draft, { limit: 1 })[0];
      expect(top.id).toBe(id);
      expect(top.kind).toBe("same_project");
    }
  });

  it("finds an English copy of an IOC in the same province, and explains why", () => {
    const draft: Proposal = {
      id: "draft",
      title: "Intelligent operations centre of Ho Chi Minh City",
      description: "One screen for traffic, environment and citizen feedback for the city leaders.",
      province: "Hồ Chí Minh",
    };
    const m = matchDraft(index, draft);
    expect(m.length).toBeGreaterThan(0);
    expect(m[0].kind).toBe("same_project");
    const p = labelled.find((x) => x.id === m[0].id)!;
    expect(p.label.solution).toBe("ioc");
    expect(m[0].explanation.sharedTerms).toContain("ioc");
    expect(m[0].explanation.fields).toContain("title");
    expect(m[0].explanation.sharedTypes).toContain("ioc");
    expect(m[0].explanation.samePlace).toBe(true);
  });

  it("does not relate a forest-fire camera draft to traffic cameras", () => {
    const draft: Proposal = {
      id: "draft",
      title: "Hệ thống camera cảnh báo sớm cháy rừng",
      description: "Camera nhiệt trên các chòi canh phát hiện điểm cháy rừng và báo cho kiểm lâm.",
      province: "Lâm Đồng",
      components: ["camera", "iot"],
    };
    const matches = matchDraft(index, draft, { limit: 100 });
    expect(
      matches.some((m) => labelled.find((x) => x.id === m.id)!.label.solution === "camera-forest-fire"),
    ).toBe(true);
    for (const m of matches) {
      const p = labelled.find((x) => x.id === m.id)!;
      expect(p.label.solution, `${m.id} ${p.title}`).not.toMatch(/traffic/);
    }
  });

  it("finds nothing without a place or a title", () => {
    expect(matchDraft(index, { id: "d", title: "Trung tâm IOC" })).toEqual([]);
    expect(matchDraft(index, { id: "d", title: "", province: "Hà Nội" })).toEqual([]);
  });
});
