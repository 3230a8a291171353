import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decimalInput, parseDecimal } from "~/modules/indicators/decimal";
import { parsePeriod } from "~/modules/indicators/period";
import { barFraction, directionOf, progressOf } from "~/modules/indicators/progress";
import { aggregationOf, normaliseUnit, sameUnit } from "~/modules/indicators/units";

describe("parsePeriod", () => {
  it("parses years and quarters with their bounds", () => {
    expect(parsePeriod("2025")).toEqual({
      ok: true,
      period: { label: "2025", start: "2025-01-01", end: "2025-12-31" },
    });
    expect(parsePeriod("2025-Q1")).toEqual({
      ok: true,
      period: { label: "2025-Q1", start: "2025-01-01", end: "2025-03-31" },
    });
    expect(parsePeriod(" 2026-q3 ")).toMatchObject({
      period: { label: "2026-Q3", start: "2026-07-01", end: "2026-09-30" },
    });
    expect(parsePeriod("2024 Q2")).toMatchObject({ period: { label: "2024-Q2", end: "2024-06-30" } });
    expect(parsePeriod("Q4/2024")).toMatchObject({
      period: { label: "2024-Q4", start: "2024-10-01", end: "2024-12-31" },
    });
  });
  it("refuses what is not a year or a quarter", () => {
    expect(parsePeriod("")).toEqual({ ok: false, error: "indicators.error.periodRequired" });
    expect(parsePeriod(undefined)).toEqual({ ok: false, error: "indicators.error.periodRequired" });
    for (const bad of ["2025-Q5", "2025-Q0", "25", "2025-13", "2025/2026", "Q3", "abc", "2025-Q3x"])
      expect(parsePeriod(bad), bad).toEqual({ ok: false, error: "indicators.error.periodFormat" });
    expect(parsePeriod("1899")).toEqual({ ok: false, error: "indicators.error.periodRange" });
    expect(parsePeriod("2101-Q1")).toEqual({ ok: false, error: "indicators.error.periodRange" });
  });
  it("every quarter lies inside its year and quarters tile the year", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), (y) => {
        const year = parsePeriod(String(y));
        const qs = [1, 2, 3, 4].map((q) => parsePeriod(`${y}-Q${q}`));
        if (!year.ok || qs.some((q) => !q.ok)) return false;
        const p = qs.map((q) => (q.ok ? q.period : null)!);
        return (
          p[0].start === year.period.start && p[3].end === year.period.end && p.every((x) => x.start < x.end)
        );
      }),
    );
  });
});

describe("parseDecimal", () => {
  it("reads Vietnamese numbers: comma decimal, dot thousands", () => {
    expect(parseDecimal("12,5", "vi")).toEqual({ ok: true, value: 12.5 });
    expect(parseDecimal("1.234,5", "vi")).toEqual({ ok: true, value: 1234.5 });
    expect(parseDecimal("1.234", "vi")).toEqual({ ok: true, value: 1234 });
    expect(parseDecimal("-3", "vi")).toEqual({ ok: true, value: -3 });
    expect(parseDecimal("−0,25", "vi")).toEqual({ ok: true, value: -0.25 });
    expect(parseDecimal(" 40 ", "vi")).toEqual({ ok: true, value: 40 });
  });
  it("reads English numbers: point decimal, comma thousands", () => {
    expect(parseDecimal("12.5", "en")).toEqual({ ok: true, value: 12.5 });
    expect(parseDecimal("1,234.5", "en")).toEqual({ ok: true, value: 1234.5 });
    expect(parseDecimal("1,234", "en")).toEqual({ ok: true, value: 1234 });
    expect(parseDecimal("0", "en")).toEqual({ ok: true, value: 0 });
  });
  it("refuses the other locale's decimal mark rather than guessing", () => {
    expect(parseDecimal("12.5", "vi")).toEqual({ ok: false, error: "indicators.error.numberInvalid" });
    expect(parseDecimal("12,5", "en")).toEqual({ ok: false, error: "indicators.error.numberInvalid" });
  });
  it("refuses empty and malformed input", () => {
    expect(parseDecimal("", "vi")).toEqual({ ok: false, error: "indicators.error.numberRequired" });
    expect(parseDecimal("   ", "en")).toEqual({ ok: false, error: "indicators.error.numberRequired" });
    for (const bad of ["abc", "1,2,3", "12,", ",5", "1..2", "12a", "1.23.4,5", "--1", "1e5", "12.34.567"])
      expect(parseDecimal(bad, "vi").ok, bad).toBe(false);
    for (const bad of ["abc", "1.2.3", "12.", ".5", "1,23", "1e5"])
      expect(parseDecimal(bad, "en").ok, bad).toBe(false);
  });
  it("round-trips what decimalInput writes, in both locales", () => {
    fc.assert(
      fc.property(
        fc
          .double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true })
          .filter((v) => !String(v).includes("e")),
        fc.constantFrom("vi" as const, "en" as const),
        (v, locale) => {
          const r = parseDecimal(decimalInput(v, locale), locale);
          return r.ok && r.value === (Object.is(v, -0) ? 0 : v);
        },
      ),
    );
  });
});

describe("progressOf", () => {
  it("measures the share of the planned change achieved on an increasing target", () => {
    expect(progressOf(20, 50, 80)).toEqual({
      kind: "ratio",
      direction: "increase",
      ratio: 0.5,
      achieved: false,
      regressed: false,
    });
    expect(progressOf(20, 80, 80)).toMatchObject({ ratio: 1, achieved: true });
    expect(progressOf(20, 90, 80)).toMatchObject({ achieved: true });
    expect(progressOf(20, 10, 80)).toMatchObject({ regressed: true });
  });
  it("handles decreasing targets (fewer accidents)", () => {
    // 120 accidents a year down to 60: 90 is half way.
    expect(progressOf(120, 90, 60)).toEqual({
      kind: "ratio",
      direction: "decrease",
      ratio: 0.5,
      achieved: false,
      regressed: false,
    });
    expect(progressOf(120, 55, 60)).toMatchObject({ achieved: true, direction: "decrease" });
    expect(progressOf(120, 130, 60)).toMatchObject({ regressed: true });
    expect(directionOf(120, 60)).toBe("decrease");
    expect(directionOf(1, 2)).toBe("increase");
    expect(directionOf(2, 2)).toBeNull();
  });
  it("says why there is no progress figure", () => {
    expect(progressOf(1, 2, null)).toEqual({ kind: "none", reason: "noTarget" });
    expect(progressOf(1, null, 3)).toEqual({ kind: "none", reason: "noActual" });
    expect(progressOf(null, 2, 3)).toEqual({ kind: "none", reason: "noBaseline" });
    expect(progressOf(3, 2, 3)).toEqual({ kind: "none", reason: "flat" });
  });
  it("bar fraction is clamped to 0…1", () => {
    expect(barFraction(progressOf(0, 150, 100))).toBe(1);
    expect(barFraction(progressOf(0, -5, 100))).toBe(0);
    expect(barFraction(progressOf(0, 25, 100))).toBe(0.25);
    expect(barFraction(progressOf(0, null, 100))).toBe(0);
  });
});

describe("units", () => {
  it("normalises case, spacing, Unicode form and ways of writing percent", () => {
    expect(normaliseUnit("  Hệ   Thống ")).toBe("hệ thống");
    expect(sameUnit("hệ thống", "HỆ THỐNG")).toBe(true);
    expect(sameUnit("he\u0302\u0323 tho\u0302\u0301ng", "hệ thống")).toBe(true); // decomposed vs composed
    expect(sameUnit("%", "phần trăm")).toBe(true);
    expect(sameUnit("Percent", "%")).toBe(true);
    expect(sameUnit("trạm", "nút giao")).toBe(false);
    expect(sameUnit("%", "điểm")).toBe(false);
  });
  it("adds up counts and averages shares, rates and scores", () => {
    for (const u of ["hệ thống", "nút giao", "trạm", "vụ", "systems", "camera"])
      expect(aggregationOf(u), u).toBe("sum");
    for (const u of ["%", "phần trăm", "vụ/năm", "phút trung bình", "điểm", "score", "accidents per 100,000"])
      expect(aggregationOf(u), u).toBe("mean");
  });
});
