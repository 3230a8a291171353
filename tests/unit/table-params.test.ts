import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  clampPage,
  limitOffset,
  MAX_PAGE,
  pageCount,
  parseFilters,
  parseTableParams,
  sortParams,
  withParams,
  type TableSpec,
} from "~/modules/table/params";
import { parseRegisterQuery } from "~/modules/organisations/register";

const SPEC: TableSpec<"name" | "population" | "validTo"> = {
  sortable: ["name", "population", "validTo"],
  defaultSort: "name",
  defaultDir: "asc",
  initialDir: { population: "desc" },
  pageSizes: [10, 25, 50],
  defaultPageSize: 25,
};

describe("parseTableParams", () => {
  it("returns the defaults for an empty query string", () => {
    expect(parseTableParams("", SPEC)).toEqual({ sort: "name", dir: "asc", page: 1, pageSize: 25 });
  });

  it("reads a valid sort, direction, page and size", () => {
    expect(parseTableParams("?sort=population&dir=asc&page=3&size=50", SPEC)).toEqual({
      sort: "population",
      dir: "asc",
      page: 3,
      pageSize: 50,
    });
  });

  it("falls back to the default sort and direction for an unknown column", () => {
    const s = parseTableParams("sort=password_hash&dir=desc", SPEC);
    expect(s.sort).toBe("name");
    // The direction given is still honoured; without one the default applies.
    expect(s.dir).toBe("desc");
    expect(parseTableParams("sort=drop%20table", SPEC)).toMatchObject({ sort: "name", dir: "asc" });
  });

  it("uses the column's initial direction when none is given", () => {
    expect(parseTableParams("sort=population", SPEC).dir).toBe("desc");
    expect(parseTableParams("sort=validTo", SPEC).dir).toBe("asc");
  });

  it("ignores a bad direction", () => {
    expect(parseTableParams("sort=name&dir=sideways", SPEC).dir).toBe("asc");
    expect(parseTableParams("sort=name&dir=DESC", SPEC).dir).toBe("desc");
  });

  it("keeps the page within bounds", () => {
    expect(parseTableParams("page=0", SPEC).page).toBe(1);
    expect(parseTableParams("page=-4", SPEC).page).toBe(1);
    expect(parseTableParams("page=2.5", SPEC).page).toBe(1);
    expect(parseTableParams("page=abc", SPEC).page).toBe(1);
    expect(parseTableParams("page=", SPEC).page).toBe(1);
    expect(parseTableParams("page=99999999999999", SPEC).page).toBe(MAX_PAGE);
  });

  it("only accepts the offered page sizes", () => {
    expect(parseTableParams("size=10", SPEC).pageSize).toBe(10);
    expect(parseTableParams("size=1000000", SPEC).pageSize).toBe(25);
    expect(parseTableParams("size=-1", SPEC).pageSize).toBe(25);
    expect(parseTableParams("size=ten", SPEC).pageSize).toBe(25);
  });
});

describe("paging arithmetic", () => {
  it("counts pages, at least one", () => {
    expect(pageCount(0, 25)).toBe(1);
    expect(pageCount(25, 25)).toBe(1);
    expect(pageCount(26, 25)).toBe(2);
  });

  it("clamps a stale page to the last one", () => {
    expect(clampPage(9, 60, 25)).toBe(3);
    expect(clampPage(2, 0, 25)).toBe(1);
    expect(clampPage(0, 60, 25)).toBe(1);
  });

  it("turns a page into LIMIT/OFFSET", () => {
    expect(limitOffset({ page: 3, pageSize: 25 })).toEqual({ limit: 25, offset: 50 });
  });
});

describe("parseFilters", () => {
  const shape = {
    q: z.string().max(5).optional(),
    kind: z.enum(["province", "ministry"]).optional(),
    status: z.enum(["current", "all"]).default("current"),
  };

  it("parses each field on its own; a bad field takes its default", () => {
    expect(parseFilters("q=abc&kind=planet&status=all", shape)).toEqual({
      q: "abc",
      kind: undefined,
      status: "all",
    });
    expect(parseFilters("q=toolongvalue&status=bogus", shape)).toEqual({
      q: undefined,
      kind: undefined,
      status: "current",
    });
  });

  it("treats empty strings as absent", () => {
    expect(parseFilters("q=&kind=&status=", shape)).toEqual({
      q: undefined,
      kind: undefined,
      status: "current",
    });
  });
});

describe("building links", () => {
  it("resets the page when anything else changes", () => {
    expect(withParams("q=ha&page=4&sort=name", { sort: "population" })).toBe("?q=ha&sort=population");
    expect(withParams("q=ha&page=4", { page: 5 })).toBe("?q=ha&page=5");
    expect(withParams("q=ha&page=4", { page: 1 })).toBe("?q=ha");
    expect(withParams("q=ha", { q: null })).toBe("?");
  });

  it("toggles the direction of the current sort column and starts others at their initial direction", () => {
    const state = { sort: "name", dir: "asc" } as const;
    expect(sortParams("sort=name&dir=asc&page=2", state, "name")).toBe("?sort=name&dir=desc");
    expect(sortParams("sort=name&dir=asc", state, "population", "desc")).toBe("?sort=population&dir=desc");
    expect(sortParams("q=x", { sort: "name", dir: "desc" }, "name")).toBe("?q=x&sort=name&dir=asc");
  });
});

describe("organisation register query", () => {
  it("shows current units by default and all units for a text search", () => {
    expect(parseRegisterQuery("").filters.status).toBe("current");
    expect(parseRegisterQuery("q=binh+duong").filters).toMatchObject({
      q: "binh duong",
      status: "all",
      statusParam: null,
    });
    expect(parseRegisterQuery("q=binh+duong&status=current").filters.status).toBe("current");
  });

  it("drops unknown kinds and malformed regions", () => {
    expect(parseRegisterQuery("kind=planet&region=DROP TABLE").filters).toMatchObject({
      kind: null,
      region: null,
    });
    expect(parseRegisterQuery("kind=ministry&region=southeast").filters).toMatchObject({
      kind: "ministry",
      region: "southeast",
    });
  });

  it("falls back to sorting by name", () => {
    expect(parseRegisterQuery("sort=search_name").table).toMatchObject({ sort: "name", dir: "asc" });
    expect(parseRegisterQuery("sort=projects").table).toMatchObject({ sort: "projects", dir: "desc" });
  });
});
