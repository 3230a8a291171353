/**
 * npm run bench:dashboard [-- --connections 20 --duration 20 --url /dashboard.data --url /dashboard
 *                           --users 20 --think 1000 --build-dir build-bench-dashboard --rebuild]
 *
 * Load test of the national dashboard as served: builds the production app
 * (`npm run build` into its own build directory, when missing, older than the
 * sources, or with --rebuild), starts it as `npm run serve` does on a copy of the scale-10 demo database that
 * `npm run bench` caches in bench/.data/scale10.sqlite (built here if
 * missing), signs a leader in, and runs autocannon with 20 connections for
 * 20 s against the national dashboard's loader (`/dashboard.data`, the
 * loader's answer as Remix serves it to the browser) and then the whole
 * server-rendered page (`/dashboard`). Prints requests/s and the latency
 * p50/p95/p99 of every response (measured per response, not estimated).
 *
 * Then the budget's own measure, "20 users": --users people (default 20)
 * who each open a dashboard page, read it for a while (--think ms on
 * average, uniformly 0.5–1.5×, default 1000 ms: a brisk reader) and open the
 * next, cycling through views a leader uses (national, filtered by region,
 * year or funding source, a province, a ministry, whole pages and their
 * loader answers). Prints p50/p95/p99 of those page loads. Not a test: it
 * never fails on a number.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { migrateDatabase, openDatabase } from "#db/client.server";
import { seedAll } from "#seeds/index";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import { ensureServeBuild, freePort, startServer, stopServer } from "./server-process";

interface Options {
  connections: number;
  duration: number;
  urls: string[];
  buildDir: string;
  rebuild: boolean;
  users: number;
  think: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    connections: 20,
    duration: 20,
    urls: [],
    buildDir: "build-bench-dashboard",
    rebuild: false,
    users: 20,
    think: 1000,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes("=") ? argv[i].split("=", 2) : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--connections") o.connections = Number(value());
    else if (flag === "--duration") o.duration = Number(value());
    else if (flag === "--url") o.urls.push(value());
    else if (flag === "--build-dir") o.buildDir = value();
    else if (flag === "--rebuild") o.rebuild = true;
    else if (flag === "--users") o.users = Number(value());
    else if (flag === "--think") o.think = Number(value());
    else throw new Error(`Unknown argument ${argv[i]}`);
  }
  if (o.urls.length === 0) o.urls = ["/dashboard.data", "/dashboard"];
  return o;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cached = path.join(root, "bench/.data/scale10.sqlite");

async function ensureDatabase(): Promise<void> {
  if (fs.existsSync(cached)) return;
  console.log("Building bench/.data/scale10.sqlite (scale 10, seed 1), as npm run bench does…");
  fs.mkdirSync(path.dirname(cached), { recursive: true });
  const tmp = `${cached}.${process.pid}.tmp`;
  const db = openDatabase(tmp);
  migrateDatabase(db);
  await seedAll(db, { scale: 10, seed: 1 });
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.pragma("journal_mode = DELETE");
  db.$client.close();
  fs.renameSync(tmp, cached);
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  await ensureDatabase();
  ensureServeBuild(console.log, { rebuild: o.rebuild, buildDir: o.buildDir });
  const work = path.join(os.tmpdir(), `citypilot-dashboard-load-${process.pid}.sqlite`);
  fs.copyFileSync(cached, work);
  const db = openDatabase(work);
  migrateDatabase(db);
  const leader = db.$client
    .prepare("SELECT id FROM users WHERE email = 'leader@demo.citypilot.vn'")
    .get() as {
    id: number;
  };
  const cookie = `${SESSION_COOKIE}=${createSession(db, leader.id).token}`;
  for (const kind of ["province", "ministry"]) {
    const rows = db.$client
      .prepare(
        `SELECT o.id FROM organisations o WHERE o.kind = ? AND o.valid_to IS NULL
          ORDER BY (SELECT COUNT(*) FROM projects p WHERE p.organisation_id = o.id) DESC LIMIT 2`,
      )
      .all(kind) as { id: number }[];
    fetchIds.set(
      kind,
      rows.map((r) => r.id),
    );
  }
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();

  const port = await freePort();
  const server = await startServer(work, port, { CITYPILOT_BUILD_DIR: o.buildDir });
  const base = `http://127.0.0.1:${port}`;
  try {
    // The first request computes the facts (as the first request after a write would).
    const t0 = performance.now();
    const first = await fetch(`${base}${o.urls[0]}`, { headers: { Cookie: cookie } });
    const firstMs = performance.now() - t0;
    if (first.status !== 200) throw new Error(`${o.urls[0]} answered ${first.status} (expected 200)`);
    await first.text();
    console.log(
      `\nDashboard load test — scale-10 demo database, production build (${o.buildDir}), ${o.connections} connections, ${o.duration} s each`,
    );
    console.log(`first request (facts computed): ${firstMs.toFixed(0)} ms`);
    for (const url of o.urls) {
      const latencies: number[] = [];
      const statuses = new Map<number, number>();
      const instance = autocannon({
        url: `${base}${url}`,
        connections: o.connections,
        duration: o.duration,
        headers: { Cookie: cookie, "Accept-Encoding": "gzip" },
      });
      instance.on(
        "response",
        (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
          latencies.push(responseTime);
          statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
        },
      );
      const result = await instance;
      latencies.sort((a, b) => a - b);
      console.log(
        `${url}: ${latencies.length} requests (${(result.requests.average ?? 0).toFixed(1)}/s), statuses ${[
          ...statuses,
        ]
          .map(([s, n]) => `${s}×${n}`)
          .join(
            ", ",
          )}, errors ${result.errors}, timeouts ${result.timeouts}; latency ms p50 ${percentile(latencies, 0.5).toFixed(1)}  p95 ${percentile(latencies, 0.95).toFixed(1)}  p99 ${percentile(latencies, 0.99).toFixed(1)}  max ${latencies.at(-1)?.toFixed(1)}`,
      );
    }
    if (o.users > 0) await usersRun(base, cookie, o);
    console.log(
      `node ${process.version}, ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
  } finally {
    await stopServer(server);
    await new Promise((r) => setTimeout(r, 500));
    for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
  }
}

/** Views a leader opens, as page loads (HTML) and as client navigations (the loader's answer). */
function leaderViews(): string[] {
  const views = [
    "/dashboard",
    "/dashboard?region=northern-midlands-mountains",
    "/dashboard?region=mekong-delta",
    "/dashboard?source=central_budget",
    "/dashboard?year=2025",
    "/dashboard?year=2026&source=local_budget",
  ];
  const pick = (sql: string) => (fetchIds.get(sql) ?? []).slice(0, 2);
  for (const id of pick("province")) views.push(`/dashboard/provinces/${id}`);
  for (const id of pick("ministry")) views.push(`/dashboard/ministries/${id}`);
  // A page load, and the same view as a client-side navigation asks for it (`path.data?query`).
  return views.flatMap((v) => {
    const [pathname, query] = v.split("?");
    return [v, `${pathname}.data${query ? `?${query}` : ""}`];
  });
}

/** Province and ministry ids for the scoped views (read before the server starts). */
const fetchIds = new Map<string, number[]>();

async function usersRun(base: string, cookie: string, o: Options): Promise<void> {
  const views = leaderViews();
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const until = performance.now() + o.duration * 1000;
  const user = async (u: number) => {
    let k = u;
    // Start spread over one think time, as people do not all click at once.
    await new Promise((r) => setTimeout(r, Math.random() * o.think));
    while (performance.now() < until) {
      const url = views[k++ % views.length]!;
      const t0 = performance.now();
      const res = await fetch(`${base}${url}`, { headers: { Cookie: cookie, "Accept-Encoding": "gzip" } });
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, o.think * (0.5 + Math.random())));
    }
  };
  await Promise.all(Array.from({ length: o.users }, (_, u) => user(u)));
  latencies.sort((a, b) => a - b);
  console.log(
    `${o.users} users, think ${o.think} ms, ${views.length} views (pages and loader answers): ${latencies.length} requests (${(latencies.length / o.duration).toFixed(1)}/s), statuses ${[
      ...statuses,
    ]
      .map(([s, n]) => `${s}×${n}`)
      .join(
        ", ",
      )}; latency ms p50 ${percentile(latencies, 0.5).toFixed(1)}  p95 ${percentile(latencies, 0.95).toFixed(1)}  p99 ${percentile(latencies, 0.99).toFixed(1)}  max ${latencies.at(-1)?.toFixed(1)}`,
  );
}

await main();
