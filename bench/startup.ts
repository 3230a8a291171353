/**
 * npm run bench:startup [-- --db FILE --runs 3]   (tsx bench/startup.ts)
 *
 * Cold start and memory of the production server on a copy of the scale-10
 * demo database (bench/.data/scale10.sqlite), using the build in build-load/
 * (made by `npm run bench:load`):
 *  - prepare:    `tsx scripts/prepare-db.ts` (migrations check) wall time
 *  - cold start: spawn of `node --import tsx server/index.ts` → first 200 on /healthz
 *  - first page: the first signed-in GET / after start (caches empty)
 *  - RSS:        idle after start, and after one visit of each main page
 *                (/, /strategy, /projects, /organisations, /dashboard, /flags, /plans)
 * Each run starts the server twice: as `npm run serve` does (`node --import
 * tsx server/index.ts`: TypeScript compiled at start) and as plain node on
 * server/index.ts bundled ahead of time with esbuild (build-load/server-entry.mjs),
 * to show what the runtime compiler costs. Median of --runs starts.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrateDatabase, openDatabase } from "../db/client.server";
import { createSession } from "../app/auth/session.server";
import { SESSION_COOKIE } from "../app/auth/token";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUILD_DIR = "build-load";
const VARIANTS = {
  tsx: ["--import", "tsx", "server/index.ts"],
  "plain node": [`${BUILD_DIR}/server-entry.mjs`],
} as const;
type Variant = keyof typeof VARIANTS;
const PAGES = ["/", "/strategy", "/projects", "/organisations", "/dashboard", "/flags", "/plans"];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1]! : fallback;
}

const rss = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const db = path.resolve(arg("--db", path.join(ROOT, "bench/.data/scale10.sqlite")));
  const runs = Number(arg("--runs", "3"));
  if (!fs.existsSync(path.join(ROOT, BUILD_DIR, "server/index.js"))) {
    throw new Error(
      `No build in ${BUILD_DIR}/: run \`npm run bench:load\` once (or CITYPILOT_BUILD_DIR=${BUILD_DIR} npm run build)`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "citypilot-startup-"));
  const file = path.join(dir, "startup.sqlite");
  try {
    const source = openDatabase(db);
    source.$client.prepare("VACUUM INTO ?").run(file);
    source.$client.close();
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
      `Database: copy of ${db} (${(fs.statSync(file).size / 1024 / 1024).toFixed(0)} MB); build ${BUILD_DIR}/; ${runs} runs`,
    );

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production" as const,
      DATABASE_PATH: file,
      CITYPILOT_BUILD_DIR: BUILD_DIR,
      COOKIE_SECURE: "false",
    };
    const bundled = spawnSync(
      path.join(ROOT, "node_modules/.bin/esbuild"),
      [
        "server/index.ts",
        "--bundle",
        "--platform=node",
        "--format=esm",
        "--packages=external",
        `--outfile=${BUILD_DIR}/server-entry.mjs`,
        "--log-level=warning",
      ],
      { cwd: ROOT, stdio: "inherit" },
    );
    if (bundled.status !== 0) throw new Error("esbuild of server/index.ts failed");
    const results: {
      variant: Variant;
      prepare: number;
      start: number;
      first: number;
      idle: number;
      warm: number;
      pages: string;
    }[] = [];
    for (let r = 0; r < runs * 2; r++) {
      const variant: Variant = r % 2 === 0 ? "tsx" : "plain node";
      let t = performance.now();
      spawnSync(process.execPath, ["--import", "tsx", "scripts/prepare-db.ts"], {
        cwd: ROOT,
        env,
        stdio: "ignore",
      });
      const prepare = performance.now() - t;
      const port = await freePort();
      t = performance.now();
      const child: ChildProcess = spawn(process.execPath, [...VARIANTS[variant]], {
        cwd: ROOT,
        env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
        stdio: "ignore",
      });
      try {
        const base = `http://127.0.0.1:${port}`;
        for (;;) {
          try {
            if ((await fetch(`${base}/healthz`)).ok) break;
          } catch {
            /* not listening yet */
          }
          if (performance.now() - t > 60_000) throw new Error("server did not start");
          await new Promise((res) => setTimeout(res, 20));
        }
        const start = performance.now() - t;
        const idle = rss(child.pid!);
        t = performance.now();
        await (await fetch(`${base}/`, { headers: { Cookie: cookie } })).text();
        const first = performance.now() - t;
        const times: string[] = [];
        for (const p of PAGES) {
          const s = performance.now();
          const res = await fetch(`${base}${p}`, { headers: { Cookie: cookie } });
          await res.text();
          times.push(`${p} ${res.status} ${Math.round(performance.now() - s)} ms`);
        }
        results.push({
          variant,
          prepare,
          start,
          first,
          idle,
          warm: rss(child.pid!),
          pages: times.join(", "),
        });
      } finally {
        child.kill("SIGKILL");
      }
    }
    for (const r of results) {
      console.log(
        `${r.variant.padEnd(10)} prepare-db ${r.prepare.toFixed(0)} ms, cold start ${r.start.toFixed(0)} ms, ` +
          `first GET / ${r.first.toFixed(0)} ms, RSS idle ${r.idle.toFixed(0)} MB, after the main pages ${r.warm.toFixed(0)} MB`,
      );
      console.log(`           first visits: ${r.pages}`);
    }
    for (const variant of Object.keys(VARIANTS) as Variant[]) {
      const mine = results.filter((r) => r.variant === variant);
      console.log(
        `median ${variant}: cold start ${median(mine.map((r) => r.start)).toFixed(0)} ms ` +
          `(+ prepare-db ${median(mine.map((r) => r.prepare)).toFixed(0)} ms), RSS idle ${median(mine.map((r) => r.idle)).toFixed(0)} MB, ` +
          `after the main pages ${median(mine.map((r) => r.warm)).toFixed(0)} MB`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
