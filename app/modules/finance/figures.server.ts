/**
 * Derived money-and-time figures, computed in SQL: approved, committed,
 * disbursed and spent, disbursement rate, physical progress (weighted share
 * of done milestones) and overdue milestones — per project, plan,
 * organisation, current province, strategy node and fiscal year — and the
 * cumulative planned-vs-actual disbursement curve.
 *
 * Every function runs one statement. The building block is `pf`: one row per
 * project in scope with its own figures, from three grouped passes (budget
 * lines, transactions, milestones). Transactions are summed as booked:
 * reversing entries are negative rows, so plain sums are net amounts.
 * Groups then sum `pf` rows by a key, so a project counts once per group.
 */
import type { Db } from "#db/client.server";
import { prepared } from "~/modules/db/sql.server";
import type { CurvePoint, MoneyFigures } from "./figures";

/** Which projects a figure covers. */
export type FigureScope = { kind: "national" } | { kind: "project"; id: number } | { kind: "plan"; id: number };

const NATIONAL: FigureScope = { kind: "national" };

/** SQL condition on a `project_id` column for a scope (`:id` bound when scoped). */
function projectCondition(scope: FigureScope, column: string): string {
  switch (scope.kind) {
    case "national":
      return "1 = 1";
    case "project":
      return `${column} = :id`;
    case "plan":
      return `${column} IN (SELECT id FROM projects WHERE plan_id = :id)`;
  }
}

function params(scope: FigureScope, asOf: string): Record<string, string | number> {
  return scope.kind === "national" ? { asOf } : { asOf, id: scope.id };
}

/**
 * `scoped` (projects in scope), then `pf`: per project approved, committed,
 * disbursed, spent, milestone weights and overdue milestones (zeros when a
 * project has none). `:asOf` is the day overdue is judged against.
 */
function perProjectCtes(scope: FigureScope): string {
  const own = (column: string) => (scope.kind === "national" ? "1 = 1" : projectCondition(scope, column));
  return `scoped AS MATERIALIZED (
    SELECT p.id, p.plan_id, p.organisation_id, p.province_id FROM projects p WHERE ${own("p.id")}
  ),
  bl AS MATERIALIZED (
    SELECT b.project_id AS id, SUM(b.approved_amount) AS approved
      FROM budget_lines b WHERE ${own("b.project_id")} GROUP BY b.project_id
  ),
  tx AS MATERIALIZED (
    SELECT t.project_id AS id,
           SUM(CASE WHEN t.kind = 'commitment' THEN t.amount ELSE 0 END) AS committed,
           SUM(CASE WHEN t.kind = 'disbursement' THEN t.amount ELSE 0 END) AS disbursed,
           SUM(CASE WHEN t.kind = 'expenditure' THEN t.amount ELSE 0 END) AS spent
      FROM transactions t WHERE ${own("t.project_id")} GROUP BY t.project_id
  ),
  ms AS MATERIALIZED (
    SELECT m.project_id AS id, SUM(m.weight) AS weightTotal,
           SUM(CASE WHEN m.done_date IS NOT NULL THEN m.weight ELSE 0 END) AS weightDone,
           SUM(CASE WHEN m.done_date IS NULL AND m.due_date < :asOf THEN 1 ELSE 0 END) AS overdue
      FROM milestones m WHERE ${own("m.project_id")} GROUP BY m.project_id
  ),
  pf AS MATERIALIZED (
    SELECT s.id, s.plan_id, s.organisation_id, s.province_id,
           COALESCE(bl.approved, 0) AS approved, COALESCE(tx.committed, 0) AS committed,
           COALESCE(tx.disbursed, 0) AS disbursed, COALESCE(tx.spent, 0) AS spent,
           COALESCE(ms.weightTotal, 0) AS weightTotal, COALESCE(ms.weightDone, 0) AS weightDone,
           COALESCE(ms.overdue, 0) AS overdue
      FROM scoped s
      LEFT JOIN bl ON bl.id = s.id LEFT JOIN tx ON tx.id = s.id LEFT JOIN ms ON ms.id = s.id
  )`;
}

/** The figures of the `pf` rows of one group (zeros, not NULL, for an empty group). */
const AGGREGATE = `COUNT(pf.id) AS projects,
  COALESCE(SUM(pf.approved), 0) AS approved, COALESCE(SUM(pf.committed), 0) AS committed,
  COALESCE(SUM(pf.disbursed), 0) AS disbursed, COALESCE(SUM(pf.spent), 0) AS spent,
  CASE WHEN SUM(pf.approved) > 0 THEN SUM(pf.disbursed) * 1.0 / SUM(pf.approved) END AS disbursementRate,
  COALESCE(SUM(pf.weightTotal), 0) AS weightTotal, COALESCE(SUM(pf.weightDone), 0) AS weightDone,
  CASE WHEN SUM(pf.weightTotal) > 0 THEN SUM(pf.weightDone) * 1.0 / SUM(pf.weightTotal) END AS progress,
  COALESCE(SUM(pf.overdue), 0) AS overdue`;

/**
 * `current_unit(id, currentId)`: every organisation and the unit that carries
 * it on at `:asOf`, following successions as `resolveCurrent` does (stop at a
 * unit still in force; a split goes to the lowest successor id so a project
 * counts once).
 */
const CURRENT_UNIT_CTES = `chain(startId, id) AS (
    SELECT id, id FROM organisations
    UNION
    SELECT c.startId, s.successor_id
      FROM chain c
      JOIN organisations o ON o.id = c.id AND o.valid_to IS NOT NULL AND o.valid_to < :asOf
      JOIN organisation_successions s ON s.predecessor_id = c.id AND s.effective_date <= :asOf
  ),
  current_unit AS MATERIALIZED (
    SELECT c.startId AS id, MIN(c.id) AS currentId
      FROM chain c JOIN organisations o ON o.id = c.id
     WHERE o.valid_to IS NULL OR o.valid_to >= :asOf
        OR NOT EXISTS (SELECT 1 FROM organisation_successions s
                        WHERE s.predecessor_id = c.id AND s.effective_date <= :asOf)
     GROUP BY c.startId
  )`;

// ---------------------------------------------------------------------------
// Statements (exported for the bench and tests)
// ---------------------------------------------------------------------------

export const PROJECT_FIGURES_SQL = `WITH ${perProjectCtes({ kind: "project", id: 0 })}
  SELECT ${AGGREGATE} FROM pf`;

/** Per project of a plan (total = 0, ordered by code), then the plan's total row (total = 1). */
export const PLAN_FIGURES_SQL = `WITH ${perProjectCtes({ kind: "plan", id: 0 })},
  rows AS (
    SELECT 0 AS total, pf.id AS projectId, p.code, p.title_vi AS titleVi, p.title_en AS titleEn, ${AGGREGATE}
      FROM pf JOIN projects p ON p.id = pf.id GROUP BY pf.id
    UNION ALL
    SELECT 1, NULL, NULL, NULL, NULL, ${AGGREGATE} FROM pf
  )
  SELECT * FROM rows ORDER BY total, code`;

export const FIGURES_BY_PLAN_SQL = `WITH ${perProjectCtes(NATIONAL)}
  SELECT pf.plan_id AS key, ${AGGREGATE} FROM pf WHERE pf.plan_id IS NOT NULL GROUP BY pf.plan_id`;

export const FIGURES_BY_OWNER_SQL = `WITH ${perProjectCtes(NATIONAL)}
  SELECT pf.organisation_id AS key, ${AGGREGATE} FROM pf GROUP BY pf.organisation_id`;

export const FIGURES_BY_CURRENT_OWNER_SQL = `WITH RECURSIVE ${CURRENT_UNIT_CTES}, ${perProjectCtes(NATIONAL)}
  SELECT cu.currentId AS key, ${AGGREGATE}
    FROM pf JOIN current_unit cu ON cu.id = pf.organisation_id GROUP BY cu.currentId`;

export const FIGURES_BY_PROVINCE_SQL = `WITH RECURSIVE ${CURRENT_UNIT_CTES}, ${perProjectCtes(NATIONAL)}
  SELECT cu.currentId AS key, ${AGGREGATE}
    FROM pf JOIN current_unit cu ON cu.id = pf.province_id GROUP BY cu.currentId`;

/**
 * Every (node, project) pair where the project is linked to the node or to a
 * descendant (indexed range on the materialised path, as the strategy
 * roll-up does), made distinct, so a project counts once per node.
 */
export const FIGURES_BY_NODE_SQL = `WITH ${perProjectCtes(NATIONAL)},
  beneath AS MATERIALIZED (
    SELECT DISTINCT a.id AS nodeId, psn.project_id AS projectId
      FROM strategy_nodes a
      JOIN strategy_nodes d ON d.path >= a.path AND d.path < a.path || ':'
      JOIN project_strategy_nodes psn ON psn.node_id = d.id
  )
  SELECT b.nodeId AS key, ${AGGREGATE} FROM beneath b JOIN pf ON pf.id = b.projectId GROUP BY b.nodeId`;

/**
 * By fiscal year: approved by the budget line's year, transactions by the
 * year of the budget line they are booked against (money of year Y spent
 * early in Y+1 still counts for Y), milestones by the year they are due.
 */
export function figuresByYearSql(scope: FigureScope): string {
  const own = (column: string) => projectCondition(scope, column);
  return `WITH y AS (
    SELECT b.fiscal_year AS year, b.project_id, SUM(b.approved_amount) AS approved,
           0 AS committed, 0 AS disbursed, 0 AS spent, 0 AS weightTotal, 0 AS weightDone, 0 AS overdue
      FROM budget_lines b WHERE ${own("b.project_id")} GROUP BY b.fiscal_year, b.project_id
    UNION ALL
    SELECT b.fiscal_year, t.project_id, 0,
           SUM(CASE WHEN t.kind = 'commitment' THEN t.amount ELSE 0 END),
           SUM(CASE WHEN t.kind = 'disbursement' THEN t.amount ELSE 0 END),
           SUM(CASE WHEN t.kind = 'expenditure' THEN t.amount ELSE 0 END), 0, 0, 0
      FROM transactions t JOIN budget_lines b ON b.id = t.budget_line_id
     WHERE ${own("t.project_id")} GROUP BY b.fiscal_year, t.project_id
    UNION ALL
    SELECT CAST(substr(m.due_date, 1, 4) AS INTEGER), m.project_id, 0, 0, 0, 0, SUM(m.weight),
           SUM(CASE WHEN m.done_date IS NOT NULL THEN m.weight ELSE 0 END),
           SUM(CASE WHEN m.done_date IS NULL AND m.due_date < :asOf THEN 1 ELSE 0 END)
      FROM milestones m WHERE ${own("m.project_id")} GROUP BY 1, m.project_id
  )
  SELECT year AS key, COUNT(DISTINCT project_id) AS projects,
         SUM(approved) AS approved, SUM(committed) AS committed, SUM(disbursed) AS disbursed, SUM(spent) AS spent,
         CASE WHEN SUM(approved) > 0 THEN SUM(disbursed) * 1.0 / SUM(approved) END AS disbursementRate,
         SUM(weightTotal) AS weightTotal, SUM(weightDone) AS weightDone,
         CASE WHEN SUM(weightTotal) > 0 THEN SUM(weightDone) * 1.0 / SUM(weightTotal) END AS progress,
         SUM(overdue) AS overdue
    FROM y GROUP BY year ORDER BY year`;
}

/**
 * Cumulative planned (planned_disbursements by fiscal year and quarter) vs
 * actual (disbursement transactions by the calendar quarter of their date,
 * reversals included) for every quarter in which either moved.
 */
export function curveSql(scope: FigureScope): string {
  const own = (column: string) => projectCondition(scope, column);
  return `WITH planned AS (
    SELECT fiscal_year AS year, quarter, SUM(amount) AS amount
      FROM planned_disbursements WHERE ${own("project_id")} GROUP BY fiscal_year, quarter
  ),
  actual AS (
    SELECT CAST(substr(date, 1, 4) AS INTEGER) AS year, (CAST(substr(date, 6, 2) AS INTEGER) + 2) / 3 AS quarter,
           SUM(amount) AS amount
      FROM transactions WHERE kind = 'disbursement' AND ${own("project_id")} GROUP BY 1, 2
  ),
  q AS (SELECT year, quarter FROM planned UNION SELECT year, quarter FROM actual)
  SELECT q.year, q.quarter, COALESCE(p.amount, 0) AS planned, COALESCE(a.amount, 0) AS actual,
         SUM(COALESCE(p.amount, 0)) OVER w AS cumPlanned, SUM(COALESCE(a.amount, 0)) OVER w AS cumActual
    FROM q
    LEFT JOIN planned p ON p.year = q.year AND p.quarter = q.quarter
    LEFT JOIN actual a ON a.year = q.year AND a.quarter = q.quarter
  WINDOW w AS (ORDER BY q.year, q.quarter ROWS UNBOUNDED PRECEDING)
   ORDER BY q.year, q.quarter`;
}

// ---------------------------------------------------------------------------
// Read models
// ---------------------------------------------------------------------------

export interface KeyedFigures extends MoneyFigures {
  key: number;
}

export interface PlanProjectFigures extends MoneyFigures {
  projectId: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
}

/** The figures of one project (zeros when it has no money or milestones yet). */
export function projectFigures(db: Db, projectId: number, asOf: string): MoneyFigures {
  return prepared(db, PROJECT_FIGURES_SQL).get({ id: projectId, asOf }) as MoneyFigures;
}

/** A plan's total and each of its projects' figures (by code). */
export function planFigures(
  db: Db,
  planId: number,
  asOf: string,
): { totals: MoneyFigures; projects: PlanProjectFigures[] } {
  const rows = prepared(db, PLAN_FIGURES_SQL).all({ id: planId, asOf }) as (PlanProjectFigures & {
    total: number;
  })[];
  const totalRow = rows[rows.length - 1];
  const { total: _t, projectId: _p, code: _c, titleVi: _v, titleEn: _e, ...totals } = totalRow;
  return {
    totals,
    projects: rows.slice(0, -1).map(({ total: _total, ...r }) => r),
  };
}

/** Per plan (projects outside any plan are left out). */
export function figuresByPlan(db: Db, asOf: string): KeyedFigures[] {
  return prepared(db, FIGURES_BY_PLAN_SQL).all({ asOf }) as KeyedFigures[];
}

/**
 * Per owning organisation. With `rollLegacy`, projects of a merged (legacy)
 * unit count for the unit that carries it on at `asOf`.
 */
export function figuresByOrganisation(
  db: Db,
  asOf: string,
  { rollLegacy = false }: { rollLegacy?: boolean } = {},
): KeyedFigures[] {
  return prepared(db, rollLegacy ? FIGURES_BY_CURRENT_OWNER_SQL : FIGURES_BY_OWNER_SQL).all({
    asOf,
  }) as KeyedFigures[];
}

/** Per current province: projects located in a legacy province count for its successor. */
export function figuresByProvince(db: Db, asOf: string): KeyedFigures[] {
  return prepared(db, FIGURES_BY_PROVINCE_SQL).all({ asOf }) as KeyedFigures[];
}

/** Per strategy node: the distinct projects linked to the node or beneath it. */
export function figuresByStrategyNode(db: Db, asOf: string): KeyedFigures[] {
  return prepared(db, FIGURES_BY_NODE_SQL).all({ asOf }) as KeyedFigures[];
}

/** Per fiscal year (key = year), nationally or for a project or plan. */
export function figuresByFiscalYear(db: Db, asOf: string, scope: FigureScope = NATIONAL): KeyedFigures[] {
  return prepared(db, figuresByYearSql(scope)).all(params(scope, asOf)) as KeyedFigures[];
}

/** Cumulative planned vs actual disbursement by quarter, nationally or for a project or plan. */
export function disbursementCurve(db: Db, scope: FigureScope = NATIONAL): CurvePoint[] {
  const bind: Record<string, number> = scope.kind === "national" ? {} : { id: scope.id };
  return prepared(db, curveSql(scope)).all(bind) as CurvePoint[];
}

// ---------------------------------------------------------------------------
// Page read models
// ---------------------------------------------------------------------------

export interface ProjectMoneySummary {
  figures: MoneyFigures;
  curve: CurvePoint[];
}

/** The project page's money-and-time section: figures and the S-curve (two statements). */
export function projectMoneySummary(db: Db, projectId: number, asOf: string): ProjectMoneySummary {
  return {
    figures: projectFigures(db, projectId, asOf),
    curve: disbursementCurve(db, { kind: "project", id: projectId }),
  };
}
