/**
 * The ledger read model on seeded demo data: totals per kind equal an
 * independent SQL sum for every filter (kind, year, line), paging covers
 * every row once, newest first; a reversal through the command moves the
 * totals by exactly the reversed amount.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client.server";
import { seedAll } from "#seeds/index";
import { ledgerPage, lineTotals, reverseTransaction } from "~/modules/transactions/ledger.server";
import { todayIso } from "~/utils/today";
import { createTestDb } from "./helpers/db";

let db: Db;
let cleanup: () => void;

beforeAll(async () => {
  const t = createTestDb();
  db = t.db;
  cleanup = t.cleanup;
  await seedAll(db, { scale: 0.05, seed: 17 });
});
afterAll(() => cleanup());

const busiest = () =>
  db.$client
    .prepare(
      `SELECT p.id, p.code, p.organisation_id AS organisationId, p.start_date AS startDate, p.end_date AS endDate
         FROM projects p JOIN transactions t ON t.project_id = p.id GROUP BY p.id ORDER BY COUNT(*) DESC LIMIT 3`,
    )
    .all() as { id: number; code: string; organisationId: number; startDate: string | null; endDate: string | null }[];

const sqlSum = (projectId: number, kind: string, where = "", ...args: unknown[]) =>
  (
    db.$client
      .prepare(`SELECT COALESCE(SUM(amount), 0) AS s FROM transactions WHERE project_id = ? AND kind = ? ${where}`)
      .get(projectId, kind, ...args) as { s: number }
  ).s;

describe("ledger totals on demo data", () => {
  it("equal an independent SQL sum for the project, each year and each line", () => {
    const projects = busiest();
    expect(projects.length).toBeGreaterThan(0);
    for (const p of projects) {
      const all = ledgerPage(db, p.id, { kind: null, year: null, lineId: null }, 1);
      for (const k of ["commitment", "disbursement", "expenditure"] as const) expect(all.totals[k], `${p.code} ${k}`).toBe(sqlSum(p.id, k));
      for (const year of all.years) {
        const y = ledgerPage(db, p.id, { kind: null, year, lineId: null }, 1);
        expect(y.totals.disbursement).toBe(sqlSum(p.id, "disbursement", "AND substr(date, 1, 4) = ?", String(year)));
      }
      const lines = db.$client.prepare("SELECT id FROM budget_lines WHERE project_id = ?").all(p.id) as { id: number }[];
      const totals = lineTotals(db, lines.map((l) => l.id));
      for (const l of lines) {
        const byLine = ledgerPage(db, p.id, { kind: "commitment", year: null, lineId: l.id }, 1);
        expect(byLine.totals.commitment).toBe(sqlSum(p.id, "commitment", "AND budget_line_id = ?", l.id));
        expect(byLine.totals.disbursement).toBe(0);
        expect(totals.get(l.id)!.committed).toBe(byLine.totals.commitment);
      }
    }
  });

  it("pages cover every row once, newest first", () => {
    const p = busiest()[0];
    const first = ledgerPage(db, p.id, { kind: null, year: null, lineId: null }, 1, 5);
    const seen: { id: number; date: string }[] = [];
    for (let page = 1; page <= first.pageCount; page++) seen.push(...ledgerPage(db, p.id, { kind: null, year: null, lineId: null }, page, 5).rows);
    expect(seen.length).toBe(first.total);
    expect(new Set(seen.map((r) => r.id)).size).toBe(first.total);
    const dates = seen.map((r) => r.date);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it("a reversal moves the totals by exactly the reversed amount", () => {
    const p = busiest()[0];
    const target = db.$client
      .prepare("SELECT id, kind, amount FROM transactions WHERE project_id = ? AND kind = 'expenditure' AND amount > 0 LIMIT 1")
      .get(p.id) as { id: number; kind: "expenditure"; amount: number } | undefined;
    if (!target) return;
    const before = ledgerPage(db, p.id, { kind: null, year: null, lineId: null }, 1).totals.expenditure;
    const r = reverseTransaction(db, { userId: null, label: "test" }, p, { transactionId: target.id, reason: "test" }, todayIso());
    expect(r.ok).toBe(true);
    expect(ledgerPage(db, p.id, { kind: null, year: null, lineId: null }, 1).totals.expenditure).toBe(before - target.amount);
  });
});
