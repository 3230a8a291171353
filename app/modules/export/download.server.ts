/**
 * Table downloads: one header row and the rows of a table view, as CSV
 * (UTF-8 with BOM, via `csvDocument`) or XLSX (one sheet, bold frozen
 * header, number cells for numbers, date cells for ISO dates), every text
 * cell neutralised against formula injection.
 */
import { csvDocument, neutraliseCell } from "./cells";
import { loadExcelJS } from "./exceljs.server";

export type CellValue = string | number | boolean | null | undefined;

export interface TableExport {
  /** File name without extension. */
  file: string;
  /** Sheet name (XLSX). */
  sheet: string;
  header: string[];
  rows: CellValue[][];
  /** Columns (0-based) holding ISO dates `yyyy-mm-dd` to write as date cells. */
  dateColumns?: number[];
  /** Columns holding money (integer VND), formatted with thousands separators. */
  moneyColumns?: number[];
}

const HEADERS = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };

/** `attachment` with an ASCII fallback name and the UTF-8 one (RFC 6266). */
function disposition(fileName: string): string {
  const ascii = fileName.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").replace(/[^\w.-]+/g, "-");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function csvResponse(text: string, fileName: string): Response {
  return new Response(text, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition(fileName), ...HEADERS },
  });
}

export function xlsxResponse(bytes: Uint8Array, fileName: string): Response {
  return new Response(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as BodyInit, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": disposition(fileName),
      ...HEADERS,
    },
  });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The table as an XLSX workbook. */
export async function tableXlsx(table: TableExport): Promise<Uint8Array> {
  const { Workbook } = await loadExcelJS();
  const wb = new Workbook();
  wb.creator = "CityPilot";
  const ws = wb.addWorksheet(table.sheet.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "Sheet1", {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const dates = new Set(table.dateColumns ?? []);
  const money = new Set(table.moneyColumns ?? []);
  const header = ws.addRow(table.header.map((h) => neutraliseCell(h)));
  header.font = { bold: true };
  for (const r of table.rows) {
    ws.addRow(
      r.map((v, i) => {
        if (v === undefined || v === null) return null;
        if (dates.has(i) && typeof v === "string" && ISO_DATE.test(v)) return new Date(`${v}T00:00:00Z`);
        return neutraliseCell(v);
      }),
    );
  }
  table.header.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.min(60, Math.max(10, h.length + 2));
    if (dates.has(i)) col.numFmt = "dd/mm/yyyy";
    if (money.has(i)) col.numFmt = "#,##0";
  });
  if (table.header.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The download response for `format`. */
export async function tableDownload(format: "csv" | "xlsx", table: TableExport): Promise<Response> {
  if (format === "csv") return csvResponse(csvDocument([table.header, ...table.rows]), `${table.file}.csv`);
  return xlsxResponse(await tableXlsx(table), `${table.file}.xlsx`);
}
