/**
 * What an empty database gets on its first start (server/prepare-db.ts):
 * reference data only with SEED_DEMO=false, otherwise the demo program
 * (DEMO_SCALE, DEMO_SEED, DEMO_PASSWORD) with its waste flags already found.
 * Imported dynamically, only when the database is empty.
 */
import type { Db } from "../db/client.server";
import { seedAll, seedReference } from "../seeds/index";
import { recomputeFlags, SYSTEM_ACTOR } from "../app/modules/flags/recompute.server";

export async function seedEmptyDatabase(db: Db, file: string): Promise<void> {
  const started = performance.now();
  if (process.env.SEED_DEMO === "false") {
    seedReference(db);
    console.log(`Seeded reference data into ${file} (no demo data).`);
    return;
  }
  const scale = Number(process.env.DEMO_SCALE ?? 1);
  const seed = Number(process.env.DEMO_SEED ?? 1);
  const { counts } = await seedAll(db, { scale, seed, password: process.env.DEMO_PASSWORD || undefined });
  console.log(
    `Seeded the demo into ${file} (scale ${scale}, seed ${seed}): ${counts.projects ?? "?"} projects, ` +
      `${counts.transactions ?? "?"} transactions in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  // The demo opens with its waste flags already found, as after a nightly recompute.
  const flags = recomputeFlags(db, SYSTEM_ACTOR);
  console.log(
    `Found ${Object.values(flags.counts).reduce((a, b) => a + b, 0)} waste flags in ${flags.ms} ms.`,
  );
}
