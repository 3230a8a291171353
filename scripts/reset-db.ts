/**
 * npm run db:reset [-- --scale N --seed S]: delete DATABASE_PATH and seed it
 * again from scratch (same flags as db:seed).
 */
import { spawnSync } from "node:child_process";

const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "seeds/cli.ts", "--reset", ...process.argv.slice(2)],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
