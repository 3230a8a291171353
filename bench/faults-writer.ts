/**
 * A writer process for the fault and backup checks:
 *
 *   tsx bench/faults-writer.ts DB_FILE [--count N] [--pause-ms M] [--projects K]
 *
 * Books commitments one after another with the real command
 * (`recordTransaction`, one SQLite transaction with its audit event) on the
 * first K projects that have a budget line, and prints `ack <id> <ref>` on
 * stdout with a synchronous write only AFTER the command returned, i.e. after
 * the commit. A parent that kills this process with SIGKILL knows that every
 * acknowledged id must be in the database exactly once (unacknowledged ones
 * may or may not be). `ready` is printed before the first write; `done`
 * after the last. Runs until killed when --count is 0.
 */
import fs from "node:fs";
import { openDatabase } from "../db/client.server";
import { recordTransaction, type LedgerProject } from "../app/modules/transactions/ledger.server";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const file = process.argv[2];
if (!file) {
  console.error("Usage: tsx bench/faults-writer.ts DB_FILE [--count N] [--pause-ms M] [--projects K]");
  process.exit(2);
}
const count = arg("--count", 0);
const pauseMs = arg("--pause-ms", 0);
const projectCount = arg("--projects", 5);

const db = openDatabase(file);
const targets = db.$client
  .prepare(
    `SELECT p.id, p.code, p.organisation_id AS organisationId, p.start_date AS startDate, p.end_date AS endDate,
            MIN(b.id) AS lineId
       FROM projects p JOIN budget_lines b ON b.project_id = p.id
      GROUP BY p.id ORDER BY p.id LIMIT ?`,
  )
  .all(projectCount) as (LedgerProject & { lineId: number })[];
if (targets.length === 0) {
  console.error("faults-writer: no project with a budget line");
  process.exit(2);
}
const actor = { userId: null, label: "faults-writer", ipAddress: "127.0.0.1" };
const today = new Date().toISOString().slice(0, 10);
const runId = `${process.pid}-${Date.now().toString(36)}`;
const out = (line: string) => fs.writeSync(1, `${line}\n`);
const sleeper = new Int32Array(new SharedArrayBuffer(4));

out(`ready ${runId}`);
for (let i = 1; count === 0 || i <= count; i++) {
  const project = targets[i % targets.length]!;
  const ref = `FW-${runId}-${i}`;
  const result = recordTransaction(
    db,
    actor,
    project,
    {
      budgetLineId: project.lineId,
      kind: "commitment",
      date: today,
      amount: 1_000 + i,
      documentRef: ref,
      note: null,
      override: true,
      overrideReason: "fault test",
    },
    today,
  );
  if (!result.ok) {
    console.error(`faults-writer: refused ${JSON.stringify(result.problems)}`);
    process.exit(1);
  }
  out(`ack ${result.id} ${ref}`);
  if (pauseMs > 0) Atomics.wait(sleeper, 0, 0, pauseMs);
}
db.$client.close();
out("done");
