/**
 * npm run bench [-- --scale 10 --seed 1 --calls 200 --warmup 20 --rebuild]
 *
 * Times the organisation register, home, strategy tree and project register loaders on a demo database
 * (built once with the seed generator and cached in bench/.data/), next to
 * the bare SQL statements those loaders run, executed directly through
 * better-sqlite3. National aggregates are memoised until the next write, so
 * each loader is timed twice: as served (memo warm) and with the memo off
 * (every call recomputes, as after each write). Prints a plain table; it is
 * not a test and never fails on a number.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { migrateDatabase, openDatabase, setDb, type Db } from "#db/client.server";
import { seedAll } from "#seeds/index";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import { getCurrentUser } from "~/auth/guard.server";
import { parseRegisterQuery } from "~/modules/organisations/register";
import { PROJECT_COUNTS_SQL, projectCountsJson, registerSql } from "~/modules/organisations/register.server";
import { setMemoEnabled } from "~/modules/db/sql.server";
import { ORGANISATION_FIGURES_SQL, OVERVIEW_SQL } from "~/modules/home/overview.server";
import { clampPage, limitOffset } from "~/modules/table/params";
import { todayIso } from "~/utils/today";
import { loader as homeLoader } from "~/routes/_index";
import { loader as registerLoader } from "~/routes/organisations._index";
import { loader as strategyLoader } from "~/routes/strategy";
import { STRATEGY_ROLLUP_SQL } from "~/modules/strategy/rollup.server";
import { STRATEGY_NODES_SQL } from "~/modules/strategy/tree.server";
import { projectRegisterCases } from "./register";
import { printDedupeBench, runDedupeBench } from "./dedupe";
import { printFlagsBench, runFlagsBench } from "./flags";
import { planGanttCases } from "./gantt";
import { financeCases } from "./finance";
import { dashboardCases } from "./dashboard";
import { runImportBench } from "./import";

interface Options {
  scale: number;
  seed: number;
  calls: number;
  warmup: number;
  rebuild: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { scale: 10, seed: 1, calls: 200, warmup: 20, rebuild: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes("=") ? argv[i].split("=", 2) : [argv[i], undefined];
    const value = () => Number(inline ?? argv[++i]);
    if (flag === "--scale") o.scale = value();
    else if (flag === "--seed") o.seed = value();
    else if (flag === "--calls") o.calls = value();
    else if (flag === "--warmup") o.warmup = value();
    else if (flag === "--rebuild") o.rebuild = true;
    else throw new Error(`Unknown argument ${argv[i]}`);
  }
  if (!(o.scale > 0) || !Number.isInteger(o.seed) || !(o.calls > 0) || !(o.warmup >= 0)) {
    throw new Error("Usage: npm run bench -- [--scale N] [--seed S] [--calls N] [--warmup N] [--rebuild]");
  }
  return o;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.join(here, ".data");

/** The cached database for (scale, seed), built on first use (into a temp file, then renamed). */
async function databaseFor(o: Options): Promise<string> {
  const name = o.scale === 10 && o.seed === 1 ? "scale10.sqlite" : `scale${o.scale}-seed${o.seed}.sqlite`;
  const file = path.join(dataDir, name);
  if (fs.existsSync(file) && !o.rebuild) {
    // Bring a cache built before newer migrations up to date (a no-op when current).
    const cached = openDatabase(file);
    try {
      migrateDatabase(cached);
      cached.$client.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      cached.$client.close();
    }
    return file;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const tmp = path.join(dataDir, `.${name}.${process.pid}.tmp`);
  const started = performance.now();
  process.stdout.write(`Building ${path.relative(process.cwd(), file)} (scale ${o.scale}, seed ${o.seed})… `);
  const db = openDatabase(tmp);
  try {
    migrateDatabase(db);
    await seedAll(db, { scale: o.scale, seed: o.seed });
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.pragma("journal_mode = DELETE");
  } finally {
    db.$client.close();
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  fs.renameSync(tmp, file);
  for (const f of [`${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

interface Stats {
  median: number;
  p95: number;
  mean: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return { median: at(0.5), p95: at(0.95), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

/** Series stop early after this long (with at least MIN_SAMPLES), so slow paths stay bounded. */
const SERIES_BUDGET_MS = 20_000;
const MIN_SAMPLES = 30;

async function time(fn: () => unknown | Promise<unknown>, o: Options): Promise<Stats & { n: number }> {
  for (let i = 0; i < o.warmup; i++) await fn();
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < o.calls; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
    if (samples.length >= MIN_SAMPLES && performance.now() - started > SERIES_BUDGET_MS) break;
  }
  return { ...stats(samples), n: samples.length };
}

function sessionCookie(db: Db, email: string): string {
  const row = db.$client.prepare("SELECT id FROM users WHERE email = ?").get(email) as
    { id: number } | undefined;
  if (!row) throw new Error(`No user ${email} in the bench database`);
  return `${SESSION_COOKIE}=${createSession(db, row.id).token}`;
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

function callLoader(loader: Loader, url: string, cookie: string) {
  return () =>
    loader({ request: new Request(url, { headers: { Cookie: cookie } }), params: {}, context: {} });
}

interface Case {
  name: string;
  loader: () => Promise<unknown>;
  /** The same statements the loader's module runs (memo cold), through better-sqlite3 directly. */
  sql: () => void;
  statements: number;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const file = await databaseFor(o);
  // Duplicate detection over every project of the same database, beside naive all-pairs on a sample.
  const dedupe = runDedupeBench({ db: file, sample: 3000 });
  if (dedupe) printDedupeBench(dedupe);
  // 10,000-row plan import into a copy of the same database: time and peak memory (bench/import.ts).
  await runImportBench({ db: file });
  // Work on a copy so sessions created here never touch the cached file.
  const work = path.join(os.tmpdir(), `citypilot-bench-${process.pid}.sqlite`);
  fs.copyFileSync(file, work);
  const db = openDatabase(work);
  setDb(db);
  try {
    // Full flag recompute (every rule and the duplicate groups) and the per-write refresh, on the working copy.
    printFlagsBench(runFlagsBench(db));
    const c = db.$client;
    const counts = c
      .prepare(
        `SELECT (SELECT COUNT(*) FROM organisations) AS organisations, (SELECT COUNT(*) FROM projects) AS projects,
                (SELECT COUNT(*) FROM budget_lines) AS budgetLines, (SELECT COUNT(*) FROM transactions) AS transactions`,
      )
      .get() as Record<string, number>;

    const coordinator = sessionCookie(db, "coordinator@demo.citypilot.vn");
    const planner = sessionCookie(db, "planner.hcm@demo.citypilot.vn");
    const asOf = todayIso();
    const base = "http://bench.local";

    const registerCase = (label: string, search: string): Case => {
      const query = parseRegisterQuery(search);
      const { countSql, pageSql, params } = registerSql(query, "vi", asOf);
      const countsStmt = c.prepare(PROJECT_COUNTS_SQL);
      const countStmt = c.prepare(countSql);
      const pageStmt = c.prepare(pageSql);
      const regionsStmt = c.prepare("SELECT code, name_vi AS nameVi, name_en AS nameEn FROM regions");
      return {
        name: label,
        loader: callLoader(registerLoader, `${base}/organisations${search}`, coordinator),
        sql: () => {
          const counts = projectCountsJson(
            new Map((countsStmt.all() as { id: number; n: number }[]).map((r) => [r.id, r.n])),
          );
          const total = (countStmt.get(params) as { n: number }).n;
          const page = clampPage(query.table.page, total, query.table.pageSize);
          pageStmt.all({
            ...params,
            today: asOf,
            counts,
            ...limitOffset({ page, pageSize: query.table.pageSize }),
          });
          regionsStmt.all();
        },
        statements: 4,
      };
    };

    const overviewStmt = c.prepare(OVERVIEW_SQL);
    const figuresStmt = c.prepare(ORGANISATION_FIGURES_SQL);
    const plannerIds = JSON.stringify([
      ...getCurrentUser(new Request(base, { headers: { Cookie: planner } }), db)!.ownOrganisationIds,
    ]);

    const rollupStmt = c.prepare(STRATEGY_ROLLUP_SQL);
    const nodesStmt = c.prepare(STRATEGY_NODES_SQL);

    const cases: Case[] = [
      registerCase("/organisations (default)", ""),
      registerCase(
        "/organisations?sort=projects&status=all&page=3",
        "?sort=projects&dir=desc&status=all&page=3",
      ),
      registerCase("/organisations?q=binh duong", "?q=binh%20duong"),
      {
        name: "/ (coordinator)",
        loader: callLoader(homeLoader, `${base}/`, coordinator),
        sql: () => overviewStmt.all({ asOf }),
        statements: 1,
      },
      {
        name: "/ (planner.hcm, + own block)",
        loader: callLoader(homeLoader, `${base}/`, planner),
        sql: () => {
          overviewStmt.all({ asOf });
          figuresStmt.all({ ids: plannerIds });
        },
        statements: 2,
      },
      {
        name: "/strategy (tree + roll-ups)",
        loader: callLoader(strategyLoader, `${base}/strategy`, coordinator),
        sql: () => {
          rollupStmt.all();
          nodesStmt.all();
        },
        statements: 2,
      },
      ...projectRegisterCases(db, base, { all: coordinator, planner }),
      ...planGanttCases(db, base, coordinator),
      ...financeCases(db, base, coordinator),
      ...dashboardCases(db, base, coordinator),
    ];

    console.log(
      `\nCityPilot loader benchmark — scale ${o.scale}, seed ${o.seed}: ${Object.entries(counts)
        .map(([k, v]) => `${v.toLocaleString("en-US")} ${k}`)
        .join(", ")}`,
    );
    console.log(
      `${o.calls} timed calls each after ${o.warmup} warm-up calls; times in ms; node ${process.version}\n`,
    );
    const header = [
      "case",
      "served median",
      "served p95",
      "n",
      "memo off median",
      "memo off p95",
      "n",
      "bare SQL median",
      "bare SQL p95",
      "n",
      "stmts",
    ];
    const rows: string[][] = [];
    for (const k of cases) {
      setMemoEnabled(true);
      const served = await time(k.loader, o);
      setMemoEnabled(false);
      const cold = await time(k.loader, o);
      setMemoEnabled(true);
      const bare = await time(k.sql, o);
      rows.push([
        k.name,
        served.median.toFixed(2),
        served.p95.toFixed(2),
        String(served.n),
        cold.median.toFixed(2),
        cold.p95.toFixed(2),
        String(cold.n),
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
      "\nserved: the loader as it runs in the app (national aggregates memoised until the next write);\n" +
        "memo off: the loader recomputing everything on every call (the first request after a write);\n" +
        "bare SQL: only the page's own statements with the memo off (same SQL text, prepared once, run\n" +
        "through better-sqlite3). Loader time adds session validation, the user's memberships and\n" +
        `organisation family, parsing and mapping. Series stop after ${SERIES_BUDGET_MS / 1000} s (n = samples).`,
    );
  } finally {
    setDb(undefined);
    db.$client.close();
    for (const f of [work, `${work}-wal`, `${work}-shm`]) fs.rmSync(f, { force: true });
  }
}

await main();
