/**
 * Plan import benchmark: a generated 10,000-row workbook (projects, budget
 * lines, planned disbursements and milestones, a quarter each) imported into
 * a draft plan of a fresh database with the reference data.
 *
 *   npx tsx bench/import.ts [--rows 10000] [--db FILE]
 *
 * With --db (e.g. bench/.data/scale10.sqlite) the import goes into a COPY of
 * that database, beside everything already in it (codes HCM-2039-…, unused
 * there), as on a server that has run for years; without it, into a fresh
 * database with the reference data only.
 *
 * After a 200-row warm-up import (a running server has its JIT and exceljs
 * warm), times: the upload check (read + validate, what the preview does),
 * the confirmation (validate again against the database, write in one
 * transaction), and a re-import of the same file from its bytes (changes
 * nothing). Peak memory is the process's
 * maximum resident set size (getrusage) and the largest V8 heap seen between
 * phases. `runImportBench()` returns the figures for bench/run.ts.
 * Prints figures; never fails on a number.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { migrateDatabase, openDatabase } from "#db/client.server";
import { seedReference } from "#seeds/reference";
import { applyImport, loadImportPlan } from "~/modules/spreadsheet/import.server";
import { readUpload } from "~/modules/spreadsheet/read.server";
import { confirmUpload, receiveUpload } from "~/modules/spreadsheet/service.server";
import {
  budgetRow,
  buildWorkbook,
  milestoneRow,
  plannedRow,
  projectRow,
} from "../tests/integration/import-support";

export interface ImportBenchResult {
  rows: number;
  fileBytes: number;
  validateMs: number;
  importMs: number;
  reimportMs: number;
  changes: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** The 200-row warm-up import in a cold process (JIT, module loading). */
  warmupMs: number;
  /** CPU time (user + system) of the same phases: the work itself, whatever else runs on the machine. */
  validateCpuMs: number;
  importCpuMs: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function runImportBench(
  opts: { rows?: number; log?: (line: string) => void; db?: string } = {},
): Promise<ImportBenchResult> {
  const total = opts.rows ?? 10_000;
  const log = opts.log ?? console.log;
  const perSheet = Math.ceil(total / 4);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "citypilot-import-bench-"));
  const previousUploadDir = process.env.CITYPILOT_UPLOAD_DIR;
  process.env.CITYPILOT_UPLOAD_DIR = path.join(dir, "uploads");
  const file = path.join(dir, "bench.sqlite");
  if (opts.db) {
    // A consistent copy through SQLite (the source may be open elsewhere).
    const source = new Database(opts.db, { readonly: true });
    await source.backup(file);
    source.close();
  }
  const db = openDatabase(file);
  try {
    migrateDatabase(db);
    if (!opts.db) seedReference(db);
    const c = db.$client;
    const org = (c.prepare("SELECT id FROM organisations WHERE code = 'P-HCM'").get() as { id: number }).id;
    const userId = Number(
      c
        .prepare("INSERT INTO users (email, name, password_hash) VALUES ('bench-import@x', 'bench', 'x')")
        .run().lastInsertRowid,
    );
    const planId = Number(
      c
        .prepare(
          "INSERT INTO plans (code, organisation_id, title_vi, period_start, period_end, status) VALUES ('PL-BENCH', ?, 'Bench', 2026, 2030, 'draft')",
        )
        .run(org).lastInsertRowid,
    );
    const projects = Array.from({ length: perSheet }, (_, i) =>
      projectRow("HCM", i + 1, {
        province: i % 3 ? "Hồ Chí Minh" : "Bình Dương",
        ...(opts.db ? { code: `HCM-2039-${String(i + 1).padStart(5, "0")}` } : {}),
      }),
    );
    const codes = projects.map((p) => p.code as string);
    const bytes = await buildWorkbook({
      projects,
      budget: codes.map((code, i) => budgetRow(code, { approvedAmount: i % 2 ? 5_000_000_000 : "4,5 tỷ" })),
      disbursements: codes.map((code, i) => plannedRow(code, (i % 4) + 1, 1_000_000_000)),
      milestones: codes.map((code, i) => milestoneRow(code, i)),
    });
    const rows = perSheet * 4;

    // Warm-up, as in a running server: a 200-row file into another draft plan (JIT, exceljs modules).
    const warmPlanId = Number(
      c
        .prepare(
          "INSERT INTO plans (code, organisation_id, title_vi, period_start, period_end, status) VALUES ('PL-WARM', ?, 'Warm-up', 2025, 2025, 'draft')",
        )
        .run(org).lastInsertRowid,
    );
    const warmCodes = Array.from({ length: 50 }, (_, i) =>
      opts.db ? `HCM-2038-${String(i + 1).padStart(5, "0")}` : `HCM-2025-${String(i + 1).padStart(3, "0")}`,
    );
    const warmBytes = await buildWorkbook({
      projects: warmCodes.map((code, i) => projectRow("HCM", i + 1, { code })),
      budget: warmCodes.map((code) => budgetRow(code)),
      disbursements: warmCodes.map((code) => plannedRow(code, 1, 1_000_000)),
      milestones: warmCodes.map((code, i) => milestoneRow(code, i)),
    });
    let t0 = performance.now();
    const warm = await receiveUpload(db, userId, loadImportPlan(db, warmPlanId)!, {
      bytes: warmBytes,
      fileName: "warm.xlsx",
    });
    if (!(await confirmUpload(db, { userId, label: "bench" }, warmPlanId, warm.token, () => "bench")).ok)
      throw new Error("warm-up import failed");
    const warmupMs = performance.now() - t0;

    let peakHeap = process.memoryUsage().heapUsed;
    const heap = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
    const plan = loadImportPlan(db, planId)!;

    // What the page does: the upload is read, validated and previewed…
    const cpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    let c0 = cpu();
    t0 = performance.now();
    const meta = await receiveUpload(db, userId, plan, { bytes, fileName: "bench.xlsx" });
    heap();
    const validateMs = performance.now() - t0;
    const validateCpuMs = cpu() - c0;
    if (meta.report.state !== "preview")
      throw new Error(`bench file refused: ${JSON.stringify(meta.report).slice(0, 300)}`);

    // …then confirmed: validated again against the database and written in one transaction.
    c0 = cpu();
    t0 = performance.now();
    const confirmed = await confirmUpload(db, { userId, label: "bench" }, planId, meta.token, () => "bench");
    heap();
    const importMs = performance.now() - t0;
    const importCpuMs = cpu() - c0;
    if (!confirmed.ok || confirmed.meta.report.state !== "done") throw new Error("bench import failed");
    const result = { changeCount: confirmed.meta.report.changeCount };

    // The same file again, straight from the bytes (read, validate, nothing to write).
    t0 = performance.now();
    const third = await readUpload(bytes, "bench.xlsx");
    const noop = applyImport(db, { userId, label: "bench" }, planId, third.sheets, {
      fileName: "bench.xlsx",
      sha256: "-",
      revisionReason: "bench",
    });
    heap();
    const reimportMs = performance.now() - t0;
    if (noop.changeCount !== 0) throw new Error(`re-import changed ${noop.changeCount} records`);

    const out: ImportBenchResult = {
      rows,
      fileBytes: bytes.length,
      validateMs: Math.round(validateMs),
      importMs: Math.round(importMs),
      reimportMs: Math.round(reimportMs),
      changes: result.changeCount,
      peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
      peakHeapMb: mb(peakHeap),
      warmupMs: Math.round(warmupMs),
      validateCpuMs: Math.round(validateCpuMs),
      importCpuMs: Math.round(importCpuMs),
    };
    log(
      `\nPlan import (${out.rows} rows, ${mb(out.fileBytes)} MB .xlsx, ${out.changes} records written) into ${opts.db ? `a copy of ${path.basename(opts.db)}` : "a fresh database (reference data only)"}`,
    );
    log(`  warm-up: 200-row import in the cold process  ${out.warmupMs} ms`);
    log(`  upload check: read + validate (preview)   ${out.validateMs} ms (CPU ${out.validateCpuMs} ms)`);
    log(`  confirm: validate again + write (1 tx)    ${out.importMs} ms (CPU ${out.importCpuMs} ms)`);
    log(
      `  validate + import                         ${out.validateMs + out.importMs} ms (CPU ${out.validateCpuMs + out.importCpuMs} ms)`,
    );
    log(`  re-import from bytes, nothing changes     ${out.reimportMs} ms`);
    log(`  peak RSS ${out.peakRssMb} MB, peak V8 heap ${out.peakHeapMb} MB`);
    return out;
  } finally {
    if (previousUploadDir === undefined) delete process.env.CITYPILOT_UPLOAD_DIR;
    else process.env.CITYPILOT_UPLOAD_DIR = previousUploadDir;
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const i = process.argv.indexOf("--rows");
  const d = process.argv.indexOf("--db");
  await runImportBench({
    rows: i > 0 ? Number(process.argv[i + 1]) : 10_000,
    db: d > 0 ? path.resolve(process.argv[d + 1]!) : undefined,
  });
}
