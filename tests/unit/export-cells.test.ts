import { describe, expect, it } from "vitest";
import { csvDocument, csvField, neutraliseCell } from "~/modules/export/cells";

describe("neutraliseCell", () => {
  it.each(["=1+1", "+84 912", "-2", "@SUM(A1)", "\tx", "\rx"])("prefixes formula-looking text %j", (v) => {
    expect(neutraliseCell(v)).toBe(`'${v}`);
  });
  it("leaves plain text, numbers and null alone", () => {
    expect(neutraliseCell("Trung tâm IOC")).toBe("Trung tâm IOC");
    expect(neutraliseCell(-2_000)).toBe(-2_000);
    expect(neutraliseCell(null)).toBeNull();
  });
});

describe("csv", () => {
  it("quotes separators and quotes, neutralises formulas, starts with a BOM", () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvDocument([["mã", 1], [null, true]])).toBe("\uFEFFmã,1\r\n,true\r\n");
  });
});
