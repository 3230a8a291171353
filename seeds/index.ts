/**
 * Seed everything on an empty, migrated database: reference data, demo
 * accounts, then the demo program (accounts first, so plan approvals and
 * review comments carry the coordinator's id).
 */
import type { Db } from "#db/client.server";
import { seedReference } from "./reference";
import { seedDemoAccounts, DEFAULT_DEMO_PASSWORD } from "./demo/accounts";
import { seedDemo, type PlantedManifest } from "./demo";
import { seedPublicFeedback } from "./public-feedback";
import { seedRegisters } from "./registers";

export { seedReference } from "./reference";
export { seedDemo, type PlantedManifest, type SeedDemoOptions, type SeedDemoResult } from "./demo";
export { seedDemoAccounts, DEMO_ACCOUNTS, DEFAULT_DEMO_PASSWORD } from "./demo/accounts";

export interface SeedAllOptions {
  scale: number;
  seed: number;
  password?: string;
}

export async function seedAll(
  db: Db,
  { scale, seed, password = DEFAULT_DEMO_PASSWORD }: SeedAllOptions,
): Promise<{ counts: Record<string, number>; planted: PlantedManifest; accounts: number }> {
  seedReference(db);
  const accounts = await seedDemoAccounts(db, password);
  const { counts, planted } = seedDemo(db, { scale, seed });
  seedPublicFeedback(db, { seed });
  seedRegisters(db);
  return { counts, planted, accounts };
}
