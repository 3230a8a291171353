/**
 * Commands on budget lines: add, revise the approved amount (with a reason,
 * kept in `budget_revisions`), remove, and replace the quarterly plan. Each
 * runs in one transaction with its audit event; each carries the line's
 * `version` (optimistic locking) and refuses with a `BudgetError` whose
 * message is an i18n key, leaving nothing written.
 *
 * Reads inside a transaction go through `db`: better-sqlite3 runs the
 * transaction on the same connection, so they see its writes.
 */
import type { BudgetCategory, FundingSource, PlanStatus } from "#db/enums";
import type { Db } from "#db/client.server";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";
import { refreshProjectFlags } from "~/modules/flags/hooks.server";
import { assertVersionedUpdate, StaleVersionError } from "~/modules/db/concurrency";
import { prepared } from "~/modules/db/sql.server";
import { isPlanContentEditable } from "~/modules/plans/workflow";
import { planProblem, QUARTERS, revisionProblem } from "./rules";

export { StaleVersionError };

/** A refused command: `field` names the form field the message belongs beside (or null: the form). */
export class BudgetError extends Error {
  constructor(
    readonly messageKey: string,
    readonly field: string | null = null,
  ) {
    super(messageKey);
    this.name = "BudgetError";
  }
}

/** What the commands need of the project (looked up on the server, never from the form). */
export interface BudgetProject {
  id: number;
  code: string;
  organisationId: number;
  plan: { status: PlanStatus } | null;
}

interface LineRow {
  id: number;
  projectId: number;
  fiscalYear: number;
  fundingSource: FundingSource;
  category: BudgetCategory;
  approvedAmount: number;
  originalAmount: number;
  version: number;
}

function lineRow(db: Db, projectId: number, lineId: number): LineRow {
  const row = prepared(
    db,
    `SELECT id, project_id AS projectId, fiscal_year AS fiscalYear, funding_source AS fundingSource, category,
              approved_amount AS approvedAmount, original_amount AS originalAmount, version
         FROM budget_lines WHERE id = ? AND project_id = ?`,
  ).get(lineId, projectId) as LineRow | undefined;
  if (!row) throw new BudgetError("budget.error.lineNotFound");
  return row;
}

function plannedOf(db: Db, lineId: number): number[] {
  const rows = prepared(
    db,
    "SELECT quarter, SUM(amount) AS amount FROM planned_disbursements WHERE budget_line_id = ? GROUP BY quarter",
  ).all(lineId) as { quarter: number; amount: number }[];
  return QUARTERS.map((q) => rows.find((r) => r.quarter === q)?.amount ?? 0);
}

function plannedTotal(db: Db, lineId: number): number {
  return (
    prepared(
      db,
      "SELECT COALESCE(SUM(amount), 0) AS total FROM planned_disbursements WHERE budget_line_id = ?",
    ).get(lineId) as { total: number }
  ).total;
}

const snapshot = (l: LineRow) => ({
  projectId: l.projectId,
  fiscalYear: l.fiscalYear,
  fundingSource: l.fundingSource,
  category: l.category,
  approvedAmount: l.approvedAmount,
  originalAmount: l.originalAmount,
  version: l.version,
});

export interface AddLineInput {
  fiscalYear: number;
  fundingSource: FundingSource;
  category: BudgetCategory;
  amount: number;
}

/** Add a line; one per project × year × source × category. */
export function addBudgetLine(db: Db, actor: Actor, project: BudgetProject, input: AddLineInput): number {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    throw new BudgetError("money.error.notPositive", "amount");
  return db.transaction((tx) => {
    const duplicate = prepared(
      db,
      "SELECT id FROM budget_lines WHERE project_id = ? AND fiscal_year = ? AND funding_source = ? AND category = ?",
    ).get(project.id, input.fiscalYear, input.fundingSource, input.category);
    if (duplicate) throw new BudgetError("budget.error.duplicate", "category");
    const id = Number(
      prepared(
        db,
        `INSERT INTO budget_lines (project_id, fiscal_year, funding_source, category, approved_amount, original_amount)
           VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(project.id, input.fiscalYear, input.fundingSource, input.category, input.amount, input.amount)
        .lastInsertRowid,
    );
    recordAudit(tx, actor, {
      action: "budget.line.create",
      entityType: "budget_line",
      entityId: id,
      organisationId: project.organisationId,
      after: { projectCode: project.code, ...snapshot(lineRow(db, project.id, id)) },
    });
    refreshProjectFlags(db, actor, project.id);
    return id;
  });
}

export interface ReviseInput {
  lineId: number;
  version: number;
  amount: number;
  reason: string;
  /** ISO date of the revision. */
  on: string;
}

/** Change the approved amount as a revision with a reason; the original amount stays. */
export function reviseBudgetLine(db: Db, actor: Actor, project: BudgetProject, input: ReviseInput): void {
  db.transaction((tx) => {
    const before = lineRow(db, project.id, input.lineId);
    if (before.version !== input.version)
      throw new StaleVersionError("budget_line", input.lineId, input.version);
    const problem = revisionProblem(before.approvedAmount, input.amount, plannedTotal(db, before.id));
    if (problem) throw new BudgetError(problem, "amount");
    assertVersionedUpdate(
      prepared(
        db,
        `UPDATE budget_lines SET approved_amount = ?, version = version + 1, updated_at = unixepoch('subsec') * 1000
            WHERE id = ? AND project_id = ? AND version = ?`,
      ).run(input.amount, before.id, project.id, input.version),
      "budget_line",
      before.id,
      input.version,
    );
    const revisionId = Number(
      prepared(
        db,
        `INSERT INTO budget_revisions (budget_line_id, from_amount, to_amount, reason, changed_by, changed_on)
           VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(before.id, before.approvedAmount, input.amount, input.reason, actor.userId, input.on)
        .lastInsertRowid,
    );
    recordAudit(tx, actor, {
      action: "budget.line.revise",
      entityType: "budget_line",
      entityId: before.id,
      organisationId: project.organisationId,
      before: { projectCode: project.code, ...snapshot(before) },
      after: {
        projectCode: project.code,
        ...snapshot(lineRow(db, project.id, before.id)),
        revision: {
          id: revisionId,
          from: before.approvedAmount,
          to: input.amount,
          reason: input.reason,
          on: input.on,
        },
      },
    });
    refreshProjectFlags(db, actor, project.id);
  });
}

/** Remove a line without transactions while the project's plan content is editable. */
export function removeBudgetLine(
  db: Db,
  actor: Actor,
  project: BudgetProject,
  input: { lineId: number; version: number },
): void {
  if (project.plan && !isPlanContentEditable(project.plan.status))
    throw new BudgetError(
      project.plan.status === "approved"
        ? "budget.error.removePlanApproved"
        : "budget.error.removePlanSubmitted",
    );
  db.transaction((tx) => {
    const before = lineRow(db, project.id, input.lineId);
    if (before.version !== input.version)
      throw new StaleVersionError("budget_line", input.lineId, input.version);
    const { n } = prepared(db, "SELECT COUNT(*) AS n FROM transactions WHERE budget_line_id = ?").get(
      before.id,
    ) as { n: number };
    if (n > 0) throw new BudgetError("budget.error.removeHasTransactions");
    const planned = plannedOf(db, before.id);
    prepared(db, "DELETE FROM planned_disbursements WHERE budget_line_id = ?").run(before.id);
    prepared(db, "DELETE FROM budget_revisions WHERE budget_line_id = ?").run(before.id);
    assertVersionedUpdate(
      prepared(db, "DELETE FROM budget_lines WHERE id = ? AND project_id = ? AND version = ?").run(
        before.id,
        project.id,
        input.version,
      ),
      "budget_line",
      before.id,
      input.version,
    );
    recordAudit(tx, actor, {
      action: "budget.line.delete",
      entityType: "budget_line",
      entityId: before.id,
      organisationId: project.organisationId,
      before: { projectCode: project.code, ...snapshot(before), planned },
    });
    refreshProjectFlags(db, actor, project.id);
  });
}

/** Replace a line's planned disbursements (Q1–Q4 of its fiscal year); the total may not exceed the approved amount. */
export function saveBudgetPlan(
  db: Db,
  actor: Actor,
  project: BudgetProject,
  input: { lineId: number; version: number; quarters: [number, number, number, number] },
): void {
  db.transaction((tx) => {
    const before = lineRow(db, project.id, input.lineId);
    if (before.version !== input.version)
      throw new StaleVersionError("budget_line", input.lineId, input.version);
    const problem = planProblem(input.quarters, before.approvedAmount);
    if (problem) throw new BudgetError(problem);
    const previous = plannedOf(db, before.id);
    assertVersionedUpdate(
      prepared(
        db,
        `UPDATE budget_lines SET version = version + 1, updated_at = unixepoch('subsec') * 1000
            WHERE id = ? AND project_id = ? AND version = ?`,
      ).run(before.id, project.id, input.version),
      "budget_line",
      before.id,
      input.version,
    );
    prepared(db, "DELETE FROM planned_disbursements WHERE budget_line_id = ?").run(before.id);
    const insert = prepared(
      db,
      `INSERT INTO planned_disbursements (project_id, budget_line_id, fiscal_year, quarter, amount)
       VALUES (?, ?, ?, ?, ?)`,
    );
    QUARTERS.forEach((q, i) => {
      if (input.quarters[i] > 0) insert.run(project.id, before.id, before.fiscalYear, q, input.quarters[i]);
    });
    recordAudit(tx, actor, {
      action: "budget.plan.update",
      entityType: "budget_line",
      entityId: before.id,
      organisationId: project.organisationId,
      before: {
        projectCode: project.code,
        fiscalYear: before.fiscalYear,
        quarters: previous,
        version: before.version,
      },
      after: {
        projectCode: project.code,
        fiscalYear: before.fiscalYear,
        quarters: input.quarters,
        version: before.version + 1,
      },
    });
  });
}
