/**
 * Parse money the way officials type it into whole VND (pure, exact):
 *   "12.500.000.000", "12,5 tỷ", "850 triệu", "850tr", "1.250 tỷ đồng",
 *   "1.2 billion", "850 million", "2,000,000 VND", "500k".
 * Separators follow the locale (vi: "." thousands, "," decimal; en: the
 * reverse) where they are ambiguous; repeated separators are always
 * thousands. Unit words of both languages are understood in either locale.
 * Arithmetic is done on digit strings with BigInt, so no float error.
 */
import type { Locale } from "~/i18n/locales";

export const MAX_VND = 1_000_000_000_000_000; // 10^15

export type MoneyParseError = "money.error.required" | "money.error.invalid" | "money.error.fraction" | "money.error.tooLarge";
export type MoneyParseResult = { ok: true; value: number } | { ok: false; error: MoneyParseError };

const UNITS: [RegExp, bigint][] = [
  [/^(tỷ|tỉ|ty|ti|billion|billions|bn|b)$/, 1_000_000_000n],
  [/^(triệu|trieu|tr|million|millions|mn|m)$/, 1_000_000n],
  [/^(nghìn|nghin|ngàn|ngan|ng|thousand|thousands|k)$/, 1_000n],
];
const CURRENCY = /(₫|vnđ|vnd|đồng|dong|đ|d)$/;

function unitOf(word: string): bigint | null {
  for (const [re, mult] of UNITS) if (re.test(word)) return mult;
  return null;
}

/** Split "12,5" / "12.500.000" / "1,234.5" into integer digits and decimal digits, or null. */
function splitNumber(text: string, locale: Locale): { int: string; frac: string } | null {
  if (!/^\d[\d.,\s]*$/.test(text) || /[.,]$/.test(text)) return null;
  const t = text.replace(/\s+/g, "");
  const dots = (t.match(/\./g) ?? []).length;
  const commas = (t.match(/,/g) ?? []).length;
  const localeThousands = locale === "vi" ? "." : ",";
  let thousands: string | null = null;
  let decimal: string | null = null;
  if (dots && commas) {
    decimal = t.lastIndexOf(".") > t.lastIndexOf(",") ? "." : ",";
    thousands = decimal === "." ? "," : ".";
    if ((decimal === "." ? dots : commas) > 1) return null;
  } else if (dots > 1 || commas > 1) {
    thousands = dots > 1 ? "." : ",";
  } else if (dots === 1 || commas === 1) {
    const sep = dots ? "." : ",";
    const after = t.length - t.indexOf(sep) - 1;
    if (after === 3 && sep === localeThousands) thousands = sep;
    else decimal = sep;
  }
  let intPart = t;
  let frac = "";
  if (decimal) {
    const i = t.lastIndexOf(decimal);
    intPart = t.slice(0, i);
    frac = t.slice(i + 1);
  }
  if (thousands) {
    const groups = intPart.split(thousands);
    if (groups.some((g, i) => (i === 0 ? g.length < 1 || g.length > 3 : g.length !== 3))) return null;
    intPart = groups.join("");
  }
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(frac)) return null;
  return { int: intPart, frac };
}

export function parseMoney(input: string | null | undefined, locale: Locale): MoneyParseResult {
  let text = (input ?? "").normalize("NFC").trim().toLowerCase();
  if (!text) return { ok: false, error: "money.error.required" };
  text = text.replace(CURRENCY, "").trim();
  const m = /^([\d.,\s]*\d)\s*([^\d\s.,]*)$/u.exec(text);
  if (!m) return { ok: false, error: "money.error.invalid" };
  const [, numberText, unitWord] = m;
  const mult = unitWord ? unitOf(unitWord) : 1n;
  if (mult === null) return { ok: false, error: "money.error.invalid" };
  const parts = splitNumber(numberText.trim(), locale);
  if (!parts) return { ok: false, error: "money.error.invalid" };
  const scale = 10n ** BigInt(parts.frac.length);
  const raw = BigInt(parts.int + parts.frac) * mult;
  if (raw % scale !== 0n) return { ok: false, error: "money.error.fraction" };
  const value = raw / scale;
  if (value > BigInt(MAX_VND)) return { ok: false, error: "money.error.tooLarge" };
  return { ok: true, value: Number(value) };
}
