/**
 * The fast-entry grid (pure): reading its rows from a form, dropping empty
 * rows, validating each row with the same zod row schema as the single form,
 * and naming the cells so errors can sit beside them.
 */
import type { Locale } from "~/i18n/locales";
import { rowSchema, type EntryInput } from "./schema";

export const BATCH_COLUMNS = ["date", "kind", "budgetLineId", "amount", "documentRef", "note"] as const;
export type BatchColumn = (typeof BATCH_COLUMNS)[number];
export type BatchRowValues = Record<BatchColumn, string>;
export type RowErrors = Partial<Record<BatchColumn, string[]>>;

export const BATCH_STEP = 12;
export const BATCH_MAX_ROWS = 240;

/** The form name (and element id) of a cell. */
export const cellName = (row: number, column: BatchColumn) => `row-${row}-${column}`;

export function clampRowCount(v: unknown): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < BATCH_STEP) return BATCH_STEP;
  return Math.min(n, BATCH_MAX_ROWS);
}

export function readBatchForm(form: FormData, rowCount: number): BatchRowValues[] {
  return Array.from({ length: rowCount }, (_, row) => {
    const values = {} as BatchRowValues;
    for (const c of BATCH_COLUMNS) {
      const v = form.get(cellName(row, c));
      values[c] = typeof v === "string" ? v : "";
    }
    return values;
  });
}

export function isEmptyRow(v: BatchRowValues): boolean {
  return BATCH_COLUMNS.every((c) => v[c].trim() === "");
}

export interface BatchValidation {
  /** Valid rows by grid index. */
  entries: Map<number, EntryInput>;
  /** Errors by grid index, then column. */
  errors: Map<number, RowErrors>;
}

/** Validate every non-empty row on its own (the cross-row money rule is checked by the command). */
export function validateRows(rows: readonly BatchRowValues[], locale: Locale): BatchValidation {
  const schema = rowSchema(locale);
  const entries = new Map<number, EntryInput>();
  const errors = new Map<number, RowErrors>();
  rows.forEach((values, row) => {
    if (isEmptyRow(values)) return;
    const input = Object.fromEntries(BATCH_COLUMNS.filter((c) => values[c].trim() !== "").map((c) => [c, values[c]]));
    const r = schema.safeParse(input);
    if (r.success) {
      entries.set(row, r.data);
      return;
    }
    const rowErrors: RowErrors = {};
    for (const issue of r.error.issues) {
      const column = issue.path[0] as BatchColumn;
      (rowErrors[column] ??= []).push(issue.message);
    }
    errors.set(row, rowErrors);
  });
  return { entries, errors };
}
