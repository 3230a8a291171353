import { describe, expect, it } from "vitest";
import { columnLetter } from "~/modules/spreadsheet/layout";
import { sniffUpload, type UploadRefused } from "~/modules/spreadsheet/upload";
import { parseAmount, parseBool, parseCode, parseDate, parseInteger, unneutralise } from "~/modules/spreadsheet/values";

describe("spreadsheet cells", () => {
  it("reads dates from date cells, Excel day numbers, ISO and dd/mm/yyyy", () => {
    expect(parseDate(new Date(Date.UTC(2026, 1, 28)), true)).toEqual({ ok: true, value: "2026-02-28" });
    expect(parseDate(46081, true)).toEqual({ ok: true, value: "2026-02-28" });
    expect(parseDate("2026-02-28", true)).toEqual({ ok: true, value: "2026-02-28" });
    expect(parseDate("28/02/2026", true)).toEqual({ ok: true, value: "2026-02-28" });
    expect(parseDate("30/02/2026", true)).toMatchObject({ ok: false, code: "notDate" });
    expect(parseDate("next spring", true)).toMatchObject({ ok: false, code: "notDate" });
    expect(parseDate("01/01/1890", true)).toMatchObject({ ok: false, code: "dateRange" });
    expect(parseDate(null, true)).toMatchObject({ ok: false, code: "required" });
    expect(parseDate(null, false)).toEqual({ ok: true, value: null });
  });

  it("reads amounts as numbers or the way officials type them", () => {
    expect(parseAmount(5_000_000, "vi", true)).toEqual({ ok: true, value: 5_000_000 });
    expect(parseAmount("12,5 tỷ", "vi", true)).toEqual({ ok: true, value: 12_500_000_000 });
    expect(parseAmount("1.2 billion", "en", true)).toEqual({ ok: true, value: 1_200_000_000 });
    expect(parseAmount("nhiều tiền", "vi", true)).toMatchObject({ ok: false, code: "notAmount" });
    expect(parseAmount(1.5, "vi", true)).toMatchObject({ ok: false, code: "amountFraction" });
    expect(parseAmount(0, "vi", true)).toMatchObject({ ok: false, code: "notPositive" });
    expect(parseAmount(0, "vi", false)).toEqual({ ok: true, value: 0 });
  });

  it("reads years, quarters, yes/no and codes", () => {
    expect(parseInteger("Q3", true, 1, 4, "notQuarter")).toEqual({ ok: true, value: 3 });
    expect(parseInteger(5, true, 1, 4, "notQuarter")).toMatchObject({ ok: false, code: "notQuarter" });
    expect(parseBool("Có")).toEqual({ ok: true, value: true });
    expect(parseBool("no")).toEqual({ ok: true, value: false });
    expect(parseBool("maybe")).toMatchObject({ ok: false, code: "notBool" });
    expect(parseCode(" hcm-2026-001 ")).toEqual({ ok: true, value: "HCM-2026-001" });
    expect(parseCode("HCM 2026")).toMatchObject({ ok: false, code: "badCode" });
  });

  it("takes off the apostrophe our exports put before formula-looking text, and nothing else", () => {
    expect(unneutralise("'=1+1")).toBe("=1+1");
    expect(unneutralise("'- gạch")).toBe("- gạch");
    expect(unneutralise("'quoted'")).toBe("'quoted'");
  });

  it("names columns like Excel", () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(["A", "Z", "AA", "AZ", "AAA"]);
  });

  it("judges the type by the bytes, not the name", () => {
    const refused = (bytes: Uint8Array, name: string) => {
      try {
        sniffUpload(bytes, name);
        return null;
      } catch (e) {
        return (e as UploadRefused).code;
      }
    };
    expect(refused(new TextEncoder().encode("%PDF-1.7"), "plan.xlsx")).toBe("wrongType");
    expect(refused(new TextEncoder().encode("a,b\n1,2"), "plan.xlsx")).toBe("wrongType");
    expect(refused(new TextEncoder().encode("a,b\n1,2"), "plan.csv")).toBeNull();
    expect(refused(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), "plan.csv")).toBeNull();
    expect(refused(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), "old.xls")).toBe("legacyXls");
    expect(refused(new Uint8Array([0xff, 0xfe, 0x41]), "plan.csv")).toBe("notUtf8");
  });
});
