/**
 * IATI files between preview and confirmation: kept in a private temp
 * directory under a random token, for the one user who uploaded them, for an
 * hour. Confirming reads the file again and re-plans it.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const IATI_UPLOAD_TTL_MS = 60 * 60 * 1000;
const TOKEN_RE = /^[A-Za-z0-9_-]{32}$/;

function dir(): string {
  const d = path.join(process.env.CITYPILOT_UPLOAD_DIR ?? path.join(os.tmpdir(), "citypilot-imports"), "iati");
  fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  const cutoff = Date.now() - IATI_UPLOAD_TTL_MS;
  for (const name of fs.readdirSync(d)) {
    try {
      if (fs.statSync(path.join(d, name)).mtimeMs < cutoff) fs.rmSync(path.join(d, name), { force: true });
    } catch {
      // Already gone.
    }
  }
  return d;
}

export function saveIatiUpload(userId: number, fileName: string, bytes: Uint8Array): string {
  const token = crypto.randomBytes(24).toString("base64url");
  const d = dir();
  fs.writeFileSync(path.join(d, `${token}.xml`), bytes, { mode: 0o600 });
  fs.writeFileSync(path.join(d, `${token}.json`), JSON.stringify({ userId, fileName }), { mode: 0o600 });
  return token;
}

export function loadIatiUpload(token: string, userId: number): { fileName: string; bytes: Uint8Array } | null {
  if (!TOKEN_RE.test(token)) return null;
  const d = dir();
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(d, `${token}.json`), "utf8")) as { userId: number; fileName: string };
    if (meta.userId !== userId) return null;
    return { fileName: meta.fileName, bytes: fs.readFileSync(path.join(d, `${token}.xml`)) };
  } catch {
    return null;
  }
}

export function dropIatiUpload(token: string): void {
  if (!TOKEN_RE.test(token)) return;
  const d = dir();
  for (const ext of ["xml", "json"]) fs.rmSync(path.join(d, `${token}.${ext}`), { force: true });
}
