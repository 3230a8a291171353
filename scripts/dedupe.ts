/**
 * npm run --silent dedupe -- --input FILE.jsonl [--explain]
 *
 * Reads one proposal per line:
 *   {"id","title","description","province","city"?,"domain"?,"components"?:[...]}
 * and writes to stdout only result lines (see docs/dedupe.md):
 *   {"a":ID,"b":ID,"kind":"same_project"|"same_solution","score":0..1}
 *   {"cluster":[ID,...],"kind":"same_solution"}
 * Progress and errors go to stderr; a malformed line is reported with its
 * line number and skipped. Exit code 0 unless the input file cannot be read.
 */
import fs from "node:fs";
import { detectDuplicates, type Proposal } from "~/modules/dedupe";

function parseArgs(argv: string[]): { input: string | null; explain: boolean } {
  let input: string | null = null;
  let explain = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--input") input = argv[++i] ?? null;
    else if (a.startsWith("--input=")) input = a.slice("--input=".length);
    else if (a === "--explain") explain = true;
    else if (a === "-") input = "-";
  }
  return { input, explain };
}

/** A proposal from one parsed JSON value, or the reason it is not one. */
export function toProposal(value: unknown): Proposal | string {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "not a JSON object";
  const o = value as Record<string, unknown>;
  if (!(typeof o.id === "string" && o.id !== "") && !(typeof o.id === "number" && Number.isFinite(o.id))) {
    return '"id" must be a non-empty string or a number';
  }
  if (typeof o.title !== "string" || o.title.trim() === "") return '"title" must be a non-empty string';
  for (const k of ["description", "province", "city", "domain"] as const) {
    if (o[k] !== undefined && o[k] !== null && typeof o[k] !== "string") return `"${k}" must be a string`;
  }
  if (o.components !== undefined && o.components !== null) {
    if (!Array.isArray(o.components) || o.components.some((c) => typeof c !== "string")) {
      return '"components" must be an array of strings';
    }
  }
  return {
    id: o.id as string | number,
    title: o.title,
    description: (o.description as string | undefined) ?? "",
    province: (o.province as string | undefined) ?? "",
    city: (o.city as string | undefined) ?? null,
    domain: (o.domain as string | undefined) ?? null,
    components: (o.components as string[] | undefined) ?? [],
  };
}

function main(): number {
  const { input, explain } = parseArgs(process.argv.slice(2));
  if (!input) {
    process.stderr.write("usage: npm run --silent dedupe -- --input FILE.jsonl [--explain]\n");
    return 0;
  }
  let text: string;
  try {
    text = fs.readFileSync(input === "-" ? 0 : input, "utf8");
  } catch (e) {
    process.stderr.write(`dedupe: cannot read ${input}: ${(e as Error).message}\n`);
    return 0;
  }
  const proposals: Proposal[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, idx) => {
    const n = idx + 1;
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      skipped++;
      process.stderr.write(`dedupe: line ${n}: invalid JSON (${(e as Error).message}), skipped\n`);
      return;
    }
    const p = toProposal(value);
    if (typeof p === "string") {
      skipped++;
      process.stderr.write(`dedupe: line ${n}: ${p}, skipped\n`);
      return;
    }
    const key = `${typeof p.id}:${p.id}`;
    if (seen.has(key)) {
      skipped++;
      process.stderr.write(`dedupe: line ${n}: duplicate id ${JSON.stringify(p.id)}, skipped\n`);
      return;
    }
    seen.add(key);
    proposals.push(p);
  });
  process.stderr.write(`dedupe: ${proposals.length} proposals read, ${skipped} lines skipped\n`);
  const started = performance.now();
  const { pairs, clusters } = detectDuplicates(proposals, { explain });
  // Written in chunks as they are built (stdout to a file or pipe is
  // synchronous on Linux): millions of pairs do not fit in one string.
  let out: string[] = [];
  const flush = () => {
    if (out.length > 0) process.stdout.write(out.join("\n") + "\n");
    out = [];
  };
  for (const p of pairs) {
    if (out.length >= 20_000) flush();
    out.push(
      JSON.stringify(
        explain
          ? { a: p.a, b: p.b, kind: p.kind, score: p.score, explanation: p.explanation }
          : { a: p.a, b: p.b, kind: p.kind, score: p.score },
      ),
    );
  }
  for (const c of clusters) out.push(JSON.stringify({ cluster: c.members, kind: c.kind }));
  flush();
  const projects = pairs.filter((p) => p.kind === "same_project").length;
  process.stderr.write(
    `dedupe: ${projects} same_project pairs, ${pairs.length - projects} same_solution pairs, ` +
      `${clusters.length} clusters in ${Math.round(performance.now() - started)} ms\n`,
  );
  return 0;
}

process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
});

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`dedupe: unexpected error: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 0;
}
