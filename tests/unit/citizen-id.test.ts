/**
 * The citizen ID (CCCD) format check: examples of every rule, the order of
 * the checks, the province table against the reference data, and property
 * tests over valid and invalid families of numbers.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatOnlyVerifier } from "~/modules/citizen-id/adapter";
import { CCCD_PROVINCE_CODES } from "~/modules/citizen-id/provinces";
import {
  centuryStart,
  checkCitizenId,
  MASKED_ID,
  maskIdNumbers,
  MIN_AGE,
  normaliseCitizenId,
} from "~/modules/citizen-id/validate";

const YEAR = 2026;
const CODES = Object.keys(CCCD_PROVINCE_CODES);
const NOT_CODES = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0")).filter(
  (c) => !CODES.includes(c),
);
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(""));
const RUNS = { numRuns: 400 };

/** A well-formed number for someone born in `year` (1900–2099). */
function idFor(code: string, year: number, female: boolean, tail: string): string {
  const g = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  return `${code}${g}${String(year % 100).padStart(2, "0")}${tail}`;
}

describe("province codes", () => {
  it("are the 63 pre-2025 codes, equal to the reference data's legacy GSO codes", () => {
    const ref = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, "../../seeds/reference/provinces-vn.json"), "utf8"),
    ) as { legacyProvinces: { gsoCode: string; name: string }[] };
    expect(CODES).toHaveLength(63);
    expect(new Set(CODES)).toEqual(new Set(ref.legacyProvinces.map((p) => p.gsoCode.padStart(3, "0"))));
    expect(CCCD_PROVINCE_CODES["001"]).toBe("Hà Nội");
    expect(CCCD_PROVINCE_CODES["079"]).toBe("Hồ Chí Minh");
    expect(CCCD_PROVINCE_CODES["096"]).toBe("Cà Mau");
  });
});

describe("checkCitizenId examples", () => {
  it("accepts a well-formed number and reads its parts", () => {
    expect(checkCitizenId("079090001234", YEAR)).toEqual({
      ok: true,
      id: "079090001234",
      provinceCode: "079",
      sex: "male",
      birthYear: 1990,
    });
    expect(checkCitizenId("001305123456", YEAR)).toMatchObject({ ok: true, sex: "female", birthYear: 2005 });
  });

  it("ignores spaces, dots and dashes between groups", () => {
    expect(normaliseCitizenId(" 079 090-001.234 ")).toBe("079090001234");
    expect(checkCitizenId("079 090 001 234", YEAR)).toMatchObject({ ok: true, id: "079090001234" });
  });

  it.each([
    ["", "format"],
    ["07909000123", "format"],
    ["0790900012345", "format"],
    ["07909000123a", "format"],
    ["０７９０９０００１２３４", "format"], // full-width digits are not digits here
    ["003090001234", "province"], // 003 is not a province code
    ["100090001234", "province"],
    ["079490001234", "century"], // 2190: a century that has not begun
    ["079990001234", "century"],
    ["079230001234", "birthYear"], // 2030: not yet born
    ["079215001234", "tooYoung"], // 2015: 11 years old
    ["079211001234", "tooYoung"], // 2011: 15
  ] as const)("%s → %s", (input, problem) => {
    expect(checkCitizenId(input, YEAR)).toEqual({ ok: false, problem });
  });

  it("takes the birth year alone: born in 2010 is 16 in 2026", () => {
    expect(checkCitizenId("079210001234", YEAR)).toMatchObject({ ok: true, birthYear: 2010 });
    expect(checkCitizenId("079210001234", 2025)).toEqual({ ok: false, problem: "tooYoung" });
  });

  it("reports the first failing check (12 digits, then province, then century, then year)", () => {
    expect(checkCitizenId("00349000123", YEAR)).toEqual({ ok: false, problem: "format" });
    expect(checkCitizenId("003490001234", YEAR)).toEqual({ ok: false, problem: "province" });
    expect(checkCitizenId("001425001234", YEAR)).toEqual({ ok: false, problem: "century" });
  });

  it("maps the fourth digit to centuries per the circular", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(centuryStart)).toEqual([
      1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 2300, 2300,
    ]);
  });

  it("the format-only verifier says the same, with Vietnam's current year", async () => {
    const now = new Date("2026-11-26T10:00:00Z");
    expect(await formatOnlyVerifier.verify("079 090 001 234", now)).toEqual({ ok: true, id: "079090001234" });
    expect(await formatOnlyVerifier.verify("003090001234", now)).toEqual({ ok: false, problem: "province" });
  });
});

describe("checkCitizenId properties", () => {
  const code = fc.constantFrom(...CODES);
  const badCode = fc.constantFrom(...NOT_CODES);
  const adultYear = fc.integer({ min: 1900, max: YEAR - MIN_AGE });

  it("every number of a valid province, century and adult birth year is accepted", () => {
    fc.assert(
      fc.property(code, adultYear, fc.boolean(), digits(6), (c, y, f, tail) => {
        const r = checkCitizenId(idFor(c, y, f, tail), YEAR);
        expect(r).toEqual({
          ok: true,
          id: idFor(c, y, f, tail),
          provinceCode: c,
          sex: f ? "female" : "male",
          birthYear: y,
        });
      }),
      RUNS,
    );
  });

  it("anything that is not exactly 12 digits is a format problem", () => {
    const wrongLength = fc.oneof(digits(0), digits(5), digits(11), digits(13), digits(20));
    const withLetter = fc
      .tuple(digits(11), fc.constantFrom(..."abcxyzOIl+#/_"), fc.integer({ min: 0, max: 11 }))
      .map(([d, ch, at]) => d.slice(0, at) + ch + d.slice(at));
    fc.assert(
      fc.property(fc.oneof(wrongLength, withLetter), (input) => {
        expect(checkCitizenId(input, YEAR)).toEqual({ ok: false, problem: "format" });
      }),
      RUNS,
    );
  });

  it("an unknown province code is refused whatever follows", () => {
    fc.assert(
      fc.property(badCode, digits(9), (c, rest) => {
        expect(checkCitizenId(c + rest, YEAR)).toEqual({ ok: false, problem: "province" });
      }),
      RUNS,
    );
  });

  it("a fourth digit of 4–9 (born after 2099) is refused in 2026", () => {
    fc.assert(
      fc.property(code, fc.integer({ min: 4, max: 9 }), digits(8), (c, g, rest) => {
        expect(checkCitizenId(`${c}${g}${rest}`, YEAR)).toEqual({ ok: false, problem: "century" });
      }),
      RUNS,
    );
  });

  it("a birth year after this year, or less than 16 years ago, is refused", () => {
    fc.assert(
      fc.property(
        code,
        fc.integer({ min: YEAR - MIN_AGE + 1, max: 2099 }),
        fc.boolean(),
        digits(6),
        (c, y, f, tail) => {
          const r = checkCitizenId(idFor(c, y, f, tail), YEAR);
          expect(r).toEqual({ ok: false, problem: y > YEAR ? "birthYear" : "tooYoung" });
        },
      ),
      RUNS,
    );
  });

  it("separators never change the verdict", () => {
    fc.assert(
      fc.property(
        code,
        adultYear,
        fc.boolean(),
        digits(6),
        fc.constantFrom(" ", ".", "-"),
        (c, y, f, tail, sep) => {
          const id = idFor(c, y, f, tail);
          const typed = `${id.slice(0, 3)}${sep}${id.slice(3, 6)}${sep}${id.slice(6)}`;
          expect(checkCitizenId(typed, YEAR)).toEqual(checkCitizenId(id, YEAR));
        },
      ),
      RUNS,
    );
  });
});

describe("maskIdNumbers", () => {
  it("masks 12-digit runs, with or without separators, and leaves other numbers", () => {
    expect(maskIdNumbers("Số của tôi là 079090001234, xin phản hồi")).toBe(
      `Số của tôi là ${MASKED_ID}, xin phản hồi`,
    );
    expect(maskIdNumbers("CCCD 079 090 001 234.")).toBe(`CCCD ${MASKED_ID}.`);
    expect(maskIdNumbers("079-090-001-234")).toBe(MASKED_ID);
    expect(maskIdNumbers("Năm 2026 có 12 tỷ đồng, 1.500.000 người, mã 0790900012345")).toBe(
      "Năm 2026 có 12 tỷ đồng, 1.500.000 người, mã 0790900012345",
    );
  });

  it("never leaves a valid ID number in the text (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CODES),
        digits(9),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        (c, rest, a, b) => {
          const id = c + rest;
          const masked = maskIdNumbers(`${a} ${id} ${b}`);
          expect(masked.replace(/\D/g, "")).not.toContain(id);
        },
      ),
      RUNS,
    );
  });
});
