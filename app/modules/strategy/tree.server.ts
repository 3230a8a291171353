/**
 * The strategy tree read model: every node with its lead and cooperating
 * agencies (one statement) and the roll-up of everything beneath it (one
 * statement for the whole tree, see `rollup.server.ts`).
 */
import type { Db } from "#db/client.server";
import { memoByDataVersion, prepared } from "~/modules/db/sql.server";
import { summarise, type RollupSummary } from "./rollup";
import { loadRollups, rollupOf } from "./rollup.server";
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
  /** Epoch ms when archived, null for live nodes. */
  archivedAt: number | null;
  lead: AgencyRef | null;
  cooperators: AgencyRef[];
  /** Distinct projects linked to this node or any node beneath it. */
  projectCount: number;
  /** Projects linked to this node itself. */
  directProjectCount: number;
  /** Projects, approved, disbursed and progress of everything beneath. */
  rollup: RollupSummary;
}

/** Every node with its lead agency and cooperators, archived ones included. */
export const STRATEGY_NODES_SQL = `SELECT n.id, n.parent_id AS parentId, n.code, n.path, n.depth, n.sort_order AS sortOrder,
         n.title_vi AS titleVi, n.title_en AS titleEn, n.period_start AS periodStart, n.period_end AS periodEnd,
         n.archived_at AS archivedAt,
         l.id AS leadId, l.name_vi AS leadNameVi, l.name_en AS leadNameEn, l.abbr AS leadAbbr,
         (SELECT json_group_array(json_object('id', o.id, 'nameVi', o.name_vi, 'nameEn', o.name_en, 'abbr', o.abbr))
            FROM strategy_node_cooperators c JOIN organisations o ON o.id = c.organisation_id
           WHERE c.node_id = n.id) AS cooperators
    FROM strategy_nodes n
    LEFT JOIN organisations l ON l.id = n.lead_organisation_id`;

interface RawNode extends Omit<
  StrategyNodeRow,
  "lead" | "cooperators" | "projectCount" | "directProjectCount" | "rollup"
> {
  leadId: number | null;
  leadNameVi: string | null;
  leadNameEn: string | null;
  leadAbbr: string | null;
  cooperators: string | null;
}

export interface TreeOptions {
  /** Include archived nodes (hidden by default). */
  includeArchived?: boolean;
}

/** All nodes, flat, with their roll-ups; kept until the next write. */
export function loadStrategyNodes(db: Db, { includeArchived = false }: TreeOptions = {}): StrategyNodeRow[] {
  const all = memoByDataVersion(db, "strategy:nodes", () => queryStrategyNodes(db));
  return includeArchived ? all : all.filter((n) => n.archivedAt === null);
}

function queryStrategyNodes(db: Db): StrategyNodeRow[] {
  const rollups = loadRollups(db);
  return (prepared(db, STRATEGY_NODES_SQL).all() as RawNode[]).map(
    ({ leadId, leadNameVi, leadNameEn, leadAbbr, cooperators, ...n }) => {
      const rollup = summarise(rollupOf(rollups, n.id));
      return {
        ...n,
        lead:
          leadId !== null ? { id: leadId, nameVi: leadNameVi!, nameEn: leadNameEn!, abbr: leadAbbr! } : null,
        cooperators: (JSON.parse(cooperators ?? "[]") as AgencyRef[]).sort((a, b) =>
          a.abbr.localeCompare(b.abbr),
        ),
        projectCount: rollup.projects,
        directProjectCount: rollup.directProjects,
        rollup,
      };
    },
  );
}

export function loadStrategyTree(db: Db, options: TreeOptions = {}): TreeNode<StrategyNodeRow>[] {
  const key = options.includeArchived ? "strategy:tree:all" : "strategy:tree";
  return memoByDataVersion(db, key, () => buildTree(loadStrategyNodes(db, options)));
}
