/**
 * Strategy tree building (pure: no database, no Remix).
 *
 * Nodes arrive as flat rows (one query) and are assembled here: children
 * in `sortOrder`, then code, then id; rows whose parent is missing become
 * roots; a cycle in bad data is broken instead of looping forever.
 */

export interface FlatNode {
  id: number;
  parentId: number | null;
  sortOrder: number;
  code: string;
}

export type TreeNode<T extends FlatNode> = T & {
  /** Depth in the built tree (0 for roots), independent of any stored depth. */
  level: number;
  children: TreeNode<T>[];
};

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export function compareNodes(a: FlatNode, b: FlatNode): number {
  return a.sortOrder - b.sortOrder || collator.compare(a.code, b.code) || a.id - b.id;
}

export function buildTree<T extends FlatNode>(rows: readonly T[]): TreeNode<T>[] {
  const byId = new Map<number, T>();
  for (const r of rows) if (!byId.has(r.id)) byId.set(r.id, r);
  const childrenOf = new Map<number | null, T[]>();
  for (const r of byId.values()) {
    const parent = r.parentId !== null && r.parentId !== r.id && byId.has(r.parentId) ? r.parentId : null;
    let list = childrenOf.get(parent);
    if (!list) childrenOf.set(parent, (list = []));
    list.push(r);
  }
  for (const list of childrenOf.values()) list.sort(compareNodes);

  const visited = new Set<number>();
  const build = (row: T, level: number): TreeNode<T> => {
    visited.add(row.id);
    const node: TreeNode<T> = { ...row, level, children: [] };
    // Iterative over siblings, recursive over depth (strategy trees are shallow).
    for (const child of childrenOf.get(row.id) ?? []) {
      if (visited.has(child.id)) continue;
      node.children.push(build(child, level + 1));
    }
    return node;
  };

  const roots = (childrenOf.get(null) ?? []).map((r) => build(r, 0));
  // Rows only reachable through a cycle: promote the first of each cycle to a root.
  const rest = [...byId.values()].filter((r) => !visited.has(r.id)).sort(compareNodes);
  for (const r of rest) if (!visited.has(r.id)) roots.push(build(r, 0));
  roots.sort(compareNodes);
  return roots;
}

/** Depth-first, pre-order visit of every node. */
export function walkTree<T extends FlatNode>(
  roots: readonly TreeNode<T>[],
  visit: (node: TreeNode<T>) => void,
): void {
  const stack = [...roots].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    visit(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

export function countNodes<T extends FlatNode>(roots: readonly TreeNode<T>[]): number {
  let n = 0;
  walkTree(roots, () => n++);
  return n;
}

/** Ids in a materialised path: `/1/4/9/` → [1, 4, 9]. */
export function parsePath(path: string): number[] {
  return path
    .split("/")
    .filter((s) => s !== "")
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

/** Is `path` inside the subtree rooted at `ancestorPath` (itself included)? */
export function isInSubtree(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

export const OPEN_MODES = ["all", "none", "top"] as const;
export type OpenMode = (typeof OPEN_MODES)[number];

/** `?open=all|none`; anything else shows the first level open. */
export function parseOpenMode(value: string | null | undefined): OpenMode {
  return value === "all" || value === "none" ? value : "top";
}

/** Should a node with children start expanded? */
export function isOpen(level: number, mode: OpenMode): boolean {
  if (mode === "all") return true;
  if (mode === "none") return false;
  return level === 0;
}

// ---------------------------------------------------------------------------
// Materialised paths: building, moving and ordering (pure)
// ---------------------------------------------------------------------------

/** Path of a node with id `id` under a parent path (`null`: top level): `/1/4/` + 9 → `/1/4/9/`. */
export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? "/"}${id}/`;
}

/** Depth stored with a path: `/1/` → 0, `/1/4/9/` → 2. */
export function depthOfPath(path: string): number {
  return Math.max(0, parsePath(path).length - 1);
}

export interface PathNode {
  id: number;
  path: string;
}

/**
 * Why a node cannot go under `newParent`, or null if it can. A node cannot be
 * its own parent, nor go under one of its descendants (that would cut the
 * subtree off the tree and make a cycle). `null` parent means the top level.
 */
export function moveProblem(node: PathNode, newParent: PathNode | null): "self" | "descendant" | null {
  if (newParent === null) return null;
  if (newParent.id === node.id) return "self";
  if (isInSubtree(newParent.path, node.path)) return "descendant";
  return null;
}

export interface PathRow {
  id: number;
  path: string;
  depth: number;
}

/**
 * New paths and depths of every row of a subtree moved under `newParent`
 * (null: to the top level). `subtree` holds the moved node and its
 * descendants (rows outside it are returned unchanged). The moved node keeps
 * its id, so each path's prefix `node.path` becomes `newParent.path + id/`.
 * Throws on a move that `moveProblem` refuses.
 */
export function rewriteSubtree(
  node: PathNode,
  newParent: PathNode | null,
  subtree: readonly PathRow[],
): PathRow[] {
  const problem = moveProblem(node, newParent);
  if (problem) throw new Error(`cannot move node ${node.id} under ${newParent?.id}: ${problem}`);
  const newPrefix = childPath(newParent?.path ?? null, node.id);
  return subtree.map((row) => {
    if (!isInSubtree(row.path, node.path)) return row;
    const path = newPrefix + row.path.slice(node.path.length);
    return { id: row.id, path, depth: depthOfPath(path) };
  });
}

export type SiblingPosition = "first" | "last";

/**
 * Sibling order after placing `movedId` first or last among `siblingIds`
 * (which may or may not already contain it).
 */
export function placeAmongSiblings(
  siblingIds: readonly number[],
  movedId: number,
  position: SiblingPosition,
): number[] {
  const others = siblingIds.filter((id) => id !== movedId);
  return position === "first" ? [movedId, ...others] : [...others, movedId];
}

/**
 * Sibling order after moving `movedId` one place up or down; unchanged at
 * either end or when it is not among the siblings.
 */
export function shiftAmongSiblings(
  siblingIds: readonly number[],
  movedId: number,
  direction: "up" | "down",
): number[] {
  const order = [...siblingIds];
  const i = order.indexOf(movedId);
  const j = direction === "up" ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= order.length) return order;
  [order[i], order[j]] = [order[j], order[i]];
  return order;
}
