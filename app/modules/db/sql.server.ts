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
