/**
 * npm run audit:verify [-- FILE]
 *
 * Walks the audit hash chain of FILE (default DATABASE_PATH) from the first
 * event to the last. Prints `OK: N audit events, chain intact` and exits 0,
 * or names the first broken link (id, action, time) and exits 1. Opens the
 * database read-only, so it is safe while the server runs.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { defaultDatabasePath, type Db } from "../db/client.server";
import * as schema from "../db/schema";
import { verifyAuditChain } from "../app/modules/audit/audit.server";

export type AuditReport =
  | { ok: true; count: number; ms: number }
  | { ok: false; brokenAt: number; action: string | null; at: number | null; checked: number; ms: number };

/** Verify the chain of an open database and describe the first broken link. */
export function auditReport(db: Db): AuditReport {
  const started = performance.now();
  const result = verifyAuditChain(db);
  const ms = Math.round(performance.now() - started);
  if (result.ok) return { ok: true, count: result.count, ms };
  const row = db.$client.prepare("SELECT action, at FROM audit_events WHERE id = ?").get(result.brokenAt) as
    { action: string; at: number } | undefined;
  const { checked } = db.$client
    .prepare("SELECT COUNT(*) AS checked FROM audit_events WHERE id < ?")
    .get(result.brokenAt) as { checked: number };
  return {
    ok: false,
    brokenAt: result.brokenAt,
    action: row?.action ?? null,
    at: row?.at ?? null,
    checked,
    ms,
  };
}

export function formatAuditReport(r: AuditReport): string {
  if (r.ok) return `OK: ${r.count} audit events, chain intact (${r.ms} ms)`;
  const when = r.at === null ? "?" : new Date(r.at).toISOString();
  return (
    `BROKEN: audit event id ${r.brokenAt} (action ${r.action ?? "?"}, at ${when}) does not match the chain; ` +
    `${r.checked} earlier events verified`
  );
}

/** Open a database file read-only (no pragmas that write). */
export function openReadOnly(file: string): Db {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  return drizzle(sqlite, { schema }) as Db;
}

function main(): void {
  const file = path.resolve(process.argv[2] ?? defaultDatabasePath());
  const db = openReadOnly(file);
  try {
    const report = auditReport(db);
    console.log(`${file}: ${formatAuditReport(report)}`);
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    db.$client.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
