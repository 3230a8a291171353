import { describe, expect, it } from "vitest";
import {
  buildTree,
  countNodes,
  isInSubtree,
  isOpen,
  parseOpenMode,
  parsePath,
  walkTree,
  type FlatNode,
} from "~/modules/strategy/tree";

type Row = FlatNode & { title: string };
const row = (id: number, parentId: number | null, sortOrder: number, code: string): Row => ({
  id,
  parentId,
  sortOrder,
  code,
  title: `node ${id}`,
});

const codes = (nodes: { code: string; children: unknown[] }[]): unknown =>
  nodes.map((n) => (n.children.length ? [n.code, codes(n.children as typeof nodes)] : n.code));

describe("buildTree", () => {
  it("nests children under their parents in sort order, whatever the input order", () => {
    const rows = [
      row(5, 2, 1, "1.2"),
      row(1, null, 2, "2"),
      row(2, null, 1, "1"),
      row(4, 2, 0, "1.1"),
      row(6, 4, 0, "1.1.1"),
      row(3, 1, 0, "2.1"),
    ];
    const tree = buildTree(rows);
    expect(codes(tree)).toEqual([
      ["1", [["1.1", ["1.1.1"]], "1.2"]],
      ["2", ["2.1"]],
    ]);
    expect(tree[0].level).toBe(0);
    expect(tree[0].children[0].children[0].level).toBe(2);
    // Row data is carried over.
    expect(tree[0].children[0].children[0].title).toBe("node 6");
  });

  it("breaks sort-order ties by code (numerically) then id", () => {
    const tree = buildTree([
      row(1, null, 0, "1.10"),
      row(2, null, 0, "1.9"),
      row(3, null, 0, "1.2"),
      row(4, null, 0, "1.2"),
    ]);
    expect(tree.map((n) => n.id)).toEqual([3, 4, 2, 1]);
  });

  it("makes rows whose parent is missing into roots", () => {
    const tree = buildTree([row(1, null, 0, "A"), row(2, 99, 0, "B"), row(3, 2, 0, "B.1")]);
    expect(codes(tree)).toEqual(["A", ["B", ["B.1"]]]);
  });

  it("survives cycles and self-parents without losing nodes", () => {
    const rows = [row(1, 2, 0, "X"), row(2, 1, 0, "Y"), row(3, 3, 0, "Z"), row(4, null, 0, "R")];
    const tree = buildTree(rows);
    expect(countNodes(tree)).toBe(4);
    const seen: number[] = [];
    walkTree(tree, (n) => seen.push(n.id));
    expect(seen.sort()).toEqual([1, 2, 3, 4]);
  });

  it("ignores duplicate ids and handles an empty list", () => {
    expect(buildTree([])).toEqual([]);
    expect(countNodes(buildTree([row(1, null, 0, "A"), row(1, null, 0, "A")]))).toBe(1);
  });

  it("walks depth-first in display order", () => {
    const tree = buildTree([
      row(1, null, 0, "1"),
      row(2, 1, 0, "1.1"),
      row(3, 1, 1, "1.2"),
      row(4, null, 1, "2"),
    ]);
    const order: string[] = [];
    walkTree(tree, (n) => order.push(n.code));
    expect(order).toEqual(["1", "1.1", "1.2", "2"]);
  });

  it("handles a deep chain", () => {
    const rows = Array.from({ length: 200 }, (_, i) => row(i + 1, i === 0 ? null : i, 0, `n${i}`));
    const tree = buildTree(rows);
    expect(countNodes(tree)).toBe(200);
  });
});

describe("materialised paths", () => {
  it("parses ids from a path", () => {
    expect(parsePath("/1/4/9/")).toEqual([1, 4, 9]);
    expect(parsePath("/")).toEqual([]);
    expect(parsePath("/1/x/3/")).toEqual([1, 3]);
  });

  it("tells whether a path lies in a subtree", () => {
    expect(isInSubtree("/1/4/9/", "/1/4/")).toBe(true);
    expect(isInSubtree("/1/4/", "/1/4/")).toBe(true);
    // A sibling with a longer id is not inside /1/4/.
    expect(isInSubtree("/1/41/", "/1/4/")).toBe(false);
  });
});

describe("open state", () => {
  it("parses ?open and decides which nodes start expanded", () => {
    expect(parseOpenMode("all")).toBe("all");
    expect(parseOpenMode("none")).toBe("none");
    expect(parseOpenMode(null)).toBe("top");
    expect(parseOpenMode("bogus")).toBe("top");
    expect(isOpen(3, "all")).toBe(true);
    expect(isOpen(0, "none")).toBe(false);
    expect(isOpen(0, "top")).toBe(true);
    expect(isOpen(1, "top")).toBe(false);
  });
});
