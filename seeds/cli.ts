/**
 * npm run db:seed -- --scale N --seed S [--reset]
 *
 * Seeds DATABASE_PATH (default data/citypilot.sqlite): migrations, reference
 * data, demo accounts (password DEMO_PASSWORD or "citypilot-demo") and the
 * demo program. Refuses a database that already has projects unless --reset,
 * which deletes the database file first.
 */
import fs from "node:fs";
import { defaultDatabasePath, migrateDatabase, openDatabase } from "#db/client.server";
import { seedAll } from "./index";

function parseArgs(argv: string[]): { scale: number; seed: number; reset: boolean } {
  const out = { scale: 1, seed: 42, reset: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes("=") ? a.split("=", 2) : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--scale") out.scale = Number(value());
    else if (flag === "--seed") out.seed = Number(value());
    else if (flag === "--reset") out.reset = true;
    else if (flag === "--help" || flag === "-h") {
      console.log("Usage: npm run db:seed -- [--scale N] [--seed S] [--reset]");
      process.exit(0);
    } else {
      console.error(`Unknown argument: ${a}`);
      process.exit(2);
    }
  }
  if (!(out.scale > 0)) throw new Error("--scale must be a positive number");
  if (!Number.isInteger(out.seed)) throw new Error("--seed must be an integer");
  return out;
}

// Output piped into `head` and closed early is not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code !== "EPIPE") throw err;
});

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const file = defaultDatabasePath();
  if (args.reset) {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
  const started = performance.now();
  const db = openDatabase(file);
  try {
    migrateDatabase(db);
    const has = db.$client.prepare("SELECT COUNT(*) AS n FROM projects").get() as { n: number };
    if (has.n > 0) {
      console.error(`${file} already has ${has.n} projects. Use --reset to delete it and seed again.`);
      process.exitCode = 1;
      return;
    }
    const { counts, accounts } = await seedAll(db, {
      scale: args.scale,
      seed: args.seed,
      password: process.env.DEMO_PASSWORD || undefined,
    });
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const seconds = (performance.now() - started) / 1000;
    console.log(`Seeded ${file} (scale ${args.scale}, seed ${args.seed}) in ${seconds.toFixed(1)} s`);
    console.log(`  accounts created: ${accounts}`);
    for (const [k, v] of Object.entries(counts))
      console.log(`  ${k.padEnd(22)} ${v.toLocaleString("en-US")}`);
  } finally {
    db.$client.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
