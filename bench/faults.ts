/**
 * npm run bench:faults [-- --rounds 5 --db FILE --clients 12 --parts 1,2,3,4,5]
 *
 * Crash and full-disk checks on a COPY of the scale-10 demo database
 * (bench/.data/scale10.sqlite, built by `npm run bench` if missing; or --db):
 *  1. kill -9 mid-burst: a writer process books commitments with the real
 *     command and acknowledges each after its commit; it is SIGKILLed at a
 *     random moment, N rounds. After each: integrity_check, every
 *     acknowledged transaction present exactly once, no row without its audit
 *     event, audit chain intact.
 *  2. full disk: `PRAGMA max_page_count` at the current size, commands until
 *     SQLITE_FULL; then integrity_check, rows = successful commands, audit chain.
 *  3. kill -9 during a large import (issue 8's applyImport, 10,000 rows, one
 *     transaction): one import run to the end (wholly present), then rounds
 *     killed at a random moment of the write; after each the plan has all of
 *     the import's projects or none, integrity_check ok, audit chain intact.
 *  4. kill -9 the production HTTP server during a burst of transaction entry:
 *     the app built into build-load/ and started as `npm run serve` starts it,
 *     on the same copy; --clients planners post ledger entries; the listening
 *     process is SIGKILLed 1.5–4 s into the burst, N rounds, and started again
 *     on the same file. After each: integrity_check, every entry the server
 *     acknowledged (its redirect) present exactly once with its audit event,
 *     audit chain intact, a signed-in page answers 200 (bench/faults-server.ts).
 *  5. kill -9 the production HTTP server during a large import: a planner
 *     uploads a 10,000-row workbook to /plans/:id/import and confirms the
 *     preview; one import left to finish, then N rounds killed at a random
 *     moment of the confirmation; after each restart the plan has all of the
 *     import's rows or none, integrity_check ok, audit chain intact.
 * Prints a table per part; exits 1 if any check fails.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { migrateDatabase, openDatabase } from "../db/client.server";
import { seedReference } from "../seeds/reference";
import { verifyAuditChain } from "../app/modules/audit/audit.server";
import { recordTransaction, type LedgerProject } from "../app/modules/transactions/ledger.server";
import { checkAfterCrash, killWriterMidBurst, type Ack } from "./faults-lib";
import { ensureServeBuild, httpBurstRounds, httpImportRounds } from "./faults-server";

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv: string[]) {
  const o = { rounds: 5, db: path.join(here, ".data/scale10.sqlite"), clients: 12, parts: [1, 2, 3, 4, 5] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--rounds") o.rounds = Number(argv[++i]);
    else if (argv[i] === "--db") o.db = path.resolve(argv[++i]!);
    else if (argv[i] === "--clients") o.clients = Number(argv[++i]);
    else if (argv[i] === "--parts") o.parts = argv[++i]!.split(",").map(Number);
    else
      throw new Error(
        `Unknown argument ${argv[i]}. Usage: npm run bench:faults -- [--rounds N] [--db FILE] [--clients N] [--parts 1,2,3,4,5]`,
      );
  }
  return o;
}

/** Run the importer; kill it `killAfterMs` after it starts writing (null: let it finish). */
function runImporter(file: string, planId: number, offset: number, killAfterMs: number | null) {
  return new Promise<{ applyMs: number; killed: boolean; changes: number | null; error: string | null }>(
    (resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          path.join(here, "faults-importer.ts"),
          file,
          String(planId),
          "--offset",
          String(offset),
        ],
        {
          cwd: path.join(here, ".."),
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let out = "";
      let err = "";
      let applyingAt = 0;
      child.stderr.on("data", (c: Buffer) => (err += c.toString()));
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (!applyingAt && out.includes("applying")) {
          applyingAt = performance.now();
          if (killAfterMs !== null) setTimeout(() => child.kill("SIGKILL"), killAfterMs);
        }
      });
      child.on("exit", (code, signal) => {
        const done = /done (\d+)/.exec(out);
        if (!applyingAt)
          return reject(new Error(`importer failed before writing (${code}): ${err.slice(0, 500)}`));
        resolve({
          applyMs: performance.now() - applyingAt,
          killed: signal === "SIGKILL" && !done,
          changes: done ? Number(done[1]) : null,
          error:
            !done && signal !== "SIGKILL"
              ? `exit ${code}: ${err.trim().split("\n").slice(-3).join(" ").slice(0, 300)}`
              : null,
        });
      });
    },
  );
}

async function importRounds(dir: string, rounds: number): Promise<boolean> {
  const file = path.join(dir, "import.sqlite");
  const db = openDatabase(file);
  migrateDatabase(db);
  seedReference(db);
  const org = (
    db.$client.prepare("SELECT id FROM organisations WHERE code = 'P-HCM'").get() as { id: number }
  ).id;
  const planIds = Array.from({ length: rounds + 1 }, (_, r) =>
    Number(
      db.$client
        .prepare(
          "INSERT INTO plans (code, organisation_id, title_vi, period_start, period_end, status) VALUES (?, ?, 'Fault test', 2026, 2030, 'draft')",
        )
        .run(`PL-FAULT-${r}`, org).lastInsertRowid,
    ),
  );
  db.$client.close();
  const check = (planId: number) => {
    const d = openDatabase(file);
    try {
      const projects = (
        d.$client.prepare("SELECT COUNT(*) AS n FROM projects WHERE plan_id = ?").get(planId) as { n: number }
      ).n;
      return {
        projects,
        integrity: d.$client.pragma("integrity_check", { simple: true }) as string,
        audit: verifyAuditChain(d).ok,
      };
    } finally {
      d.$client.close();
    }
  };
  let ok = true;
  const perRound = 10_000; // project numbers per round: every round imports codes no plan has yet
  const full = await runImporter(file, planIds[0]!, 0, null);
  const whole = check(planIds[0]!);
  ok &&= full.changes !== null && whole.integrity === "ok" && whole.audit && whole.projects > 0;
  if (full.error) console.log(`   the uncut import failed: ${full.error}`);
  console.log(
    `   uncut import: ${full.changes} changes written in ${full.applyMs.toFixed(0)} ms; plan has ${whole.projects} projects; ` +
      `integrity_check ${whole.integrity}; audit chain ${whole.audit ? "ok" : "BROKEN"}`,
  );
  console.log("   round  killed after  outcome                 projects of the plan  integrity  audit chain");
  for (let r = 1; r <= rounds; r++) {
    const at = Math.round(50 + Math.random() * Math.max(100, full.applyMs * 0.9));
    const run = await runImporter(file, planIds[r]!, r * perRound, at);
    const after = check(planIds[r]!);
    if (run.error) {
      ok = false;
      console.log(`   round ${r}: the importer failed by itself, not a crash test: ${run.error}`);
      continue;
    }
    const allOrNothing = after.projects === 0 || after.projects === whole.projects;
    ok &&=
      allOrNothing &&
      after.integrity === "ok" &&
      after.audit &&
      (run.killed ? true : after.projects === whole.projects);
    console.log(
      `   ${String(r).padStart(5)} ${`${at} ms`.padStart(13)}  ${(run.killed ? "killed mid-import" : "finished first").padEnd(22)}  ` +
        `${`${after.projects} (${allOrNothing ? (after.projects ? "all" : "none") : "PARTIAL"})`.padStart(20)}  ${after.integrity.padStart(9)}  ${after.audit ? "ok" : "BROKEN"}`,
    );
  }
  console.log(`   import wholly present or wholly absent after every crash: ${ok ? "yes" : "NO"}`);
  return ok;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(o.db)) {
    console.error(
      `No database at ${o.db}: run \`npm run bench\` once (it builds the scale-10 cache) or pass --db FILE`,
    );
    process.exit(2);
  }
  const overHttp = o.parts.includes(4) || o.parts.includes(5);
  if (overHttp) ensureServeBuild((line) => console.log(line));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "citypilot-faults-"));
  const file = path.join(dir, "faults.sqlite");
  let failed = false;
  try {
    let t = performance.now();
    const source = new Database(o.db, { readonly: true, fileMustExist: true }); // never changed
    source.prepare("VACUUM INTO ?").run(file);
    source.close();
    const copy = openDatabase(file);
    migrateDatabase(copy);
    const size = fs.statSync(file).size;
    copy.$client.close();
    console.log(
      `Copy of ${o.db}: ${(size / 1024 / 1024).toFixed(0)} MB in ${Math.round(performance.now() - t)} ms\n`,
    );

    if (o.parts.includes(1)) {
      console.log("1. kill -9 during a burst of transaction entry (recordTransaction, one commit per entry)");
      console.log(
        "round  acked  killed after  integrity  missing  duplicated  without audit  audit chain  check ms",
      );
      const all: Ack[] = [];
      for (let r = 1; r <= o.rounds; r++) {
        const killAfter = 20 + Math.floor(Math.random() * 200);
        const round = await killWriterMidBurst(file, killAfter, 120_000);
        all.push(...round.acknowledged);
        t = performance.now();
        const after = checkAfterCrash(file, all);
        const ok =
          after.integrity === "ok" &&
          !after.missing.length &&
          !after.duplicated.length &&
          !after.unpaired &&
          after.auditOk;
        failed ||= !ok;
        console.log(
          [
            String(r).padStart(5),
            String(round.acknowledged.length).padStart(6),
            `${round.killedAfterMs} ms`.padStart(13),
            after.integrity.padStart(10),
            String(after.missing.length).padStart(8),
            String(after.duplicated.length).padStart(11),
            String(after.unpaired).padStart(14),
            (after.auditOk ? `ok (${after.auditCount})` : "BROKEN").padStart(12),
            String(Math.round(performance.now() - t)).padStart(9),
          ].join(" "),
        );
      }
      console.log(
        `   ${all.length} acknowledged over ${o.rounds} crashes, all present exactly once: ${failed ? "NO" : "yes"}\n`,
      );
    }

    if (o.parts.includes(2)) {
      console.log("2. full disk (max_page_count at the current size)");
      const db = openDatabase(file);
      const project = db.$client
        .prepare(
          `SELECT p.id, p.code, p.organisation_id AS organisationId, p.start_date AS startDate, p.end_date AS endDate,
                MIN(b.id) AS lineId
           FROM projects p JOIN budget_lines b ON b.project_id = p.id GROUP BY p.id ORDER BY p.id LIMIT 1`,
        )
        .get() as LedgerProject & { lineId: number };
      const count = () =>
        (db.$client.prepare("SELECT COUNT(*) AS n FROM transactions").get() as { n: number }).n;
      const before = count();
      db.$client.pragma(`max_page_count = ${db.$client.pragma("page_count", { simple: true }) as number}`);
      const today = new Date().toISOString().slice(0, 10);
      let booked = 0;
      let error: { code?: string; message?: string } | null = null;
      for (let i = 0; i < 100_000 && !error; i++) {
        try {
          const res = recordTransaction(
            db,
            { userId: null, label: "bench:faults" },
            project,
            {
              budgetLineId: project.lineId,
              kind: "commitment",
              date: today,
              amount: 1000,
              documentRef: `FULL-${i}`,
              note: "x".repeat(500),
              override: true,
              overrideReason: "bench",
            },
            today,
          );
          if (res.ok) booked++;
        } catch (e) {
          error = e as { code?: string };
        }
      }
      db.$client.pragma("max_page_count = 4294967294");
      const integrity = db.$client.pragma("integrity_check", { simple: true });
      const audit = verifyAuditChain(db);
      const fullOk =
        error?.code === "SQLITE_FULL" && integrity === "ok" && count() - before === booked && audit.ok;
      failed ||= !fullOk;
      console.log(
        `   ${booked} commands fitted, then ${error?.code ?? "no error"} ("${error?.message ?? ""}"); ` +
          `rows added ${count() - before} (= commands that succeeded: ${count() - before === booked ? "yes" : "NO"}); ` +
          `integrity_check ${integrity}; audit chain ${audit.ok ? "ok" : "BROKEN"}`,
      );
      console.log(
        "   users see HTTP 507 with a localised explanation (tests/integration/full-disk.test.ts)\n",
      );
      db.$client.close();
    }

    if (o.parts.includes(3)) {
      console.log("3. kill -9 during a large import (applyImport of a 10,000-row workbook, one transaction)");
      failed = !(await importRounds(dir, o.rounds)) || failed;
      console.log("");
    }

    if (o.parts.includes(4)) {
      console.log(
        "4. kill -9 the production HTTP server during a burst of transaction entry (POST /projects/:code/transactions)",
      );
      failed = !(await httpBurstRounds(file, { rounds: o.rounds, clients: o.clients })) || failed;
      console.log("");
    }

    if (o.parts.includes(5)) {
      console.log(
        "5. kill -9 the production HTTP server during a large import (upload, preview, confirm at /plans/:id/import)",
      );
      failed =
        !(await httpImportRounds(file, { rounds: o.rounds, uploadDir: path.join(dir, "uploads") })) || failed;
      console.log("");
    }
    console.log(failed ? "FAULT CHECKS FAILED" : "All fault checks passed");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}

await main();
