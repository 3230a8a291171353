/**
 * One strategy node: its content, ancestors, children, targets, agencies,
 * the full roll-up of everything beneath it (taken from the whole-tree
 * roll-up, see `rollup.server.ts`) and the paged list of those projects.
 */
import type { Db } from "#db/client.server";
import type { ProjectPhase } from "#db/enums";
import { PROJECT_PHASES } from "#db/enums";
import { clampPage, limitOffset, type TableState } from "~/modules/table/params";
import { placeholders, prepared } from "~/modules/db/sql.server";
import type { NodeProjectQuery, NodeProjectSort } from "./projects";
import { progressOf, summarise, type NodeRollup, type RollupSummary } from "./rollup";
import { loadRollups, rollupOf } from "./rollup.server";
import { buildTree, compareNodes, parsePath, walkTree } from "./tree";
import type { AgencyRef } from "./tree.server";

export interface NodeRef {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  archivedAt: number | null;
}

export interface NodeDetail extends NodeRef {
  parentId: number | null;
  path: string;
  depth: number;
  sortOrder: number;
  descriptionVi: string | null;
  descriptionEn: string | null;
  periodStart: number | null;
  periodEnd: number | null;
  version: number;
  updatedAt: number;
  lead: AgencyRef | null;
  cooperators: AgencyRef[];
}

export interface TargetView {
  id: number;
  nameVi: string;
  nameEn: string | null;
  unit: string;
  baseline: number | null;
  target: number;
  targetYear: number | null;
  /** Project indicators reporting against this target. */
  indicators: number;
}

export interface ChildView extends NodeRef {
  sortOrder: number;
  version: number;
  rollup: RollupSummary;
}

export interface NodeView {
  node: NodeDetail;
  /** From the root down to the parent. */
  ancestors: NodeRef[];
  children: ChildView[];
  targets: TargetView[];
  rollup: NodeRollup;
}

const NODE_SQL = `SELECT n.id, n.parent_id AS parentId, n.code, n.path, n.depth, n.sort_order AS sortOrder,
         n.title_vi AS titleVi, n.title_en AS titleEn, n.description_vi AS descriptionVi,
         n.description_en AS descriptionEn, n.period_start AS periodStart, n.period_end AS periodEnd,
         n.archived_at AS archivedAt, n.version, n.updated_at AS updatedAt,
         l.id AS leadId, l.name_vi AS leadNameVi, l.name_en AS leadNameEn, l.abbr AS leadAbbr
    FROM strategy_nodes n LEFT JOIN organisations l ON l.id = n.lead_organisation_id
   WHERE n.code = ?`;

const COOPERATORS_SQL = `SELECT o.id, o.name_vi AS nameVi, o.name_en AS nameEn, o.abbr
    FROM strategy_node_cooperators c JOIN organisations o ON o.id = c.organisation_id
   WHERE c.node_id = ? ORDER BY o.abbr`;

const CHILDREN_SQL = `SELECT id, parent_id AS parentId, code, title_vi AS titleVi, title_en AS titleEn,
         archived_at AS archivedAt, sort_order AS sortOrder, version
    FROM strategy_nodes WHERE parent_id = ?`;

const TARGETS_SQL = `SELECT t.id, t.name_vi AS nameVi, t.name_en AS nameEn, t.unit, t.baseline, t.target,
         t.target_year AS targetYear,
         (SELECT COUNT(*) FROM indicators i WHERE i.strategy_target_id = t.id) AS indicators
    FROM strategy_targets t WHERE t.node_id = ? ORDER BY t.id`;

type RawNode = Omit<NodeDetail, "lead" | "cooperators"> & {
  leadId: number | null;
  leadNameVi: string | null;
  leadNameEn: string | null;
  leadAbbr: string | null;
};

/** The node with this code (archived or not), or null. */
export function getNodeDetail(db: Db, code: string): NodeDetail | null {
  const raw = prepared(db, NODE_SQL).get(code) as RawNode | undefined;
  if (!raw) return null;
  const { leadId, leadNameVi, leadNameEn, leadAbbr, ...n } = raw;
  return {
    ...n,
    lead: leadId !== null ? { id: leadId, nameVi: leadNameVi!, nameEn: leadNameEn!, abbr: leadAbbr! } : null,
    cooperators: prepared(db, COOPERATORS_SQL).all(n.id) as AgencyRef[],
  };
}

export function getNodeView(db: Db, code: string): NodeView | null {
  const node = getNodeDetail(db, code);
  if (!node) return null;
  const rollups = loadRollups(db);
  const ancestorIds = parsePath(node.path).filter((id) => id !== node.id);
  const byId = new Map(
    ancestorIds.length
      ? (
          prepared(
            db,
            `SELECT id, code, title_vi AS titleVi, title_en AS titleEn, archived_at AS archivedAt
               FROM strategy_nodes WHERE id IN (${placeholders(ancestorIds.length)})`,
          ).all(...ancestorIds) as NodeRef[]
        ).map((a) => [a.id, a])
      : [],
  );
  const children = (prepared(db, CHILDREN_SQL).all(node.id) as (ChildView & { parentId: number })[])
    .sort(compareNodes)
    .map(({ parentId: _p, ...c }) => ({ ...c, rollup: summarise(rollupOf(rollups, c.id)) }));
  return {
    node,
    ancestors: ancestorIds.map((id) => byId.get(id)).filter((a): a is NodeRef => a !== undefined),
    children,
    targets: prepared(db, TARGETS_SQL).all(node.id) as TargetView[],
    rollup: rollupOf(rollups, node.id),
  };
}

/** Number of nodes in the subtree at `path`, the node itself included. */
export function countSubtree(db: Db, path: string): number {
  return (
    prepared(db, "SELECT COUNT(*) AS n FROM strategy_nodes WHERE path >= :path AND path < :path || ':'").get({
      path,
    }) as { n: number }
  ).n;
}

export interface ParentChoice extends NodeRef {
  path: string;
  /** Level in the tree (0 for top-level nodes). */
  level: number;
}

/** Live nodes as choices for a parent, in tree order (depth-first, display order). */
export function listParentChoices(db: Db): ParentChoice[] {
  const rows = prepared(
    db,
    `SELECT id, parent_id AS parentId, code, path, sort_order AS sortOrder, title_vi AS titleVi,
            title_en AS titleEn, archived_at AS archivedAt
       FROM strategy_nodes WHERE archived_at IS NULL`,
  ).all() as (NodeRef & { parentId: number | null; sortOrder: number; path: string })[];
  const out: ParentChoice[] = [];
  walkTree(buildTree(rows), ({ id, code, titleVi, titleEn, archivedAt, path, level }) =>
    out.push({ id, code, titleVi, titleEn, archivedAt, path, level }),
  );
  return out;
}

// ---------------------------------------------------------------------------
// Projects beneath a node
// ---------------------------------------------------------------------------

export interface NodeProjectRow {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  phase: ProjectPhase;
  organisationId: number;
  organisationNameVi: string;
  organisationNameEn: string;
  /** Codes of the nodes of this subtree the project is linked to. */
  via: string;
  approved: number;
  disbursed: number;
  progress: number | null;
}

/** Distinct projects linked to the node at :path or beneath it (the covering psn index answers it). */
const BENEATH = `SELECT psn.project_id FROM strategy_nodes d JOIN project_strategy_nodes psn ON psn.node_id = d.id
                  WHERE d.path >= :path AND d.path < :path || ':'`;

const PHASE_ORDER = `CASE p.phase ${PROJECT_PHASES.map((ph, i) => `WHEN '${ph}' THEN ${i}`).join(" ")} END`;

function orderBy(sort: NodeProjectSort, dir: "asc" | "desc", locale: "vi" | "en"): string {
  const d = dir === "desc" ? "DESC" : "ASC";
  switch (sort) {
    case "title":
      return locale === "en"
        ? `COALESCE(p.title_en, p.title_vi) COLLATE NOCASE ${d}, p.code`
        : `p.title_vi COLLATE NOCASE ${d}, p.code`;
    case "organisation":
      return `${locale === "en" ? "o.name_en" : "o.search_name"} ${d}, p.code`;
    case "phase":
      return `${PHASE_ORDER} ${d}, p.code`;
    default:
      return `p.code ${d}`;
  }
}

/**
 * The distinct projects linked to the node or beneath it, filtered by phase,
 * sorted and paged in SQL (ids of one page first); money, progress and the
 * nodes they hang on are then computed for that page only.
 */
export function listNodeProjects(
  db: Db,
  path: string,
  query: NodeProjectQuery,
  locale: "vi" | "en",
): { rows: NodeProjectRow[]; total: number; table: TableState<NodeProjectSort> } {
  const where = `p.id IN (${BENEATH}) AND (:phase IS NULL OR p.phase = :phase)`;
  const total = (
    prepared(db, `SELECT COUNT(*) AS n FROM projects p WHERE ${where}`).get({ path, phase: query.phase }) as {
      n: number;
    }
  ).n;
  const page = clampPage(query.table.page, total, query.table.pageSize);
  const table = { ...query.table, page };
  const ids = (
    prepared(
      db,
      `SELECT p.id FROM projects p JOIN organisations o ON o.id = p.organisation_id
        WHERE ${where}
        ORDER BY ${orderBy(table.sort, table.dir, locale)}
        LIMIT :limit OFFSET :offset`,
    ).all({ path, phase: query.phase, ...limitOffset(table) }) as { id: number }[]
  ).map((r) => r.id);
  if (ids.length === 0) return { rows: [], total, table };
  const raw = prepared(
    db,
    `SELECT p.id, p.code, p.title_vi AS titleVi, p.title_en AS titleEn, p.phase,
            p.organisation_id AS organisationId, o.name_vi AS organisationNameVi, o.name_en AS organisationNameEn,
            (SELECT group_concat(code, ', ') FROM (
               SELECT d.code FROM project_strategy_nodes psn JOIN strategy_nodes d ON d.id = psn.node_id
                WHERE psn.project_id = p.id AND d.path >= :path AND d.path < :path || ':' ORDER BY d.path)) AS via,
            COALESCE((SELECT SUM(bl.approved_amount) FROM budget_lines bl WHERE bl.project_id = p.id), 0) AS approved,
            COALESCE((SELECT SUM(t.amount) FROM transactions t
                       WHERE t.project_id = p.id AND t.kind = 'disbursement'), 0) AS disbursed,
            COALESCE((SELECT SUM(m.weight) FROM milestones m WHERE m.project_id = p.id), 0) AS weightTotal,
            COALESCE((SELECT SUM(m.weight) FROM milestones m
                       WHERE m.project_id = p.id AND m.done_date IS NOT NULL), 0) AS weightDone
       FROM projects p JOIN organisations o ON o.id = p.organisation_id
      WHERE p.id IN (SELECT value FROM json_each(:ids))`,
  ).all({ path, ids: JSON.stringify(ids) }) as (Omit<NodeProjectRow, "progress"> & {
    weightTotal: number;
    weightDone: number;
  })[];
  const byId = new Map(raw.map((r) => [r.id, r]));
  const rows = ids
    .map((id) => byId.get(id)!)
    .map(({ weightTotal, weightDone, ...r }) => ({ ...r, progress: progressOf(weightDone, weightTotal) }));
  return { rows, total, table };
}
