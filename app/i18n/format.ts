import type { Locale } from "./locales";

const NUMBER_LOCALE: Record<Locale, string> = { vi: "vi-VN", en: "en-GB" };

const UNITS: Record<Locale, { value: number; label: string }[]> = {
  vi: [
    { value: 1e9, label: "tỷ" },
    { value: 1e6, label: "triệu" },
  ],
  en: [
    { value: 1e9, label: "billion" },
    { value: 1e6, label: "million" },
  ],
};

function digitsFor(v: number): number {
  const a = Math.abs(v);
  if (a < 10) return 2;
  if (a < 100) return 1;
  return 0;
}

/**
 * Intl formatters are costly to build (tens of microseconds each) and pages
 * format thousands of numbers: keep one per locale and option set.
 */
const FORMATTERS = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, style: "decimal" | "percent", maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${style}|${maximumFractionDigits}`;
  let f = FORMATTERS.get(key);
  if (!f) {
    f = new Intl.NumberFormat(NUMBER_LOCALE[locale], { style, maximumFractionDigits });
    FORMATTERS.set(key, f);
  }
  return f;
}

export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 0): string {
  return numberFormat(locale, "decimal", maximumFractionDigits).format(value);
}

/**
 * Money the way Vietnamese officials read it: "12,5 tỷ ₫", "850 triệu ₫",
 * "1.250 tỷ ₫"; below a million the full amount ("850.000 ₫").
 * In English: "12.5 billion ₫". Input is integer VND.
 */
export function formatVnd(amount: number, locale: Locale): string {
  if (!Number.isFinite(amount)) return "—";
  const sign = amount < 0 ? "−" : "";
  const abs = Math.abs(amount);
  const units = UNITS[locale];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i];
    if (abs < unit.value) continue;
    const scaled = abs / unit.value;
    const digits = digitsFor(scaled);
    const rounded = Math.round(scaled * 10 ** digits) / 10 ** digits;
    // 999,99 triệu rounds to 1.000 triệu: say "1 tỷ" instead.
    if (i > 0 && rounded >= 1000) {
      const up = units[i - 1];
      return `${sign}${formatNumber(abs / up.value, locale, 2)} ${up.label} ₫`;
    }
    return `${sign}${formatNumber(rounded, locale, digits)} ${unit.label} ₫`;
  }
  return `${sign}${formatNumber(abs, locale)} ₫`;
}

/** The exact amount with grouping: "12.500.000.000 ₫". */
export function formatVndExact(amount: number, locale: Locale): string {
  const sign = amount < 0 ? "−" : "";
  return `${sign}${formatNumber(Math.abs(amount), locale)} ₫`;
}

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Dates: dd/mm/yyyy in Vietnamese, "26 Nov 2026" in English.
 * Accepts ISO dates (`YYYY-MM-DD`) or epoch milliseconds; formats the
 * calendar date in Vietnam time for instants.
 */
export function formatDate(value: string | number | Date | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || value === "") return "—";
  let y: number, m: number, d: number;
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    [y, m, d] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
  } else {
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) return "—";
    const vn = new Date(date.getTime() + 7 * 3600_000);
    y = vn.getUTCFullYear();
    m = vn.getUTCMonth() + 1;
    d = vn.getUTCDate();
  }
  if (locale === "vi") return `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`;
  return `${d} ${EN_MONTHS[m - 1]} ${y}`;
}

/** Date and time (Vietnam time, 24h): "26/11/2026 14:05". */
export function formatDateTime(value: number | Date, locale: Locale): string {
  const date = value instanceof Date ? value : new Date(value);
  const vn = new Date(date.getTime() + 7 * 3600_000);
  const hh = String(vn.getUTCHours()).padStart(2, "0");
  const mm = String(vn.getUTCMinutes()).padStart(2, "0");
  return `${formatDate(date, locale)} ${hh}:${mm}`;
}

export function formatPercent(ratio: number, locale: Locale, digits = 1): string {
  return numberFormat(locale, "percent", digits).format(ratio);
}
