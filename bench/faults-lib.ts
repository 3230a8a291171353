/**
 * Shared by bench/faults.ts and tests/integration/faults.test.ts: start the
 * writer (bench/faults-writer.ts) in ONE process (`node --import tsx`, so
 * SIGKILL reaches the process that holds the database), collect what it
 * acknowledged, kill it with SIGKILL, and check the database afterwards
 * (also used by bench/faults-server.ts for entries posted to the HTTP server).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "../db/schema";
import type { Db } from "../db/client.server";
import { verifyAuditChain } from "../app/modules/audit/audit.server";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface Ack {
  /** The row id when the writer knows it (the HTTP server's redirect does not say it: null). */
  id: number | null;
  ref: string;
}

export interface KillRound {
  acknowledged: Ack[];
  killedAfterMs: number;
}

/** Run the writer until it acknowledged `killAfter` writes, then SIGKILL it mid-burst. */
export function killWriterMidBurst(
  dbFile: string,
  killAfter: number,
  timeoutMs = 60_000,
): Promise<KillRound> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child: ChildProcess = spawn(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "bench/faults-writer.ts"), dbFile],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    const acknowledged: Ack[] = [];
    let buffer = "";
    let stderr = "";
    let killed = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`writer did not reach ${killAfter} writes in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^ack (\d+) (\S+)$/.exec(line);
        if (!m) continue;
        acknowledged.push({ id: Number(m[1]), ref: m[2]! });
        if (!killed && acknowledged.length >= killAfter) {
          killed = true;
          child.kill("SIGKILL");
        }
      }
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal !== "SIGKILL") return reject(new Error(`writer ended by itself (${code}): ${stderr}`));
      resolve({ acknowledged, killedAfterMs: Date.now() - started });
    });
  });
}

export interface AfterCrash {
  integrity: string;
  auditOk: boolean;
  auditCount: number;
  acknowledged: number;
  missing: Ack[];
  duplicated: Ack[];
  /** Writer rows without their audit event, or audit events without their row. */
  unpaired: number;
  writerRows: number;
}

export interface CrashCheckOptions {
  /** The document references the writer used (default the writer process's `FW-`). */
  refPrefix?: string;
}

/** Reopen after a crash (recovery runs on open) and check the acknowledged writes. */
export function checkAfterCrash(
  dbFile: string,
  acknowledged: Ack[],
  { refPrefix = "FW-" }: CrashCheckOptions = {},
): AfterCrash {
  const sqlite = new Database(dbFile);
  try {
    const integrity = (sqlite.pragma("integrity_check") as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join("; ");
    // One scan for the writer's rows (document_ref is not indexed), then per-ack lookups in memory.
    const rows = sqlite
      .prepare("SELECT id, document_ref AS ref FROM transactions WHERE document_ref LIKE ? || '%'")
      .all(refPrefix) as { id: number; ref: string }[];
    const idsByRef = new Map<string, number[]>();
    for (const r of rows) idsByRef.set(r.ref, [...(idsByRef.get(r.ref) ?? []), r.id]);
    const missing: Ack[] = [];
    const duplicated: Ack[] = [];
    for (const ack of acknowledged) {
      const ids = idsByRef.get(ack.ref) ?? [];
      if (ack.id === null ? ids.length === 0 : !ids.includes(ack.id)) missing.push(ack);
      else if (ids.length > 1) duplicated.push(ack);
    }
    const writerRows = rows.length;
    const { unpaired } = sqlite
      .prepare(
        `SELECT COUNT(*) AS unpaired FROM (
           SELECT t.id FROM transactions t
            WHERE t.id IN (SELECT value FROM json_each(@ids))
              AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.action = 'transaction.create'
                                AND a.entity_type = 'transaction' AND a.entity_id = CAST(t.id AS TEXT))
           UNION ALL
           SELECT a.id FROM audit_events a
            WHERE a.action = 'transaction.create' AND json_extract(a.after, '$.documentRef') LIKE @prefix || '%'
              AND NOT EXISTS (SELECT 1 FROM transactions t WHERE t.id = CAST(a.entity_id AS INTEGER)))`,
      )
      .get({ ids: JSON.stringify(rows.map((r) => r.id)), prefix: refPrefix }) as { unpaired: number };
    const audit = verifyAuditChain(drizzle(sqlite, { schema }) as unknown as Db);
    return {
      integrity,
      auditOk: audit.ok,
      auditCount: audit.ok ? audit.count : 0,
      acknowledged: acknowledged.length,
      missing,
      duplicated,
      unpaired,
      writerRows,
    };
  } finally {
    sqlite.close();
  }
}
