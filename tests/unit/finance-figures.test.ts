import { describe, expect, it } from "vitest";
import {
  disbursementRate,
  emptyFigures,
  physicalProgress,
  quarterKey,
  quarterOf,
} from "~/modules/finance/figures";

describe("quarterOf", () => {
  it("buckets months into calendar quarters", () => {
    const cases: [string, number][] = [
      ["2025-01-01", 1],
      ["2025-03-31", 1],
      ["2025-04-01", 2],
      ["2025-06-30", 2],
      ["2025-07-01", 3],
      ["2025-09-30", 3],
      ["2025-10-01", 4],
      ["2025-12-31", 4],
    ];
    for (const [date, quarter] of cases) expect(quarterOf(date)).toEqual({ year: 2025, quarter });
  });

  it("matches the SQL bucketing ((month + 2) / 3, integer division) for every month", () => {
    for (let m = 1; m <= 12; m++) {
      const iso = `2026-${String(m).padStart(2, "0")}-15`;
      expect(quarterOf(iso).quarter).toBe(Math.trunc((m + 2) / 3));
    }
  });

  it("refuses what is not an ISO date", () => {
    expect(() => quarterOf("15/03/2025")).toThrow();
    expect(() => quarterOf("2025-13-01")).toThrow();
    expect(() => quarterOf("")).toThrow();
  });

  it("quarter keys sort chronologically across years", () => {
    expect(quarterKey(2025, 4)).toBeLessThan(quarterKey(2026, 1));
    expect(quarterKey(2026, 1)).toBeLessThan(quarterKey(2026, 2));
  });
});

describe("disbursementRate", () => {
  it("is disbursed / approved", () => {
    expect(disbursementRate(2_500_000_000, 10_000_000_000)).toBe(0.25);
    expect(disbursementRate(0, 10)).toBe(0);
  });
  it("is null, not 0 nor Infinity, when nothing is approved", () => {
    expect(disbursementRate(0, 0)).toBeNull();
    expect(disbursementRate(5_000_000, 0)).toBeNull();
  });
  it("can exceed 1 (disbursed above approved) and goes down with a reversal", () => {
    expect(disbursementRate(12, 10)).toBe(1.2);
    expect(disbursementRate(10 - 4, 10)).toBe(0.6);
  });
});

describe("physicalProgress", () => {
  it("is the weighted share of done milestones, null without milestones", () => {
    expect(physicalProgress(3, 4)).toBe(0.75);
    expect(physicalProgress(0, 5)).toBe(0);
    expect(physicalProgress(0, 0)).toBeNull();
  });
  it("empty figures have no rate and no progress", () => {
    expect(emptyFigures()).toMatchObject({ approved: 0, disbursed: 0, disbursementRate: null, progress: null });
  });
});
