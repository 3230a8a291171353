/**
 * E2E global setup: build the app if there is no build, create a fresh SQLite
 * database in a temp directory, migrate and seed it (small scale, fixed seed),
 * start the production server on a free port and wait for /healthz. The base
 * URL is handed to the tests with `provide("baseURL")`; teardown stops the
 * server and deletes the temp directory.
 *
 * Environment knobs (all optional):
 *   E2E_REBUILD=0|1          never / always build (default: build when build/ or its bundled
 *                            server entry is missing, or older than a source file under app/,
 *                            db/, server/, seeds/, the build scripts or the Vite/Remix config)
 *   E2E_PORT=3310            first port to try
 *   E2E_SEED_ARGS="..."      arguments for `npm run db:seed --` (default: --scale 0.1 --seed 7)
 *   E2E_DATABASE_PATH=file   copy this database instead of migrating and seeding
 *   E2E_KEEP=1               keep the temp directory (database, server log) after the run
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    serverLogPath: string;
  }
}

const root = path.resolve(import.meta.dirname, "../..");

function log(message: string) {
  console.log(`[e2e] ${message}`);
}

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env, encoding: "utf8", stdio: "pipe" });
  if (result.status !== 0) {
    throw new Error(
      `[e2e] ${label} failed (exit ${result.status ?? result.signal}):\n${result.stdout ?? ""}\n${result.stderr ?? ""}`,
    );
  }
  log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function freePort(first: number): Promise<number> {
  for (let port = first; port < first + 100; port++) {
    if (await portIsFree(port)) return port;
  }
  throw new Error(`[e2e] no free port in ${first}..${first + 99}`);
}

async function waitForHealthy(url: string, server: ChildProcess, logPath: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(
        `[e2e] server exited (${server.exitCode ?? server.signalCode}) before it was healthy:\n${tail(logPath)}`,
      );
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      lastError = `status ${res.status}`;
    } catch (error) {
      lastError = String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`[e2e] server not healthy after ${timeoutMs} ms (${lastError}):\n${tail(logPath)}`);
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no server log)";
  }
}

function stop(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null || server.pid === undefined) return resolve();
    const pid = server.pid;
    const hardKill = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, 5_000);
    server.once("exit", () => {
      clearTimeout(hardKill);
      resolve();
    });
    try {
      // The server runs in its own process group (detached): it and anything it started stop together.
      process.kill(-pid, "SIGTERM");
    } catch {
      clearTimeout(hardKill);
      resolve();
    }
  });
}

/** Newest modification time of the files under `dir` (recursively), 0 if none. */
function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  if (fs.statSync(dir).isFile()) return fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  if (process.env.E2E_REBUILD === "1") return true;
  if (process.env.E2E_REBUILD === "0") return false;
  // The Remix server build and the bundled Node entry (scripts/build-server.ts) that serves it.
  const outputs = ["server/index.js", "server-entry.mjs"].map((f) =>
    path.join(root, process.env.CITYPILOT_BUILD_DIR ?? "build", f),
  );
  if (!outputs.every((f) => fs.existsSync(f))) return true;
  const sources = Math.max(
    ...["app", "db", "public", "server", "seeds"].map((d) => newestMtime(path.join(root, d))),
    ...[
      "vite.config.ts",
      "remix.config.ts",
      "package-lock.json",
      "scripts/build-server.ts",
      "scripts/prepare-db.ts",
    ].map((f) => newestMtime(path.join(root, f))),
  );
  return sources > Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs));
}

/** Fresh database in `tmp` (migrated and seeded, or copied), then the production server on a free port. */
async function prepareAndStart(tmp: string) {
  const databasePath = path.join(tmp, "citypilot.sqlite");
  const serverLogPath = path.join(tmp, "server.log");
  // Every child (migrate, seed, server) uses the temp database, never the developer's data/ file.
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: databasePath };

  if (process.env.E2E_DATABASE_PATH) {
    for (const suffix of ["", "-wal"]) {
      const from = process.env.E2E_DATABASE_PATH + suffix;
      if (fs.existsSync(from)) fs.copyFileSync(from, databasePath + suffix);
    }
    log(`copied ${process.env.E2E_DATABASE_PATH}`);
  } else {
    run("migrate", "npm", ["run", "--silent", "db:migrate"], env);
    const seedArgs = (process.env.E2E_SEED_ARGS ?? "--scale 0.1 --seed 7").split(/\s+/).filter(Boolean);
    run(`seed ${seedArgs.join(" ")}`, "npm", ["run", "--silent", "db:seed", "--", ...seedArgs], env);
  }

  const port = await freePort(Number(process.env.E2E_PORT ?? 3310));
  const baseURL = `http://localhost:${port}`;
  const logFd = fs.openSync(serverLogPath, "a");
  // As `npm run serve` starts it: plain node on the bundled entry in the build directory.
  const server = spawn(process.execPath, ["server/serve.mjs"], {
    cwd: root,
    env: { ...env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", logFd, logFd],
    detached: true,
  });
  fs.closeSync(logFd);
  try {
    await waitForHealthy(baseURL, server, serverLogPath);
  } catch (error) {
    await stop(server);
    throw error;
  }
  return { server, baseURL, serverLogPath };
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  if (needsBuild()) {
    run("npm run build", "npm", ["run", "build"], { ...process.env, NODE_ENV: "production" });
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "citypilot-e2e-"));
  const cleanUp = () => {
    if (process.env.E2E_KEEP === "1") log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  };
  let ready: { server: ChildProcess; baseURL: string; serverLogPath: string };
  try {
    ready = await prepareAndStart(tmp);
  } catch (error) {
    cleanUp();
    throw error;
  }
  const { server, baseURL, serverLogPath } = ready;
  log(
    `server ready at ${baseURL} (pid ${server.pid}, log ${serverLogPath}) after ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  project.provide("baseURL", baseURL);
  project.provide("serverLogPath", serverLogPath);

  return async () => {
    await stop(server);
    cleanUp();
  };
}
