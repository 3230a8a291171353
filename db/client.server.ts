import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const here = path.dirname(fileURLToPath(import.meta.url));
/** Committed drizzle-kit migrations. Resolved from the repo root so the built server finds them too. */
export const MIGRATIONS_FOLDER = fs.existsSync(path.join(here, "migrations"))
  ? path.join(here, "migrations")
  : path.resolve(process.cwd(), "db/migrations");

export function defaultDatabasePath(): string {
  return process.env.DATABASE_PATH ?? path.resolve(process.cwd(), "data/citypilot.sqlite");
}

/** Open a SQLite database with the pragmas CityPilot relies on. */
export function openDatabase(file: string = defaultDatabasePath()): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  applyPragmas(sqlite);
  return drizzle(sqlite, { schema }) as Db;
}

export function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("cache_size = -32000");
  sqlite.pragma("temp_store = MEMORY");
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

const holder = globalThis as { __citypilotDb?: Db };

/**
 * The process-wide connection used by loaders and actions. Kept on
 * globalThis so development module reloads do not leak connections.
 */
export function getDb(): Db {
  return (holder.__citypilotDb ??= openDatabase());
}

/** Point loaders and actions at another database (integration tests, CLIs). */
export function setDb(db: Db | undefined): void {
  holder.__citypilotDb = db;
}
