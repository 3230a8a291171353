/**
 * Read an upload into the plan workbook's sheets: each known sheet (found by
 * its name, or by its header row in either language) with its columns mapped
 * by header text, so columns may be moved or left out (optional ones).
 * CSV: one sheet per file, recognised by its header row; `,` or `;` separated.
 */
import type * as ExcelJS from "exceljs";
import { translator, type MessageKey } from "~/i18n/i18n";
import { LOCALES, type Locale } from "~/i18n/locales";
import { loadExcelJS } from "~/modules/export/exceljs.server";
import { foldVietnamese } from "~/utils/text";
import { COLUMNS, MAX_ROWS, SHEETS, type SheetKey } from "./layout";
import { inspectZip, sniffUpload, UploadRefused, type FileKind } from "./upload";
import type { RawCell } from "./values";

export interface RawRow {
  /** Row number in the sheet (1-based; the header is row 1). */
  row: number;
  /** By column key; absent columns are missing from the map. */
  cells: Map<string, RawCell>;
}

export interface RawSheet {
  key: SheetKey;
  /** The sheet's name in the file (CSV: the file name). */
  name: string;
  /** Column key → 1-based column number in the file. */
  columns: Map<string, number>;
  rows: RawRow[];
  /** Language of the headers (numbers typed as text are read in it). */
  locale: Locale;
}

export interface ReadResult {
  kind: FileKind;
  sheets: RawSheet[];
}

const headerKey = (text: string) => foldVietnamese(text.replace(/\*/g, "")).replace(/\s+/g, " ");

/** Header text → column key, per sheet, in both languages. */
function headerIndex(): Record<SheetKey, Map<string, { key: string; locale: Locale }>> {
  const out = {} as Record<SheetKey, Map<string, { key: string; locale: Locale }>>;
  for (const sheet of SHEETS) {
    const map = new Map<string, { key: string; locale: Locale }>();
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const c of COLUMNS[sheet]) {
        const label = t(`imports.col.${sheet}.${c.key}` as MessageKey);
        if (!map.has(headerKey(label))) map.set(headerKey(label), { key: c.key, locale });
      }
      // The bare key is accepted too (files made by scripts).
      for (const c of COLUMNS[sheet]) if (!map.has(headerKey(c.key))) map.set(headerKey(c.key), { key: c.key, locale: "en" });
    }
    out[sheet] = map;
  }
  return out;
}

function sheetNameIndex(): Map<string, SheetKey> {
  const map = new Map<string, SheetKey>();
  for (const locale of LOCALES) {
    const t = translator(locale);
    for (const s of SHEETS) map.set(headerKey(t(`imports.sheet.${s}` as MessageKey)), s);
  }
  for (const s of SHEETS) map.set(headerKey(s), s);
  return map;
}

let cachedHeaders: ReturnType<typeof headerIndex> | null = null;
let cachedNames: Map<string, SheetKey> | null = null;

/** Map a header row to column keys for the sheet it best fits (by name if given, else by headers). */
function mapHeaders(
  headers: (string | null)[],
  byName: SheetKey | null,
): { key: SheetKey; columns: Map<string, number>; locale: Locale } | null {
  cachedHeaders ??= headerIndex();
  let best: { key: SheetKey; columns: Map<string, number>; locale: Locale; score: number } | null = null;
  for (const sheet of byName ? [byName] : SHEETS) {
    const columns = new Map<string, number>();
    const votes: Record<Locale, number> = { vi: 0, en: 0 };
    headers.forEach((h, i) => {
      if (!h) return;
      const hit = cachedHeaders![sheet].get(headerKey(h));
      if (hit && !columns.has(hit.key)) {
        columns.set(hit.key, i + 1);
        votes[hit.locale]++;
      }
    });
    const required = COLUMNS[sheet].filter((c) => c.required);
    const score = required.filter((c) => columns.has(c.key)).length / required.length;
    // Without a sheet name, the header row must carry every required column.
    if (!byName && score < 1) continue;
    if (!best || score > best.score || (score === best.score && columns.size > best.columns.size)) {
      best = { key: sheet, columns, locale: votes.en > votes.vi ? "en" : "vi", score };
    }
  }
  return best && (byName || best.score === 1) ? best : null;
}

/** exceljs cell value → RawCell. */
function rawOf(v: ExcelJS.CellValue | undefined): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    if ("formula" in v || "sharedFormula" in v) return { kind: "formula" };
    if ("error" in v) return { kind: "error" };
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("text" in v) {
      const text = (v as { text: unknown }).text;
      if (typeof text === "string") return text;
      if (text && typeof text === "object" && "richText" in text)
        return (text as { richText: { text: string }[] }).richText.map((r) => r.text).join("");
    }
  }
  return { kind: "error" };
}

async function readWorkbook(bytes: Uint8Array): Promise<RawSheet[]> {
  await inspectZip(bytes);
  const { Workbook } = await loadExcelJS();
  const wb = new Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new UploadRefused("corrupt");
  }
  cachedNames ??= sheetNameIndex();
  const out: RawSheet[] = [];
  let total = 0;
  for (const ws of wb.worksheets) {
    const byName = cachedNames.get(headerKey(ws.name)) ?? null;
    const headerRow = ws.getRow(1);
    const headers: (string | null)[] = [];
    for (let c = 1; c <= Math.max(headerRow.cellCount, 1); c++) {
      const raw = rawOf(headerRow.getCell(c).value);
      headers.push(typeof raw === "string" ? raw : raw === null ? null : String(raw));
    }
    const mapped = mapHeaders(headers, byName);
    if (!mapped || out.some((s) => s.key === mapped.key)) continue;
    const rows: RawRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const values = row.values as ExcelJS.CellValue[];
      const cells = new Map<string, RawCell>();
      let any = false;
      for (const [key, colNo] of mapped.columns) {
        const raw = rawOf(values[colNo]);
        if (raw !== null && !(typeof raw === "string" && raw.trim() === "")) any = true;
        cells.set(key, raw);
      }
      if (any) rows.push({ row: rowNumber, cells });
    });
    total += rows.length;
    if (total > MAX_ROWS) throw new UploadRefused("tooManyRows", { max: MAX_ROWS });
    out.push({ key: mapped.key, name: ws.name, columns: mapped.columns, rows, locale: mapped.locale });
  }
  return out;
}

/** RFC 4180 records; the delimiter is `,` or `;`, whichever the header row uses outside quotes. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, "");
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const unquoted = firstLine.replace(/"[^"]*"/g, "");
  const delim = (unquoted.match(/;/g)?.length ?? 0) > (unquoted.match(/,/g)?.length ?? 0) ? ";" : ",";
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delim) {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

function readCsv(bytes: Uint8Array, fileName: string): RawSheet[] {
  const records = parseCsv(new TextDecoder("utf-8").decode(bytes));
  if (records.length === 0) return [];
  const mapped = mapHeaders(records[0], null);
  if (!mapped) return [];
  if (records.length - 1 > MAX_ROWS) throw new UploadRefused("tooManyRows", { max: MAX_ROWS });
  const rows: RawRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r];
    const cells = new Map<string, RawCell>();
    let any = false;
    for (const [key, colNo] of mapped.columns) {
      const v = rec[colNo - 1] ?? "";
      if (v.trim() !== "") any = true;
      cells.set(key, v.trim() === "" ? null : v);
    }
    if (any) rows.push({ row: r + 1, cells });
  }
  return [{ key: mapped.key, name: fileName, columns: mapped.columns, rows, locale: mapped.locale }];
}

/** Check and read an upload; throws `UploadRefused` with the reason. */
export async function readUpload(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  const kind = sniffUpload(bytes, fileName);
  const sheets = kind === "xlsx" ? await readWorkbook(bytes) : readCsv(bytes, fileName);
  if (sheets.length === 0) throw new UploadRefused("noSheets");
  return { kind, sheets };
}
