/**
 * Recompute every wasted-spending flag on DATABASE_PATH and print the count
 * per rule and the time taken.
 *
 *   npm run flags:recompute                      # today (Vietnam time)
 *   npm run flags:recompute -- --as-of 2026-11-26
 */
import { defaultDatabasePath, migrateDatabase, openDatabase } from "#db/client.server";
import { recomputeFlags, SYSTEM_ACTOR } from "~/modules/flags/recompute.server";

const args = process.argv.slice(2);
const at = args.indexOf("--as-of");
const asOf = at >= 0 ? args[at + 1] : undefined;
if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
  console.error("--as-of expects a date YYYY-MM-DD");
  process.exit(2);
}

const file = defaultDatabasePath();
const db = openDatabase(file);
migrateDatabase(db);
const r = recomputeFlags(db, SYSTEM_ACTOR, { asOf });
db.$client.close();

console.log(
  `Flags recomputed on ${file} as of ${r.asOf} in ${r.ms} ms (duplicate groups ${r.groupMs} ms of it)`,
);
const width = Math.max(...Object.keys(r.counts).map((k) => k.length));
for (const [rule, n] of Object.entries(r.counts)) console.log(`  ${rule.padEnd(width)}  ${n}`);
console.log(
  `  total active: ${Object.values(r.counts).reduce((a, b) => a + b, 0)}; created ${r.created}, reopened ${r.reopened}, reactivated ${r.reactivated}, cleared ${r.cleared}, group membership changed ${r.membershipChanged}`,
);
