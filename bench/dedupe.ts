/**
 * Duplicate-detection benchmark on the cached scale-10 demo database
 * (bench/.data/scale10.sqlite, opened read-only; `npm run bench` builds it).
 *
 *   npx tsx bench/dedupe.ts [--db FILE] [--sample N] [--seed S]
 *
 * Builds one proposal per project (title, description, province — often a
 * legacy province —, city, domain, components) and times the whole call,
 * proposals in → every pair (indices, kind, score) and the clusters out:
 * `prepareCorpus` (analyse, classify, vectorise) + `scanDuplicates`
 * (candidates: type blocks compared pair by pair through an inverted index,
 * MinHash LSH for untyped proposals; scoring; clusters), twice in this
 * process (the first call also compiles the code). Beside it, a naive all-pairs
 * comparison with the same scoring. All pairs of ~20k projects is ~200M
 * comparisons, so by default the naive pass runs on a random sample of
 * projects and its time is extrapolated (clearly labelled); the recall of
 * the fast method is measured on the pairs inside that sample.
 * `runDedupeBench()` returns the figures so bench/run.ts can print them too.
 * Prints figures; never fails on a number.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import {
  forEachCandidate,
  forEachPairNaive,
  prepareCorpus,
  scanDuplicates,
  type PairKind,
  type Proposal,
} from "~/modules/dedupe";

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_DEDUPE_DB = path.join(here, ".data", "scale10.sqlite");

export interface DedupeBenchOptions {
  db?: string;
  /** Projects in the naive all-pairs sample (0 or ≥ N = all). */
  sample?: number;
  seed?: number;
  log?: (line: string) => void;
}

/** One whole call: proposals in, pairs and clusters out. */
export interface DedupeCallTimes {
  /** Analyse, classify, tf·idf vectors (`prepareCorpus`). */
  prepareMs: number;
  /** Candidate generation, text similarity, scoring, clusters (`scanDuplicates`). */
  scanMs: number;
  totalMs: number;
  /** CPU time of the process over the call (user + system; the machine is shared). */
  cpuMs: number;
}

export interface DedupeBenchResult {
  proposals: number;
  /** Reading the rows from SQLite (not part of the call). */
  loadMs: number;
  /** The first call in this process (the code is still being compiled) and a second one. */
  first: DedupeCallTimes;
  second: DedupeCallTimes;
  pairs: Record<PairKind, number>;
  clusters: number;
  candidates: number;
  peakHeapMb: number;
  peakRssMb: number;
  naive: {
    sample: number;
    comparisons: number;
    ms: number;
    /** True when the naive time is extrapolated from the sample to all N. */
    extrapolated: boolean;
    estimatedFullMs: number;
    pairs: Record<PairKind, number>;
  };
  /** Recall of the fast method relative to the naive scan, on the sample's pairs. */
  recall: Record<PairKind | "all", number>;
}

/** Proposals from the projects of a demo database (read-only). */
export function loadProposals(file: string): Proposal[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `SELECT p.code AS id, p.title_vi AS title, p.description_vi AS description,
                COALESCE(pr.name_vi, '') AS province, ci.name_vi AS city, p.domain AS domain, p.components AS components
           FROM projects p
           LEFT JOIN organisations pr ON pr.id = p.province_id
           LEFT JOIN organisations ci ON ci.id = p.city_id
          ORDER BY p.id`,
      )
      .all() as {
      id: string;
      title: string;
      description: string;
      province: string;
      city: string | null;
      domain: string;
      components: string;
    }[];
    return rows.map((r) => ({ ...r, components: JSON.parse(r.components || "[]") as string[] }));
  } finally {
    db.close();
  }
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

export function runDedupeBench(options: DedupeBenchOptions = {}): DedupeBenchResult | null {
  const log = options.log ?? ((l: string) => console.log(l));
  const file = options.db ?? DEFAULT_DEDUPE_DB;
  if (!fs.existsSync(file)) {
    log(
      `dedupe bench: ${file} is missing — run \`npm run bench\` once to build the scale-10 database. Skipped.`,
    );
    return null;
  }
  let t = performance.now();
  const proposals = loadProposals(file);
  const loadMs = performance.now() - t;
  const n = proposals.length;

  let peakHeap = process.memoryUsage().heapUsed;
  let peakRss = process.memoryUsage().rss;
  const sampleMemory = () => {
    const m = process.memoryUsage();
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    if (m.rss > peakRss) peakRss = m.rss;
  };

  // The sample for the naive pass (its pairs are remembered from the fast pass).
  const sampleSize = !options.sample || options.sample >= n ? n : options.sample;
  const rand = mulberry32(options.seed ?? 1);
  const order = proposals.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const sample = order.slice(0, sampleSize).sort((a, b) => a - b);
  const inSample = new Uint8Array(n);
  for (const i of sample) inSample[i] = 1;

  // The whole call, twice: proposals in, every pair (indices, kind, score) and the clusters out.
  const fastPairs: Record<PairKind, number> = { same_project: 0, same_solution: 0 };
  const fastInSample = new Map<number, PairKind>();
  let clusterCount = 0;
  let corpus = prepareCorpus([]);
  const call = (record: boolean): DedupeCallTimes => {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    corpus = prepareCorpus(proposals);
    const t1 = performance.now();
    sampleMemory();
    let seen = 0;
    let projects = 0;
    const clusters = scanDuplicates(corpus, (i, j, kind) => {
      if (kind === "same_project") projects++;
      if (record && inSample[i] === 1 && inSample[j] === 1) fastInSample.set(i * n + j, kind);
      if (++seen % 500_000 === 0) sampleMemory();
    });
    const t2 = performance.now();
    const used = process.cpuUsage(cpu);
    sampleMemory();
    clusterCount = clusters.length;
    fastPairs.same_project = projects;
    fastPairs.same_solution = seen - projects;
    return { prepareMs: t1 - t0, scanMs: t2 - t1, totalMs: t2 - t0, cpuMs: (used.user + used.system) / 1000 };
  };
  const first = call(true);
  const second = call(false);
  let candidates = 0;
  forEachCandidate(corpus, () => candidates++);
  log(
    `dedupe bench: ${n} proposals loaded in ${Math.round(loadMs)} ms; whole call ${Math.round(first.totalMs)} ms ` +
      `(then ${Math.round(second.totalMs)} ms), ${candidates} candidate pairs of ${(n * (n - 1)) / 2}`,
  );

  // Naive: every pair of the sample through the same scorePair.
  t = performance.now();
  const naivePairs: Record<PairKind, number> = { same_project: 0, same_solution: 0 };
  const hit: Record<PairKind, number> = { same_project: 0, same_solution: 0 };
  forEachPairNaive(corpus, sample, (i, j, s) => {
    naivePairs[s.kind]++;
    if (fastInSample.get(i * n + j) === s.kind) hit[s.kind]++;
  });
  const naiveMs = performance.now() - t;
  const comparisons = (sampleSize * (sampleSize - 1)) / 2;
  const full = (n * (n - 1)) / 2;
  const recall = {
    same_project: naivePairs.same_project ? hit.same_project / naivePairs.same_project : 1,
    same_solution: naivePairs.same_solution ? hit.same_solution / naivePairs.same_solution : 1,
    all:
      naivePairs.same_project + naivePairs.same_solution
        ? (hit.same_project + hit.same_solution) / (naivePairs.same_project + naivePairs.same_solution)
        : 1,
  };
  return {
    proposals: n,
    loadMs,
    first,
    second,
    pairs: fastPairs,
    clusters: clusterCount,
    candidates,
    peakHeapMb: mb(peakHeap),
    peakRssMb: mb(Math.max(peakRss, process.resourceUsage().maxRSS * 1024)),
    naive: {
      sample: sampleSize,
      comparisons,
      ms: naiveMs,
      extrapolated: sampleSize < n,
      estimatedFullMs: comparisons ? naiveMs * (full / comparisons) : 0,
      pairs: naivePairs,
    },
    recall,
  };
}

export function printDedupeBench(
  r: DedupeBenchResult,
  log: (l: string) => void = (l) => console.log(l),
): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const ms = (x: number) => String(Math.round(x)).padStart(8);
  log("");
  log(`Duplicate scan of ${r.proposals} proposals (scale-10 demo)`);
  log(`  rows read from SQLite: ${Math.round(r.loadMs)} ms (not part of the call)`);
  log(`  whole call, proposals in → pairs and clusters out (ms):`);
  log(`              prepare     scan    total  CPU time`);
  log(
    `  first call${ms(r.first.prepareMs)} ${ms(r.first.scanMs)} ${ms(r.first.totalMs)}  ${ms(r.first.cpuMs)}`,
  );
  log(
    `  again     ${ms(r.second.prepareMs)} ${ms(r.second.scanMs)} ${ms(r.second.totalMs)}  ${ms(r.second.cpuMs)}`,
  );
  log(`  (prepare: analyse, classify, tf·idf vectors; scan: candidates, text similarity, scoring, clusters;`);
  log(
    `   the first call in a process includes compiling the code; CPU time is the process's, the machine is shared)`,
  );
  log(
    `  pairs: ${r.pairs.same_project} same_project, ${r.pairs.same_solution} same_solution; ${r.clusters} clusters; ` +
      `${r.candidates} candidate pairs of ${(r.proposals * (r.proposals - 1)) / 2}`,
  );
  log(`  budget ≤ 2 s: ${r.first.totalMs <= 2000 ? "met" : "MISSED"} (first call ${s(r.first.totalMs)})`);
  log(`  peak heap ${r.peakHeapMb} MB, peak RSS ${r.peakRssMb} MB`);
  if (r.naive.extrapolated) {
    log(
      `  naive all-pairs on a random sample of ${r.naive.sample} proposals (${r.naive.comparisons} comparisons): ` +
        `${s(r.naive.ms)}; EXTRAPOLATED to all ${r.proposals}: ≈ ${s(r.naive.estimatedFullMs)}`,
    );
  } else {
    log(`  naive all-pairs (${r.naive.comparisons} comparisons): ${s(r.naive.ms)}`);
  }
  log(
    `  recall of fast vs naive${r.naive.extrapolated ? " (pairs inside the sample)" : ""}: ` +
      `same_project ${pct(r.recall.same_project)} (${r.naive.pairs.same_project} naive pairs), ` +
      `same_solution ${pct(r.recall.same_solution)} (${r.naive.pairs.same_solution}), all ${pct(r.recall.all)}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const result = runDedupeBench({
    db: arg("--db"),
    sample: arg("--sample") ? Number(arg("--sample")) : 3000,
    seed: arg("--seed") ? Number(arg("--seed")) : 1,
  });
  if (result) printDedupeBench(result);
}
