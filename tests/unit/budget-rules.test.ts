import { describe, expect, it } from "vitest";
import {
  fiscalYearRange,
  fiscalYears,
  increaseRatio,
  planProblem,
  revisionProblem,
} from "~/modules/budget/rules";
import { addLineSchema, intentOf, planSchema, reviseLineSchema } from "~/modules/budget/schema";

describe("fiscalYearRange", () => {
  it("is the project's years with a year's margin either side", () => {
    expect(fiscalYearRange("2025-03-01", "2027-12-31", "2026-11-26")).toEqual({ min: 2024, max: 2028 });
  });
  it("runs an open end to today + 5 years", () => {
    expect(fiscalYearRange("2025-03-01", null, "2026-11-26")).toEqual({ min: 2024, max: 2031 });
  });
  it("is today ± 5 years without dates", () => {
    expect(fiscalYearRange(null, null, "2026-11-26")).toEqual({ min: 2021, max: 2031 });
  });
  it("never returns an inverted range", () => {
    const r = fiscalYearRange("2030-01-01", "2020-01-01", "2026-01-01");
    expect(r.min).toBeLessThanOrEqual(r.max);
  });
  it("lists the years", () => {
    expect(fiscalYears({ min: 2024, max: 2026 })).toEqual([2024, 2025, 2026]);
  });
});

describe("planProblem", () => {
  it("accepts a plan up to the approved amount", () => {
    expect(planProblem([1, 2, 3, 4], 10)).toBeNull();
    expect(planProblem([0, 0, 0, 0], 10)).toBeNull();
  });
  it("refuses a plan above the approved amount", () => {
    expect(planProblem([1, 2, 3, 5], 10)).toBe("budget.error.planAboveApproved");
  });
  it("refuses negative quarters", () => {
    expect(planProblem([-1, 0, 0, 0], 10)).toBe("budget.error.planNegative");
  });
});

describe("revisionProblem", () => {
  it("refuses an unchanged amount and one below the planned total", () => {
    expect(revisionProblem(100, 100, 0)).toBe("budget.error.revisionUnchanged");
    expect(revisionProblem(100, 50, 60)).toBe("budget.error.revisionBelowPlanned");
    expect(revisionProblem(100, 60, 60)).toBeNull();
    expect(revisionProblem(100, 150, 60)).toBeNull();
  });
  it("measures the increase over the original amount", () => {
    expect(increaseRatio(100, 125)).toBeCloseTo(0.25);
    expect(increaseRatio(0, 10)).toBe(0);
  });
});

describe("budget schemas", () => {
  const fd = (entries: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(entries)) f.set(k, v);
    return f;
  };
  const years = { min: 2024, max: 2028 };
  const base = { intent: "add", fiscalYear: "2025", fundingSource: "oda_loan", category: "security" };

  it("parses an amount the way officials type it, per locale", () => {
    expect(addLineSchema("vi", years).parse({ ...base, amount: "12,5 tỷ" }).amount).toBe(12_500_000_000);
    expect(addLineSchema("en", years).parse({ ...base, amount: "1.2 billion" }).amount).toBe(1_200_000_000);
    expect(addLineSchema("vi", years).parse({ ...base, amount: "12.500.000.000" }).amount).toBe(
      12_500_000_000,
    );
  });
  it("gives i18n keys for bad input", () => {
    const r = addLineSchema("vi", years).safeParse({
      ...base,
      fiscalYear: "2030",
      fundingSource: "gold",
      amount: "0",
    });
    expect(r.success).toBe(false);
    const messages = r.success ? {} : r.error.flatten().fieldErrors;
    expect(messages.fiscalYear).toEqual(["budget.error.yearRange"]);
    expect(messages.fundingSource).toEqual(["budget.error.sourceRequired"]);
    expect(messages.amount).toEqual(["money.error.notPositive"]);
    const junk = addLineSchema("vi", years).safeParse({ ...base, amount: "abc" });
    expect(junk.success ? null : junk.error.flatten().fieldErrors.amount).toEqual(["money.error.invalid"]);
    const missing = addLineSchema("vi", years).safeParse({ ...base });
    expect(missing.success ? null : missing.error.flatten().fieldErrors.amount).toEqual([
      "money.error.required",
    ]);
  });
  it("requires a reason for a revision", () => {
    const r = reviseLineSchema("vi").safeParse({
      intent: "revise",
      lineId: "1",
      version: "1",
      amount: "5 tỷ",
      reason: "  ",
    });
    expect(r.success ? null : r.error.flatten().fieldErrors.reason).toEqual(["budget.error.reasonRequired"]);
  });
  it("reads empty quarters as 0 and refuses fractions of a đồng", () => {
    const ok = planSchema("vi").parse({
      intent: "plan",
      lineId: "1",
      version: "2",
      q1: "1 tỷ",
      q2: "",
      q3: "850 triệu",
    });
    expect([ok.q1, ok.q2, ok.q3, ok.q4]).toEqual([1_000_000_000, 0, 850_000_000, 0]);
    const bad = planSchema("vi").safeParse({ intent: "plan", lineId: "1", version: "2", q1: "0,5" });
    expect(bad.success ? null : bad.error.flatten().fieldErrors.q1).toEqual(["money.error.fraction"]);
  });
  it("knows the intents", () => {
    expect(intentOf(fd({ intent: "plan" }))).toBe("plan");
    expect(intentOf(fd({ intent: "drop table" }))).toBeNull();
  });
});
