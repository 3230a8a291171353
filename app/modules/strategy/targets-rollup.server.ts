/**
 * Roll-up of project indicators to the targets of one strategy node, in one
 * SQL statement: per target, the latest actual value of every linked
 * indicator (the value of its latest period), summed and averaged, the sum
 * and mean of the indicators' own targets, and how many indicators and
 * projects contribute. Which of sum or mean is shown depends on the unit
 * (`aggregationOf`): counts add up, shares and rates do not.
 */
import type { Db } from "#db/client.server";
import { prepared } from "~/modules/db/sql.server";
import { aggregationOf, type Aggregation } from "~/modules/indicators/units";

export interface TargetRollup {
  targetId: number;
  unit: string;
  aggregation: Aggregation;
  /** Indicators linked to the target. */
  indicators: number;
  /** Linked indicators with at least one value. */
  reporting: number;
  /** Distinct projects whose linked indicators have a value (they feed `actual`). */
  projects: number;
  /** Sum or mean (per `aggregation`) of the latest values; null when none reported. */
  actual: number | null;
  /** Sum or mean of the linked indicators' targets; null when none has one. */
  indicatorTargets: number | null;
  /** The latest-ending period among the latest values (e.g. `2026-Q3`). */
  latestPeriod: string | null;
}

export const TARGETS_ROLLUP_SQL = `WITH latest AS (
    SELECT v.indicator_id, v.value, v.period, v.period_end,
           ROW_NUMBER() OVER (PARTITION BY v.indicator_id ORDER BY v.period_end DESC, v.period_start DESC) AS rn
      FROM indicator_values v
      JOIN indicators i ON i.id = v.indicator_id
      JOIN strategy_targets t ON t.id = i.strategy_target_id
     WHERE t.node_id = ?)
  SELECT t.id AS targetId, t.unit,
         COUNT(i.id) AS indicators,
         COUNT(l.value) AS reporting,
         COUNT(DISTINCT CASE WHEN l.value IS NOT NULL THEN i.project_id END) AS projects,
         SUM(l.value) AS actualSum, AVG(l.value) AS actualMean,
         SUM(i.target) AS targetSum, AVG(i.target) AS targetMean,
         -- the label of the latest-ending period: ISO end date (10 chars) + label, maximised, label kept
         substr(MAX(l.period_end || l.period), 11) AS latestPeriod
    FROM strategy_targets t
    LEFT JOIN indicators i ON i.strategy_target_id = t.id
    LEFT JOIN latest l ON l.indicator_id = i.id AND l.rn = 1
   WHERE t.node_id = ?
   GROUP BY t.id
   ORDER BY t.id`;

interface Row {
  targetId: number;
  unit: string;
  indicators: number;
  reporting: number;
  projects: number;
  actualSum: number | null;
  actualMean: number | null;
  targetSum: number | null;
  targetMean: number | null;
  latestPeriod: string | null;
}

export function targetRollups(db: Db, nodeId: number): TargetRollup[] {
  const rows = prepared(db, TARGETS_ROLLUP_SQL).all(nodeId, nodeId) as Row[];
  return rows.map((r) => {
    const aggregation = aggregationOf(r.unit);
    return {
      targetId: r.targetId,
      unit: r.unit,
      aggregation,
      indicators: r.indicators,
      reporting: r.reporting,
      projects: r.projects,
      actual: aggregation === "sum" ? r.actualSum : r.actualMean,
      indicatorTargets: aggregation === "sum" ? r.targetSum : r.targetMean,
      latestPeriod: r.latestPeriod,
    };
  });
}
