/**
 * Money-and-time benchmark: the project page loader (with its money summary),
 * the summary module alone, the plan page loader (with its money section)
 * and the section alone, beside the bare SQL of the same statements, on the
 * cached scale-10 demo database that `npm run bench` builds (bench/.data/).
 * The busiest project (most transactions) and the plan with most projects
 * are chosen, so the figures are the worst case, not a typical one.
 *
 *   npx tsx bench/finance.ts [--db FILE] [--calls N] [--warmup N]
 *
 * `financeCases()` gives the same cases in the shape bench/run.ts uses.
 * Prints figures; never fails on a number.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { migrateDatabase, openDatabase, setDb, type Db } from "#db/client.server";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import {
  curveSql,
  PLAN_FIGURES_SQL,
  planFigures,
  PROJECT_FIGURES_SQL,
  projectMoneySummary,
} from "~/modules/finance/figures.server";
import { todayIso } from "~/utils/today";
import { loader as projectLoader } from "~/routes/projects.$code";
import { loader as planLoader } from "~/routes/plans.$id";

export interface FinanceBenchCase {
  name: string;
  loader: () => Promise<unknown>;
  /** The figures' own statements, prepared once, through better-sqlite3. */
  sql: () => void;
  statements: number;
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

/**
 * Cases for a database, read as `cookie` (a user who may read every project:
 * leader or coordinator): the project with most transactions and the plan
 * with most projects.
 */
export function financeCases(db: Db, base: string, cookie: string): FinanceBenchCase[] {
  const c = db.$client;
  const asOf = todayIso();
  const project = c
    .prepare(
      `SELECT p.id, p.code, COUNT(*) AS n FROM transactions t JOIN projects p ON p.id = t.project_id
        GROUP BY t.project_id ORDER BY n DESC LIMIT 1`,
    )
    .get() as { id: number; code: string; n: number };
  const plan = c
    .prepare(
      `SELECT plan_id AS id, COUNT(*) AS n FROM projects WHERE plan_id IS NOT NULL
        GROUP BY plan_id ORDER BY n DESC LIMIT 1`,
    )
    .get() as { id: number; n: number };
  const figuresStmt = c.prepare(PROJECT_FIGURES_SQL);
  const curveStmt = c.prepare(curveSql({ kind: "project", id: 0 }));
  const planStmt = c.prepare(PLAN_FIGURES_SQL);
  const projectSql = () => {
    figuresStmt.get({ id: project.id, asOf });
    curveStmt.all({ id: project.id });
  };
  const planSql = () => void planStmt.all({ id: plan.id, asOf });
  const call = (loader: Loader, url: string, params: Record<string, string>) => () =>
    loader({ request: new Request(url, { headers: { Cookie: cookie } }), params, context: {} });
  const projectLabel = `${project.code}, ${project.n} transactions`;
  const planLabel = `plan ${plan.id}, ${plan.n} projects`;
  return [
    {
      name: `/projects/:code page loader (${projectLabel})`,
      loader: call(projectLoader, `${base}/projects/${encodeURIComponent(project.code)}`, {
        code: project.code,
      }),
      sql: projectSql,
      statements: 2,
    },
    {
      name: `project money summary (${projectLabel})`,
      loader: async () => projectMoneySummary(db, project.id, asOf),
      sql: projectSql,
      statements: 2,
    },
    {
      name: `/plans/:id page loader (${planLabel})`,
      loader: call(planLoader, `${base}/plans/${plan.id}`, { id: String(plan.id) }),
      sql: planSql,
      statements: 1,
    },
    {
      name: `plan money section (${planLabel})`,
      loader: async () => planFigures(db, plan.id, asOf),
      sql: planSql,
      statements: 1,
    },
  ];
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
    throw new Error("Usage: npx tsx bench/finance.ts [--db FILE] [--calls N] [--warmup N]");
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

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(o.db)) {
    console.error(`No database at ${o.db}: run \`npm run bench\` once to build the scale-10 cache, or pass --db.`);
    process.exitCode = 1;
    return;
  }
  // A copy, brought up to date with the migrations, so sessions never touch the cache.
  const work = path.join(os.tmpdir(), `citypilot-bench-finance-${process.pid}.sqlite`);
  fs.copyFileSync(o.db, work);
  const db = openDatabase(work);
  setDb(db);
  try {
    migrateDatabase(db);
    const counts = db.$client
      .prepare(
        "SELECT (SELECT COUNT(*) FROM projects) AS projects, (SELECT COUNT(*) FROM transactions) AS transactions",
      )
      .get() as { projects: number; transactions: number };
    const leader = db.$client.prepare("SELECT id FROM users WHERE email = ?").get("leader@demo.citypilot.vn") as {
      id: number;
    };
    const cases = financeCases(db, "http://bench.local", `${SESSION_COOKIE}=${createSession(db, leader.id).token}`);
    console.log(
      `\nMoney and time — ${path.relative(process.cwd(), o.db)}: ${counts.projects.toLocaleString("en-US")} projects, ` +
        `${counts.transactions.toLocaleString("en-US")} transactions`,
    );
    console.log(`${o.calls} timed calls after ${o.warmup} warm-up calls; ms; node ${process.version}\n`);
    const header = ["case", "loader median", "loader p95", "n", "bare SQL median", "bare SQL p95", "n", "stmts"];
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
        String(k.statements),
      ]);
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]) =>
      r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
    console.log(line(header));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const r of rows) console.log(line(r));
    console.log(
      "\nloader: the route loader as the app runs it (session, permission, the whole page's read model),\n" +
        "or the finance module function alone; bare SQL: the money statements only (same SQL text,\n" +
        "prepared once, through better-sqlite3).",
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
