/**
 * The dashboard facts after a write are read again only where the write
 * touched (docs/decisions/0014): each case writes through raw SQL (the
 * triggers are what must notice) and compares the facts as the server keeps
 * them with the facts computed from scratch (memo off), and checks that an
 * appended transaction does not cause a full pass over the transactions.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "#db/client.server";
import { seedAll } from "#seeds/index";
import type { DashboardFacts } from "~/modules/dashboard/facts";
import { computeFacts, factStats, loadFacts } from "~/modules/dashboard/facts.server";
import { setMemoEnabled, tableGenerations } from "~/modules/db/sql.server";
import { todayIso } from "~/utils/today";
import { createTestDb, type TestDb } from "./helpers/db";

let t: TestDb;
let db: Db;
const TODAY = todayIso();

beforeAll(async () => {
  t = createTestDb();
  db = t.db;
  await seedAll(db, { scale: 0.05, seed: 5 });
});
afterAll(() => t.cleanup());
afterEach(() => setMemoEnabled(true));

function fresh(asOf: string) {
  setMemoEnabled(false);
  try {
    return computeFacts(db, asOf);
  } finally {
    setMemoEnabled(true);
  }
}

/** Disbursements by line and quarter summed (kept facts may list a line and quarter more than once). */
function comparable(facts: DashboardFacts) {
  const actual = new Map<string, number>();
  for (let i = 0; i < facts.actual.line.length; i++) {
    const key = `${facts.actual.line[i]}:${facts.actual.q[i]}`;
    actual.set(key, (actual.get(key) ?? 0) + facts.actual.amount[i]!);
  }
  return { ...facts, actual: [...actual].filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b)) };
}

/**
 * The facts as the server keeps them equal the facts computed from scratch.
 * Returns the kept facts and how many full passes over the transactions keeping them took.
 */
function expectCurrent(asOf: string = TODAY) {
  const scans = factStats.transactionScans;
  const kept = loadFacts(db, asOf);
  const keptScans = factStats.transactionScans - scans;
  expect(comparable(kept)).toEqual(comparable(fresh(asOf)));
  return { kept, scans: keptScans };
}

function someLine(): { id: number; projectId: number } {
  return db.$client
    .prepare(
      `SELECT b.id, b.project_id AS projectId FROM budget_lines b JOIN projects p ON p.id = b.project_id
        ORDER BY b.id LIMIT 1 OFFSET 3`,
    )
    .get() as { id: number; projectId: number };
}

function insertTransaction(kind: string, date: string, amount: number, client = db.$client): number {
  const line = someLine();
  return Number(
    client
      .prepare(
        "INSERT INTO transactions (project_id, budget_line_id, kind, date, amount) VALUES (?, ?, ?, ?, ?)",
      )
      .run(line.projectId, line.id, kind, date, amount).lastInsertRowid,
  );
}

describe("incremental dashboard facts", () => {
  it("every domain table has a generation row", () => {
    const gens = tableGenerations(db);
    for (const tbl of [
      "transactions",
      "projects",
      "budget_lines",
      "planned_disbursements",
      "flags",
      "feedback",
    ]) {
      expect(gens.has(tbl)).toBe(true);
    }
  });

  it("appended transactions are added without a full pass, and equal a fresh computation", () => {
    const before = expectCurrent().kept;
    const committed = before.lines.committed.reduce((a, b) => a + b, 0);
    insertTransaction("commitment", TODAY, 1_000_000);
    insertTransaction("disbursement", TODAY, 400_000);
    insertTransaction("expenditure", TODAY, 300_000);
    insertTransaction("disbursement", "2999-01-01", 5_000_000); // after the "as of" date: not counted
    const after = expectCurrent();
    expect(after.scans).toBe(0);
    expect(after.kept.lines.committed.reduce((a, b) => a + b, 0)).toBe(committed + 1_000_000);
  });

  it("an earlier date is kept apart and stays right after appends", () => {
    const asOf = "2025-06-30";
    expectCurrent(asOf);
    insertTransaction("disbursement", "2025-01-15", 700_000);
    insertTransaction("disbursement", TODAY, 900_000);
    expectCurrent(asOf);
    expectCurrent();
  });

  it("an updated or deleted transaction makes the totals start over", () => {
    expectCurrent();
    const id = insertTransaction("commitment", TODAY, 2_000_000);
    expect(expectCurrent().scans).toBe(0);
    db.$client.prepare("UPDATE transactions SET amount = amount + 1 WHERE id = ?").run(id);
    expect(expectCurrent().scans).toBe(1);
    db.$client.prepare("DELETE FROM transactions WHERE id = ?").run(id);
    expect(expectCurrent().scans).toBe(1);
  });

  it("a project, a budget line, a planned disbursement, a milestone and a flag change are seen, without a pass over transactions", () => {
    expectCurrent();
    const line = someLine();
    const writes = [
      () => db.$client.prepare("UPDATE projects SET phase = 'suspended' WHERE id = ?").run(line.projectId),
      () =>
        db.$client
          .prepare("UPDATE budget_lines SET approved_amount = approved_amount + 5 WHERE id = ?")
          .run(line.id),
      () =>
        db.$client
          .prepare(
            "UPDATE planned_disbursements SET amount = amount + 7 WHERE id = (SELECT MIN(id) FROM planned_disbursements)",
          )
          .run(),
      () =>
        db.$client
          .prepare(
            "UPDATE milestones SET done_date = ? WHERE id = (SELECT MIN(id) FROM milestones WHERE done_date IS NULL)",
          )
          .run(TODAY),
      () =>
        db.$client
          .prepare(
            `INSERT INTO flags (fingerprint, rule_code, severity, subject_type, project_id, evidence, money_at_stake, state,
                                first_seen_at, last_seen_at)
             VALUES ('test-incremental', 'stalled_spending', 'high', 'project', ?, '{}', 9, 'open', 0, 0)`,
          )
          .run(line.projectId),
    ];
    for (const write of writes) {
      expect(write().changes).toBe(1);
      expect(expectCurrent().scans).toBe(0);
    }
  });

  it("a transaction committed by another connection is seen", () => {
    expectCurrent();
    const other = openDatabase(t.file);
    try {
      insertTransaction("disbursement", TODAY, 123_456, other.$client);
    } finally {
      other.$client.close();
    }
    expectCurrent();
  });
});
