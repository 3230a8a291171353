/**
 * Property tests of money parsing and formatting: whatever an official types
 * in the forms the app itself displays, `parseMoney` reads back the exact
 * integer VND; junk never throws and never yields a fraction.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatVnd, formatVndExact } from "~/i18n/format";
import type { Locale } from "~/i18n/locales";
import { MAX_VND, parseMoney } from "~/modules/money/parse";

const LOCALES: Locale[] = ["vi", "en"];
const amount = fc.integer({ min: 0, max: MAX_VND });
const RUNS = { numRuns: 500 };

describe.each(LOCALES)("money properties (%s)", (locale) => {
  const dec = locale === "vi" ? "," : ".";
  const units = locale === "vi" ? { bn: "tỷ", mn: "triệu" } : { bn: "billion", mn: "million" };

  it("parse(formatVndExact(x)) === x for integers 0..10^15", () => {
    fc.assert(
      fc.property(amount, (x) => {
        expect(parseMoney(formatVndExact(x, locale), locale)).toEqual({ ok: true, value: x });
      }),
      RUNS,
    );
    for (const x of [0, 1, 999, 1000, 1_000_000, MAX_VND]) {
      expect(parseMoney(formatVndExact(x, locale), locale)).toEqual({ ok: true, value: x });
    }
  });

  it('"<int> tỷ" and "<int> triệu" are exact', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
        expect(parseMoney(`${n} ${units.bn}`, locale)).toEqual({ ok: true, value: n * 1_000_000_000 });
        expect(parseMoney(`${n} ${units.mn}`, locale)).toEqual({ ok: true, value: n * 1_000_000 });
        // Both languages' unit words are understood in either locale.
        expect(parseMoney(`${n} tỷ`, locale)).toEqual({ ok: true, value: n * 1_000_000_000 });
        expect(parseMoney(`${n}tr`, locale)).toEqual({ ok: true, value: n * 1_000_000 });
      }),
      RUNS,
    );
  });

  it('decimal forms like "12,5 tỷ" (1–3 decimals) equal the exact integer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 999 }),
        (whole, places, fracRaw) => {
          const frac = String(fracRaw % 10 ** places).padStart(places, "0");
          const text = `${whole}${dec}${frac}`;
          const expectedBn = whole * 1_000_000_000 + Number(frac) * 10 ** (9 - places);
          const expectedMn = whole * 1_000_000 + Number(frac) * 10 ** (6 - places);
          expect(parseMoney(`${text} ${units.bn}`, locale)).toEqual({ ok: true, value: expectedBn });
          expect(parseMoney(`${text} ${units.mn}`, locale)).toEqual({ ok: true, value: expectedMn });
        },
      ),
      RUNS,
    );
  });

  it("random junk never throws and never returns a non-integer", () => {
    const junk = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(..."0123456789.,  tỷriệuTRkmbđ₫-+eE".split("")) }),
      fc.string({ unit: "grapheme" }),
    );
    fc.assert(
      fc.property(junk, (s) => {
        const r = parseMoney(s, locale);
        if (r.ok) {
          expect(Number.isSafeInteger(r.value)).toBe(true);
          expect(r.value).toBeGreaterThanOrEqual(0);
          expect(r.value).toBeLessThanOrEqual(MAX_VND);
        } else {
          expect(r.error).toMatch(/^money\.error\./);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("formatVnd never throws and keeps the sign", () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_VND, max: MAX_VND }), (x) => {
        const short = formatVnd(x, locale);
        const exact = formatVndExact(x, locale);
        expect(short.startsWith("−")).toBe(x < 0);
        expect(exact.startsWith("−")).toBe(x < 0);
        expect(short).toMatch(/₫$/);
        expect(parseMoney(exact.replace(/^−/, ""), locale)).toEqual({ ok: true, value: Math.abs(x) });
      }),
      RUNS,
    );
    for (const x of [Number.NaN, Infinity, -Infinity]) expect(() => formatVnd(x, locale)).not.toThrow();
  });
});
