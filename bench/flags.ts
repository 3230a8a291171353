/**
 * Flag recompute benchmark, run by `npm run bench` on its working copy of
 * the demo database (scale 10 by default):
 *  - the full recompute as on first start (every rule incl. the duplicate
 *    group flags; creates every flag), then again in steady state (nothing
 *    changes: the cost of a nightly `npm run flags:recompute`);
 *  - the per-write refresh of one project's flags (what every budget,
 *    transaction, milestone and project command adds inside its
 *    transaction), over a sample of projects.
 * Prints figures; never fails on a number.
 */
import type { Db } from "#db/client.server";
import { refreshProjectFlags } from "~/modules/flags/hooks.server";
import { recomputeFlags, SYSTEM_ACTOR, type RecomputeResult } from "~/modules/flags/recompute.server";

export interface FlagsBenchResult {
  projects: number;
  first: RecomputeResult;
  steady: RecomputeResult;
  perProject: { n: number; median: number; p95: number; max: number };
  peakRssMb: number;
}

export function runFlagsBench(db: Db, sample = 300): FlagsBenchResult {
  const projects = (db.$client.prepare("SELECT COUNT(*) AS n FROM projects").get() as { n: number }).n;
  const first = recomputeFlags(db, SYSTEM_ACTOR);
  const steady = recomputeFlags(db, SYSTEM_ACTOR);
  let peakRss = process.memoryUsage().rss;
  // Every k-th project, so the sample is spread over organisations and phases (deterministic).
  const ids = (
    db.$client
      .prepare("SELECT id FROM projects WHERE id % ? = 0 ORDER BY id LIMIT ?")
      .all(Math.max(1, Math.floor(projects / sample)), sample) as { id: number }[]
  ).map((r) => r.id);
  const times: number[] = [];
  for (const id of ids) {
    const t0 = performance.now();
    db.transaction(() => refreshProjectFlags(db, SYSTEM_ACTOR, id));
    times.push(performance.now() - t0);
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.max(0, Math.ceil(q * times.length) - 1))] ?? 0;
  return {
    projects,
    first,
    steady,
    perProject: { n: times.length, median: at(0.5), p95: at(0.95), max: times[times.length - 1] ?? 0 },
    peakRssMb: Math.round(peakRss / 1048576),
  };
}

export function printFlagsBench(r: FlagsBenchResult, log: (l: string) => void = (l) => console.log(l)): void {
  const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  log("");
  log(`Flag recompute on ${r.projects.toLocaleString("en-US")} projects (as of ${r.first.asOf})`);
  log(
    `  full, first run: ${s(r.first.ms)} (duplicate groups ${s(r.first.groupMs)} of it); ` +
      `${total(r.first.counts)} active flags, ${r.first.created} created`,
  );
  log(
    `  full, steady state: ${s(r.steady.ms)} (duplicate groups ${s(r.steady.groupMs)}); ` +
      `created ${r.steady.created}, cleared ${r.steady.cleared}, reopened ${r.steady.reopened}, membership changes ${r.steady.membershipChanged}`,
  );
  log(`  per rule: ${Object.entries(r.first.counts).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  log(
    `  one project's refresh inside a write (${r.perProject.n} projects): median ${r.perProject.median.toFixed(2)} ms, ` +
      `p95 ${r.perProject.p95.toFixed(2)} ms, max ${r.perProject.max.toFixed(2)} ms; peak RSS ${r.peakRssMb} MB`,
  );
}
