/**
 * Uploads between preview and confirmation: the file and its report are kept
 * in a private temp directory under a random token, for one user and one
 * plan, for an hour. Confirming reads the file again and re-validates it
 * against the database as it is then.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ImportIssue, SheetSummary } from "./import.server";
import type { RawSheet } from "./read.server";
import type { RawCell } from "./values";
import type { RefusalCode } from "./upload";

export const UPLOAD_TTL_MS = 60 * 60 * 1000;

export type UploadReport =
  | { state: "refused"; code: RefusalCode | "planLocked" | "noFile" | "invalid" | "expired"; params?: Record<string, string | number> }
  | { state: "invalid"; issues: ImportIssue[]; sheets: SheetSummary[] }
  | { state: "preview"; sheets: SheetSummary[]; changeCount: number }
  | { state: "done"; sheets: SheetSummary[]; changeCount: number; created: number; updated: number };

export interface UploadMeta {
  token: string;
  userId: number;
  planId: number;
  fileName: string;
  sha256: string;
  size: number;
  createdAt: number;
  report: UploadReport;
}

function dir(): string {
  const d = process.env.CITYPILOT_UPLOAD_DIR ?? path.join(os.tmpdir(), "citypilot-imports");
  fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  return d;
}

const TOKEN_RE = /^[A-Za-z0-9_-]{20,64}$/;

function sweep(d: string): void {
  const cutoff = Date.now() - UPLOAD_TTL_MS;
  for (const name of fs.readdirSync(d)) {
    const file = path.join(d, name);
    try {
      if (fs.statSync(file).mtimeMs < cutoff) fs.rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

/** Keep an upload (its bytes only when it may be confirmed) and its report; returns the token. */
export function saveUpload(
  input: Omit<UploadMeta, "token" | "createdAt" | "sha256" | "size"> & { bytes: Uint8Array | null },
): UploadMeta {
  const d = dir();
  sweep(d);
  const token = crypto.randomBytes(18).toString("base64url");
  const meta: UploadMeta = {
    token,
    userId: input.userId,
    planId: input.planId,
    fileName: input.fileName,
    sha256: input.bytes ? sha256Hex(input.bytes) : "",
    size: input.bytes?.length ?? 0,
    createdAt: Date.now(),
    report: input.report,
  };
  if (input.bytes) fs.writeFileSync(path.join(d, `${token}.bin`), input.bytes, { mode: 0o600 });
  fs.writeFileSync(path.join(d, `${token}.json`), JSON.stringify(meta), { mode: 0o600 });
  return meta;
}

/** The upload of this user for this plan, or null (unknown, expired, someone else's). */
export function loadUpload(token: string | null, userId: number, planId: number): UploadMeta | null {
  if (!token || !TOKEN_RE.test(token)) return null;
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(dir(), `${token}.json`), "utf8")) as UploadMeta;
    if (meta.userId !== userId || meta.planId !== planId) return null;
    if (Date.now() - meta.createdAt > UPLOAD_TTL_MS) return null;
    return meta;
  } catch {
    return null;
  }
}

export function uploadBytes(meta: UploadMeta): Uint8Array | null {
  try {
    return new Uint8Array(fs.readFileSync(path.join(dir(), `${meta.token}.bin`)));
  } catch {
    return null;
  }
}

/** Record the outcome; the file itself is dropped once imported. */
export function updateUpload(meta: UploadMeta, report: UploadReport): void {
  const d = dir();
  fs.writeFileSync(path.join(d, `${meta.token}.json`), JSON.stringify({ ...meta, report }), { mode: 0o600 });
  if (report.state === "done") {
    fs.rmSync(path.join(d, `${meta.token}.bin`), { force: true });
    fs.rmSync(path.join(d, `${meta.token}.sheets.json`), { force: true });
  }
}

type StoredCell = Exclude<RawCell, Date> | { d: string };

/** Keep the sheets as read at preview, so the confirmation need not parse the workbook again. */
export function saveSheets(meta: UploadMeta, sheets: RawSheet[]): void {
  const plain = sheets.map((s) => ({
    key: s.key,
    name: s.name,
    locale: s.locale,
    columns: [...s.columns],
    rows: s.rows.map((r) => ({
      row: r.row,
      cells: [...r.cells].map(([k, v]) => [k, v instanceof Date ? { d: v.toISOString() } : v] as [string, StoredCell]),
    })),
  }));
  fs.writeFileSync(path.join(dir(), `${meta.token}.sheets.json`), JSON.stringify({ sha256: meta.sha256, sheets: plain }), {
    mode: 0o600,
  });
}

export function loadSheets(meta: UploadMeta): RawSheet[] | null {
  try {
    const stored = JSON.parse(fs.readFileSync(path.join(dir(), `${meta.token}.sheets.json`), "utf8")) as {
      sha256: string;
      sheets: { key: RawSheet["key"]; name: string; locale: RawSheet["locale"]; columns: [string, number][]; rows: { row: number; cells: [string, StoredCell][] }[] }[];
    };
    if (stored.sha256 !== meta.sha256) return null;
    return stored.sheets.map((s) => ({
      key: s.key,
      name: s.name,
      locale: s.locale,
      columns: new Map(s.columns),
      rows: s.rows.map((r) => ({
        row: r.row,
        cells: new Map(
          r.cells.map(([k, v]) => [k, v !== null && typeof v === "object" && "d" in v ? new Date(v.d) : (v as RawCell)]),
        ),
      })),
    }));
  } catch {
    return null;
  }
}
