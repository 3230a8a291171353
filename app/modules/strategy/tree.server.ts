/**
 * The strategy tree read model: every node with its lead and cooperating
 * agencies and the number of distinct projects linked anywhere in its
 * subtree (an aggregate over the materialised path), in one statement.
 */
import type { Db } from "#db/client.server";
import { memoByDataVersion, prepared } from "~/modules/db/sql.server";
import { buildTree, type TreeNode } from "./tree";

export interface AgencyRef {
  id: number;
  nameVi: string;
  nameEn: string;
  abbr: string;
}

export interface StrategyNodeRow {
  id: number;
  parentId: number | null;
  code: string;
  path: string;
  depth: number;
  sortOrder: number;
  titleVi: string;
  titleEn: string | null;
  periodStart: number | null;
  periodEnd: number | null;
  lead: AgencyRef | null;
  cooperators: AgencyRef[];
  /** Distinct projects linked to this node or any node beneath it. */
  projectCount: number;
  /** Projects linked to this node itself. */
  directProjectCount: number;
}

/**
 * Subtree project counts in one pass: every node joined to its descendants
 * by a range on the indexed path (`/1/4/` ≤ path < `/1/4/:`; ':' sorts right
 * after the digits and '/'), then to their project links.
 */
export const STRATEGY_COUNTS_SQL = `SELECT a.id,
         COUNT(DISTINCT psn.project_id) AS projectCount,
         COUNT(DISTINCT CASE WHEN psn.node_id = a.id THEN psn.project_id END) AS directProjectCount
    FROM strategy_nodes a
    JOIN strategy_nodes d ON d.path >= a.path AND d.path < a.path || ':'
    JOIN project_strategy_nodes psn ON psn.node_id = d.id
   WHERE a.archived_at IS NULL
   GROUP BY a.id`;

/** All live nodes with lead agency, cooperators and subtree project counts: one statement. */
export const STRATEGY_TREE_SQL = `WITH counts AS (${STRATEGY_COUNTS_SQL})
  SELECT n.id, n.parent_id AS parentId, n.code, n.path, n.depth, n.sort_order AS sortOrder,
         n.title_vi AS titleVi, n.title_en AS titleEn, n.period_start AS periodStart, n.period_end AS periodEnd,
         l.id AS leadId, l.name_vi AS leadNameVi, l.name_en AS leadNameEn, l.abbr AS leadAbbr,
         (SELECT json_group_array(json_object('id', o.id, 'nameVi', o.name_vi, 'nameEn', o.name_en, 'abbr', o.abbr))
            FROM strategy_node_cooperators c JOIN organisations o ON o.id = c.organisation_id
           WHERE c.node_id = n.id) AS cooperators,
         COALESCE(counts.projectCount, 0) AS projectCount,
         COALESCE(counts.directProjectCount, 0) AS directProjectCount
    FROM strategy_nodes n
    LEFT JOIN organisations l ON l.id = n.lead_organisation_id
    LEFT JOIN counts ON counts.id = n.id
   WHERE n.archived_at IS NULL`;

interface RawNode extends Omit<StrategyNodeRow, "lead" | "cooperators"> {
  leadId: number | null;
  leadNameVi: string | null;
  leadNameEn: string | null;
  leadAbbr: string | null;
  cooperators: string | null;
}

/** All live nodes, flat. The subtree counts aggregate every project link, so the result is kept until the next write. */
export function loadStrategyNodes(db: Db): StrategyNodeRow[] {
  return memoByDataVersion(db, "strategy:nodes", () => queryStrategyNodes(db));
}

function queryStrategyNodes(db: Db): StrategyNodeRow[] {
  return (prepared(db, STRATEGY_TREE_SQL).all() as RawNode[]).map(
    ({ leadId, leadNameVi, leadNameEn, leadAbbr, cooperators, ...n }) => ({
      ...n,
      lead:
        leadId !== null ? { id: leadId, nameVi: leadNameVi!, nameEn: leadNameEn!, abbr: leadAbbr! } : null,
      cooperators: (JSON.parse(cooperators ?? "[]") as AgencyRef[]).sort((a, b) =>
        a.abbr.localeCompare(b.abbr),
      ),
    }),
  );
}

export function loadStrategyTree(db: Db): TreeNode<StrategyNodeRow>[] {
  return memoByDataVersion(db, "strategy:tree", () => buildTree(loadStrategyNodes(db)));
}
