/**
 * Full-text query building for the project register (pure): folding,
 * tokens, quoting, prefix on the last word, and hostile input that must never
 * reach FTS5 as syntax. (tests/integration/register.test.ts runs the same
 * hostile strings against the real index.)
 */
import { describe, expect, it } from "vitest";
import {
  buildFtsQuery,
  codePrefix,
  MAX_TERMS,
  prefixUpperBound,
  projectSearchText,
  quoteFtsTerm,
  searchTerms,
} from "~/modules/search/fts";
import { foldVietnamese } from "~/utils/text";

describe("searchTerms", () => {
  it("folds diacritics, đ and case the way search_text is folded", () => {
    expect(searchTerms("Điều hành ĐÔ THỊ")).toEqual(["dieu", "hanh", "do", "thi"]);
    expect(searchTerms("Đà Nẵng")).toEqual(searchTerms("da nang"));
    expect(searchTerms("Thừa Thiên Huế")).toEqual(["thua", "thien", "hue"]);
  });

  it("splits on punctuation like the unicode61 tokenizer (letters and digits only)", () => {
    expect(searchTerms("e-Gov, IOC/5G (2025)")).toEqual(["e", "gov", "ioc", "5g", "2025"]);
    expect(searchTerms("  \t\n ")).toEqual([]);
    expect(searchTerms('*** --- ((( """')).toEqual([]);
  });

  it("keeps at most MAX_TERMS tokens and ignores text past 200 characters", () => {
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(" ");
    expect(searchTerms(many)).toHaveLength(MAX_TERMS);
    expect(searchTerms(`${"a".repeat(199)} tail`)).toEqual(["a".repeat(199)]);
  });
});

describe("quoteFtsTerm", () => {
  it("wraps a term in double quotes and doubles any quote inside", () => {
    expect(quoteFtsTerm("dieu")).toBe('"dieu"');
    expect(quoteFtsTerm('a"b')).toBe('"a""b"');
    expect(quoteFtsTerm('"')).toBe('""""');
  });
});

describe("buildFtsQuery", () => {
  it("ANDs every word and prefix-matches the last one", () => {
    expect(buildFtsQuery("dieu hanh do thi")).toBe('"dieu" "hanh" "do" "thi"*');
    expect(buildFtsQuery("ĐIỀU HÀNH")).toBe('"dieu" "hanh"*');
    expect(buildFtsQuery("Đà Nẵng")).toBe(buildFtsQuery("da nang"));
  });

  it("matches a one-letter last word whole (a one-letter prefix matches everything)", () => {
    expect(buildFtsQuery("do thi d")).toBe('"do" "thi" "d"');
    expect(buildFtsQuery("x")).toBe('"x"');
  });

  it("returns null when nothing searchable is left", () => {
    expect(buildFtsQuery("")).toBeNull();
    expect(buildFtsQuery('"*-:^()')).toBeNull();
  });

  it("turns FTS5 operators and syntax into plain quoted words", () => {
    expect(buildFtsQuery('"')).toBeNull();
    expect(buildFtsQuery("*")).toBeNull();
    expect(buildFtsQuery("NEAR(")).toBe('"near"*');
    expect(buildFtsQuery("-camera")).toBe('"camera"*');
    expect(buildFtsQuery("ioc AND camera OR NOT x")).toBe('"ioc" "and" "camera" "or" "not" "x"');
    expect(buildFtsQuery("search_text:ioc")).toBe('"search" "text" "ioc"*');
    expect(buildFtsQuery('a" OR "b')).toBe('"a" "or" "b"');
    expect(buildFtsQuery("{ioc camera}")).toBe('"ioc" "camera"*');
    expect(buildFtsQuery("^ioc +camera")).toBe('"ioc" "camera"*');
  });
});

describe("codePrefix and prefixUpperBound", () => {
  it("recognises a typed project code, whole or in part, in upper case", () => {
    expect(codePrefix("HCM-2026-014")).toBe("HCM-2026-014");
    expect(codePrefix(" hcm-2026 ")).toBe("HCM-2026");
    expect(codePrefix("HCM-")).toBe("HCM-");
  });

  it("ignores ordinary words and anything with other characters", () => {
    expect(codePrefix("ioc")).toBeNull();
    expect(codePrefix("dieu hanh")).toBeNull();
    expect(codePrefix("HCM-2026'--")).toBeNull();
    expect(codePrefix("%-_")).toBeNull();
    expect(codePrefix("-")).toBeNull();
  });

  it("gives the exclusive upper bound of a prefix range", () => {
    expect(prefixUpperBound("HCM-2026")).toBe("HCM-2027");
    expect(prefixUpperBound("HCM-")).toBe("HCM.");
    const inRange = (code: string, p: string) => code >= p && code < prefixUpperBound(p);
    expect(inRange("HCM-2026-014", "HCM-2026")).toBe(true);
    expect(inRange("HCM-2027-001", "HCM-2026")).toBe(false);
    expect(inRange("HCMC-2026-001", "HCM-")).toBe(false);
  });
});

describe("projectSearchText", () => {
  it("starts with the folded Vietnamese title (the register's title sort key)", () => {
    const text = projectSearchText({
      titleVi: "Trung tâm điều hành đô thị thông minh",
      descriptionVi: "Mô tả",
      titleEn: "Smart city operations centre",
      descriptionEn: null,
    });
    expect(text.startsWith(foldVietnamese("Trung tâm điều hành đô thị thông minh"))).toBe(true);
    expect(text).toBe("trung tam dieu hanh do thi thong minh mo ta smart city operations centre");
  });
});
