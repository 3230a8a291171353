/**
 * Locale-aware decimal input for indicator values (pure):
 *   vi: "12,5", "1.234,5", "-3"   en: "12.5", "1,234.5", "-3".
 * The locale's decimal mark is the decimal mark; the other mark is allowed
 * only as a thousands separator in groups of three. Anything else is refused
 * rather than guessed, so "12.5" in Vietnamese is an error, not 125.
 */
import type { Locale } from "~/i18n/locales";

export type DecimalError = "indicators.error.numberRequired" | "indicators.error.numberInvalid";
export type DecimalResult = { ok: true; value: number } | { ok: false; error: DecimalError };

export const DECIMAL_MARK: Record<Locale, string> = { vi: ",", en: "." };
const THOUSANDS_MARK: Record<Locale, string> = { vi: ".", en: "," };

export function parseDecimal(input: string | null | undefined, locale: Locale): DecimalResult {
  const text = (input ?? "")
    .trim()
    .replace(/[\s\u00a0\u202f]+/g, "")
    .replace(/^−/, "-");
  if (!text) return { ok: false, error: "indicators.error.numberRequired" };
  const dec = DECIMAL_MARK[locale];
  const thou = THOUSANDS_MARK[locale];
  const m = text.match(/^([+-]?)(\d[\d.,]*)$/);
  if (!m) return { ok: false, error: "indicators.error.numberInvalid" };
  const [, sign, body] = m;
  const parts = body.split(dec);
  if (parts.length > 2) return { ok: false, error: "indicators.error.numberInvalid" };
  const [intPart, frac = null] = parts;
  if (frac !== null && !/^\d+$/.test(frac)) return { ok: false, error: "indicators.error.numberInvalid" };
  let digits = intPart;
  if (intPart.includes(thou)) {
    const groups = intPart.split(thou);
    if (groups.some((g, i) => !/^\d+$/.test(g) || (i === 0 ? g.length > 3 : g.length !== 3))) {
      return { ok: false, error: "indicators.error.numberInvalid" };
    }
    digits = groups.join("");
  }
  if (!/^\d+$/.test(digits)) return { ok: false, error: "indicators.error.numberInvalid" };
  const value = Number(`${sign}${digits}${frac === null ? "" : `.${frac}`}`);
  if (!Number.isFinite(value) || Math.abs(value) > 1e15)
    return { ok: false, error: "indicators.error.numberInvalid" };
  return { ok: true, value: value === 0 ? 0 : value };
}

/** A number as it is typed back into a field in this locale (no grouping): 12.5 → "12,5" in vi. */
export function decimalInput(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return "";
  return String(value).replace(".", DECIMAL_MARK[locale]);
}
