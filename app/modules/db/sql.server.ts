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

// ---------------------------------------------------------------------------
// Per-table generations: a part of a read model kept until one of ITS tables
// changes (migration 0009, docs/decisions/0014)
// ---------------------------------------------------------------------------

/** How often a domain table was written: every insert, update, delete (`n`), and updates and deletes alone (`rewrites`). */
export interface TableGeneration {
  n: number;
  rewrites: number;
}

/** The generation of each domain table now (one small read). */
export function tableGenerations(db: Db): Map<string, TableGeneration> {
  const rows = prepared(db, "SELECT tbl, n, rewrites FROM table_generation").all() as ({
    tbl: string;
  } & TableGeneration)[];
  return new Map(rows.map((r) => [r.tbl, { n: r.n, rewrites: r.rewrites }]));
}

/** A stamp of the given tables' generations: equal stamps, equal table contents. */
export function tablesStamp(generations: Map<string, TableGeneration>, tables: readonly string[]): string {
  return tables
    .map((t) => {
      const g = generations.get(t);
      if (!g)
        throw new Error(`No generation for table ${t} (a domain table needs a row in table_generation)`);
      return g.n;
    })
    .join(":");
}

const partMemos = new WeakMap<Database.Database, Map<string, { stamp: string; value: unknown }>>();

/**
 * Compute a part of a read model once per state of the tables it reads: the
 * value is reused until one of `tables` changes (whatever else is written).
 * Pass the generations read BEFORE the data, so a concurrent commit can only
 * make the stamp older than the data (a needless recompute), never newer.
 * Callers must not mutate the value they get.
 */
export function memoByTables<T>(
  db: Db,
  generations: Map<string, TableGeneration>,
  key: string,
  tables: readonly string[],
  compute: () => T,
): T {
  if (!memoEnabled) return compute();
  const stamp = tablesStamp(generations, tables);
  let memo = partMemos.get(db.$client);
  if (!memo) partMemos.set(db.$client, (memo = new Map()));
  const hit = memo.get(key);
  if (hit && hit.stamp === stamp) return hit.value as T;
  const value = compute();
  memo.delete(key);
  memo.set(key, { stamp, value });
  // Keys carry an "as of" date: keep the most recently computed few.
  while (memo.size > MAX_PARTS) memo.delete(memo.keys().next().value as string);
  return value;
}

const MAX_PARTS = 64;

/** Whether read-model memos are on (incremental aggregates start over when they are off). */
export function isMemoEnabled(): boolean {
  return memoEnabled;
}

// ---------------------------------------------------------------------------
// Bounded staleness: a read model that may lag the data by a few seconds
// (docs/decisions/0015)
// ---------------------------------------------------------------------------

interface StaleEntry {
  version: string;
  value: unknown;
  computedAt: number;
  /** When a newer data version was first seen by a reader of this entry (0: not yet). */
  changeSeenAt: number;
}
const staleMemos = new WeakMap<Database.Database, Map<string, StaleEntry>>();
const MAX_STALE_ENTRIES = 256;

/** The configured lag for read models that allow one: READ_MODEL_MAX_STALE_MS, else 2 s in production and 0 elsewhere. */
export function readModelMaxStaleMs(): number {
  const raw = process.env.READ_MODEL_MAX_STALE_MS;
  if (raw !== undefined && raw !== "" && Number.isFinite(Number(raw))) return Math.max(0, Number(raw));
  return process.env.NODE_ENV === "production" ? 2_000 : 0;
}

/**
 * Like `memoByDataVersion`, but after a write the previous value is still
 * served for up to `maxStaleMs` from the moment a reader first sees the new
 * data version; then the next reader computes it again. So a burst of writes
 * costs one recomputation per `maxStaleMs`, not one per write. Only for read
 * models whose readers are told when they were computed (the dashboards show
 * `computedAt`), never for what a user checks right after changing it.
 * `maxStaleMs` 0 is exactly `memoByDataVersion`.
 */
export function memoWithinStaleness<T>(
  db: Db,
  key: string,
  maxStaleMs: number,
  compute: () => T,
  now: () => number = Date.now,
): { value: T; computedAt: number } {
  if (!memoEnabled) return { value: compute(), computedAt: now() };
  const version = dataVersion(db);
  let memo = staleMemos.get(db.$client);
  if (!memo) staleMemos.set(db.$client, (memo = new Map()));
  const hit = memo.get(key);
  if (hit) {
    if (hit.version === version) return { value: hit.value as T, computedAt: hit.computedAt };
    if (maxStaleMs > 0) {
      const t = now();
      if (hit.changeSeenAt === 0) hit.changeSeenAt = t;
      if (t - hit.changeSeenAt < maxStaleMs) return { value: hit.value as T, computedAt: hit.computedAt };
    }
  }
  const computedAt = now();
  const value = compute();
  memo.delete(key);
  memo.set(key, { version, value, computedAt, changeSeenAt: 0 });
  while (memo.size > MAX_STALE_ENTRIES) memo.delete(memo.keys().next().value as string);
  return { value, computedAt };
}
