/**
 * npm run db:restore -- FILE
 *
 * Restores a backup made by `npm run db:backup` into DATABASE_PATH, with the
 * app STOPPED (docs/decisions/0011):
 *  1. FILE is verified first (`PRAGMA integrity_check`, audit hash chain); a
 *     backup that does not verify is refused and nothing changes.
 *  2. The live database must not be open anywhere: switching it out of WAL
 *     mode needs the only connection, so a running server makes the restore
 *     refuse ("stop the server first"). The switch also folds the WAL into the
 *     main file, so the old database is one self-contained file.
 *  3. FILE is copied next to the database, verified again, set to WAL, and
 *     renamed into place (atomic on one filesystem); the old file is kept as
 *     DATABASE_PATH.bak (replacing an older .bak).
 * Exit 0 on success, 1 on refusal.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { defaultDatabasePath } from "../db/client.server";
import { formatVerification, mb, verifyDatabaseFile, type Verification } from "./backup";

export class RestoreRefused extends Error {}

export interface RestoreResult {
  target: string;
  previous: string | null;
  bytes: number;
  ms: number;
  verification: Verification;
}

/** Make sure nobody else has `file` open; leaves it as one self-contained file (rollback journal mode). */
function takeOffline(file: string): void {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { fileMustExist: true, timeout: 0 });
  } catch (e) {
    throw new RestoreRefused(`cannot open the current database ${file}: ${(e as Error).message}`);
  }
  try {
    const mode = sqlite.pragma("journal_mode = DELETE", { simple: true });
    if (mode !== "delete") throw new Error(`journal mode stayed ${String(mode)}`);
  } catch (e) {
    throw new RestoreRefused(
      `the database ${file} is in use (${(e as Error).message}); stop the server, then run the restore again`,
    );
  } finally {
    sqlite.close();
  }
}

export function restoreDatabase(backup: string, target: string): RestoreResult {
  const started = performance.now();
  const source = path.resolve(backup);
  const dest = path.resolve(target);
  if (!fs.existsSync(source)) throw new RestoreRefused(`no backup file at ${source}`);
  if (source === dest) throw new RestoreRefused("the backup file is the database itself");

  const first = verifyDatabaseFile(source);
  if (!first.ok) throw new RestoreRefused(`the backup does not verify: ${formatVerification(first)}`);

  const exists = fs.existsSync(dest);
  if (exists) takeOffline(dest);

  const staged = `${dest}.restoring-${process.pid}`;
  fs.rmSync(staged, { force: true });
  fs.copyFileSync(source, staged);
  const verification = verifyDatabaseFile(staged);
  if (!verification.ok) {
    fs.rmSync(staged, { force: true });
    throw new RestoreRefused(`the staged copy does not verify: ${formatVerification(verification)}`);
  }
  const sqlite = new Database(staged);
  try {
    sqlite.pragma("journal_mode = WAL");
  } finally {
    sqlite.close();
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${staged}${suffix}`, { force: true });

  let previous: string | null = null;
  if (exists) {
    previous = `${dest}.bak`;
    fs.rmSync(previous, { force: true });
    fs.renameSync(dest, previous);
    for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${dest}${suffix}`, { force: true });
  }
  fs.renameSync(staged, dest);
  return {
    target: dest,
    previous,
    bytes: fs.statSync(dest).size,
    ms: Math.round(performance.now() - started),
    verification,
  };
}

function main(): void {
  const backup = process.argv[2];
  if (!backup || backup.startsWith("-")) {
    console.error("Usage: npm run db:restore -- FILE   (restores into DATABASE_PATH; stop the server first)");
    process.exit(2);
  }
  try {
    const r = restoreDatabase(backup, defaultDatabasePath());
    console.log(`Restored ${path.resolve(backup)}`);
    console.log(`    into ${r.target}: ${mb(r.bytes)} in ${r.ms} ms`);
    console.log(`  ${formatVerification(r.verification)}`);
    console.log(
      r.previous ? `  previous database kept as ${r.previous}` : "  (there was no previous database)",
    );
  } catch (e) {
    console.error(`Restore refused: ${(e as Error).message}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
