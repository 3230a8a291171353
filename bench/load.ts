/**
 * npm run bench:load [-- --duration 60 --connections 50 --rebuild --db FILE --dashboard /,/strategy]
 *
 * Load test of the production app: builds it (`npm run build` into build-load/,
 * only when missing or older than the sources, or with --rebuild), starts it
 * as `npm run serve` does (bench/server-process.ts) on a COPY of the scale-10 demo database
 * (bench/.data/scale10.sqlite, built by `npm run bench`), and drives N
 * concurrent clients for D seconds, each signed in as one of several users
 * (coordinator, three planners, leader), with a mix of
 *   dashboard  45%  /dashboard when it exists, else / and /strategy (--dashboard: a comma-separated list)
 *   register   30%  /projects?… and /organisations?… queries
 *   edit       10%  GET /projects/:code/edit, POST it back with the version it read
 *   entry      15%  POST /projects/:code/transactions (a commitment with a unique reference)
 * (--write-share F sets edit + entry to F, default 0.25; --no-build uses build-load/ as it is;
 * --think MS makes each client pause ~MS between requests, like a person reading: the default 0
 * sends them back to back, a stress test of 50 clients on the one event loop.)
 * Prints p50/p95/p99/max per kind, status counts, 5xx, the server's peak
 * RSS, and the lost-write check: every acknowledged transaction is in the
 * database exactly once, every acknowledged edit moved its project's version
 * exactly once (with one audit event each). Exit 1 on a 5xx or a lost write.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrateDatabase, openDatabase } from "../db/client.server";
import { createSession } from "../app/auth/session.server";
import { SESSION_COOKIE } from "../app/auth/token";
import { entryForm, formFields } from "./load-forms";
import {
  BUILD_DIR,
  ensureServeBuild,
  freePort,
  serveCommand,
  startServer,
  stopServer,
  type Server,
} from "./server-process";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
type Kind = "dashboard" | "register" | "edit" | "entry";

interface Options {
  duration: number;
  connections: number;
  rebuild: boolean;
  db: string;
  dashboard: string[] | null;
  build: boolean;
  writeShare: number;
  /** Mean pause between a client's requests (ms, uniformly 0.5–1.5×); 0 = back to back. */
  think: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    duration: 60,
    connections: 50,
    rebuild: false,
    db: path.join(ROOT, "bench/.data/scale10.sqlite"),
    dashboard: null,
    build: true,
    writeShare: 0.25,
    think: 0,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.includes("=") ? argv[i]!.split("=", 2) : [argv[i]!, undefined];
    const value = () => inline ?? argv[++i]!;
    if (flag === "--duration") o.duration = Number(value());
    else if (flag === "--connections") o.connections = Number(value());
    else if (flag === "--rebuild") o.rebuild = true;
    else if (flag === "--db") o.db = path.resolve(value());
    else if (flag === "--dashboard") o.dashboard = value().split(",").filter(Boolean);
    else if (flag === "--no-build") o.build = false;
    else if (flag === "--write-share") o.writeShare = Number(value());
    else if (flag === "--think") o.think = Number(value());
    else throw new Error(`Unknown argument ${argv[i]}`);
  }
  if (!(o.duration > 0) || !(o.connections > 0)) {
    throw new Error(
      "Usage: npm run bench:load -- [--duration S] [--connections N] [--rebuild] [--db FILE] [--dashboard PATHS]",
    );
  }
  return o;
}

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(o.db))
    throw new Error(`No database at ${o.db}: run \`npm run bench\` once (it builds the cache)`);
  if (o.build) ensureServeBuild(console.log, { rebuild: o.rebuild });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "citypilot-load-"));
  const file = path.join(dir, "load.sqlite");
  let server: Server | undefined;
  try {
    // A copy, brought up to the current migrations; sessions made directly (no argon2 in the measurement).
    const source = openDatabase(o.db);
    source.$client.prepare("VACUUM INTO ?").run(file);
    source.$client.close();
    const db = openDatabase(file);
    migrateDatabase(db);
    const c = db.$client;
    const userId = (email: string) =>
      (c.prepare("SELECT id FROM users WHERE email = ?").get(`${email}@demo.citypilot.vn`) as { id: number })
        .id;
    const orgOf = (code: string) =>
      (c.prepare("SELECT id FROM organisations WHERE code = ?").get(code) as { id: number }).id;
    const projectsOf = (orgCode: string | null, limit: number) =>
      c
        .prepare(
          `SELECT p.code, MIN(b.id) AS lineId FROM projects p JOIN budget_lines b ON b.project_id = p.id
              LEFT JOIN plans pl ON pl.id = p.plan_id
              WHERE p.phase NOT IN ('cancelled') AND (pl.id IS NULL OR pl.status IN ('draft', 'returned'))
                ${orgCode ? "AND p.organisation_id = ?" : ""}
              GROUP BY p.id ORDER BY p.id LIMIT ${limit}`,
        )
        .all(...(orgCode ? [orgOf(orgCode)] : [])) as { code: string; lineId: number }[];
    const users = [
      { who: "coordinator", projects: projectsOf(null, 40) },
      { who: "planner.hcm", projects: projectsOf("P-HCM", 20) },
      { who: "planner.laichau", projects: projectsOf("P-LCU", 20) },
      { who: "planner.most", projects: projectsOf("M-MOST", 20) },
      { who: "leader", projects: [] },
    ].map((u) => ({ ...u, cookie: `${SESSION_COOKIE}=${createSession(db, userId(u.who)).token}` }));
    const versionsBefore = new Map(
      (c.prepare("SELECT code, version FROM projects").all() as { code: string; version: number }[]).map(
        (r) => [r.code, r.version],
      ),
    );
    const auditBefore = (
      c.prepare("SELECT COALESCE(MAX(id), 0) AS id FROM audit_events").get() as { id: number }
    ).id;
    c.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = await startServer(file, port);
    console.log(
      `Server (${serveCommand().label}, ${BUILD_DIR}/) up in ${Math.round(server.startMs)} ms on ${base} (production, copy of ${o.db})`,
    );

    const hasDashboard =
      !o.dashboard &&
      (await fetch(`${base}/dashboard`, { headers: { Cookie: users[0]!.cookie }, redirect: "manual" }))
        .status === 200;
    const dashboardPaths = o.dashboard ?? (hasDashboard ? ["/dashboard"] : ["/", "/strategy"]);
    const registerPaths = [
      "/projects?size=25",
      "/projects?q=camera&size=25",
      "/projects?phase=pilot&sort=approved&dir=desc",
      "/projects?domain=transport&page=3",
      "/organisations?kind=province",
      "/organisations?q=h%C3%A0&size=50",
    ];

    const latencies: Record<Kind, number[]> = { dashboard: [], register: [], edit: [], entry: [] };
    const statuses: Record<Kind, Map<number, number>> = {
      dashboard: new Map(),
      register: new Map(),
      edit: new Map(),
      entry: new Map(),
    };
    const ackedRefs: string[] = [];
    const ackedEdits = new Map<string, number>();
    let conflicts = 0;
    let errors5xx = 0;
    let networkErrors = 0;
    let seq = 0;
    const today = new Date().toISOString().slice(0, 10);
    const headers = (cookie: string, extra: Record<string, string> = {}) => ({
      Cookie: cookie,
      Origin: base,
      ...extra,
    });
    const record = (kind: Kind, status: number, ms: number) => {
      latencies[kind].push(ms);
      statuses[kind].set(status, (statuses[kind].get(status) ?? 0) + 1);
      if (status >= 500) errors5xx++;
    };
    const timed = async (kind: Kind, url: string, init: RequestInit) => {
      const t = performance.now();
      const res = await fetch(url, { ...init, redirect: "manual" });
      const body = await res.text();
      record(kind, res.status, performance.now() - t);
      return { res, body };
    };

    const listening = server.pid;
    let peakRss = rssOf(listening);
    const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssOf(listening))), 250);
    const end = performance.now() + o.duration * 1000;
    const client = async (n: number) => {
      const user = users[n % users.length]!;
      while (performance.now() < end) {
        const roll = Math.random();
        // Reads split 60/40 between dashboard and register; writes 40/60 between edits and entries.
        const reads = 1 - o.writeShare;
        const kind: Kind =
          user.projects.length === 0 || roll < reads
            ? Math.random() < 0.6
              ? "dashboard"
              : "register"
            : roll < reads + o.writeShare * 0.4
              ? "edit"
              : "entry";
        try {
          if (kind === "dashboard" || kind === "register") {
            const list = kind === "dashboard" ? dashboardPaths : registerPaths;
            await timed(kind, base + list[Math.floor(Math.random() * list.length)]!, {
              headers: headers(user.cookie),
            });
          } else {
            const project = user.projects[Math.floor(Math.random() * user.projects.length)]!;
            if (kind === "edit") {
              const t = performance.now();
              const page = await fetch(`${base}/projects/${project.code}/edit`, {
                headers: headers(user.cookie),
              });
              const html = await page.text();
              if (page.status !== 200) {
                record("edit", page.status, performance.now() - t);
                continue;
              }
              const fields = formFields(html, "project-form");
              if (fields.length === 0) throw new Error(`no edit form on /projects/${project.code}/edit`);
              const form = new URLSearchParams(fields);
              const note = `load ${++seq}`;
              const key =
                [...form.keys()].find((k) => /description/i.test(k) && /vi/i.test(k)) ??
                [...form.keys()].find((k) => /description/i.test(k));
              if (key) form.set(key, `${(form.get(key) ?? "").replace(/ \[load \d+\]$/, "")} [${note}]`);
              const res = await fetch(`${base}/projects/${project.code}/edit`, {
                method: "POST",
                headers: headers(user.cookie, { "Content-Type": "application/x-www-form-urlencoded" }),
                body: form,
                redirect: "manual",
              });
              await res.text();
              record("edit", res.status, performance.now() - t);
              if (res.status >= 300 && res.status < 400)
                ackedEdits.set(project.code, (ackedEdits.get(project.code) ?? 0) + 1);
              else if (res.status === 409) conflicts++;
            } else {
              const ref = `LOAD-${process.pid}-${++seq}`;
              const form = entryForm({
                budgetLineId: project.lineId,
                date: today,
                amount: 1000 + (seq % 1000),
                documentRef: ref,
                overrideReason: "load test",
              });
              const { res } = await timed("entry", `${base}/projects/${project.code}/transactions`, {
                method: "POST",
                headers: headers(user.cookie, { "Content-Type": "application/x-www-form-urlencoded" }),
                body: form,
              });
              if (res.status >= 300 && res.status < 400) ackedRefs.push(ref);
            }
          }
        } catch (e) {
          networkErrors++;
          if (networkErrors <= 3) console.error(`client error: ${(e as Error).message}`);
        }
        if (o.think > 0) await new Promise((r) => setTimeout(r, o.think * (0.5 + Math.random())));
      }
    };
    console.log(
      `Driving ${o.connections} clients${o.think > 0 ? ` (think ${o.think} ms)` : " (back to back)"} for ${o.duration} s as ${users.map((u) => u.who).join(", ")}; dashboard = ${dashboardPaths.join(" + ")}`,
    );
    await Promise.all(Array.from({ length: o.connections }, (_, i) => client(i)));
    clearInterval(rssTimer);

    console.log("\nkind        requests    rps   p50 ms   p95 ms   p99 ms   max ms  statuses");
    let total = 0;
    for (const kind of Object.keys(latencies) as Kind[]) {
      const sorted = latencies[kind].slice().sort((a, b) => a - b);
      total += sorted.length;
      const f = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : "-").padStart(8);
      console.log(
        `${kind.padEnd(10)} ${String(sorted.length).padStart(9)} ${(sorted.length / o.duration).toFixed(1).padStart(6)} ` +
          `${f(percentile(sorted, 50))} ${f(percentile(sorted, 95))} ${f(percentile(sorted, 99))} ${f(sorted.at(-1) ?? NaN)}  ` +
          JSON.stringify(Object.fromEntries([...statuses[kind]].sort((a, b) => a[0] - b[0]))),
      );
    }
    console.log(
      `total ${total} requests (${(total / o.duration).toFixed(1)}/s); 5xx: ${errors5xx}; network errors: ${networkErrors}; ` +
        `edit conflicts refused (409, stale version): ${conflicts}; server peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
    );

    // Lost-write check, with the server stopped.
    await stopServer(server);
    server = undefined;
    const after = openDatabase(file);
    const ac = after.$client;
    const refs = ac
      .prepare(
        "SELECT document_ref AS ref, COUNT(*) AS n FROM transactions WHERE document_ref LIKE 'LOAD-%' GROUP BY document_ref",
      )
      .all() as { ref: string; n: number }[];
    const counts = new Map(refs.map((r) => [r.ref, r.n]));
    const lostTx = ackedRefs.filter((r) => !counts.has(r));
    const doubledTx = ackedRefs.filter((r) => (counts.get(r) ?? 0) > 1);
    let lostEdits = 0;
    for (const [code, n] of ackedEdits) {
      const v = (ac.prepare("SELECT version FROM projects WHERE code = ?").get(code) as { version: number })
        .version;
      if (v - versionsBefore.get(code)! !== n) lostEdits += Math.abs(v - versionsBefore.get(code)! - n);
    }
    const auditedEdits = (
      ac
        .prepare("SELECT COUNT(*) AS n FROM audit_events WHERE id > ? AND action = 'project.update'")
        .get(auditBefore) as { n: number }
    ).n;
    const ackedEditCount = [...ackedEdits.values()].reduce((a, b) => a + b, 0);
    const integrity = ac.pragma("quick_check", { simple: true });
    after.$client.close();
    console.log(
      `lost-write check: ${ackedRefs.length} acknowledged transactions — missing ${lostTx.length}, duplicated ${doubledTx.length}; ` +
        `${ackedEditCount} acknowledged edits — version moves that do not match ${lostEdits}, audit events ${auditedEdits}; quick_check ${integrity}`,
    );
    const ok =
      errors5xx === 0 &&
      lostTx.length === 0 &&
      doubledTx.length === 0 &&
      lostEdits === 0 &&
      integrity === "ok";
    console.log(ok ? "PASS" : "FAIL");
    process.exitCode = ok ? 0 : 1;
  } finally {
    if (server) await stopServer(server, "SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
