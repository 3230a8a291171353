/**
 * The importer process for the "kill -9 during a large import" check:
 *
 *   tsx bench/faults-importer.ts DB_FILE PLAN_ID [--rows 10000] [--offset N]
 *
 * Builds a ROWS-row plan workbook (projects, budget lines, planned
 * disbursements, milestones; tests/integration/import-support), reads it as
 * the upload page does, prints `applying` and then runs issue 8's
 * `applyImport` (one immediate transaction with its audit events), then
 * prints `done <changes>`. The parent kills it with SIGKILL after `applying`.
 */
import fs from "node:fs";
import { openDatabase } from "../db/client.server";
import { applyImport } from "../app/modules/spreadsheet/import.server";
import { readUpload } from "../app/modules/spreadsheet/read.server";
import {
  budgetRow,
  buildWorkbook,
  milestoneRow,
  plannedRow,
  projectRow,
} from "../tests/integration/import-support";

const [file, planArg] = process.argv.slice(2);
const i = process.argv.indexOf("--rows");
const rows = i > 0 ? Number(process.argv[i + 1]) : 10_000;
const j = process.argv.indexOf("--offset");
/** Project numbers start after this, so each round imports new codes. */
const offset = j > 0 ? Number(process.argv[j + 1]) : 0;
if (!file || !planArg) {
  console.error("Usage: tsx bench/faults-importer.ts DB_FILE PLAN_ID [--rows N]");
  process.exit(2);
}
const perSheet = Math.ceil(rows / 4);
const projects = Array.from({ length: perSheet }, (_, n) => projectRow("HCM", offset + n + 1));
const codes = projects.map((p) => p.code as string);
const bytes = await buildWorkbook({
  projects,
  budget: codes.map((code) => budgetRow(code)),
  disbursements: codes.map((code, n) => plannedRow(code, (n % 4) + 1, 1_000_000_000)),
  milestones: codes.map((code, n) => milestoneRow(code, n)),
});
const { sheets } = await readUpload(bytes, "faults.xlsx");
const db = openDatabase(file);
fs.writeSync(1, `applying ${perSheet}\n`);
const result = applyImport(db, { userId: null, label: "faults-importer" }, Number(planArg), sheets, {
  fileName: "faults.xlsx",
  sha256: "-",
  revisionReason: "fault test",
});
fs.writeSync(1, `done ${result.changeCount}\n`);
db.$client.close();
