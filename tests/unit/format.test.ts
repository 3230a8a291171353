import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatVnd, formatVndExact } from "~/i18n/format";

describe("formatVnd (vi)", () => {
  it.each([
    [12_500_000_000, "12,5 tỷ ₫"],
    [850_000_000, "850 triệu ₫"],
    [1_250_000_000_000, "1.250 tỷ ₫"],
    [1_000_000_000, "1 tỷ ₫"],
    [1_234_000_000, "1,23 tỷ ₫"],
    [999_999_999, "1 tỷ ₫"],
    [2_500_000, "2,5 triệu ₫"],
    [850_000, "850.000 ₫"],
    [0, "0 ₫"],
    [-3_000_000_000, "−3 tỷ ₫"],
  ])("%d → %s", (amount, expected) => {
    expect(formatVnd(amount, "vi")).toBe(expected);
  });
});

describe("formatVnd (en)", () => {
  it.each([
    [12_500_000_000, "12.5 billion ₫"],
    [850_000_000, "850 million ₫"],
    [1_250_000_000_000, "1,250 billion ₫"],
    [850_000, "850,000 ₫"],
  ])("%d → %s", (amount, expected) => {
    expect(formatVnd(amount, "en")).toBe(expected);
  });
});

describe("formatVndExact", () => {
  it("groups digits the Vietnamese way", () => {
    expect(formatVndExact(12_500_000_000, "vi")).toBe("12.500.000.000 ₫");
    expect(formatVndExact(12_500_000_000, "en")).toBe("12,500,000,000 ₫");
  });
});

describe("formatDate", () => {
  it("writes dd/mm/yyyy in Vietnamese", () => {
    expect(formatDate("2025-07-01", "vi")).toBe("01/07/2025");
  });
  it("writes day month year in English", () => {
    expect(formatDate("2025-07-01", "en")).toBe("1 Jul 2025");
  });
  it("uses Vietnam time for instants", () => {
    // 2025-06-30T20:00Z is already 1 July in Hà Nội (UTC+7).
    expect(formatDate(Date.UTC(2025, 5, 30, 20, 0), "vi")).toBe("01/07/2025");
    expect(formatDateTime(Date.UTC(2025, 5, 30, 20, 5), "vi")).toBe("01/07/2025 03:05");
  });
  it("shows a dash for missing or invalid values", () => {
    expect(formatDate(null, "vi")).toBe("—");
    expect(formatDate("", "vi")).toBe("—");
    expect(formatDate("not a date", "en")).toBe("—");
  });
});
