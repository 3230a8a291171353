/**
 * Small helpers for the hand-written SQL of read models: a per-connection
 * cache of prepared statements and LIKE-pattern escaping.
 */
import type Database from "better-sqlite3";
import type { Db } from "#db/client.server";

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Prepare `sql` once per connection and reuse it. */
export function prepared(db: Db, sql: string): Database.Statement {
  const client = db.$client;
  let cache = caches.get(client);
  if (!cache) caches.set(client, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = client.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

/** Escape `%`, `_` and `\` for `LIKE … ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `%text%` with wildcards escaped, for a contains-search with `ESCAPE '\'`. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** `?, ?, ?` for an IN list of `n` values (at least one placeholder). */
export function placeholders(n: number): string {
  return Array.from({ length: Math.max(1, n) }, () => "?").join(", ");
}

// ---------------------------------------------------------------------------
// Read-model memo, invalidated by any change of the domain data
// ---------------------------------------------------------------------------

const memos = new WeakMap<Database.Database, { version: string; values: Map<string, unknown> }>();
let memoEnabled = true;

/**
 * A token that changes whenever the domain data changes: the generation
 * counter that triggers on every domain table bump (migration 0008,
 * docs/decisions/0012). Writes by other connections (a CLI, an import) are
 * seen too. Sessions, login throttling, API-token use and the audit log do
 * not move it, so signing in does not throw national aggregates away.
 */
export function dataVersion(db: Db): string {
  const row = prepared(db, "SELECT n FROM data_generation WHERE id = 1").get() as { n: number } | undefined;
  return String(row?.n ?? 0);
}

/**
 * Compute an expensive read model (a national aggregate) once per database
 * state: the cached value is reused until the domain data changes. Callers must
 * not mutate the value they get.
 */
export function memoByDataVersion<T>(db: Db, key: string, compute: () => T): T {
  if (!memoEnabled) return compute();
  const version = dataVersion(db);
  let memo = memos.get(db.$client);
  if (!memo || memo.version !== version) {
    memo = { version, values: new Map() };
    memos.set(db.$client, memo);
  }
  if (memo.values.has(key)) return memo.values.get(key) as T;
  const value = compute();
  // Computing read models writes nothing, so the version still holds.
  memo.values.set(key, value);
  return value;
}

/** Turn the memo off (benchmarks of the uncached path) or back on. */
export function setMemoEnabled(enabled: boolean): void {
  memoEnabled = enabled;
}
