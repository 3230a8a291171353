/**
 * npm run db:backup -- FILE
 *
 * Online backup of DATABASE_PATH into FILE while the app keeps serving
 * (docs/decisions/0011): `VACUUM INTO` reads one consistent snapshot inside a
 * single WAL read transaction, so writers are never blocked and the copy never
 * restarts. The copy is written next to FILE, checked (`PRAGMA
 * integrity_check`, audit hash chain) and only then renamed to FILE. Prints
 * size, time and what was checked; exits 1 if the copy does not verify.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { defaultDatabasePath } from "../db/client.server";
import { auditReport, formatAuditReport, openReadOnly, type AuditReport } from "./audit-verify";

export interface Verification {
  ok: boolean;
  integrity: string;
  audit: AuditReport;
  counts: Record<string, number>;
}

const COUNTED = [
  "organisations",
  "projects",
  "plans",
  "budget_lines",
  "transactions",
  "audit_events",
  "users",
];

/** Integrity check, audit chain and a few row counts of a database file (read-only). */
export function verifyDatabaseFile(file: string): Verification {
  const db = openReadOnly(file);
  try {
    const rows = db.$client.pragma("integrity_check") as { integrity_check: string }[];
    const integrity = rows.map((r) => r.integrity_check).join("; ");
    const tables = new Set(
      (
        db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
      ).map((r) => r.name),
    );
    if (!tables.has("audit_events") || !tables.has("__drizzle_migrations")) {
      return {
        ok: false,
        integrity:
          integrity === "ok" ? "not a CityPilot database (no audit_events / migrations table)" : integrity,
        audit: { ok: false, brokenAt: 0, action: null, at: null, checked: 0, ms: 0 },
        counts: {},
      };
    }
    const audit = auditReport(db);
    const counts: Record<string, number> = {};
    for (const t of COUNTED.filter((t) => tables.has(t))) {
      counts[t] = (db.$client.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n;
    }
    return { ok: integrity === "ok" && audit.ok, integrity, audit, counts };
  } finally {
    db.$client.close();
  }
}

export function formatVerification(v: Verification): string {
  const counts = Object.entries(v.counts)
    .map(([t, n]) => `${t} ${n}`)
    .join(", ");
  return `integrity_check: ${v.integrity}; audit: ${formatAuditReport(v.audit)}${counts ? `; rows: ${counts}` : ""}`;
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  verifyMs: number;
  verification: Verification;
}

/** Take a verified online backup of `source` into `target`; throws if it does not verify. */
export function backupDatabase(source: string, target: string): BackupResult {
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}`);
  const dest = path.resolve(target);
  if (dest === path.resolve(source)) throw new Error("The backup file must not be the database itself");
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const partial = `${dest}.partial-${process.pid}`;
  fs.rmSync(partial, { force: true });
  const started = performance.now();
  const sqlite = new Database(source, { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    sqlite.prepare("VACUUM INTO ?").run(partial);
  } finally {
    sqlite.close();
  }
  const ms = Math.round(performance.now() - started);
  const verifyStarted = performance.now();
  const verification = verifyDatabaseFile(partial);
  const verifyMs = Math.round(performance.now() - verifyStarted);
  if (!verification.ok) {
    fs.rmSync(partial, { force: true });
    throw new Error(
      `The backup copy does not verify, nothing written to ${dest}: ${formatVerification(verification)}`,
    );
  }
  fs.renameSync(partial, dest);
  return { file: dest, bytes: fs.statSync(dest).size, ms, verifyMs, verification };
}

function main(): void {
  const target = process.argv[2];
  if (!target || target.startsWith("-")) {
    console.error(
      "Usage: npm run db:backup -- FILE   (backs up DATABASE_PATH, default data/citypilot.sqlite)",
    );
    process.exit(2);
  }
  const source = path.resolve(defaultDatabasePath());
  try {
    const r = backupDatabase(source, target);
    console.log(`Backed up ${source}`);
    console.log(
      `      to ${r.file}: ${mb(r.bytes)} in ${r.ms} ms (VACUUM INTO, online), verified in ${r.verifyMs} ms`,
    );
    console.log(`  ${formatVerification(r.verification)}`);
  } catch (e) {
    console.error(`Backup failed: ${(e as Error).message}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
