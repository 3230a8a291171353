import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkDate,
  checkReversal,
  checkSequence,
  dateWindow,
  entryError,
  ZERO_TOTALS,
  type LineTotals,
} from "~/modules/transactions/rules";
import { entrySchema, isIsoDate, rowSchema } from "~/modules/transactions/schema";

const T = (committed: number, disbursed: number, spent: number): LineTotals => ({ committed, disbursed, spent });

describe("entryError", () => {
  it("refuses a disbursement above committed and an expenditure above disbursed", () => {
    expect(entryError(T(100, 60, 0), "disbursement", 40)).toBeNull();
    expect(entryError(T(100, 60, 0), "disbursement", 41)).toBe("transactions.error.disbursedAboveCommitted");
    expect(entryError(T(100, 60, 50), "expenditure", 10)).toBeNull();
    expect(entryError(T(100, 60, 50), "expenditure", 11)).toBe("transactions.error.spentAboveDisbursed");
    expect(entryError(T(0, 0, 0), "commitment", 5)).toBeNull();
  });
  it("accepts a commitment on a line already out of balance (older data) but not a further disbursement", () => {
    expect(entryError(T(0, 10, 0), "commitment", 5)).toBeNull();
    expect(entryError(T(0, 10, 0), "disbursement", 1)).toBe("transactions.error.disbursedAboveCommitted");
  });
});

describe("checkSequence", () => {
  it("applies rows in date order across the batch: a commitment dated earlier covers a disbursement typed above it", () => {
    const errors = checkSequence(new Map(), [
      { lineId: 1, kind: "disbursement", date: "2025-03-01", amount: 50 },
      { lineId: 1, kind: "commitment", date: "2025-02-01", amount: 100 },
      { lineId: 1, kind: "disbursement", date: "2025-04-01", amount: 50 },
      { lineId: 1, kind: "disbursement", date: "2025-05-01", amount: 1 },
    ]);
    expect([...errors]).toEqual([[3, "transactions.error.disbursedAboveCommitted"]]);
  });
  it("same date: commitment before disbursement before expenditure", () => {
    const errors = checkSequence(new Map(), [
      { lineId: 1, kind: "expenditure", date: "2025-03-01", amount: 10 },
      { lineId: 1, kind: "disbursement", date: "2025-03-01", amount: 10 },
      { lineId: 1, kind: "commitment", date: "2025-03-01", amount: 10 },
    ]);
    expect(errors.size).toBe(0);
  });
  it("starts from the booked totals and keeps lines apart", () => {
    const booked = new Map([[1, T(100, 90, 0)]]);
    const errors = checkSequence(booked, [
      { lineId: 1, kind: "disbursement", date: "2025-01-01", amount: 20 },
      { lineId: 2, kind: "disbursement", date: "2025-01-01", amount: 1 },
      { lineId: 1, kind: "disbursement", date: "2025-01-02", amount: 10 },
    ]);
    expect([...errors.keys()].sort()).toEqual([0, 1]);
  });
  it("property: the accepted rows never leave disbursed > committed or spent > disbursed", () => {
    const entry = fc.record({
      lineId: fc.integer({ min: 1, max: 3 }),
      kind: fc.constantFrom("commitment", "disbursement", "expenditure") as fc.Arbitrary<
        "commitment" | "disbursement" | "expenditure"
      >,
      date: fc.integer({ min: 1, max: 28 }).map((d) => `2025-02-${String(d).padStart(2, "0")}`),
      amount: fc.integer({ min: 1, max: 1_000_000_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), (entries) => {
        const errors = checkSequence(new Map(), entries);
        const kept = entries.filter((_, i) => !errors.has(i));
        // Re-checking only the kept rows refuses nothing, and their totals are true.
        expect(checkSequence(new Map(), kept).size).toBe(0);
        for (const line of [1, 2, 3]) {
          const sum = (k: string) =>
            kept.filter((e) => e.lineId === line && e.kind === k).reduce((a, e) => a + e.amount, 0);
          expect(sum("disbursement")).toBeLessThanOrEqual(sum("commitment"));
          expect(sum("expenditure")).toBeLessThanOrEqual(sum("disbursement"));
        }
      }),
    );
  });
});

describe("date window", () => {
  it("is the line's fiscal year, narrowed by the project's years", () => {
    expect(dateWindow(2025)).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(dateWindow(2025, "2024-06-01", "2027-12-31")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(dateWindow(2025, "2026-01-01", null)).toBeNull();
    expect(dateWindow(2025, null, "2024-12-31")).toBeNull();
  });
  it("refuses the future always, outside the window unless overridden", () => {
    const w = dateWindow(2025);
    expect(checkDate("2025-06-01", "2025-07-01", w, false)).toBeNull();
    expect(checkDate("2025-07-02", "2025-07-01", w, false)).toBe("transactions.error.dateFuture");
    expect(checkDate("2025-07-02", "2025-07-01", w, true)).toBe("transactions.error.dateFuture");
    expect(checkDate("2024-12-31", "2025-07-01", w, false)).toBe("transactions.error.dateOutsideWindow");
    expect(checkDate("2024-12-31", "2025-07-01", w, true)).toBeNull();
    expect(checkDate("2025-01-01", "2025-07-01", null, false)).toBe("transactions.error.dateOutsideWindow");
  });
});

describe("checkReversal", () => {
  const row = { kind: "commitment" as const, amount: 100, reversesId: null, reversed: false };
  it("reverses once, never a reversal", () => {
    expect(checkReversal(row, T(200, 50, 0))).toBeNull();
    expect(checkReversal({ ...row, reversed: true }, T(200, 50, 0))).toBe("transactions.error.alreadyReversed");
    expect(checkReversal({ ...row, amount: -100, reversesId: 7 }, T(200, 50, 0))).toBe(
      "transactions.error.reverseReversal",
    );
  });
  it("refuses reversing a commitment that would leave disbursed > committed", () => {
    expect(checkReversal(row, T(150, 50, 0))).toBeNull();
    expect(checkReversal(row, T(150, 51, 0))).toBe("transactions.error.reversalBreaksCommitted");
  });
  it("refuses reversing a disbursement that would leave spent > disbursed; expenditures always reversible", () => {
    const d = { ...row, kind: "disbursement" as const };
    expect(checkReversal(d, T(200, 150, 60))).toBe("transactions.error.reversalBreaksDisbursed");
    expect(checkReversal(d, T(200, 150, 50))).toBeNull();
    expect(checkReversal({ ...row, kind: "expenditure" }, ZERO_TOTALS)).toBeNull();
  });
});

describe("schemas", () => {
  const base = { intent: "record", budgetLineId: "3", kind: "disbursement", date: "2025-02-01", amount: "12,5 tỷ" };
  it("parses money in the reader's locale and requires a document for disbursements", () => {
    const r = entrySchema("vi").safeParse({ ...base, documentRef: "QĐ-12" });
    expect(r.success && r.data.amount).toBe(12_500_000_000);
    const noDoc = entrySchema("vi").safeParse(base);
    expect(noDoc.success).toBe(false);
    expect(noDoc.error?.issues.map((i) => i.message)).toContain("transactions.error.documentRequired");
    expect(rowSchema("en").safeParse({ ...base, kind: "commitment", amount: "1.2 billion" }).data?.amount).toBe(
      1_200_000_000,
    );
  });
  it("refuses zero, negative and junk amounts, an override without a reason, bad dates", () => {
    const msg = (v: Record<string, unknown>) =>
      entrySchema("vi")
        .safeParse({ ...base, documentRef: "x", ...v })
        .error?.issues.map((i) => i.message);
    expect(msg({ amount: "0" })).toEqual(["money.error.notPositive"]);
    expect(msg({ amount: "-5" })).toEqual(["money.error.invalid"]);
    expect(msg({ override: "on" })).toEqual(["transactions.error.overrideReasonRequired"]);
    expect(msg({ override: "on", overrideReason: "late invoice" })).toBeUndefined();
    expect(msg({ date: "2025-02-30" })).toEqual(["transactions.error.dateInvalid"]);
    expect(isIsoDate("2024-02-29")).toBe(true);
  });
});
