/**
 * One spreadsheet cell to one typed value (pure). Cells come from exceljs
 * (numbers, text, booleans, real dates, formulas) or from CSV (text only);
 * every refusal is an issue code of the `imports` namespace.
 */
import type { Locale } from "~/i18n/locales";
import { parseMoney } from "~/modules/money/parse";
import { foldVietnamese } from "~/utils/text";
import type { ColumnSpec } from "./layout";

/** A cell as read from the file. */
export type RawCell = null | string | number | boolean | Date | { kind: "formula" } | { kind: "error" };

export type IssueCode =
  | "required"
  | "formula"
  | "cellError"
  | "tooLong"
  | "notText"
  | "unknownChoice"
  | "unknownProvince"
  | "unknownNode"
  | "notAmount"
  | "amountFraction"
  | "amountTooLarge"
  | "notPositive"
  | "notDate"
  | "dateRange"
  | "notYear"
  | "notQuarter"
  | "notInteger"
  | "notBool"
  | "badCode"
  | "newCodePrefix"
  | "duplicateCode"
  | "duplicateLine"
  | "duplicateQuarter"
  | "duplicateMilestone"
  | "unknownProject"
  | "codeElsewhere"
  | "unknownLine"
  | "plannedAboveApproved"
  | "endBeforeStart"
  | "operatorNameRequired"
  | "categoriesRequired"
  | "componentsInvalid"
  | "doneInFuture"
  | "missingColumn"
  | "tooManyRows"
  | "noSheets";

export type CellResult<T> = { ok: true; value: T } | { ok: false; code: IssueCode; params?: Record<string, string | number> };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = (code: IssueCode, params?: Record<string, string | number>): CellResult<never> => ({
  ok: false,
  code,
  params,
});

/** Text written by our exports starts with an apostrophe when it would read as a formula; take it off again. */
export function unneutralise(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

/** The text of a cell (numbers as typed), or null when empty. */
export function cellText(raw: RawCell): string | null {
  if (raw === null) return null;
  if (typeof raw === "string") {
    const t = unneutralise(raw.trim());
    return t === "" ? null : t;
  }
  if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  return null;
}

export function isBlank(raw: RawCell): boolean {
  return raw === null || (typeof raw === "string" && raw.trim() === "");
}

/** A formula or an error value where a value is expected. */
export function structuralProblem(raw: RawCell): CellResult<never> | null {
  if (raw !== null && typeof raw === "object" && !(raw instanceof Date)) {
    return fail(raw.kind === "formula" ? "formula" : "cellError");
  }
  return null;
}

export function parseText(raw: RawCell, spec: ColumnSpec): CellResult<string | null> {
  if (raw instanceof Date) return fail("notText");
  const text = cellText(raw);
  if (text === null) return spec.required ? fail("required") : ok(null);
  if (spec.max !== undefined && text.length > spec.max) return fail("tooLong", { max: spec.max });
  return ok(text);
}

const MIN_DATE = "1990-01-01";
const MAX_DATE = "2100-12-31";
/** Excel serial day numbers of MIN_DATE and MAX_DATE. */
const SERIAL_MIN = 32874;
const SERIAL_MAX = 73415;

function isoOf(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/**
 * A date: a real date cell, an Excel day number, `yyyy-mm-dd` or
 * `dd/mm/yyyy` (also with `-` or `.`). Returns ISO `yyyy-mm-dd`.
 */
export function parseDate(raw: RawCell, required: boolean): CellResult<string | null> {
  if (isBlank(raw)) return required ? fail("required") : ok(null);
  let iso: string | null = null;
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return fail("notDate");
    // exceljs gives date cells as UTC midnight; a time part from another zone rounds to the nearest day.
    iso = new Date(Math.round(raw.getTime() / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
  } else if (typeof raw === "number") {
    if (!Number.isInteger(raw) || raw < SERIAL_MIN || raw > SERIAL_MAX) return fail("notDate");
    iso = new Date(Date.UTC(1899, 11, 30) + raw * 86_400_000).toISOString().slice(0, 10);
  } else if (typeof raw === "string") {
    const t = raw.trim();
    let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
    if (m) iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
    else if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t))) iso = isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
    if (iso === null) return fail("notDate");
  } else {
    return fail("notDate");
  }
  if (iso < MIN_DATE || iso > MAX_DATE) return fail("dateRange");
  return ok(iso);
}

/** Whole VND: a number cell, or text the way officials type it (`12,5 tỷ`, `850 triệu`). */
export function parseAmount(raw: RawCell, locale: Locale, positive: boolean): CellResult<number> {
  if (isBlank(raw)) return fail("required");
  let value: number;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return fail("notAmount");
    if (!Number.isInteger(raw)) return fail("amountFraction");
    value = raw;
  } else if (typeof raw === "string") {
    const r = parseMoney(raw, locale);
    if (!r.ok) {
      return fail(
        r.error === "money.error.fraction"
          ? "amountFraction"
          : r.error === "money.error.tooLarge"
            ? "amountTooLarge"
            : "notAmount",
      );
    }
    value = r.value;
  } else {
    return fail("notAmount");
  }
  if (value < 0 || (positive && value === 0)) return fail("notPositive");
  if (!Number.isSafeInteger(value) || value > 1e15) return fail("amountTooLarge");
  return ok(value);
}

/** A whole number in a range (fiscal year, quarter, weight). */
export function parseInteger(
  raw: RawCell,
  required: boolean,
  min: number,
  max: number,
  code: IssueCode,
): CellResult<number | null> {
  if (isBlank(raw)) return required ? fail("required") : ok(null);
  let n: number;
  if (typeof raw === "number") n = raw;
  else if (typeof raw === "string" && /^\s*\d+\s*$/.test(raw)) n = Number(raw.trim());
  else if (typeof raw === "string" && /^\s*(q|quý|quy)\s*([1-4])\s*$/i.test(raw) && code === "notQuarter")
    n = Number(/([1-4])/.exec(raw)![1]);
  else return fail(code, { min, max });
  if (!Number.isInteger(n) || n < min || n > max) return fail(code, { min, max });
  return ok(n);
}

const TRUE_WORDS = new Set(["co", "yes", "true", "x", "1", "y", "c"]);
const FALSE_WORDS = new Set(["khong", "no", "false", "0", "n", "k"]);

export function parseBool(raw: RawCell): CellResult<boolean | null> {
  if (isBlank(raw)) return ok(null);
  if (typeof raw === "boolean") return ok(raw);
  const key = foldVietnamese(String(cellText(raw) ?? ""));
  if (TRUE_WORDS.has(key)) return ok(true);
  if (FALSE_WORDS.has(key)) return ok(false);
  return fail("notBool");
}

/** Label → value lookup of an enumeration: its keys and its labels in both languages, folded. */
export type ChoiceIndex = Map<string, string>;

export function choiceKey(text: string): string {
  return foldVietnamese(text).replace(/[_\s]+/g, " ");
}

export function parseChoice(raw: RawCell, required: boolean, index: ChoiceIndex): CellResult<string | null> {
  const text = cellText(raw);
  if (text === null) return required ? fail("required") : ok(null);
  const v = index.get(choiceKey(text));
  return v ? ok(v) : fail("unknownChoice", { value: text });
}

/** Several choices separated by `;` or new lines. */
export function parseChoices(raw: RawCell, index: ChoiceIndex): CellResult<string[]> {
  const text = cellText(raw);
  if (text === null) return ok([]);
  const out: string[] = [];
  for (const part of text.split(/[;\n]/)) {
    const p = part.trim();
    if (!p) continue;
    const v = index.get(choiceKey(p));
    if (!v) return fail("unknownChoice", { value: p });
    if (!out.includes(v)) out.push(v);
  }
  return ok(out);
}

/** Project codes as the register writes them: letters/digits and hyphens. */
export function parseCode(raw: RawCell): CellResult<string> {
  const text = cellText(raw);
  if (text === null) return fail("required");
  const code = text.toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9-]{0,39}$/.test(code)) return fail("badCode", { value: text });
  return ok(code);
}
