/**
 * Project register benchmark: the /projects loader (filter + sort + page, and
 * text search) beside the bare SQL of the same statements, on the cached
 * scale-10 demo database that `npm run bench` builds (bench/.data/).
 *
 *   npx tsx bench/register.ts [--db FILE] [--calls N] [--warmup N]
 *
 * `projectRegisterCases()` gives the same cases in the shape bench/run.ts
 * uses, so run.ts can time them next to its own. Prints figures; never fails
 * on a number.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { migrateDatabase, openDatabase, setDb, type Db } from "#db/client.server";
import { getCurrentUser } from "~/auth/guard.server";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import { parseProjectRegisterQuery } from "~/modules/projects/register";
import {
  registerScopeFor,
  registerSql,
  resolveFilters,
  type RegisterScope,
} from "~/modules/projects/register.server";
import { clampPage, limitOffset } from "~/modules/table/params";
import { todayIso } from "~/utils/today";
import { loader as registerLoader } from "~/routes/projects._index";

export interface RegisterBenchCase {
  name: string;
  loader: () => Promise<unknown>;
  /** The register's own statements (count + page), prepared once, through better-sqlite3. */
  sql: () => void;
  statements: number;
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

/** Filter + sort + page views, then text searches (as a leader or coordinator unless marked). */
export const REGISTER_VIEWS: { name: string; search: string; planner?: boolean }[] = [
  { name: "/projects (default: updated, newest first)", search: "" },
  { name: "/projects sort=approved desc (no filter)", search: "?sort=approved&dir=desc" },
  {
    name: "/projects province+phase, sort=approved, page 2",
    search: "?province=P-HCM&phase=pilot&sort=approved&dir=desc&page=2",
  },
  { name: "/projects org=LP-74 (merger family), sort=title", search: "?org=LP-74&sort=title" },
  {
    name: "/projects node subtree+source+year, sort=org, page 3",
    search: "?node=DA950.4&source=local_budget&year=2026&sort=organisation&page=3",
  },
  { name: "/projects sort=province desc, page 500", search: "?sort=province&dir=desc&page=500" },
  { name: "/projects planner.hcm (scoped), sort=start", search: "?sort=start&dir=desc", planner: true },
  { name: "/projects?q=dieu hanh do thi", search: "?q=dieu%20hanh%20do%20thi" },
  {
    name: "/projects?q=Đà Nẵng, sort=approved",
    search: "?q=%C4%90%C3%A0%20N%E1%BA%B5ng&sort=approved&dir=desc",
  },
  { name: "/projects?q=he thong (≈90 % of rows)", search: "?q=he%20thong" },
  { name: "/projects?q=camera&phase=pilot&province=P-HN", search: "?q=camera&phase=pilot&province=P-HN" },
  { name: "/projects?q=HCM-2026 (code prefix)", search: "?q=HCM-2026" },
];

/**
 * The register cases for a database: `cookies.all` for a user who sees every
 * project (leader, coordinator), `cookies.planner` for a planner.
 */
export function projectRegisterCases(
  db: Db,
  base: string,
  cookies: { all: string; planner: string },
): RegisterBenchCase[] {
  const c = db.$client;
  const asOf = todayIso();
  const scopeOf = (cookie: string): RegisterScope => {
    const user = getCurrentUser(new Request(base, { headers: { Cookie: cookie } }), db);
    const scope = user ? registerScopeFor(user) : null;
    if (!scope) throw new Error("bench: the register cookie does not belong to a reader of projects");
    return scope;
  };
  const scopes = { all: scopeOf(cookies.all), planner: scopeOf(cookies.planner) };
  return REGISTER_VIEWS.map(({ name, search, planner }) => {
    const cookie = planner ? cookies.planner : cookies.all;
    const query = parseProjectRegisterQuery(search);
    const resolved = resolveFilters(db, query.filters, asOf);
    const { countSql, pageSql, params } = registerSql(
      query.table,
      planner ? scopes.planner : scopes.all,
      resolved,
      "vi",
    );
    const countStmt = c.prepare(countSql);
    const pageStmt = c.prepare(pageSql);
    return {
      name: planner ? `${name} [planner]` : name,
      loader: () =>
        (registerLoader as Loader)({
          request: new Request(`${base}/projects${search}`, { headers: { Cookie: cookie } }),
          params: {},
          context: {},
        }),
      sql: () => {
        const total = (countStmt.get(params) as { n: number }).n;
        const page = clampPage(query.table.page, total, query.table.pageSize);
        pageStmt.all({ ...params, today: asOf, ...limitOffset({ page, pageSize: query.table.pageSize }) });
      },
      statements: 2,
    };
  });
}

// ---------------------------------------------------------------------------
// Standalone run
// ---------------------------------------------------------------------------

interface Options {
  db: string;
  calls: number;
  warmup: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv: string[]): Options {
  const o: Options = { db: path.join(here, ".data", "scale10.sqlite"), calls: 200, warmup: 20 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes("=") ? argv[i].split("=", 2) : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--db") o.db = path.resolve(value());
    else if (flag === "--calls") o.calls = Number(value());
    else if (flag === "--warmup") o.warmup = Number(value());
    else throw new Error(`Unknown argument ${argv[i]}`);
  }
  if (!(o.calls > 0) || !(o.warmup >= 0)) {
    throw new Error("Usage: npx tsx bench/register.ts [--db FILE] [--calls N] [--warmup N]");
  }
  return o;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Series stop after this long (with at least 30 samples). */
const SERIES_BUDGET_MS = 15_000;

async function time(fn: () => unknown, o: Options): Promise<{ median: number; p95: number; n: number }> {
  for (let i = 0; i < o.warmup; i++) await fn();
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < o.calls; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
    if (samples.length >= 30 && performance.now() - started > SERIES_BUDGET_MS) break;
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95), n: samples.length };
}

function sessionCookie(db: Db, email: string): string {
  const row = db.$client.prepare("SELECT id FROM users WHERE email = ?").get(email) as
    { id: number } | undefined;
  if (!row) throw new Error(`No user ${email} in the bench database`);
  return `${SESSION_COOKIE}=${createSession(db, row.id).token}`;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(o.db)) {
    console.error(
      `No database at ${o.db}: run \`npm run bench\` once to build the scale-10 cache, or pass --db.`,
    );
    process.exitCode = 1;
    return;
  }
  // A copy, brought up to date with the migrations, so sessions never touch the cache.
  const work = path.join(os.tmpdir(), `citypilot-bench-register-${process.pid}.sqlite`);
  fs.copyFileSync(o.db, work);
  const db = openDatabase(work);
  setDb(db);
  try {
    migrateDatabase(db);
    const counts = db.$client
      .prepare(
        "SELECT (SELECT COUNT(*) FROM projects) AS projects, (SELECT COUNT(*) FROM budget_lines) AS budgetLines",
      )
      .get() as { projects: number; budgetLines: number };
    const cases = projectRegisterCases(db, "http://bench.local", {
      all: sessionCookie(db, "leader@demo.citypilot.vn"),
      planner: sessionCookie(db, "planner.hcm@demo.citypilot.vn"),
    });
    console.log(
      `\nProject register — ${path.relative(process.cwd(), o.db)}: ${counts.projects.toLocaleString("en-US")} projects, ` +
        `${counts.budgetLines.toLocaleString("en-US")} budget lines`,
    );
    console.log(`${o.calls} timed calls after ${o.warmup} warm-up calls; ms; node ${process.version}\n`);
    const header = ["case", "loader median", "loader p95", "n", "bare SQL median", "bare SQL p95", "n"];
    const rows: string[][] = [];
    for (const k of cases) {
      const loader = await time(k.loader, o);
      const bare = await time(k.sql, o);
      rows.push([
        k.name,
        loader.median.toFixed(2),
        loader.p95.toFixed(2),
        String(loader.n),
        bare.median.toFixed(2),
        bare.p95.toFixed(2),
        String(bare.n),
      ]);
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]) =>
      r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
    console.log(line(header));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const r of rows) console.log(line(r));
    console.log(
      "\nloader: the /projects route loader as the app runs it (session, user's organisations, filter\n" +
        "resolution, the count and page statements, the filter choices, mapping rows).\n" +
        "bare SQL: the register's own two statements (count + page, same SQL text, prepared once).",
    );
  } finally {
    setDb(undefined);
    db.$client.close();
    for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
