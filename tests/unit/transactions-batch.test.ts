import { describe, expect, it } from "vitest";
import { cellName, clampRowCount, isEmptyRow, readBatchForm, validateRows } from "~/modules/transactions/batch";

const form = (cells: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(cells)) f.append(k, v);
  return f;
};

describe("batch grid", () => {
  it("reads every cell of every row, empty cells as empty strings", () => {
    const rows = readBatchForm(form({ [cellName(1, "amount")]: "850 triệu", [cellName(1, "note")]: "x" }), 12);
    expect(rows).toHaveLength(12);
    expect(rows[1]).toMatchObject({ amount: "850 triệu", note: "x", date: "" });
    expect(isEmptyRow(rows[0])).toBe(true);
    expect(isEmptyRow(rows[1])).toBe(false);
  });

  it("row count grows by 12, within bounds, whatever is forged", () => {
    expect(clampRowCount("24")).toBe(24);
    expect(clampRowCount("3")).toBe(12);
    expect(clampRowCount("abc")).toBe(12);
    expect(clampRowCount("100000")).toBe(240);
  });

  it("validates non-empty rows only, each error under its column, amounts parsed in the locale", () => {
    const rows = readBatchForm(
      form({
        [cellName(0, "date")]: "2025-03-01",
        [cellName(0, "kind")]: "commitment",
        [cellName(0, "budgetLineId")]: "7",
        [cellName(0, "amount")]: "12,5 tỷ",
        [cellName(2, "kind")]: "disbursement",
        [cellName(2, "amount")]: "0",
      }),
      12,
    );
    const { entries, errors } = validateRows(rows, "vi");
    expect([...entries.keys()]).toEqual([0]);
    expect(entries.get(0)).toMatchObject({ amount: 12_500_000_000, budgetLineId: 7, documentRef: null });
    expect([...errors.keys()]).toEqual([2]);
    expect(errors.get(2)).toEqual({
      date: ["transactions.error.dateRequired"],
      budgetLineId: ["transactions.error.lineRequired"],
      amount: ["money.error.notPositive"],
      documentRef: ["transactions.error.documentRequired"],
    });
  });
});
