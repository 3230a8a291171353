/**
 * npx tsx bench/startup.ts [-- --db FILE --runs 3 --build-dir build-startup --rebuild --no-tsx]
 *
 * Cold start and memory of the production server as `npm run serve` runs it,
 * on a copy of the scale-10 demo database (bench/.data/scale10.sqlite, made by
 * `npm run bench`; opened read-only, never changed). Builds the app with
 * `npm run build` into --build-dir (default build-startup/) when it is missing
 * or older than the sources, or with --rebuild.
 *
 * Measured per start:
 *  - cold start: spawn → first 200 on /healthz (the server migrates the
 *    database in-process before it listens, so this includes that check)
 *  - first page: the first signed-in GET / after start (caches empty)
 *  - RSS of the server process: idle after start, and after one visit of each
 *    main page (/, /strategy, /projects, /organisations, /dashboard, /flags, /plans)
 *
 * Variants, taken in turn, median of --runs starts each:
 *  - `npm run serve`: what a user runs (npm → cross-env → node server/serve.mjs
 *    → <build>/server-entry.mjs, the esbuild bundle of server/index.ts)
 *  - `node server/serve.mjs`: the same server without the npm and cross-env
 *    wrappers (how a service manager would start it)
 *  - `tsx server/index.ts`: the TypeScript source through tsx, as `npm run serve`
 *    ran it before ADR 0013, for comparison (--no-tsx leaves it out)
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { migrateDatabase, openDatabase } from "../db/client.server";
import { createSession } from "../app/auth/session.server";
import { SESSION_COOKIE } from "../app/auth/token";
import { ensureServeBuild, freePort } from "./server-process";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PAGES = ["/", "/strategy", "/projects", "/organisations", "/dashboard", "/flags", "/plans"];
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const VARIANTS = {
  "npm run serve": { command: npm, args: ["run", "--silent", "serve"] },
  "node server/serve.mjs": { command: process.execPath, args: ["server/serve.mjs"] },
  "tsx server/index.ts": { command: process.execPath, args: ["--import", "tsx", "server/index.ts"] },
} as const;
type Variant = keyof typeof VARIANTS;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1]! : fallback;
}
const flag = (name: string) => process.argv.includes(name);

const rssOf = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
};

/** The server process under `pid` (npm and cross-env wrap it): the descendant running our entry. */
function serverPid(pid: number): number {
  const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
  if (/serve\.mjs|server-entry\.mjs|server\/index\.ts/.test(cmdline) && !/cross-env|npm/.test(cmdline))
    return pid;
  let children: number[] = [];
  try {
    children = fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    /* gone */
  }
  for (const child of children) {
    const found = serverPid(child);
    if (found > 0) return found;
  }
  return -1;
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    try {
      process.kill(-child.pid!, "SIGKILL"); // its own process group: npm, cross-env and node together
    } catch {
      resolve();
    }
  });
}

async function main() {
  const source = path.resolve(arg("--db", path.join(ROOT, "bench/.data/scale10.sqlite")));
  const runs = Number(arg("--runs", "3"));
  const buildDir = arg("--build-dir", "build-startup");
  const variants = (Object.keys(VARIANTS) as Variant[]).filter(
    (v) => !(flag("--no-tsx") && v.startsWith("tsx")),
  );
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}: run \`npm run bench\` once`);
  ensureServeBuild(console.log, { rebuild: flag("--rebuild"), buildDir });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "citypilot-startup-"));
  const file = path.join(dir, "startup.sqlite");
  try {
    const original = new Database(source, { readonly: true, fileMustExist: true });
    original.prepare("VACUUM INTO ?").run(file);
    original.close();
    const copy = openDatabase(file);
    migrateDatabase(copy);
    const id = (
      copy.$client.prepare("SELECT id FROM users WHERE email = 'coordinator@demo.citypilot.vn'").get() as {
        id: number;
      }
    ).id;
    const cookie = `${SESSION_COOKIE}=${createSession(copy, id).token}`;
    copy.$client.pragma("wal_checkpoint(TRUNCATE)");
    copy.$client.close();
    console.log(
      `Database: copy of ${source} (${(fs.statSync(file).size / 1024 / 1024).toFixed(0)} MB); build ${buildDir}/; ` +
        `${runs} runs of ${variants.join(", ")}; node ${process.version}, ${os.cpus().length} CPUs, load ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(" ")}`,
    );

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_PATH: file,
      CITYPILOT_BUILD_DIR: buildDir,
      COOKIE_SECURE: "false",
    };
    const results: {
      variant: Variant;
      start: number;
      first: number;
      idle: number;
      warm: number;
      pages: string;
    }[] = [];
    for (let r = 0; r < runs * variants.length; r++) {
      const variant = variants[r % variants.length]!;
      const port = await freePort();
      const t = performance.now();
      const child: ChildProcess = spawn(VARIANTS[variant].command, [...VARIANTS[variant].args], {
        cwd: ROOT,
        env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
        stdio: "ignore",
        detached: true,
      });
      try {
        const base = `http://127.0.0.1:${port}`;
        for (;;) {
          try {
            if ((await fetch(`${base}/healthz`)).ok) break;
          } catch {
            /* not listening yet */
          }
          if (child.exitCode !== null) throw new Error(`${variant} exited with ${child.exitCode}`);
          if (performance.now() - t > 60_000) throw new Error(`${variant} did not start`);
          await new Promise((res) => setTimeout(res, 10));
        }
        const start = performance.now() - t;
        const pid = serverPid(child.pid!);
        const idle = rssOf(pid);
        const first = performance.now();
        await (await fetch(`${base}/`, { headers: { Cookie: cookie } })).text();
        const firstMs = performance.now() - first;
        const times: string[] = [];
        for (const p of PAGES) {
          const s = performance.now();
          const res = await fetch(`${base}${p}`, { headers: { Cookie: cookie } });
          await res.text();
          times.push(`${p} ${res.status} ${Math.round(performance.now() - s)} ms`);
        }
        results.push({ variant, start, first: firstMs, idle, warm: rssOf(pid), pages: times.join(", ") });
      } finally {
        await stop(child);
      }
    }
    for (const r of results) {
      console.log(
        `${r.variant.padEnd(22)} cold start ${r.start.toFixed(0).padStart(5)} ms, first GET / ${r.first.toFixed(0)} ms, ` +
          `RSS idle ${r.idle.toFixed(0)} MB, after the main pages ${r.warm.toFixed(0)} MB`,
      );
      console.log(`${"".padEnd(22)} first visits: ${r.pages}`);
    }
    for (const variant of variants) {
      const mine = results.filter((r) => r.variant === variant);
      const starts = mine.map((r) => r.start);
      console.log(
        `median ${variant}: cold start ${median(starts).toFixed(0)} ms (min ${Math.min(...starts).toFixed(0)}, ` +
          `max ${Math.max(...starts).toFixed(0)}), RSS idle ${median(mine.map((r) => r.idle)).toFixed(0)} MB, ` +
          `after the main pages ${median(mine.map((r) => r.warm)).toFixed(0)} MB`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
