import { describe, expect, it } from "vitest";
import {
  childPath,
  depthOfPath,
  moveProblem,
  placeAmongSiblings,
  rewriteSubtree,
  shiftAmongSiblings,
} from "~/modules/strategy/tree";

// A small tree:            /1/
//                    /1/2/      /1/6/
//              /1/2/3/  /1/2/4/    /1/6/7/
//              /1/2/3/5/
const rows = [
  { id: 1, path: "/1/", depth: 0 },
  { id: 2, path: "/1/2/", depth: 1 },
  { id: 3, path: "/1/2/3/", depth: 2 },
  { id: 4, path: "/1/2/4/", depth: 2 },
  { id: 5, path: "/1/2/3/5/", depth: 3 },
  { id: 6, path: "/1/6/", depth: 1 },
  { id: 7, path: "/1/6/7/", depth: 2 },
  // Ids sharing a prefix with 2 must never be taken for its descendants.
  { id: 21, path: "/1/21/", depth: 1 },
];
const byId = (id: number) => rows.find((r) => r.id === id)!;
const subtreeOf = (id: number) => rows.filter((r) => r.path.startsWith(byId(id).path));

describe("paths", () => {
  it("builds a child's path and reads depth from a path", () => {
    expect(childPath(null, 9)).toBe("/9/");
    expect(childPath("/1/4/", 9)).toBe("/1/4/9/");
    expect(depthOfPath("/1/")).toBe(0);
    expect(depthOfPath("/1/4/9/")).toBe(2);
  });
});

describe("moveProblem (cycle refusal)", () => {
  it("refuses moving a node under itself", () => {
    expect(moveProblem(byId(2), byId(2))).toBe("self");
  });

  it("refuses moving a node under its child or a deeper descendant", () => {
    expect(moveProblem(byId(2), byId(3))).toBe("descendant");
    expect(moveProblem(byId(2), byId(5))).toBe("descendant");
    expect(moveProblem(byId(1), byId(7))).toBe("descendant");
  });

  it("allows moving under a sibling, a cousin, an ancestor or to the top level", () => {
    expect(moveProblem(byId(3), byId(4))).toBeNull();
    expect(moveProblem(byId(3), byId(7))).toBeNull();
    expect(moveProblem(byId(5), byId(1))).toBeNull();
    expect(moveProblem(byId(2), null)).toBeNull();
    // /1/21/ starts with "/1/2" but is not inside /1/2/.
    expect(moveProblem(byId(2), byId(21))).toBeNull();
  });
});

describe("rewriteSubtree", () => {
  it("rewrites the path and depth of the moved node and every descendant", () => {
    const out = rewriteSubtree(byId(2), byId(6), subtreeOf(2));
    expect(out).toEqual([
      { id: 2, path: "/1/6/2/", depth: 2 },
      { id: 3, path: "/1/6/2/3/", depth: 3 },
      { id: 4, path: "/1/6/2/4/", depth: 3 },
      { id: 5, path: "/1/6/2/3/5/", depth: 4 },
    ]);
  });

  it("moves a branch up to the top level and shortens it", () => {
    const out = rewriteSubtree(byId(3), null, subtreeOf(3));
    expect(out).toEqual([
      { id: 3, path: "/3/", depth: 0 },
      { id: 5, path: "/3/5/", depth: 1 },
    ]);
  });

  it("moves a deep node under a shallower one", () => {
    expect(rewriteSubtree(byId(5), byId(1), subtreeOf(5))).toEqual([{ id: 5, path: "/1/5/", depth: 1 }]);
  });

  it("leaves rows outside the subtree alone (including look-alike ids)", () => {
    const out = rewriteSubtree(byId(2), byId(6), rows);
    expect(out.find((r) => r.id === 21)).toEqual(byId(21));
    expect(out.find((r) => r.id === 7)).toEqual(byId(7));
    expect(out.filter((r) => r.path.startsWith("/1/6/2/"))).toHaveLength(4);
  });

  it("keeps a subtree consistent: every child's path is its parent's path plus its id", () => {
    const out = rewriteSubtree(byId(2), byId(7), subtreeOf(2));
    const paths = new Map(out.map((r) => [r.id, r.path]));
    expect(paths.get(3)).toBe(`${paths.get(2)}3/`);
    expect(paths.get(5)).toBe(`${paths.get(3)}5/`);
    for (const r of out) expect(r.depth).toBe(depthOfPath(r.path));
  });

  it("throws on a cycle instead of writing a broken tree", () => {
    expect(() => rewriteSubtree(byId(2), byId(5), subtreeOf(2))).toThrow(/descendant/);
    expect(() => rewriteSubtree(byId(2), byId(2), subtreeOf(2))).toThrow(/self/);
  });
});

describe("sibling order", () => {
  it("places a moved node first or last, whether or not it was already a sibling", () => {
    expect(placeAmongSiblings([1, 2, 3], 9, "first")).toEqual([9, 1, 2, 3]);
    expect(placeAmongSiblings([1, 2, 3], 9, "last")).toEqual([1, 2, 3, 9]);
    expect(placeAmongSiblings([1, 2, 3], 2, "first")).toEqual([2, 1, 3]);
    expect(placeAmongSiblings([1, 2, 3], 2, "last")).toEqual([1, 3, 2]);
    expect(placeAmongSiblings([], 2, "last")).toEqual([2]);
  });

  it("shifts a node up or down one place, and not past either end", () => {
    expect(shiftAmongSiblings([1, 2, 3], 2, "up")).toEqual([2, 1, 3]);
    expect(shiftAmongSiblings([1, 2, 3], 2, "down")).toEqual([1, 3, 2]);
    expect(shiftAmongSiblings([1, 2, 3], 1, "up")).toEqual([1, 2, 3]);
    expect(shiftAmongSiblings([1, 2, 3], 3, "down")).toEqual([1, 2, 3]);
    expect(shiftAmongSiblings([1, 2, 3], 7, "down")).toEqual([1, 2, 3]);
  });
});
