/**
 * Run before the server starts: apply migrations, and give an empty database
 * its reference data (always) and the demo program with demo accounts
 * (unless SEED_DEMO=false, e.g. in production).
 */
import { defaultDatabasePath, migrateDatabase, openDatabase } from "../db/client.server";
import { seedAll, seedReference } from "../seeds/index";
import { recomputeFlags, SYSTEM_ACTOR } from "../app/modules/flags/recompute.server";

const file = defaultDatabasePath();
const db = openDatabase(file);
try {
  migrateDatabase(db);
  const { n } = db.$client.prepare("SELECT COUNT(*) AS n FROM organisations").get() as { n: number };
  if (n === 0) {
    const started = performance.now();
    if (process.env.SEED_DEMO === "false") {
      seedReference(db);
      console.log(`Seeded reference data into ${file} (no demo data).`);
    } else {
      const scale = Number(process.env.DEMO_SCALE ?? 1);
      const seed = Number(process.env.DEMO_SEED ?? 1);
      const { counts } = await seedAll(db, { scale, seed, password: process.env.DEMO_PASSWORD || undefined });
      console.log(
        `Seeded the demo into ${file} (scale ${scale}, seed ${seed}): ${counts.projects ?? "?"} projects, ` +
          `${counts.transactions ?? "?"} transactions in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      );
      // The demo opens with its waste flags already found, as after a nightly recompute.
      const flags = recomputeFlags(db, SYSTEM_ACTOR);
      console.log(`Found ${Object.values(flags.counts).reduce((a, b) => a + b, 0)} waste flags in ${flags.ms} ms.`);
    }
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
  }
} finally {
  db.$client.close();
}
