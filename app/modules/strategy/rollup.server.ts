/**
 * Roll-up of everything beneath every strategy node, in one statement for
 * the whole tree: projects by phase, approved budget, disbursed amount and
 * milestone weights (physical progress).
 */
import type { Db } from "#db/client.server";
import { memoByDataVersion, prepared } from "~/modules/db/sql.server";
import { assembleRollups, emptyRollup, type NodeRollup, type RollupRow } from "./rollup";

/**
 * 1. `weights`: milestone weights per project, in one pass over milestones.
 * 2. `figures`: per linked project, its phase, approved amount and net
 *    disbursement (index-only lookups per project) and its weights, computed
 *    once.
 * 3. `beneath`: every (node, project) pair where the project is linked to the
 *    node or to a descendant — descendants found by a range on the indexed
 *    materialised path (`/1/4/` ≤ path < `/1/4/:`; ':' sorts right after the
 *    digits and '/'). Grouping by the pair counts a project once per node even
 *    when it is linked to several nodes of the same subtree.
 * 4. Group by node and phase. Archived nodes are included: their projects are
 *    real money, and they count in their (live) ancestors too.
 */
export const STRATEGY_ROLLUP_SQL = `WITH weights AS MATERIALIZED (
    SELECT project_id AS id, SUM(weight) AS weightTotal,
           SUM(CASE WHEN done_date IS NOT NULL THEN weight ELSE 0 END) AS weightDone
      FROM milestones GROUP BY project_id
  ),
  figures AS MATERIALIZED (
    SELECT p.id, p.phase,
           COALESCE((SELECT SUM(bl.approved_amount) FROM budget_lines bl WHERE bl.project_id = p.id), 0) AS approved,
           COALESCE((SELECT SUM(t.amount) FROM transactions t
                      WHERE t.project_id = p.id AND t.kind = 'disbursement'), 0) AS disbursed,
           COALESCE(w.weightTotal, 0) AS weightTotal, COALESCE(w.weightDone, 0) AS weightDone
      FROM projects p LEFT JOIN weights w ON w.id = p.id
     WHERE p.id IN (SELECT project_id FROM project_strategy_nodes)
  ),
  beneath AS (
    SELECT a.id AS nodeId, psn.project_id AS projectId, MAX(psn.node_id = a.id) AS direct
      FROM strategy_nodes a
      JOIN strategy_nodes d ON d.path >= a.path AND d.path < a.path || ':'
      JOIN project_strategy_nodes psn ON psn.node_id = d.id
     GROUP BY a.id, psn.project_id
  )
  SELECT b.nodeId, f.phase, COUNT(*) AS projects, SUM(b.direct) AS direct,
         SUM(f.approved) AS approved, SUM(f.disbursed) AS disbursed,
         SUM(f.weightTotal) AS weightTotal, SUM(f.weightDone) AS weightDone
    FROM beneath b JOIN figures f ON f.id = b.projectId
   GROUP BY b.nodeId, f.phase`;

/** Raw rows of the roll-up statement (bench and tests). */
export function queryRollupRows(db: Db): RollupRow[] {
  return prepared(db, STRATEGY_ROLLUP_SQL).all() as RollupRow[];
}

/**
 * Roll-ups of every node (archived included), by node id. It aggregates
 * every linked project's money and milestones, so it is computed once per
 * database state and reused until the next write. Do not mutate the result.
 */
export function loadRollups(db: Db): ReadonlyMap<number, NodeRollup> {
  return memoByDataVersion(db, "strategy:rollups", () => assembleRollups(queryRollupRows(db)));
}

/** The roll-up of one node (zeros when nothing is linked beneath it). */
export function rollupOf(rollups: ReadonlyMap<number, NodeRollup>, nodeId: number): NodeRollup {
  return rollups.get(nodeId) ?? emptyRollup();
}
