/**
 * The production server as `npm run serve` runs it, for the benches that
 * drive it over HTTP (bench:load, bench:dashboard, bench:faults): build
 * into a bench build directory when the sources are newer, start plain node
 * on the bundled entry (ADR 0013), find the process that actually listens
 * (what kill -9 and the RSS readings must hit, whatever wrappers sit above
 * it), stop it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The default bench build directory (bench:load and bench:faults share it). */
export const BUILD_DIR = "build-load";
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

// ---------------------------------------------------------------------------
// The server as `npm run serve` runs it.

/**
 * How `npm run serve` starts the server, without the npm and cross-env
 * wrappers (the environment they set is passed by startServer): plain node on
 * the bundled entry when package.json's serve script runs server/serve.mjs
 * (`npm run build` bundles <build>/server-entry.mjs, ADR 0013); otherwise
 * the TypeScript entry through tsx, as serve did before.
 */
export function serveCommand(): { args: string[]; bundled: boolean; label: string } {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const serve = pkg.scripts.serve ?? "";
  if (serve.includes("server/serve.mjs"))
    return { args: ["server/serve.mjs"], bundled: true, label: "node server/serve.mjs" };
  return {
    args: ["--import", "tsx", "server/index.ts"],
    bundled: false,
    label: "node --import tsx server/index.ts",
  };
}

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  if (fs.statSync(target).isFile()) return fs.statSync(target).mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** `npm run build` into build-load/ when the build is missing or older than the sources. */
export function ensureServeBuild(
  log: (line: string) => void,
  { rebuild = false, buildDir = BUILD_DIR }: { rebuild?: boolean; buildDir?: string } = {},
): void {
  const { bundled } = serveCommand();
  const outputs = ["server/index.js", ...(bundled ? ["server-entry.mjs"] : [])].map((f) =>
    path.join(ROOT, buildDir, f),
  );
  const built = Math.min(...outputs.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
  const sources = Math.max(
    ...["app", "db", "seeds", "package-lock.json", ...(bundled ? ["server", "scripts/build-server.ts"] : [])].map((p) =>
      newestMtime(path.join(ROOT, p)),
    ),
  );
  if (!rebuild && built > sources) return log(`Using the build in ${buildDir}/`);
  log(`Building the app into ${buildDir}/ (npm run build) …`);
  const r = spawnSync(npm, ["run", "--silent", "build"], {
    cwd: ROOT,
    env: { ...process.env, CITYPILOT_BUILD_DIR: buildDir, NODE_ENV: "production" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Inodes of the sockets listening on `port` (/proc/net/tcp{,6}: state 0A = LISTEN). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = fs.readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== "0A") continue;
      if (parseInt(cols[1]!.split(":")[1]!, 16) === port) inodes.add(cols[9]!);
    }
  }
  return inodes;
}

/** `root` and its descendants (from the parent ids in /proc/<pid>/stat). */
function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      /* gone */
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++)
    for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

/** The process under `root` that holds the socket listening on `port`. */
function listeningPid(root: number, port: number): number | null {
  const inodes = listeningInodes(port);
  for (const pid of processTree(root)) {
    let fds: string[] = [];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return pid;
      } catch {
        /* closed meanwhile */
      }
    }
  }
  return null;
}

export interface Server {
  base: string;
  port: number;
  child: ChildProcess;
  /** The process that listens (and holds the database): what kill -9 hits. */
  pid: number;
  startMs: number;
  stderr: () => string;
}

export async function startServer(
  dbFile: string,
  port: number,
  extraEnv: Record<string, string> = {},
): Promise<Server> {
  const started = performance.now();
  // BENCH_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") go to the server's node.
  const flags = (process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...flags, ...serveCommand().args], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_PATH: dbFile,
      PORT: String(port),
      HOST: "127.0.0.1",
      CITYPILOT_BUILD_DIR: BUILD_DIR,
      COOKIE_SECURE: "false",
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true, // its own process group, so cleanup reaches any wrapper too
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}): ${stderr}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) {
        const pid = listeningPid(child.pid!, port);
        if (pid === null) throw new Error(`no process under ${child.pid} listens on ${port}`);
        return { base, port, child, pid, startMs: performance.now() - started, stderr: () => stderr };
      }
    } catch (e) {
      if (e instanceof Error && e.message.startsWith("no process")) throw e;
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await stopServer({ child } as Server, "SIGKILL");
  throw new Error(`the server did not answer /healthz in 90 s: ${stderr}`);
}

/** SIGKILL the listening process (kill -9), then wait until the whole tree we spawned is gone. */
export async function killServer(server: Server): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once("exit", () => resolve());
  });
  try {
    process.kill(server.pid, "SIGKILL");
  } catch {
    /* already gone */
  }
  await exited;
  await stopServer(server, "SIGKILL"); // wrappers, if any, follow their child; make sure
}

/** Stop the process group we started (SIGTERM: the server closes the database cleanly). */
export async function stopServer(server: Pick<Server, "child">, signal: NodeJS.Signals = "SIGTERM") {
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* gone */
    }
    await exited;
  }
  try {
    process.kill(-child.pid!, "SIGKILL"); // anything left in the group
  } catch {
    /* none */
  }
}
