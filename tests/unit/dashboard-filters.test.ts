import { describe, expect, it } from "vitest";
import {
  drillHref,
  filtersKey,
  isIsoDate,
  parseDashboardView,
  parseDrillFacet,
  parseYears,
  serialiseView,
} from "~/modules/dashboard/filters";

describe("dashboard URL filters", () => {
  it("defaults: every year, no filter, today, units rolled into successors, approved budget on the map", () => {
    expect(parseDashboardView("")).toEqual({
      years: [],
      region: null,
      province: null,
      ministry: null,
      node: null,
      source: null,
      asOf: null,
      units: "current",
      measure: "approved",
      pillar: null,
    });
  });

  it("parses every filter and upper-cases codes", () => {
    const v = parseDashboardView(
      "year=2026&year=2024&region=mekong-delta&province=p-hcm&ministry=M-MOST&node=da950.1&source=oda_loan&asOf=2025-06-30&units=recorded&measure=rate&pillar=DA950.4",
    );
    expect(v).toEqual({
      years: [2024, 2026],
      region: "mekong-delta",
      province: "P-HCM",
      ministry: "M-MOST",
      node: "DA950.1",
      source: "oda_loan",
      asOf: "2025-06-30",
      units: "recorded",
      measure: "rate",
      pillar: "DA950.4",
    });
  });

  it("drops bad values instead of failing", () => {
    const v = parseDashboardView(
      "year=abc&year=1800&region=Mekong%20Delta&province=P-HCM;DROP&source=gold&asOf=2025-02-30&units=x&measure=nope&node=<b>",
    );
    expect(v.years).toEqual([]);
    expect(v.region).toBeNull();
    expect(v.province).toBeNull();
    expect(v.source).toBeNull();
    expect(v.asOf).toBeNull();
    expect(v.units).toBe("current");
    expect(v.measure).toBe("approved");
    expect(v.node).toBeNull();
  });

  it("years: repeated, comma lists and ranges, distinct and sorted, bounded", () => {
    expect(parseYears(["2026", "2024-2025", "2025,2027"])).toEqual([2024, 2025, 2026, 2027]);
    expect(parseYears(["2030-2020"])).toEqual([]);
    expect(parseYears(["2000-2099"])).toEqual([]);
    expect(parseYears(["  2025 "])).toEqual([2025]);
  });

  it("ISO dates are real calendar dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2025-13-01")).toBe(false);
    expect(isIsoDate("25-01-01")).toBe(false);
  });

  it("serialising a parsed view gives it back (a link reproduces the view)", () => {
    const search =
      "year=2024&year=2026&region=southeast&province=P-HCM&source=ppp&asOf=2025-01-31&units=recorded&measure=projects&pillar=DA950.2";
    const v = parseDashboardView(search);
    expect(parseDashboardView(serialiseView(v))).toEqual(v);
    expect(serialiseView(parseDashboardView(""))).toBe("");
    // The figures' key ignores the map measure and the pillar being viewed.
    const other: typeof v = { ...v, measure: "rate", pillar: null };
    expect(filtersKey(v)).toBe(filtersKey(other));
    expect(filtersKey(v)).not.toBe(filtersKey({ ...v, years: [2024] }));
  });

  it("drill-down links carry the view's filters and the figure's facet", () => {
    const v = parseDashboardView("year=2026&region=southeast&measure=rate");
    const href = drillHref(v, { phase: "pilot", unit: 12 });
    expect(href.startsWith("/dashboard/list?")).toBe(true);
    const params = new URLSearchParams(href.split("?")[1]);
    expect(params.getAll("year")).toEqual(["2026"]);
    expect(params.get("region")).toBe("southeast");
    expect(params.get("measure")).toBeNull();
    const facet = parseDrillFacet(params);
    expect(facet).toMatchObject({ what: "projects", phase: "pilot", unit: 12, overdue: false });
    expect(parseDrillFacet("what=flags&severity=high&rule=same_project&unit=-3&equity=x")).toMatchObject({
      what: "flags",
      severity: "high",
      rule: "same_project",
      unit: null,
      equity: null,
    });
  });
});
