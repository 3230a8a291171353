/**
 * exceljs on demand. The library (with its own jszip, sax, archiver …) takes
 * ≈ 200 ms and ≈ 25 MB to load, and only the spreadsheet downloads, the
 * template and the import need it, so no module imports it at the top: they
 * call `loadExcelJS()` when they build or read a workbook (ADR 0013). Types come
 * from `import type … from "exceljs"`, which costs nothing at run time.
 */
import type * as ExcelJSModule from "exceljs";

export type ExcelJS = typeof ExcelJSModule;

let loading: Promise<ExcelJS> | undefined;

/** The exceljs module, loaded on first use (CommonJS: its exports are the default export). */
export function loadExcelJS(): Promise<ExcelJS> {
  return (loading ??= import("exceljs").then(
    (mod) => ((mod as { default?: ExcelJS }).default ?? mod) as ExcelJS,
  ));
}
