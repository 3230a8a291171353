/**
 * Prepare the database before the server answers anything: apply pending
 * migrations and, when the database is empty, give it its reference data
 * (always) and the demo program with demo accounts (unless SEED_DEMO=false,
 * e.g. in production). Runs in the server process before it listens
 * (server/index.ts) and from `scripts/prepare-db.ts`. The seeding code (the
 * demo generator, the flag recompute) is imported only for an empty database,
 * so an ordinary start does not load it (ADR 0013).
 */
import { defaultDatabasePath, migrateDatabase, openDatabase } from "../db/client.server";

export async function prepareDatabase(file: string = defaultDatabasePath()): Promise<void> {
  const db = openDatabase(file);
  try {
    migrateDatabase(db);
    const { n } = db.$client.prepare("SELECT COUNT(*) AS n FROM organisations").get() as { n: number };
    if (n === 0) {
      const { seedEmptyDatabase } = await import("./seed-empty");
      await seedEmptyDatabase(db, file);
      db.$client.pragma("wal_checkpoint(TRUNCATE)");
    }
  } finally {
    db.$client.close();
  }
}
