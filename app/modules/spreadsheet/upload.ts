/**
 * First look at an uploaded file, before any spreadsheet library parses it:
 * size, type by its first bytes (never by the name alone), password
 * protection (an encrypted .xlsx is an OLE compound file), corrupt zips and
 * zip bombs (the central directory is read with JSZip, then every entry is
 * inflated natively with a hard output cap, so a lying directory is caught too).
 * Refusals carry an i18n key of the `imports` namespace.
 */
import zlib from "node:zlib";
import type JSZip from "jszip";
import {
  MAX_COMPRESSION_RATIO,
  MAX_UNCOMPRESSED_BYTES,
  MAX_UPLOAD_BYTES,
  MAX_ZIP_ENTRIES,
} from "./layout";

export type RefusalCode =
  | "empty"
  | "tooBig"
  | "wrongType"
  | "encrypted"
  | "legacyXls"
  | "corrupt"
  | "zipBomb"
  | "notWorkbook"
  | "notUtf8"
  | "tooManyRows"
  | "noSheets";

export class UploadRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`upload refused: ${code}`);
    this.name = "UploadRefused";
  }
}

export type FileKind = "xlsx" | "csv";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: number[]) =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** UTF-16LE "EncryptionInfo": the stream an Office-encrypted package keeps in its compound file. */
function hasEncryptionStream(bytes: Uint8Array): boolean {
  const needle = Buffer.from("EncryptionInfo", "utf16le");
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

/**
 * The kind of file, by its bytes. Zip → workbook, OLE compound file →
 * refused (encrypted workbook or the old .xls format), text that decodes as
 * UTF-8 with a .csv/.txt name → CSV, anything else → refused.
 */
export function sniffUpload(bytes: Uint8Array, fileName: string): FileKind {
  if (bytes.length === 0) throw new UploadRefused("empty");
  if (bytes.length > MAX_UPLOAD_BYTES) throw new UploadRefused("tooBig", { max: MAX_UPLOAD_BYTES / 1024 / 1024 });
  if (startsWith(bytes, CFB_MAGIC)) {
    throw new UploadRefused(hasEncryptionStream(bytes) ? "encrypted" : "legacyXls");
  }
  if (startsWith(bytes, ZIP_MAGIC)) return "xlsx";
  const looksText = /\.(csv|txt)$/i.test(fileName);
  if (!looksText) throw new UploadRefused("wrongType");
  if (bytes.includes(0)) throw new UploadRefused("wrongType");
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UploadRefused("notUtf8");
  }
  return "csv";
}

interface CompressedInfo {
  compressedSize: number;
  uncompressedSize: number;
}

/** JSZip's view of an entry's bytes as stored in the zip (read from its directory, not inflated). */
interface StoredEntry extends CompressedInfo {
  compression: { magic: string } | null;
  compressedContent: Uint8Array;
}

/** Inflate one entry natively with a hard cap on its output; returns its real size. */
function inflatedSize(entry: JSZip.JSZipObject, budget: number): number {
  const data = (entry as unknown as { _data: StoredEntry })._data;
  const content = data.compressedContent;
  const magic = data.compression?.magic;
  if (magic === "\x00\x00") {
    if (content.length > budget) throw new UploadRefused("zipBomb", { max: MAX_UNCOMPRESSED_BYTES / 1024 / 1024 });
    return content.length;
  }
  if (magic !== "\x08\x00") throw new UploadRefused("corrupt");
  try {
    return zlib.inflateRawSync(content, { maxOutputLength: Math.max(1, budget) }).length;
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new UploadRefused("zipBomb", { max: MAX_UNCOMPRESSED_BYTES / 1024 / 1024 });
    }
    throw new UploadRefused("corrupt");
  }
}

/**
 * Check a zip before exceljs sees it: a readable central directory, at most
 * `MAX_ZIP_ENTRIES` entries, a declared total under `MAX_UNCOMPRESSED_BYTES`,
 * no entry over 1 MB that expands more than `MAX_COMPRESSION_RATIO` times,
 * the parts of an Excel workbook, and the real inflated sizes under the limit.
 */
export async function inspectZip(bytes: Uint8Array): Promise<void> {
  // Loaded here, not at the top: starting the server need not load jszip (ADR 0013).
  const { default: JSZipClass } = await import("jszip");
  let zip: JSZip;
  try {
    zip = await JSZipClass.loadAsync(bytes, { checkCRC32: false });
  } catch {
    throw new UploadRefused("corrupt");
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  if (entries.length > MAX_ZIP_ENTRIES) throw new UploadRefused("zipBomb", { max: MAX_UNCOMPRESSED_BYTES / 1024 / 1024 });
  let total = 0;
  for (const e of entries) {
    const info = (e as unknown as { _data: CompressedInfo })._data;
    const size = info?.uncompressedSize ?? 0;
    const packed = Math.max(1, info?.compressedSize ?? 1);
    total += size;
    if (size > 1024 * 1024 && size / packed > MAX_COMPRESSION_RATIO) {
      throw new UploadRefused("zipBomb", { max: MAX_UNCOMPRESSED_BYTES / 1024 / 1024 });
    }
  }
  if (total > MAX_UNCOMPRESSED_BYTES) {
    throw new UploadRefused("zipBomb", { max: MAX_UNCOMPRESSED_BYTES / 1024 / 1024 });
  }
  const names = new Set(entries.map((e) => e.name.replace(/^\//, "")));
  if (!names.has("[Content_Types].xml") || !names.has("xl/workbook.xml")) throw new UploadRefused("notWorkbook");
  // The directory may lie: inflate for real, counting, and stop at the limit.
  let budget = MAX_UNCOMPRESSED_BYTES;
  for (const e of entries) budget -= inflatedSize(e, budget);
}
