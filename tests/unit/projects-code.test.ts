import { describe, expect, it } from "vitest";
import {
  formatProjectCode,
  isProjectCodeParam,
  nextProjectNumber,
  parseProjectCode,
  projectCodeYear,
} from "~/modules/projects/code";

describe("project codes <ABBR>-<YEAR>-<NNN>", () => {
  it("formats with at least three digits", () => {
    expect(formatProjectCode("HCM", 2026, 14)).toBe("HCM-2026-014");
    expect(formatProjectCode("MOST", 2025, 1)).toBe("MOST-2025-001");
    expect(formatProjectCode("HN", 2026, 1234)).toBe("HN-2026-1234");
    expect(() => formatProjectCode("HN", 2026, 0)).toThrow(RangeError);
  });

  it("parses its own output, including abbreviations with hyphens", () => {
    expect(parseProjectCode("HCM-2026-014")).toEqual({ abbr: "HCM", year: 2026, number: 14 });
    expect(parseProjectCode("X-Y-2024-120")).toEqual({ abbr: "X-Y", year: 2024, number: 120 });
    expect(parseProjectCode("T-HCM-1")).toBeNull();
    expect(parseProjectCode("HCM-26-001")).toBeNull();
  });

  it("takes the number after the highest one of the same abbreviation and year", () => {
    const codes = ["HCM-2026-001", "HCM-2026-014", "HCM-2026-003", "HCM-2025-099", "HN-2026-050", "junk"];
    expect(nextProjectNumber(codes, "HCM", 2026)).toBe(15);
    expect(nextProjectNumber(codes, "HCM", 2025)).toBe(100);
    expect(nextProjectNumber(codes, "HCM", 2027)).toBe(1);
    expect(nextProjectNumber([], "LCU", 2026)).toBe(1);
    // Gaps are not refilled: numbers never repeat once used.
    expect(nextProjectNumber(["LCU-2026-001", "LCU-2026-007"], "LCU", 2026)).toBe(8);
  });

  it("uses the start year, else the current year", () => {
    expect(projectCodeYear("2027-03-01", "2026-11-26")).toBe(2027);
    expect(projectCodeYear(null, "2026-11-26")).toBe(2026);
    expect(projectCodeYear("not a date", "2026-11-26")).toBe(2026);
  });

  it("accepts plausible codes in URLs only", () => {
    expect(isProjectCodeParam("HCM-2026-014")).toBe(true);
    expect(isProjectCodeParam("T-HCM-1")).toBe(true);
    expect(isProjectCodeParam("../etc")).toBe(false);
    expect(isProjectCodeParam("")).toBe(false);
    expect(isProjectCodeParam(undefined)).toBe(false);
    expect(isProjectCodeParam("A".repeat(41))).toBe(false);
  });
});
