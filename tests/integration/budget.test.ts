/**
 * Budget lines and quarterly plans through the real loaders and actions on a
 * real SQLite file: adding (and refusing a duplicate), revising with a reason
 * (history kept, original amount unchanged), stale versions refused with
 * nothing changed, plans above the approved amount refused with nothing
 * written, removal rules, permissions per role × own/foreign organisation,
 * and the audit event written in the same transaction as the change.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client.server";
import { action as budgetAction, loader as budgetLoader } from "~/routes/projects.$code_.budget";
import { action as lineAction, loader as lineLoader } from "~/routes/projects.$code_.budget_.$lineId";
import { addBudgetLine } from "~/modules/budget/commands.server";
import type { PagesFixture } from "./helpers/pages-fixture";
import { call, count, lastAudit, setupProjectsDb, type Role } from "./projects-support";

let db: Db;
let fx: PagesFixture;
let cleanup: () => void;

beforeAll(() => {
  ({ db, fx, cleanup } = setupProjectsDb());
});
afterAll(() => cleanup());

/** T-HCMO-1: LP-79 (P-HCM's family), no plan, a 2025 line with a 4 bn disbursement. */
const OWN = "T-HCMO-1";
/** T-HNI-1: Hà Nội, a 2025 line without transactions. */
const FOREIGN = "T-HNI-1";
/** T-HCM-2: P-HCM, in a submitted plan, one line without transactions. */
const SUBMITTED = "T-HCM-2";

interface LineRow {
  id: number;
  approved_amount: number;
  original_amount: number;
  version: number;
}
const lineOf = (code: string, year: number, source: string, category = "general") =>
  db.$client
    .prepare(
      `SELECT b.* FROM budget_lines b JOIN projects p ON p.id = b.project_id
        WHERE p.code = ? AND b.fiscal_year = ? AND b.funding_source = ? AND b.category = ?`,
    )
    .get(code, year, source, category) as LineRow | undefined;
const audits = () => count(db, "SELECT id FROM audit_events");
const revisions = (lineId: number) =>
  count(db, "SELECT id FROM budget_revisions WHERE budget_line_id = ?", lineId);
const planned = (lineId: number) =>
  db.$client
    .prepare("SELECT quarter, amount FROM planned_disbursements WHERE budget_line_id = ? ORDER BY quarter")
    .all(lineId) as { quarter: number; amount: number }[];

const add = (code: string, role: Role, form: Record<string, string>) =>
  call(budgetAction, `/projects/${code}/budget`, {
    cookie: fx.cookies[role],
    params: { code },
    form: {
      intent: "add",
      fiscalYear: "2026",
      fundingSource: "oda_loan",
      category: "security",
      amount: "12,5 tỷ",
      ...form,
    },
  });
const onLine = (code: string, lineId: number, role: Role, form: Record<string, string | number>) =>
  call(lineAction, `/projects/${code}/budget/${lineId}`, {
    cookie: fx.cookies[role],
    params: { code, lineId: String(lineId) },
    form,
  });
const errorsOf = (r: { data?: unknown }) =>
  (r.data as { result: { error?: Record<string, string[] | null> } }).result.error ?? {};

describe("adding a budget line", () => {
  it("adds a line with the amount typed as officials do, and audits it", async () => {
    const before = audits();
    const r = await add(OWN, "plannerHcm", {});
    expect(r.status).toBe(302);
    expect(r.location).toBe(`/projects/${OWN}/budget?saved=add`);
    const line = lineOf(OWN, 2026, "oda_loan", "security")!;
    expect(line).toMatchObject({
      approved_amount: 12_500_000_000,
      original_amount: 12_500_000_000,
      version: 1,
    });
    expect(audits()).toBe(before + 1);
    const audit = lastAudit(db);
    expect(audit).toMatchObject({
      action: "budget.line.create",
      entity_id: String(line.id),
      organisation_id: fx.org("LP-79"),
    });
    expect(JSON.parse(audit.after!)).toMatchObject({ projectCode: OWN, approvedAmount: 12_500_000_000 });
  });

  it("refuses a duplicate line with a message beside the category, writing nothing", async () => {
    const before = audits();
    const lines = count(db, "SELECT id FROM budget_lines");
    const r = await add(OWN, "plannerHcm", { amount: "1 tỷ" });
    expect(r.status).toBe(409);
    expect(errorsOf(r).category).toEqual(["budget.error.duplicate"]);
    expect(count(db, "SELECT id FROM budget_lines")).toBe(lines);
    expect(audits()).toBe(before);
  });

  it("refuses bad input with localised keys beside the fields and keeps what was typed", async () => {
    const lines = count(db, "SELECT id FROM budget_lines");
    const r = await add(OWN, "plannerHcm", { amount: "mười tỷ", fiscalYear: "1990", category: "community" });
    expect(r.status).toBe(400);
    const errors = errorsOf(r);
    expect(errors.amount).toEqual(["money.error.invalid"]);
    expect(errors.fiscalYear).toEqual(["budget.error.yearRange"]);
    expect(errors.category).toEqual(["budget.error.categoryRequired"]);
    expect((r.data as { result: { initialValue: Record<string, string> } }).result.initialValue.amount).toBe(
      "mười tỷ",
    );
    expect(count(db, "SELECT id FROM budget_lines")).toBe(lines);
  });

  it("writes the audit event in the same transaction: a failing audit leaves no line", () => {
    const project = db.$client
      .prepare("SELECT id, code, organisation_id AS organisationId FROM projects WHERE code = ?")
      .get(OWN) as {
      id: number;
      code: string;
      organisationId: number;
    };
    db.$client.exec(
      "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit down'); END",
    );
    try {
      expect(() =>
        addBudgetLine(
          db,
          { userId: fx.userIds.plannerHcm, label: "t" },
          { ...project, plan: null },
          {
            fiscalYear: 2027,
            fundingSource: "ppp",
            category: "general",
            amount: 1_000_000,
          },
        ),
      ).toThrow(/audit down/);
    } finally {
      db.$client.exec("DROP TRIGGER fail_audit");
    }
    expect(lineOf(OWN, 2027, "ppp")).toBeUndefined();
  });
});

describe("revising an approved amount", () => {
  it("keeps the original amount and the history of revisions with their reasons", async () => {
    const line = lineOf(OWN, 2026, "oda_loan", "security")!;
    const r1 = await onLine(OWN, line.id, "plannerHcm", {
      intent: "revise",
      version: line.version,
      amount: "15 tỷ",
      reason: "QĐ 123/QĐ-UBND bổ sung",
    });
    expect(r1.status).toBe(302);
    const r2 = await onLine(OWN, line.id, "plannerHcm", {
      intent: "revise",
      version: line.version + 1,
      amount: "14.000.000.000",
      reason: "QĐ 456 điều chỉnh giảm",
    });
    expect(r2.status).toBe(302);
    expect(lineOf(OWN, 2026, "oda_loan", "security")).toMatchObject({
      approved_amount: 14_000_000_000,
      original_amount: 12_500_000_000,
      version: line.version + 2,
    });
    const page = await call(lineLoader, `/projects/${OWN}/budget/${line.id}`, {
      cookie: fx.cookies.plannerHcm,
      params: { code: OWN, lineId: String(line.id) },
    });
    const d = page.data as {
      revisions: { fromAmount: number; toAmount: number; reason: string; changedBy: string }[];
      line: { revisionCount: number };
    };
    expect(d.line.revisionCount).toBe(2);
    expect(d.revisions.map((x) => [x.fromAmount, x.toAmount, x.reason])).toEqual([
      [15_000_000_000, 14_000_000_000, "QĐ 456 điều chỉnh giảm"],
      [12_500_000_000, 15_000_000_000, "QĐ 123/QĐ-UBND bổ sung"],
    ]);
    expect(d.revisions[0].changedBy).toBe("plannerHcm");
    expect(lastAudit(db).action).toBe("budget.line.revise");
  });

  it("requires a reason", async () => {
    const line = lineOf(OWN, 2026, "oda_loan", "security")!;
    const r = await onLine(OWN, line.id, "plannerHcm", {
      intent: "revise",
      version: line.version,
      amount: "20 tỷ",
      reason: "",
    });
    expect(r.status).toBe(400);
    expect(errorsOf(r).reason).toEqual(["budget.error.reasonRequired"]);
    expect(lineOf(OWN, 2026, "oda_loan", "security")!.approved_amount).toBe(14_000_000_000);
  });

  it("refuses a stale version with nothing changed and points to the newer data", async () => {
    const line = lineOf(OWN, 2026, "oda_loan", "security")!;
    const before = { audits: audits(), revisions: revisions(line.id) };
    const r = await onLine(OWN, line.id, "plannerHcm", {
      intent: "revise",
      version: line.version - 1,
      amount: "99 tỷ",
      reason: "cũ",
    });
    expect(r.status).toBe(409);
    expect(r.data).toMatchObject({ intent: "revise", stale: true });
    expect((r.data as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual([
      "budget.error.stale",
    ]);
    expect(lineOf(OWN, 2026, "oda_loan", "security")).toEqual(line);
    expect(revisions(line.id)).toBe(before.revisions);
    expect(audits()).toBe(before.audits);
  });
});

describe("planned disbursements by quarter", () => {
  it("refuses a plan above the approved amount, writing nothing", async () => {
    const line = lineOf(OWN, 2026, "oda_loan", "security")!; // 14 bn approved
    const before = audits();
    const r = await onLine(OWN, line.id, "plannerHcm", {
      intent: "plan",
      version: line.version,
      q1: "4 tỷ",
      q2: "4 tỷ",
      q3: "4 tỷ",
      q4: "2.000.000.001",
    });
    expect(r.status).toBe(409);
    expect((r.data as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual([
      "budget.error.planAboveApproved",
    ]);
    expect(planned(line.id)).toEqual([]);
    expect(lineOf(OWN, 2026, "oda_loan", "security")).toEqual(line);
    expect(audits()).toBe(before);
  });

  it("saves the four quarters in one go and replaces the previous plan", async () => {
    let line = lineOf(OWN, 2026, "oda_loan", "security")!;
    const r1 = await onLine(OWN, line.id, "plannerHcm", {
      intent: "plan",
      version: line.version,
      q1: "1 tỷ",
      q2: "2,5 tỷ",
      q3: "",
      q4: "10.500.000.000",
    });
    expect(r1.status).toBe(302);
    expect(planned(line.id)).toEqual([
      { quarter: 1, amount: 1_000_000_000 },
      { quarter: 2, amount: 2_500_000_000 },
      { quarter: 4, amount: 10_500_000_000 },
    ]);
    expect(lastAudit(db).action).toBe("budget.plan.update");
    line = lineOf(OWN, 2026, "oda_loan", "security")!;
    const r2 = await onLine(OWN, line.id, "plannerHcm", {
      intent: "plan",
      version: line.version,
      q3: "3 tỷ",
    });
    expect(r2.status).toBe(302);
    expect(planned(line.id)).toEqual([{ quarter: 3, amount: 3_000_000_000 }]);
    const page = await call(budgetLoader, `/projects/${OWN}/budget`, {
      cookie: fx.cookies.plannerHcm,
      params: { code: OWN },
    });
    const d = page.data as {
      years: {
        fiscalYear: number;
        lines: { id: number; q3: number; planned: number }[];
        totals: { planned: number };
      }[];
    };
    const y2026 = d.years.find((y) => y.fiscalYear === 2026)!;
    expect(y2026.lines.find((l) => l.id === line.id)).toMatchObject({
      q3: 3_000_000_000,
      planned: 3_000_000_000,
    });
    expect(y2026.totals.planned).toBe(3_000_000_000);
  });

  it("refuses a revision below the planned total", async () => {
    const line = lineOf(OWN, 2026, "oda_loan", "security")!;
    const r = await onLine(OWN, line.id, "plannerHcm", {
      intent: "revise",
      version: line.version,
      amount: "2 tỷ",
      reason: "giảm",
    });
    expect(r.status).toBe(409);
    expect(errorsOf(r).amount).toEqual(["budget.error.revisionBelowPlanned"]);
    expect(lineOf(OWN, 2026, "oda_loan", "security")).toEqual(line);
  });
});

describe("removing a line", () => {
  it("refuses a line with transactions", async () => {
    const line = lineOf(OWN, 2025, "central_budget")!;
    const r = await onLine(OWN, line.id, "plannerHcm", { intent: "remove", version: line.version });
    expect(r.status).toBe(409);
    expect((r.data as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual([
      "budget.error.removeHasTransactions",
    ]);
    expect(lineOf(OWN, 2025, "central_budget")).toEqual(line);
  });

  it("refuses while the project's plan is submitted", async () => {
    const line = lineOf(SUBMITTED, 2025, "central_budget")!;
    const r = await onLine(SUBMITTED, line.id, "plannerHcm", { intent: "remove", version: line.version });
    expect(r.status).toBe(409);
    expect(lineOf(SUBMITTED, 2025, "central_budget")).toEqual(line);
  });

  it("removes a line without transactions, with its plan and revisions, and audits it", async () => {
    const line = lineOf(OWN, 2026, "oda_loan", "security")!;
    const r = await onLine(OWN, line.id, "plannerHcm", { intent: "remove", version: line.version });
    expect(r.status).toBe(302);
    expect(lineOf(OWN, 2026, "oda_loan", "security")).toBeUndefined();
    expect(planned(line.id)).toEqual([]);
    expect(revisions(line.id)).toBe(0);
    const audit = lastAudit(db);
    expect(audit.action).toBe("budget.line.delete");
    expect(JSON.parse(audit.before!)).toMatchObject({
      approvedAmount: 14_000_000_000,
      originalAmount: 12_500_000_000,
    });
  });
});

describe("permissions", () => {
  const read = (code: string, role?: Role) =>
    call(budgetLoader, `/projects/${code}/budget`, {
      cookie: role ? fx.cookies[role] : undefined,
      params: { code },
    });

  it("planners read their own organisation's budget only; others read everything", async () => {
    expect((await read(OWN, "plannerHcm")).status).toBe(200);
    expect((await read(FOREIGN, "plannerHcm")).status).toBe(403);
    expect((await read(OWN, "plannerLaiChau")).status).toBe(403);
    for (const role of ["coordinator", "leader", "auditor", "admin"] as Role[]) {
      expect((await read(FOREIGN, role)).status, role).toBe(200);
    }
    expect((await read(OWN)).status).toBe(302);
    expect((await read("NOPE-1", "coordinator")).status).toBe(404);
    const flags = async (role: Role) => ((await read(OWN, role)).data as { canUpdate: boolean }).canUpdate;
    expect(await flags("plannerHcm")).toBe(true);
    expect(await flags("coordinator")).toBe(true);
    expect(await flags("leader")).toBe(false);
    expect(await flags("auditor")).toBe(false);
  });

  it("leaders, auditors, admins and foreign planners get 403 on every action, with nothing written", async () => {
    const line = lineOf(FOREIGN, 2025, "central_budget")!;
    const before = { lines: count(db, "SELECT id FROM budget_lines"), audits: audits() };
    for (const role of ["leader", "auditor", "admin", "plannerHcm"] as Role[]) {
      expect((await add(FOREIGN, role, { fiscalYear: "2026" })).status, role).toBe(403);
      const forms: Record<string, string | number>[] = [
        { intent: "revise", version: line.version, amount: "3 tỷ", reason: "x" },
        { intent: "plan", version: line.version, q1: "1 tỷ" },
        { intent: "remove", version: line.version },
      ];
      for (const form of forms) {
        expect((await onLine(FOREIGN, line.id, role, form)).status, `${role} ${form.intent}`).toBe(403);
      }
    }
    expect(count(db, "SELECT id FROM budget_lines")).toBe(before.lines);
    expect(audits()).toBe(before.audits);
    expect(lineOf(FOREIGN, 2025, "central_budget")).toEqual(line);
  });

  it("a forged line id of another project is not found through the planner's own project", async () => {
    const foreignLine = lineOf(FOREIGN, 2025, "central_budget")!;
    const r = await onLine(OWN, foreignLine.id, "plannerHcm", {
      intent: "revise",
      version: foreignLine.version,
      amount: "9 tỷ",
      reason: "giả mạo",
      lineId: foreignLine.id,
    });
    expect(r.status).toBe(404);
    const page = await call(lineLoader, `/projects/${OWN}/budget/${foreignLine.id}`, {
      cookie: fx.cookies.plannerHcm,
      params: { code: OWN, lineId: String(foreignLine.id) },
    });
    expect(page.status).toBe(404);
    expect(lineOf(FOREIGN, 2025, "central_budget")).toEqual(foreignLine);
  });

  it("a hidden lineId field cannot redirect a command to another line", async () => {
    const own = lineOf(OWN, 2025, "central_budget")!;
    const foreignLine = lineOf(FOREIGN, 2025, "central_budget")!;
    const r = await onLine(OWN, own.id, "plannerHcm", {
      intent: "plan",
      version: own.version,
      q1: "1 tỷ",
      lineId: foreignLine.id,
    });
    expect(r.status).toBe(302);
    expect(planned(foreignLine.id)).toEqual([]);
    expect(planned(own.id)).toEqual([{ quarter: 1, amount: 1_000_000_000 }]);
  });

  it("coordinators change any organisation's budget", async () => {
    const r = await add(FOREIGN, "coordinator", {
      fiscalYear: "2026",
      fundingSource: "local_budget",
      category: "general",
      amount: "850 triệu",
    });
    expect(r.status).toBe(302);
    expect(lineOf(FOREIGN, 2026, "local_budget")!.approved_amount).toBe(850_000_000);
  });
});
