/**
 * CSV export of the project register (pure): RFC 4180 quoting, a UTF-8 BOM
 * for Excel, formula injection neutralised, the shown columns in order.
 */
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/i18n";
import {
  CSV_BOM,
  csvCell,
  neutraliseCsvText,
  registerCsv,
  toCsv,
  type ProjectRegisterRow,
} from "~/modules/projects/register";

describe("neutraliseCsvText", () => {
  it("prefixes text a spreadsheet would run as a formula", () => {
    for (const s of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x", '=HYPERLINK("http://x")']) {
      expect(neutraliseCsvText(s)).toBe(`'${s}`);
    }
  });

  it("leaves ordinary text alone", () => {
    for (const s of ["Đà Nẵng", "HCM-2026-014", "a=b", "1+1", "", "'quoted"]) {
      expect(neutraliseCsvText(s)).toBe(s);
    }
  });
});

describe("csvCell", () => {
  it("quotes commas, quotes and line breaks; doubles quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("plain")).toBe("plain");
  });

  it("neutralises before quoting", () => {
    expect(csvCell("=cmd|' /C calc'!A0,x")).toBe(`"'=cmd|' /C calc'!A0,x"`);
    expect(csvCell("-1")).toBe("'-1");
  });

  it("writes our numbers as numbers and empties for null", () => {
    expect(csvCell(12_500_000_000)).toBe("12500000000");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
  });
});

describe("toCsv", () => {
  it("starts with the UTF-8 BOM and ends lines with CRLF", () => {
    const csv = toCsv(
      ["Mã", "Tên"],
      [
        ["A-1", "Điều hành"],
        ["A-2", "x,y"],
      ],
    );
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv).toBe(`${CSV_BOM}Mã,Tên\r\nA-1,Điều hành\r\nA-2,"x,y"\r\n`);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});

const ROW: ProjectRegisterRow = {
  id: 1,
  code: "HCM-2026-014",
  titleVi: "=Trung tâm điều hành, giai đoạn 2",
  titleEn: null,
  organisationId: 45,
  organisationCode: "P-HCM",
  organisationNameVi: "Hồ Chí Minh",
  organisationNameEn: "Ho Chi Minh City",
  organisationLegacy: false,
  provinceId: null,
  provinceCode: null,
  provinceNameVi: null,
  provinceNameEn: null,
  provinceLegacy: false,
  domain: "transport",
  phase: "pilot",
  startDate: "2026-01-15",
  endDate: null,
  updatedAt: Date.UTC(2026, 10, 25, 20, 0),
  approved: 12_500_000_000,
  node: { code: "DA950.4.1", titleVi: "Giao thông thông minh", titleEn: "Smart transport" },
};

describe("registerCsv", () => {
  it("writes the shown columns in order with localised headers and values", () => {
    const csv = registerCsv(
      [ROW],
      ["code", "title", "province", "phase", "strategy", "approved", "start", "end", "updated"],
      translator("vi"),
      "vi",
    );
    const [header, line, rest] = csv.slice(1).split("\r\n");
    expect(header).toBe(
      'Mã dự án,Tên dự án,"Tỉnh, thành phố",Giai đoạn,Nhánh chiến lược,Vốn được duyệt (đồng),Ngày bắt đầu,Ngày kết thúc,Cập nhật',
    );
    expect(line).toBe(
      `HCM-2026-014,"'=Trung tâm điều hành, giai đoạn 2",Toàn quốc,Thí điểm,DA950.4.1 Giao thông thông minh,12500000000,2026-01-15,,2026-11-26`,
    );
    expect(rest).toBe("");
  });

  it("uses English labels and titles (Vietnamese when there is no English one)", () => {
    const csv = registerCsv([ROW], ["code", "organisation", "domain", "strategy"], translator("en"), "en");
    expect(csv.slice(1).split("\r\n")[1]).toBe(
      "HCM-2026-014,Ho Chi Minh City,Transport,DA950.4.1 Smart transport",
    );
  });
});
