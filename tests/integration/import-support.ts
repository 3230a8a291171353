/**
 * Build plan workbooks and CSV files for the import tests and the bench:
 * the template's headers (vi or en) and rows of cell values.
 */
import ExcelJS from "exceljs";
import { translator, type MessageKey } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locales";
import { COLUMNS, type SheetKey } from "~/modules/spreadsheet/layout";

export type CellInput = string | number | boolean | Date | null | { formula: string; result?: number };
export type SheetRows = Record<string, CellInput>[];

export async function buildWorkbook(
  sheets: Partial<Record<SheetKey, SheetRows>>,
  locale: Locale = "vi",
): Promise<Uint8Array> {
  const t = translator(locale);
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets) as [SheetKey, SheetRows][]) {
    const ws = wb.addWorksheet(t(`imports.sheet.${sheet}` as MessageKey));
    const cols = COLUMNS[sheet];
    ws.addRow(cols.map((c) => t(`imports.col.${sheet}.${c.key}` as MessageKey)));
    for (const r of rows) ws.addRow(cols.map((c) => (r[c.key] === undefined ? null : r[c.key])) as ExcelJS.CellValue[]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function buildCsv(sheet: SheetKey, rows: SheetRows, locale: Locale = "vi"): Uint8Array {
  const t = translator(locale);
  const cols = COLUMNS[sheet];
  const q = (v: CellInput) => {
    if (v === null || v === undefined) return "";
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [cols.map((c) => q(t(`imports.col.${sheet}.${c.key}` as MessageKey))).join(",")];
  for (const r of rows) lines.push(cols.map((c) => q(r[c.key] ?? null)).join(","));
  return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
}

/** A valid project row for a plan of organisation `abbr`. */
export function projectRow(abbr: string, n: number, over: Record<string, CellInput> = {}): Record<string, CellInput> {
  return {
    code: `${abbr}-2026-${String(n).padStart(3, "0")}`,
    titleVi: `Dự án thử nghiệm số ${n}`,
    titleEn: `Test project ${n}`,
    descriptionVi: `Mô tả dự án ${n}: trung tâm điều hành thông minh`,
    descriptionEn: null,
    domain: "Giao thông",
    strategyNode: "DA950.1.1",
    province: "Hồ Chí Minh",
    hostingModel: "Điện toán đám mây Chính phủ",
    operatorType: "Cơ quan nhà nước",
    operatorName: null,
    handlesPersonalData: "Không",
    personalDataCategories: null,
    components: "ioc, camera",
    startDate: new Date(Date.UTC(2026, 0, 1)),
    endDate: new Date(Date.UTC(2027, 11, 31)),
    ...over,
  };
}

export function budgetRow(code: string, over: Record<string, CellInput> = {}): Record<string, CellInput> {
  return {
    projectCode: code,
    fiscalYear: 2026,
    fundingSource: "Ngân sách địa phương",
    category: "Phần mềm",
    approvedAmount: 5_000_000_000,
    ...over,
  };
}

export function plannedRow(code: string, quarter: number, amount: CellInput, over: Record<string, CellInput> = {}) {
  return {
    projectCode: code,
    fiscalYear: 2026,
    fundingSource: "Ngân sách địa phương",
    category: "Phần mềm",
    quarter,
    amount,
    ...over,
  };
}

export function milestoneRow(code: string, n: number, over: Record<string, CellInput> = {}) {
  return {
    projectCode: code,
    nameVi: `Mốc ${n}`,
    nameEn: null,
    dueDate: new Date(Date.UTC(2026, n % 12, 15)),
    doneDate: null,
    weight: 1,
    evidence: null,
    ...over,
  };
}
