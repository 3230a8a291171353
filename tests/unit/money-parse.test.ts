import { describe, expect, it } from "vitest";
import { parseMoney } from "~/modules/money/parse";

const ok = (value: number) => ({ ok: true, value });
const err = (error: string) => ({ ok: false, error });

describe("parseMoney (vi)", () => {
  it.each([
    ["12.500.000.000", 12_500_000_000],
    ["12,5 tỷ", 12_500_000_000],
    ["12,5 ty", 12_500_000_000],
    ["850 triệu", 850_000_000],
    ["850tr", 850_000_000],
    ["1.250 tỷ", 1_250_000_000_000],
    ["1.250 tỷ đồng", 1_250_000_000_000],
    ["2.000.000 ₫", 2_000_000],
    ["2.000.000đ", 2_000_000],
    ["500 nghìn", 500_000],
    ["500k", 500_000],
    ["1,234567 tỷ", 1_234_567_000],
    ["  7  ", 7],
    ["1 tỷ 2", null],
  ])("%s", (input, expected) => {
    const r = parseMoney(input, "vi");
    if (expected === null) expect(r.ok).toBe(false);
    else expect(r).toEqual(ok(expected));
  });
});

describe("parseMoney (en)", () => {
  it.each([
    ["12,500,000,000", 12_500_000_000],
    ["1.2 billion", 1_200_000_000],
    ["850 million", 850_000_000],
    ["2,000,000 VND", 2_000_000],
    ["12.5 tỷ", 12_500_000_000],
  ])("%s", (input, expected) => {
    expect(parseMoney(input, "en")).toEqual(ok(expected));
  });
});

describe("parseMoney refusals", () => {
  it("explains what is wrong", () => {
    expect(parseMoney("", "vi")).toEqual(err("money.error.required"));
    expect(parseMoney("abc", "vi")).toEqual(err("money.error.invalid"));
    expect(parseMoney("-5 triệu", "vi")).toEqual(err("money.error.invalid"));
    expect(parseMoney("12,5", "vi")).toEqual(err("money.error.fraction"));
    expect(parseMoney("1,2345678901 tỷ", "vi")).toEqual(err("money.error.fraction"));
    expect(parseMoney("2 triệu tỷ", "vi")).toEqual(err("money.error.invalid"));
    expect(parseMoney("1.000.000.000.000.001", "vi")).toEqual(err("money.error.tooLarge"));
    expect(parseMoney("12.50.000", "vi")).toEqual(err("money.error.invalid"));
    expect(parseMoney("5 apples", "en")).toEqual(err("money.error.invalid"));
  });
});
