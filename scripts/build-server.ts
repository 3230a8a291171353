/**
 * `npm run build`, after `remix vite:build`: bundle the Node entry points so
 * production runs them with plain node, no TypeScript compiler at run time
 * (ADR 0013). Into the build directory (CITYPILOT_BUILD_DIR, default build/):
 *   server-entry.mjs  server/index.ts (migrates, seeds an empty database, serves)
 *   prepare-db.mjs    scripts/prepare-db.ts (migrate/seed without serving)
 *   server-chunks/    code both share or load on demand (the seed of an empty database)
 * npm packages stay external (resolved from node_modules at run time).
 */
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const outdir = process.env.CITYPILOT_BUILD_DIR ?? "build";
const started = performance.now();
// Chunk names carry a content hash: drop the previous build's.
fs.rmSync(path.join(outdir, "server-chunks"), { recursive: true, force: true });
const result = await build({
  entryPoints: { "server-entry": "server/index.ts", "prepare-db": "scripts/prepare-db.ts" },
  outdir,
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outExtension: { ".js": ".mjs" },
  chunkNames: "server-chunks/[name]-[hash]",
  metafile: true,
  logLevel: "warning",
});
const outputs = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith(".mjs"))
  .map(([file, out]) => `${path.relative(outdir, file)} ${(out.bytes / 1024).toFixed(0)} kB`);
console.log(
  `Bundled the server entry into ${outdir}/ in ${(performance.now() - started).toFixed(0)} ms: ${outputs.join(", ")}`,
);
