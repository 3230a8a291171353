/**
 * Commands on the strategy tree, for coordinators: add, edit, move, reorder,
 * archive, unarchive and delete nodes, and add, edit and remove targets.
 *
 * Every command runs in one transaction with its audit event (before and
 * after); edits check the `version` the form was loaded with and refuse a
 * stale one (`StaleVersionError`); problems the user can fix are thrown as
 * `StrategyError` with an i18n key and, where it belongs to a form field,
 * that field's name. Permission checks are the routes' job.
 *
 * Decisions:
 * - A node's code is fixed once created: it is the node's key in URLs and in
 *   references from other systems. Titles are what "rename" changes.
 * - Archiving a node archives its whole subtree (an archived branch cannot
 *   have live children); unarchiving restores the node and the descendants
 *   archived together with it, and needs a live parent. Archived nodes are
 *   read-only until unarchived.
 * - Deleting a node deletes its subtree with its targets and agencies, and
 *   is refused while any project is linked to the node or beneath it, or any
 *   project indicator reports against one of its targets.
 * - Moving rewrites the materialised path and depth of the whole subtree;
 *   the moved node's `version` goes up, its descendants' content is unchanged.
 */
import type { Db } from "#db/client.server";
import type { MessageKey, Params } from "~/i18n/i18n";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";
import { assertVersionedUpdate, StaleVersionError } from "~/modules/db/concurrency";
import { prepared } from "~/modules/db/sql.server";
import { invalidAgencyIds } from "./agencies.server";
import type { CreateNodeInput, EditNodeInput, MoveNodeInput, TargetInput } from "./schemas";
import { TOP_LEVEL } from "./schemas";
import {
  childPath,
  compareNodes,
  depthOfPath,
  moveProblem,
  placeAmongSiblings,
  rewriteSubtree,
  shiftAmongSiblings,
  type SiblingPosition,
} from "./tree";

/** A refusal the user can act on: an i18n key, the form field it concerns, parameters. */
export class StrategyError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly field?: string,
    readonly params?: Params,
  ) {
    super(key);
    this.name = "StrategyError";
  }
}

interface NodeRecord {
  id: number;
  parentId: number | null;
  code: string;
  path: string;
  depth: number;
  sortOrder: number;
  titleVi: string;
  titleEn: string | null;
  descriptionVi: string | null;
  descriptionEn: string | null;
  leadOrganisationId: number | null;
  periodStart: number | null;
  periodEnd: number | null;
  archivedAt: number | null;
  version: number;
}

const NODE_COLUMNS = `id, parent_id AS parentId, code, path, depth, sort_order AS sortOrder, title_vi AS titleVi,
  title_en AS titleEn, description_vi AS descriptionVi, description_en AS descriptionEn,
  lead_organisation_id AS leadOrganisationId, period_start AS periodStart, period_end AS periodEnd,
  archived_at AS archivedAt, version`;

/** Subtree of `:path` (the node itself included): a range on the indexed path column. */
const inSubtree = (alias?: string) => {
  const col = alias ? `${alias}.path` : "path";
  return `${col} >= :path AND ${col} < :path || ':'`;
};
const IN_SUBTREE = inSubtree();

function nodeByCode(db: Db, code: string): NodeRecord | undefined {
  return prepared(db, `SELECT ${NODE_COLUMNS} FROM strategy_nodes WHERE code = ?`).get(code) as
    NodeRecord | undefined;
}

function requireNode(db: Db, code: string): NodeRecord {
  const node = nodeByCode(db, code);
  if (!node) throw new StrategyError("strategy.error.notFound");
  return node;
}

function requireLive(node: NodeRecord): void {
  if (node.archivedAt !== null) throw new StrategyError("strategy.error.archivedReadOnly");
}

function checkVersion(node: NodeRecord, expected: number): void {
  if (node.version !== expected) throw new StaleVersionError("strategy_node", node.code, expected);
}

function cooperatorIds(db: Db, nodeId: number): number[] {
  return (
    prepared(
      db,
      "SELECT organisation_id AS id FROM strategy_node_cooperators WHERE node_id = ? ORDER BY organisation_id",
    ).all(nodeId) as { id: number }[]
  ).map((r) => r.id);
}

function parentCode(db: Db, parentId: number | null): string | null {
  if (parentId === null) return null;
  return (prepared(db, "SELECT code FROM strategy_nodes WHERE id = ?").get(parentId) as { code: string })
    .code;
}

/** What the audit log keeps of a node. */
function snapshot(db: Db, node: NodeRecord) {
  return {
    code: node.code,
    parent: parentCode(db, node.parentId),
    path: node.path,
    depth: node.depth,
    sortOrder: node.sortOrder,
    titleVi: node.titleVi,
    titleEn: node.titleEn,
    descriptionVi: node.descriptionVi,
    descriptionEn: node.descriptionEn,
    leadOrganisationId: node.leadOrganisationId,
    cooperatorIds: cooperatorIds(db, node.id),
    periodStart: node.periodStart,
    periodEnd: node.periodEnd,
    archivedAt: node.archivedAt,
    version: node.version,
  };
}

function reload(db: Db, id: number): NodeRecord {
  return prepared(db, `SELECT ${NODE_COLUMNS} FROM strategy_nodes WHERE id = ?`).get(id) as NodeRecord;
}

function checkAgencies(db: Db, lead: number | null, cooperators: readonly number[]): void {
  if (lead !== null && invalidAgencyIds(db, [lead]).length > 0) {
    throw new StrategyError("strategy.error.agencyNotCurrent", "lead");
  }
  if (invalidAgencyIds(db, cooperators).length > 0) {
    throw new StrategyError("strategy.error.agencyNotCurrent", "cooperators");
  }
}

function replaceCooperators(db: Db, nodeId: number, ids: readonly number[]): void {
  prepared(db, "DELETE FROM strategy_node_cooperators WHERE node_id = ?").run(nodeId);
  const ins = prepared(db, "INSERT INTO strategy_node_cooperators (node_id, organisation_id) VALUES (?, ?)");
  for (const id of ids) ins.run(nodeId, id);
}

interface SiblingRow {
  id: number;
  parentId: number | null;
  sortOrder: number;
  code: string;
}

/** Children of a parent (null: the top level), archived included, in display order. */
function siblingsOf(db: Db, parentId: number | null): SiblingRow[] {
  const rows = (
    parentId === null
      ? prepared(
          db,
          "SELECT id, parent_id AS parentId, sort_order AS sortOrder, code FROM strategy_nodes WHERE parent_id IS NULL",
        ).all()
      : prepared(
          db,
          "SELECT id, parent_id AS parentId, sort_order AS sortOrder, code FROM strategy_nodes WHERE parent_id = ?",
        ).all(parentId)
  ) as SiblingRow[];
  return rows.sort(compareNodes);
}

/** Store sortOrder 1…n for `orderedIds`, skipping `except` (written by the caller's versioned update). */
function renumber(db: Db, orderedIds: readonly number[], except?: number): void {
  const upd = prepared(db, "UPDATE strategy_nodes SET sort_order = ? WHERE id = ? AND sort_order <> ?");
  orderedIds.forEach((id, i) => {
    if (id !== except) upd.run(i + 1, id, i + 1);
  });
}

const now = () => Date.now();

// ---------------------------------------------------------------------------
// Nodes
// ---------------------------------------------------------------------------

/** Add a node under `input.parent` (or at the top level), last among its siblings. */
export function createNode(db: Db, actor: Actor, input: CreateNodeInput): { id: number; code: string } {
  return db.transaction((tx) => {
    let parent: NodeRecord | null = null;
    if (input.parent !== null) {
      parent = nodeByCode(db, input.parent) ?? null;
      if (!parent) throw new StrategyError("strategy.error.parentUnknown", "parent");
      if (parent.archivedAt !== null) throw new StrategyError("strategy.error.parentArchived", "parent");
    }
    const taken = prepared(db, "SELECT code FROM strategy_nodes WHERE lower(code) = lower(?)").get(
      input.code,
    ) as { code: string } | undefined;
    if (taken) throw new StrategyError("strategy.error.codeTaken", "code", { code: taken.code });
    checkAgencies(db, input.lead, input.cooperators);

    const siblings = siblingsOf(db, parent?.id ?? null);
    const sortOrder = siblings.reduce((max, s) => Math.max(max, s.sortOrder), 0) + 1;
    const at = now();
    const id = Number(
      prepared(
        db,
        `INSERT INTO strategy_nodes (parent_id, code, path, depth, sort_order, title_vi, title_en, description_vi,
           description_en, lead_organisation_id, period_start, period_end, created_at, updated_at)
         VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        parent?.id ?? null,
        input.code,
        parent ? parent.depth + 1 : 0,
        sortOrder,
        input.titleVi,
        input.titleEn,
        input.descriptionVi,
        input.descriptionEn,
        input.lead,
        input.periodStart,
        input.periodEnd,
        at,
        at,
      ).lastInsertRowid,
    );
    const path = childPath(parent?.path ?? null, id);
    prepared(db, "UPDATE strategy_nodes SET path = ?, depth = ? WHERE id = ?").run(
      path,
      depthOfPath(path),
      id,
    );
    replaceCooperators(db, id, input.cooperators);
    recordAudit(tx, actor, {
      action: "strategy.create",
      entityType: "strategy_node",
      entityId: id,
      after: snapshot(db, reload(db, id)),
    });
    return { id, code: input.code };
  });
}

/** Edit titles, descriptions, period, lead and cooperating agencies. */
export function updateNode(db: Db, actor: Actor, code: string, input: EditNodeInput): void {
  db.transaction((tx) => {
    const node = requireNode(db, code);
    checkVersion(node, input.version);
    requireLive(node);
    checkAgencies(db, input.lead, input.cooperators);
    const before = snapshot(db, node);
    const result = prepared(
      db,
      `UPDATE strategy_nodes SET title_vi = ?, title_en = ?, description_vi = ?, description_en = ?,
         lead_organisation_id = ?, period_start = ?, period_end = ?, version = version + 1, updated_at = ?
       WHERE id = ? AND version = ?`,
    ).run(
      input.titleVi,
      input.titleEn,
      input.descriptionVi,
      input.descriptionEn,
      input.lead,
      input.periodStart,
      input.periodEnd,
      now(),
      node.id,
      input.version,
    );
    assertVersionedUpdate(result, "strategy_node", node.code, input.version);
    replaceCooperators(db, node.id, input.cooperators);
    recordAudit(tx, actor, {
      action: "strategy.update",
      entityType: "strategy_node",
      entityId: node.id,
      before,
      after: snapshot(db, reload(db, node.id)),
    });
  });
}

/**
 * Move a node (with its subtree) under another parent, or to the top level,
 * first or last among its new siblings. Refuses to move a node under itself
 * or one of its descendants, and under an archived node.
 */
export function moveNode(db: Db, actor: Actor, code: string, input: MoveNodeInput): { moved: number } {
  return db.transaction((tx) => {
    const node = requireNode(db, code);
    checkVersion(node, input.version);
    requireLive(node);
    let parent: NodeRecord | null = null;
    if (input.parent !== TOP_LEVEL) {
      parent = nodeByCode(db, input.parent) ?? null;
      if (!parent) throw new StrategyError("strategy.error.parentUnknown", "parent");
    }
    const problem = moveProblem(node, parent);
    if (problem === "self") throw new StrategyError("strategy.error.moveSelf", "parent");
    if (problem === "descendant") throw new StrategyError("strategy.error.moveDescendant", "parent");
    if (parent && parent.archivedAt !== null)
      throw new StrategyError("strategy.error.parentArchived", "parent");

    const before = snapshot(db, node);
    const subtree = prepared(db, `SELECT id, path, depth FROM strategy_nodes WHERE ${IN_SUBTREE}`).all({
      path: node.path,
    }) as { id: number; path: string; depth: number }[];
    const rewritten = rewriteSubtree(node, parent, subtree);
    const setPath = prepared(db, "UPDATE strategy_nodes SET path = ?, depth = ? WHERE id = ?");
    for (const row of rewritten) if (row.id !== node.id) setPath.run(row.path, row.depth, row.id);
    const self = rewritten.find((r) => r.id === node.id)!;

    const newParentId = parent?.id ?? null;
    const order = placeAmongSiblings(
      siblingsOf(db, newParentId).map((s) => s.id),
      node.id,
      input.position as SiblingPosition,
    );
    const result = prepared(
      db,
      `UPDATE strategy_nodes SET parent_id = ?, path = ?, depth = ?, sort_order = ?, version = version + 1,
         updated_at = ?
       WHERE id = ? AND version = ?`,
    ).run(newParentId, self.path, self.depth, order.indexOf(node.id) + 1, now(), node.id, input.version);
    assertVersionedUpdate(result, "strategy_node", node.code, input.version);
    renumber(db, order, node.id);
    if (node.parentId !== newParentId) {
      renumber(
        db,
        siblingsOf(db, node.parentId).map((s) => s.id),
      );
    }
    recordAudit(tx, actor, {
      action: "strategy.move",
      entityType: "strategy_node",
      entityId: node.id,
      before: { ...before, subtreeSize: subtree.length },
      after: { ...snapshot(db, reload(db, node.id)), subtreeSize: subtree.length },
    });
    return { moved: subtree.length };
  });
}

/** Move a child one place up or down among its siblings. */
export function reorderNode(
  db: Db,
  actor: Actor,
  input: { parentCode: string; childCode: string; direction: "up" | "down"; version: number },
): void {
  db.transaction((tx) => {
    const parent = requireNode(db, input.parentCode);
    const child = requireNode(db, input.childCode);
    if (child.parentId !== parent.id) throw new StrategyError("strategy.error.notFound");
    checkVersion(child, input.version);
    requireLive(parent);
    const before = snapshot(db, child);
    const order = shiftAmongSiblings(
      siblingsOf(db, parent.id).map((s) => s.id),
      child.id,
      input.direction,
    );
    const result = prepared(
      db,
      "UPDATE strategy_nodes SET sort_order = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
    ).run(order.indexOf(child.id) + 1, now(), child.id, input.version);
    assertVersionedUpdate(result, "strategy_node", child.code, input.version);
    renumber(db, order, child.id);
    recordAudit(tx, actor, {
      action: "strategy.reorder",
      entityType: "strategy_node",
      entityId: child.id,
      before: { sortOrder: before.sortOrder, siblings: order.length },
      after: { sortOrder: order.indexOf(child.id) + 1, direction: input.direction },
    });
  });
}

/** Archive a node and every live node beneath it (same timestamp). */
export function archiveNode(db: Db, actor: Actor, code: string, version: number): { archived: string[] } {
  return db.transaction((tx) => {
    const node = requireNode(db, code);
    checkVersion(node, version);
    if (node.archivedAt !== null) throw new StrategyError("strategy.error.alreadyArchived");
    const at = now();
    const codes = (
      prepared(
        db,
        `SELECT code FROM strategy_nodes WHERE ${IN_SUBTREE} AND archived_at IS NULL ORDER BY path`,
      ).all({ path: node.path }) as { code: string }[]
    ).map((r) => r.code);
    const result = prepared(
      db,
      "UPDATE strategy_nodes SET archived_at = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
    ).run(at, at, node.id, version);
    assertVersionedUpdate(result, "strategy_node", node.code, version);
    prepared(
      db,
      `UPDATE strategy_nodes SET archived_at = :at, version = version + 1, updated_at = :at
        WHERE ${IN_SUBTREE} AND archived_at IS NULL AND id <> :id`,
    ).run({ at, path: node.path, id: node.id });
    recordAudit(tx, actor, {
      action: "strategy.archive",
      entityType: "strategy_node",
      entityId: node.id,
      before: { code: node.code, archivedAt: null, version },
      after: { code: node.code, archivedAt: at, nodes: codes },
    });
    return { archived: codes };
  });
}

/** Bring back an archived node and the descendants archived with it; its parent must be live. */
export function unarchiveNode(db: Db, actor: Actor, code: string, version: number): { restored: string[] } {
  return db.transaction((tx) => {
    const node = requireNode(db, code);
    checkVersion(node, version);
    if (node.archivedAt === null) throw new StrategyError("strategy.error.notArchived");
    if (node.parentId !== null) {
      const parent = reload(db, node.parentId);
      if (parent.archivedAt !== null) {
        throw new StrategyError("strategy.error.parentStillArchived", undefined, { code: parent.code });
      }
    }
    const codes = (
      prepared(
        db,
        `SELECT code FROM strategy_nodes WHERE ${IN_SUBTREE} AND archived_at = :at ORDER BY path`,
      ).all({ path: node.path, at: node.archivedAt }) as { code: string }[]
    ).map((r) => r.code);
    const at = now();
    const result = prepared(
      db,
      "UPDATE strategy_nodes SET archived_at = NULL, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
    ).run(at, node.id, version);
    assertVersionedUpdate(result, "strategy_node", node.code, version);
    prepared(
      db,
      `UPDATE strategy_nodes SET archived_at = NULL, version = version + 1, updated_at = :now
        WHERE ${IN_SUBTREE} AND archived_at = :archivedAt AND id <> :id`,
    ).run({ now: at, path: node.path, archivedAt: node.archivedAt, id: node.id });
    recordAudit(tx, actor, {
      action: "strategy.unarchive",
      entityType: "strategy_node",
      entityId: node.id,
      before: { code: node.code, archivedAt: node.archivedAt, version },
      after: { code: node.code, archivedAt: null, nodes: codes },
    });
    return { restored: codes };
  });
}

export interface DeleteBlockers {
  /** Distinct projects linked to the node or beneath it. */
  projects: number;
  /** Project indicators reporting against a target of the node or beneath it. */
  indicators: number;
  /** Nodes beneath (deleted with it). */
  descendants: number;
  /** Targets of the node and beneath (deleted with it). */
  targets: number;
}

const BLOCKERS_SQL = `SELECT
    (SELECT COUNT(DISTINCT psn.project_id) FROM strategy_nodes d
       JOIN project_strategy_nodes psn ON psn.node_id = d.id WHERE ${inSubtree("d")}) AS projects,
    (SELECT COUNT(*) FROM strategy_nodes d JOIN strategy_targets t ON t.node_id = d.id
       JOIN indicators i ON i.strategy_target_id = t.id WHERE ${inSubtree("d")}) AS indicators,
    (SELECT COUNT(*) - 1 FROM strategy_nodes d WHERE ${inSubtree("d")}) AS descendants,
    (SELECT COUNT(*) FROM strategy_nodes d JOIN strategy_targets t ON t.node_id = d.id
      WHERE ${inSubtree("d")}) AS targets`;

/** What stands in the way of deleting the node at `path`, and what would go with it. */
export function deleteBlockers(db: Db, path: string): DeleteBlockers {
  return prepared(db, BLOCKERS_SQL).get({ path }) as DeleteBlockers;
}

/** Delete a node and its subtree, refused while projects or indicators depend on it. */
export function deleteNode(db: Db, actor: Actor, code: string, version: number): { deleted: string[] } {
  return db.transaction((tx) => {
    const node = requireNode(db, code);
    checkVersion(node, version);
    const blockers = deleteBlockers(db, node.path);
    if (blockers.projects > 0) {
      throw new StrategyError("strategy.error.deleteBlockedProjects", undefined, {
        count: blockers.projects,
      });
    }
    if (blockers.indicators > 0) {
      throw new StrategyError("strategy.error.deleteBlockedIndicators", undefined, {
        count: blockers.indicators,
      });
    }
    const rows = prepared(
      db,
      `SELECT ${NODE_COLUMNS} FROM strategy_nodes WHERE ${IN_SUBTREE} ORDER BY depth DESC, id`,
    ).all({ path: node.path }) as NodeRecord[];
    const targets = prepared(
      db,
      `SELECT t.id, d.code AS node, t.name_vi AS nameVi, t.name_en AS nameEn, t.unit, t.baseline, t.target,
              t.target_year AS targetYear
         FROM strategy_targets t JOIN strategy_nodes d ON d.id = t.node_id WHERE ${inSubtree("d")} ORDER BY t.id`,
    ).all({ path: node.path });
    const before = { nodes: rows.map((r) => snapshot(db, r)), targets };
    // Deepest first: children reference their parent. Targets and agencies go by ON DELETE CASCADE.
    const del = prepared(db, "DELETE FROM strategy_nodes WHERE id = ?");
    for (const r of rows) del.run(r.id);
    recordAudit(tx, actor, {
      action: "strategy.delete",
      entityType: "strategy_node",
      entityId: node.id,
      before,
      after: null,
    });
    return { deleted: rows.map((r) => r.code) };
  });
}

// ---------------------------------------------------------------------------
// Targets (part of their node: each change checks and raises the node's version)
// ---------------------------------------------------------------------------

interface TargetRecord {
  id: number;
  nodeId: number;
  nameVi: string;
  nameEn: string | null;
  unit: string;
  baseline: number | null;
  target: number;
  targetYear: number | null;
}

const TARGET_COLUMNS = `id, node_id AS nodeId, name_vi AS nameVi, name_en AS nameEn, unit, baseline, target,
  target_year AS targetYear`;

function targetOf(db: Db, node: NodeRecord, targetId: number): TargetRecord {
  const t = prepared(db, `SELECT ${TARGET_COLUMNS} FROM strategy_targets WHERE id = ? AND node_id = ?`).get(
    targetId,
    node.id,
  ) as TargetRecord | undefined;
  if (!t) throw new StrategyError("strategy.error.targetNotFound");
  return t;
}

function bumpNodeVersion(db: Db, node: NodeRecord, expected: number): void {
  const result = prepared(
    db,
    "UPDATE strategy_nodes SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
  ).run(now(), node.id, expected);
  assertVersionedUpdate(result, "strategy_node", node.code, expected);
}

/** Add a target to a node, or edit one of its targets (`input.targetId`). */
export function saveTarget(db: Db, actor: Actor, code: string, input: TargetInput): { id: number } {
  return db.transaction((tx) => {
    const node = requireNode(db, code);
    checkVersion(node, input.version);
    requireLive(node);
    const values = [
      input.nameVi,
      input.nameEn,
      input.unit,
      input.baseline,
      input.target,
      input.targetYear,
    ] as const;
    let id: number;
    let before: TargetRecord | null = null;
    if (input.targetId !== undefined) {
      before = targetOf(db, node, input.targetId);
      id = before.id;
      prepared(
        db,
        `UPDATE strategy_targets SET name_vi = ?, name_en = ?, unit = ?, baseline = ?, target = ?, target_year = ?
          WHERE id = ?`,
      ).run(...values, id);
    } else {
      id = Number(
        prepared(
          db,
          `INSERT INTO strategy_targets (name_vi, name_en, unit, baseline, target, target_year, node_id)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(...values, node.id).lastInsertRowid,
      );
    }
    bumpNodeVersion(db, node, input.version);
    const after = prepared(db, `SELECT ${TARGET_COLUMNS} FROM strategy_targets WHERE id = ?`).get(id);
    recordAudit(tx, actor, {
      action: before ? "strategy.target.update" : "strategy.target.create",
      entityType: "strategy_target",
      entityId: id,
      before: before ? { ...before, node: node.code } : null,
      after: { ...(after as object), node: node.code },
    });
    return { id };
  });
}

/** Remove a target, refused while project indicators report against it. */
export function removeTarget(
  db: Db,
  actor: Actor,
  code: string,
  input: { version: number; targetId: number },
): void {
  db.transaction((tx) => {
    const node = requireNode(db, code);
    checkVersion(node, input.version);
    requireLive(node);
    const target = targetOf(db, node, input.targetId);
    const used = (
      prepared(db, "SELECT COUNT(*) AS n FROM indicators WHERE strategy_target_id = ?").get(target.id) as {
        n: number;
      }
    ).n;
    if (used > 0) throw new StrategyError("strategy.error.targetInUse", undefined, { count: used });
    prepared(db, "DELETE FROM strategy_targets WHERE id = ?").run(target.id);
    bumpNodeVersion(db, node, input.version);
    recordAudit(tx, actor, {
      action: "strategy.target.delete",
      entityType: "strategy_target",
      entityId: target.id,
      before: { ...target, node: node.code },
      after: null,
    });
  });
}
