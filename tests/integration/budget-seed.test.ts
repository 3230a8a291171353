/**
 * The budget read model on generated demo data (seedAll, small scale): every
 * line's committed, disbursed and planned figures and the per-year and
 * project totals equal an independent SQL sum; the demo planner reads the
 * budget of a project of theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { seedAll } from "#seeds/index";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import { budgetOverview } from "~/modules/budget/budget.server";
import { loader as budgetLoader } from "~/routes/projects.$code_.budget";
import { createTestDb } from "./helpers/db";
import { call } from "./projects-support";

let db: Db;
let cleanup: () => void;

beforeAll(async () => {
  ({ db, cleanup } = createTestDb());
  await seedAll(db, { scale: 0.05, seed: 11 });
  setDb(db);
});
afterAll(() => {
  setDb(undefined);
  cleanup();
});

const sum = (sql: string, ...args: unknown[]) =>
  (db.$client.prepare(`SELECT COALESCE(SUM(amount), 0) AS s FROM ${sql}`).get(...args) as { s: number }).s;

describe("budget figures on demo data", () => {
  it("equal independent SQL sums per line, per year and per project", () => {
    const projects = db.$client
      .prepare("SELECT DISTINCT project_id AS id FROM budget_lines ORDER BY project_id")
      .all() as { id: number }[];
    expect(projects.length).toBeGreaterThan(5);
    let checkedLines = 0;
    for (const { id } of projects) {
      const { years, totals } = budgetOverview(db, id);
      for (const y of years) {
        for (const l of y.lines) {
          checkedLines++;
          expect(l.committed).toBe(
            sum("transactions WHERE budget_line_id = ? AND kind = 'commitment'", l.id),
          );
          expect(l.disbursed).toBe(
            sum("transactions WHERE budget_line_id = ? AND kind = 'disbursement'", l.id),
          );
          expect(l.planned).toBe(sum("planned_disbursements WHERE budget_line_id = ?", l.id));
          expect(l.q1 + l.q2 + l.q3 + l.q4).toBe(l.planned);
        }
        expect(y.totals.approved).toBe(
          (
            db.$client
              .prepare(
                "SELECT SUM(approved_amount) AS s FROM budget_lines WHERE project_id = ? AND fiscal_year = ?",
              )
              .get(id, y.fiscalYear) as { s: number }
          ).s,
        );
      }
      expect(totals!.approved).toBe(
        (
          db.$client
            .prepare("SELECT SUM(approved_amount) AS s FROM budget_lines WHERE project_id = ?")
            .get(id) as { s: number }
        ).s,
      );
      expect(totals!.disbursed).toBe(sum("transactions WHERE project_id = ? AND kind = 'disbursement'", id));
      expect(totals!.planned).toBe(sum("planned_disbursements WHERE project_id = ?", id));
    }
    expect(checkedLines).toBeGreaterThan(10);
  });

  it("lets the demo planner read a budget of their organisation", async () => {
    const user = db.$client
      .prepare("SELECT id FROM users WHERE email = 'planner.hcm@demo.citypilot.vn'")
      .get() as { id: number };
    const project = db.$client
      .prepare(
        `SELECT p.code FROM projects p JOIN organisations o ON o.id = p.organisation_id
          WHERE o.code = 'P-HCM' AND EXISTS (SELECT 1 FROM budget_lines b WHERE b.project_id = p.id) LIMIT 1`,
      )
      .get() as { code: string } | undefined;
    expect(project).toBeDefined();
    const r = await call(budgetLoader, `/projects/${project!.code}/budget`, {
      cookie: `${SESSION_COOKIE}=${createSession(db, user.id).token}`,
      params: { code: project!.code },
    });
    expect(r.status).toBe(200);
    expect((r.data as { canUpdate: boolean }).canUpdate).toBe(true);
  });
});
