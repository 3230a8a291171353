/**
 * Read model of a project's budget: its lines with the revision count,
 * committed and disbursed sums and the planned amount per quarter, totals
 * per fiscal year and overall, and one line's revision history. Every figure
 * is summed in SQL (the full roll-ups across projects live with the figures).
 */
import type { BudgetCategory, FundingSource } from "#db/enums";
import type { Db } from "#db/client.server";
import { prepared } from "~/modules/db/sql.server";

export interface BudgetLineView {
  id: number;
  fiscalYear: number;
  fundingSource: FundingSource;
  category: BudgetCategory;
  approvedAmount: number;
  originalAmount: number;
  version: number;
  revisionCount: number;
  transactionCount: number;
  committed: number;
  disbursed: number;
  q1: number;
  q2: number;
  q3: number;
  q4: number;
  planned: number;
}

export interface BudgetTotals {
  approved: number;
  original: number;
  committed: number;
  disbursed: number;
  q1: number;
  q2: number;
  q3: number;
  q4: number;
  planned: number;
}

export interface BudgetYear {
  fiscalYear: number;
  lines: BudgetLineView[];
  totals: BudgetTotals;
}

const LINE_FIGURES = `
  WITH tx AS (
    SELECT budget_line_id AS lineId,
           COUNT(*) AS n,
           COALESCE(SUM(CASE WHEN kind = 'commitment' THEN amount END), 0) AS committed,
           COALESCE(SUM(CASE WHEN kind = 'disbursement' THEN amount END), 0) AS disbursed
      FROM transactions WHERE project_id = :projectId GROUP BY budget_line_id
  ), pd AS (
    SELECT budget_line_id AS lineId,
           COALESCE(SUM(CASE WHEN quarter = 1 THEN amount END), 0) AS q1,
           COALESCE(SUM(CASE WHEN quarter = 2 THEN amount END), 0) AS q2,
           COALESCE(SUM(CASE WHEN quarter = 3 THEN amount END), 0) AS q3,
           COALESCE(SUM(CASE WHEN quarter = 4 THEN amount END), 0) AS q4,
           SUM(amount) AS planned
      FROM planned_disbursements WHERE project_id = :projectId GROUP BY budget_line_id
  ), rv AS (
    SELECT r.budget_line_id AS lineId, COUNT(*) AS n
      FROM budget_revisions r JOIN budget_lines b ON b.id = r.budget_line_id
     WHERE b.project_id = :projectId GROUP BY r.budget_line_id
  ), line AS (
    SELECT b.id, b.fiscal_year AS fiscalYear, b.funding_source AS fundingSource, b.category,
           b.approved_amount AS approvedAmount, b.original_amount AS originalAmount, b.version,
           COALESCE(rv.n, 0) AS revisionCount, COALESCE(tx.n, 0) AS transactionCount,
           COALESCE(tx.committed, 0) AS committed, COALESCE(tx.disbursed, 0) AS disbursed,
           COALESCE(pd.q1, 0) AS q1, COALESCE(pd.q2, 0) AS q2, COALESCE(pd.q3, 0) AS q3,
           COALESCE(pd.q4, 0) AS q4, COALESCE(pd.planned, 0) AS planned
      FROM budget_lines b
      LEFT JOIN tx ON tx.lineId = b.id
      LEFT JOIN pd ON pd.lineId = b.id
      LEFT JOIN rv ON rv.lineId = b.id
     WHERE b.project_id = :projectId
  )`;

const TOTAL_COLUMNS = `SUM(approvedAmount) AS approved, SUM(originalAmount) AS original,
  SUM(committed) AS committed, SUM(disbursed) AS disbursed, SUM(q1) AS q1, SUM(q2) AS q2,
  SUM(q3) AS q3, SUM(q4) AS q4, SUM(planned) AS planned`;

/** The project's lines, ordered by year, source and category. */
export function budgetLinesOf(db: Db, projectId: number): BudgetLineView[] {
  return prepared(
    db,
    `${LINE_FIGURES} SELECT * FROM line ORDER BY fiscalYear, fundingSource, category, id`,
  ).all({ projectId }) as BudgetLineView[];
}

/** The lines grouped by fiscal year, with SQL totals per year and for the project. */
export function budgetOverview(
  db: Db,
  projectId: number,
): { years: BudgetYear[]; totals: BudgetTotals | null } {
  const lines = budgetLinesOf(db, projectId);
  const yearTotals = prepared(
    db,
    `${LINE_FIGURES} SELECT fiscalYear, ${TOTAL_COLUMNS} FROM line GROUP BY fiscalYear ORDER BY fiscalYear`,
  ).all({ projectId }) as (BudgetTotals & { fiscalYear: number })[];
  const grand = prepared(db, `${LINE_FIGURES} SELECT COUNT(*) AS n, ${TOTAL_COLUMNS} FROM line`).get({
    projectId,
  }) as BudgetTotals & { n: number };
  const years = yearTotals.map(({ fiscalYear, ...totals }) => ({
    fiscalYear,
    totals,
    lines: lines.filter((l) => l.fiscalYear === fiscalYear),
  }));
  const { n, ...totals } = grand;
  return { years, totals: n > 0 ? totals : null };
}

/** One line of the project (null when the id is not this project's). */
export function budgetLineOf(db: Db, projectId: number, lineId: number): BudgetLineView | null {
  return (
    (prepared(db, `${LINE_FIGURES} SELECT * FROM line WHERE id = :lineId`).get({ projectId, lineId }) as
      BudgetLineView | undefined) ?? null
  );
}

export interface RevisionView {
  id: number;
  fromAmount: number;
  toAmount: number;
  reason: string;
  changedOn: string;
  changedBy: string | null;
}

/** A line's revisions, newest first. */
export function revisionsOf(db: Db, lineId: number): RevisionView[] {
  return prepared(
    db,
    `SELECT r.id, r.from_amount AS fromAmount, r.to_amount AS toAmount, r.reason, r.changed_on AS changedOn,
            u.name AS changedBy
       FROM budget_revisions r LEFT JOIN users u ON u.id = r.changed_by
      WHERE r.budget_line_id = ? ORDER BY r.changed_on DESC, r.id DESC`,
  ).all(lineId) as RevisionView[];
}
