/**
 * `npm run serve`: start the bundled production server (<build>/server-entry.mjs,
 * made by `npm run build`) with plain node, in this process. Plain JavaScript
 * so no TypeScript compiler is needed at run time (ADR 0013); it only finds the
 * build directory (CITYPILOT_BUILD_DIR, default build/).
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const entry = path.resolve(process.env.CITYPILOT_BUILD_DIR ?? "build", "server-entry.mjs");
if (!fs.existsSync(entry)) {
  console.error(`No server build at ${entry}: run \`npm run build\` first (or \`npm start\`).`);
  process.exit(1);
}
await import(pathToFileURL(entry).href);
