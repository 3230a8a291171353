/**
 * Evaluation against a labelled set: expected pairs from labels, precision /
 * recall / F1 per kind. Each labelled proposal carries
 * `label: {project, solution, place}`: same `project` → same_project; same
 * `solution` (not null) and different `place` → same_solution; anything
 * else is unrelated.
 */
import type { DuplicatePair, PairKind, Proposal } from "./detect";

export interface LabelledProposal extends Proposal {
  id: string;
  label: { project: string; solution: string | null; place: string };
}

const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function expectedPairs(items: readonly LabelledProposal[]): Map<string, PairKind> {
  const out = new Map<string, PairKind>();
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i].label;
      const b = items[j].label;
      if (a.project === b.project) out.set(key(items[i].id, items[j].id), "same_project");
      else if (a.solution && a.solution === b.solution && a.place !== b.place) {
        out.set(key(items[i].id, items[j].id), "same_solution");
      }
    }
  }
  return out;
}

export interface KindScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function evaluate(
  items: readonly LabelledProposal[],
  pairs: readonly DuplicatePair[],
): {
  scores: Record<PairKind, KindScore>;
  errors: { pair: string; expected: string | null; got: string | null }[];
} {
  const expected = expectedPairs(items);
  const got = new Map(pairs.map((p) => [key(String(p.a), String(p.b)), p.kind] as const));
  const result = {} as Record<PairKind, KindScore>;
  const errors: { pair: string; expected: string | null; got: string | null }[] = [];
  for (const kind of ["same_project", "same_solution"] as const) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const [k, v] of got) {
      if (v !== kind) continue;
      if (expected.get(k) === kind) tp++;
      else {
        fp++;
        errors.push({ pair: k, expected: expected.get(k) ?? null, got: v });
      }
    }
    for (const [k, v] of expected) {
      if (v === kind && got.get(k) !== kind) {
        fn++;
        if (!got.has(k)) errors.push({ pair: k, expected: v, got: null });
      }
    }
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    result[kind] = { tp, fp, fn, precision, recall, f1 };
  }
  return { scores: result, errors };
}
