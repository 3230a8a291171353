/**
 * National overview for the home page: projects by phase and by current
 * province with approved and disbursed money, in one statement. Projects
 * recorded against a legacy province roll into the province that carries it
 * on today (organisation_successions, followed transitively).
 */
import type { Db } from "#db/client.server";
import { PROJECT_PHASES, type ProjectPhase } from "#db/enums";
import { memoByDataVersion, prepared } from "~/modules/db/sql.server";
import { todayIso } from "~/utils/today";

export interface PhaseFigure {
  phase: ProjectPhase;
  projects: number;
  approved: number;
  disbursed: number;
}

export interface ProvinceFigure {
  id: number;
  code: string;
  abbr: string;
  nameVi: string;
  nameEn: string;
  projects: number;
  approved: number;
  disbursed: number;
}

export interface Overview {
  byPhase: PhaseFigure[];
  /** Every current province, including those without projects. */
  byProvince: ProvinceFigure[];
  totals: {
    projects: number;
    approved: number;
    disbursed: number;
    provincesCovered: number;
    provinces: number;
    /** Projects with no province (national scope) or one that rolls into no current province. */
    withoutProvince: number;
  };
  asOf: string;
}

/** Province-level unit → the current province carrying it on at :asOf. */
export const CURRENT_PROVINCE_CTE = `roll(id, cur, hops) AS (
    SELECT id, id, 0 FROM organisations WHERE kind = 'province'
    UNION
    SELECT roll.id, s.successor_id, roll.hops + 1
      FROM roll JOIN organisation_successions s ON s.predecessor_id = roll.cur
     WHERE s.effective_date <= :asOf AND roll.hops < 16
  ),
  -- The nearest unit on the chain that is in force at :asOf (SQLite returns
  -- the bare column cur from the row holding MIN(hops)).
  current_province AS (
    SELECT roll.id AS province_id, roll.cur AS current_id, MIN(roll.hops) AS hops
      FROM roll JOIN organisations o ON o.id = roll.cur
     WHERE o.kind = 'province'
       AND (o.valid_from IS NULL OR o.valid_from <= :asOf) AND (o.valid_to IS NULL OR o.valid_to >= :asOf)
     GROUP BY roll.id
  )`;

/** Approved amount and net disbursement per project (index lookups per project). */
export const PROJECT_MONEY_CTE = `money AS (
    SELECT p.id, p.phase, p.province_id,
           (SELECT COALESCE(SUM(bl.approved_amount), 0) FROM budget_lines bl WHERE bl.project_id = p.id) AS approved,
           (SELECT COALESCE(SUM(t.amount), 0) FROM transactions t
             WHERE t.project_id = p.id AND t.kind = 'disbursement') AS disbursed
      FROM projects p
  )`;

export const OVERVIEW_SQL = `WITH RECURSIVE ${CURRENT_PROVINCE_CTE},
  ${PROJECT_MONEY_CTE},
  -- Materialised: both groupings below read it, so the money is summed once.
  base AS MATERIALIZED (
    SELECT m.id, m.phase, cp.current_id, m.approved, m.disbursed
      FROM money m LEFT JOIN current_province cp ON cp.province_id = m.province_id
  )
  SELECT 'phase' AS dim, phase AS key, NULL AS code, NULL AS abbr, NULL AS nameVi, NULL AS nameEn,
         COUNT(*) AS projects, SUM(approved) AS approved, SUM(disbursed) AS disbursed
    FROM base GROUP BY phase
  UNION ALL
  SELECT 'province', o.id, o.code, o.abbr, o.name_vi, o.name_en,
         COUNT(base.id), COALESCE(SUM(base.approved), 0), COALESCE(SUM(base.disbursed), 0)
    FROM organisations o LEFT JOIN base ON base.current_id = o.id
   WHERE o.kind = 'province'
     AND (o.valid_from IS NULL OR o.valid_from <= :asOf) AND (o.valid_to IS NULL OR o.valid_to >= :asOf)
   GROUP BY o.id`;

interface OverviewRow {
  dim: "phase" | "province";
  key: string | number;
  code: string | null;
  abbr: string | null;
  nameVi: string | null;
  nameEn: string | null;
  projects: number;
  approved: number;
  disbursed: number;
}

/**
 * The national overview as of a date. It aggregates every project, budget
 * line and disbursement, so it is computed once per database state and
 * reused until the next write (see `memoByDataVersion`).
 */
export function getOverview(db: Db, asOf: string = todayIso()): Overview {
  return memoByDataVersion(db, `home:overview:${asOf}`, () => computeOverview(db, asOf));
}

function computeOverview(db: Db, asOf: string): Overview {
  const rows = prepared(db, OVERVIEW_SQL).all({ asOf }) as OverviewRow[];
  const phases = new Map<string, OverviewRow>();
  const byProvince: ProvinceFigure[] = [];
  for (const r of rows) {
    if (r.dim === "phase") phases.set(String(r.key), r);
    else
      byProvince.push({
        id: Number(r.key),
        code: r.code!,
        abbr: r.abbr!,
        nameVi: r.nameVi!,
        nameEn: r.nameEn!,
        projects: r.projects,
        approved: r.approved,
        disbursed: r.disbursed,
      });
  }
  byProvince.sort((a, b) => b.projects - a.projects || a.nameVi.localeCompare(b.nameVi, "vi"));
  const byPhase = PROJECT_PHASES.map((phase) => ({
    phase,
    projects: phases.get(phase)?.projects ?? 0,
    approved: phases.get(phase)?.approved ?? 0,
    disbursed: phases.get(phase)?.disbursed ?? 0,
  }));
  const totals = byPhase.reduce(
    (acc, p) => ({
      ...acc,
      projects: acc.projects + p.projects,
      approved: acc.approved + p.approved,
      disbursed: acc.disbursed + p.disbursed,
    }),
    {
      projects: 0,
      approved: 0,
      disbursed: 0,
      provincesCovered: byProvince.filter((p) => p.projects > 0).length,
      provinces: byProvince.length,
      withoutProvince: 0,
    },
  );
  totals.withoutProvince = totals.projects - byProvince.reduce((n, p) => n + p.projects, 0);
  return { byPhase, byProvince, totals, asOf };
}

export interface OrganisationFigures {
  byPhase: PhaseFigure[];
  totals: { projects: number; approved: number; disbursed: number };
}

/** Projects the given organisations own, are located in or are the city of (each once). */
export const ORGANISATION_FIGURES_SQL = `WITH fam(id) AS (SELECT value FROM json_each(:ids)),
  mine(id) AS (
    SELECT id FROM projects WHERE organisation_id IN (SELECT id FROM fam)
    UNION SELECT id FROM projects WHERE province_id IN (SELECT id FROM fam)
    UNION SELECT id FROM projects WHERE city_id IN (SELECT id FROM fam)
  )
  SELECT p.phase, COUNT(*) AS projects,
         COALESCE(SUM((SELECT SUM(bl.approved_amount) FROM budget_lines bl WHERE bl.project_id = p.id)), 0) AS approved,
         COALESCE(SUM((SELECT SUM(t.amount) FROM transactions t WHERE t.project_id = p.id AND t.kind = 'disbursement')), 0) AS disbursed
    FROM mine JOIN projects p ON p.id = mine.id
   GROUP BY p.phase`;

/** Figures for a planner's own organisation family (unit, predecessors, successors, cities). */
export function getOrganisationFigures(db: Db, organisationIds: Iterable<number>): OrganisationFigures {
  const ids = JSON.stringify([...organisationIds].sort((a, b) => a - b));
  return memoByDataVersion(db, `home:figures:${ids}`, () => computeOrganisationFigures(db, ids));
}

function computeOrganisationFigures(db: Db, ids: string): OrganisationFigures {
  const rows = prepared(db, ORGANISATION_FIGURES_SQL).all({ ids }) as PhaseFigure[];
  const map = new Map(rows.map((r) => [r.phase, r]));
  const byPhase = PROJECT_PHASES.map((phase) => ({
    phase,
    projects: map.get(phase)?.projects ?? 0,
    approved: map.get(phase)?.approved ?? 0,
    disbursed: map.get(phase)?.disbursed ?? 0,
  }));
  return {
    byPhase,
    totals: byPhase.reduce(
      (a, p) => ({
        projects: a.projects + p.projects,
        approved: a.approved + p.approved,
        disbursed: a.disbursed + p.disbursed,
      }),
      { projects: 0, approved: 0, disbursed: 0 },
    ),
  };
}
