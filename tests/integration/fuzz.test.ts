/**
 * Hostile-input fuzzer (issue 9). For every action in the route manifest,
 * signed in as the planner of Ho Chi Minh City and then as a coordinator:
 * read the page's forms (field names, hidden values, intents), then post
 * fast-check-generated forms where fields keep their value or get a hostile
 * one (wrong types, huge strings, control characters, script and SQL
 * fragments, impossible dates and numbers) plus forged hidden fields carrying
 * other organisations' ids. Asserts: no 5xx; no unescaped script in the
 * rendered HTML and every inline script carries the CSP nonce; afterwards
 * `integrity_check` and `foreign_key_check` pass, every INTEGER column holds
 * integers (money is integer VND), ISO dates stay ISO, the audit chain
 * verifies, and the planner changed nothing of Lai Châu.
 *
 * Bounded for `npm test`: FUZZ_RUNS forms per action and role (default 3) and
 * a FUZZ_TIME_MS budget (default 25 s; targets left when it is spent are listed). Routes with no entry in
 * matrix-policy.ts (work in progress by others) are fuzzed too, but their
 * findings are printed, not asserted.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { attr, decodeHtml } from "./helpers/html";
import { startHarness, type DiscoveredRoute, type Harness, type Role } from "./matrix-harness";
import { POLICY } from "./matrix-policy";

const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
const BUDGET_MS = Number(process.env.FUZZ_TIME_MS ?? 25_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const NONCE = "matrixnonce";

interface PageForm {
  fields: Map<string, string>;
  intents: string[];
}

/** Field names, their current values and the intents offered by a rendered page. */
export function readForms(html: string): PageForm {
  const fields = new Map<string, string>();
  const intents = new Set<string>();
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, "name");
    if (!name) continue;
    const value = attr(tag, "value") ?? "";
    if (name === "intent") intents.add(value);
    else if (!fields.has(name)) fields.set(name, value);
  }
  for (const m of html.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attr(m[1]!, "name");
    if (!name) continue;
    const options = [...m[2]!.matchAll(/<option\b[^>]*value="([^"]*)"/g)].map((o) => decodeHtml(o[1]!));
    if (!fields.has(name)) fields.set(name, options.find((o) => o !== "") ?? "");
  }
  for (const m of html.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attr(m[1]!, "name");
    if (name && !fields.has(name)) fields.set(name, decodeHtml(m[2]!));
  }
  for (const [tag] of html.matchAll(/<button\b[^>]*>/g)) {
    if (attr(tag, "name") === "intent") intents.add(attr(tag, "value") ?? "");
  }
  return { fields, intents: [...intents] };
}

const XSS = [
  "<script>cpxss(1)</script>",
  '"><img src=x onerror=cpxss(2)>',
  "javascript:cpxss(3)",
  "</textarea><svg onload=cpxss(4)>",
];
const RAW_XSS = /<script>cpxss|<img src=x onerror=cpxss|<svg onload=cpxss/i;

function hostile(foreignIds: number[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...XSS),
    fc.constantFrom(
      "'; DROP TABLE projects; --",
      "1 OR 1=1",
      '" OR ""="',
      "1; UPDATE transactions SET amount = 0",
      "%' UNION SELECT password_hash FROM users --",
    ),
    fc.constantFrom(
      "",
      " ",
      "-1",
      "0",
      "1.5",
      "1e308",
      "-9e18",
      "9007199254740993",
      "NaN",
      "Infinity",
      "0x10",
      "1,5",
    ),
    fc.constantFrom("2026-02-30", "9999-99-99", "26/11/2026", "2026-13-01", "0000-00-00", "yesterday"),
    fc.constantFrom(
      "null",
      "undefined",
      "true",
      "[]",
      "{}",
      '{"__proto__":{"x":1}}',
      "__proto__",
      "constructor",
    ),
    fc.constantFrom(
      "\u0000",
      "a\u0000b",
      "\u202e\u0645",
      "\r\n\t",
      "\u0007\u001b[31m",
      "🏙️🚦",
      "Tỉnh Lai Châu",
    ),
    fc.constantFrom("x".repeat(100_000), "ă".repeat(20_000)),
    fc.constantFrom(...foreignIds.map(String)),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.integer({ min: -(2 ** 53), max: 2 ** 53 }).map(String),
  );
}

interface Target {
  route: DiscoveredRoute;
  path: string;
  role: Role;
  form: PageForm;
  declared: boolean;
}

interface Finding {
  target: string;
  declared: boolean;
  problem: string;
  input: Record<string, string>;
}

let h: Harness;
const targets: Target[] = [];
const findings: Finding[] = [];
let posts = 0;
const statuses = new Map<number, number>();
let laiChauBefore = "";

function laiChauSnapshot(): string {
  const c = h.db.$client;
  const org = h.ids.laiChauOrg;
  const fam = "(SELECT id FROM organisations WHERE id = @org OR parent_id = @org OR code = 'LP-12')";
  return JSON.stringify([
    c.prepare(`SELECT * FROM projects WHERE organisation_id IN ${fam} ORDER BY id`).all({ org }),
    c.prepare(`SELECT * FROM plans WHERE organisation_id IN ${fam} ORDER BY id`).all({ org }),
    c
      .prepare(
        `SELECT b.* FROM budget_lines b JOIN projects p ON p.id = b.project_id WHERE p.organisation_id IN ${fam} ORDER BY b.id`,
      )
      .all({ org }),
    c
      .prepare(
        `SELECT t.* FROM transactions t JOIN projects p ON p.id = t.project_id WHERE p.organisation_id IN ${fam} ORDER BY t.id`,
      )
      .all({ org }),
  ]);
}

beforeAll(async () => {
  h = await startHarness();
  laiChauBefore = laiChauSnapshot();
  for (const role of ["plannerOwn", "coordinator"] as const) {
    for (const route of h.routes.filter((r) => r.hasAction)) {
      const p = h.pathFor(route);
      let form: PageForm = { fields: new Map(), intents: [] };
      if (route.hasLoader || route.hasComponent) {
        const res = await h.fetch(p, { role });
        const html = await res.text();
        if (res.status === 200 && (res.headers.get("Content-Type") ?? "").includes("html"))
          form = readForms(html);
      }
      targets.push({ route, path: p, role, form, declared: route.id in POLICY });
    }
  }
}, 300_000);

afterAll(async () => {
  await h?.close();
});

async function post(t: Target, input: Record<string, string>): Promise<string | null> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) body.append(k, v);
  posts++;
  const res = await h.fetch(t.path, { method: "POST", role: t.role, body });
  const text = await res.text();
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  if (res.status >= 500) return `HTTP ${res.status}: ${text.slice(0, 300)}`;
  if (RAW_XSS.test(text)) return "unescaped script in the response";
  for (const [tag] of text.matchAll(/<script\b[^>]*>/g)) {
    if (!tag.includes(`nonce="${NONCE}"`)) return `inline script without the CSP nonce: ${tag.slice(0, 120)}`;
  }
  return null;
}

function formArbitrary(t: Target): fc.Arbitrary<Record<string, string>> {
  const foreign = [h.ids.laiChauOrg, h.ids.laiChauPlan, h.ids.laiChauProject, h.ids.laiChauLine];
  const bad = hostile(foreign);
  const fieldArbs: Record<string, fc.Arbitrary<string | undefined>> = {};
  for (const [name, value] of t.form.fields) {
    fieldArbs[name] = fc.oneof(
      { weight: 2, arbitrary: fc.constant(value) },
      { weight: 3, arbitrary: bad },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
  }
  const intent =
    t.form.intents.length > 0
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...t.form.intents) }, { weight: 1, arbitrary: bad })
      : fc.oneof(fc.constant(undefined), bad);
  const forged = fc.dictionary(
    fc.constantFrom(
      "organisationId",
      "projectId",
      "planId",
      "budgetLineId",
      "id",
      "version",
      "ownerId",
      "role",
    ),
    fc.oneof(fc.constantFrom(...foreign.map(String)), bad),
    { maxKeys: 3 },
  );
  return fc.record({ fields: fc.record(fieldArbs), intent, forged }).map(({ fields, intent, forged }) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(forged)) out[k] = v;
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
    if (intent !== undefined) out.intent = intent;
    return out;
  });
}

const shorten = (input: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(input).map(([k, v]) => [k, v.length > 60 ? `${v.slice(0, 40)}…(${v.length} chars)` : v]),
  );

describe("hostile input on every action", () => {
  it("never answers 5xx nor renders an unescaped script", async () => {
    const started = Date.now();
    // Planner targets first: the Lai Châu snapshot is compared after them.
    for (const [i, t] of targets.entries()) {
      const left = BUDGET_MS - (Date.now() - started);
      if (left <= 0) {
        console.warn(
          `fuzz: time budget spent, ${targets.length - i} of ${targets.length} targets not fuzzed`,
        );
        break;
      }
      const name = `POST ${t.path} as ${t.role}`;
      const arb = formArbitrary(t);
      if (t.declared) {
        try {
          await fc.assert(
            fc.asyncProperty(arb, async (input) => {
              const problem = await post(t, input);
              if (problem) throw new Error(problem);
            }),
            { numRuns: RUNS, seed: SEED + i, endOnFailure: true },
          );
        } catch (e) {
          const counterexample = (e as { counterexample?: [Record<string, string>] }).counterexample;
          findings.push({
            target: name,
            declared: true,
            problem:
              (e as Error).message.split("\n").find((l) => l.includes("HTTP") || l.includes("script")) ??
              (e as Error).message.slice(0, 300),
            input: counterexample ? shorten(counterexample[0]) : {},
          });
        }
      } else {
        for (const input of fc.sample(arb, { numRuns: RUNS, seed: SEED + i })) {
          const problem = await post(t, input);
          if (problem) {
            findings.push({ target: name, declared: false, problem, input: shorten(input) });
            break;
          }
        }
      }
      if (i === targets.filter((x) => x.role === "plannerOwn").length - 1) {
        expect(laiChauSnapshot(), "the planner of Ho Chi Minh City changed nothing of Lai Châu").toBe(
          laiChauBefore,
        );
      }
    }
    const fields = targets.reduce((n, t) => n + t.form.fields.size, 0);
    console.log(
      `fuzz: ${posts} hostile POSTs to ${targets.length} action × role targets (${fields} form fields read from the pages) ` +
        `in ${Date.now() - started} ms; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    const others = findings.filter((f) => !f.declared);
    if (others.length) {
      console.warn(
        `fuzz findings in undeclared (in-progress) routes:\n${others.map((f) => `  ${f.target}: ${f.problem}\n    input ${JSON.stringify(f.input)}`).join("\n")}`,
      );
    }
    expect(findings.filter((f) => f.declared)).toEqual([]);
  }, 180_000);

  it("left no invalid row: integrity, foreign keys, integer columns, ISO dates, audit chain", () => {
    const c = h.db.$client;
    expect(c.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(c.pragma("foreign_key_check")).toEqual([]);
    const tables = (
      c
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'",
        )
        .all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const bad: string[] = [];
    for (const table of tables) {
      const columns = c.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string }[];
      for (const col of columns) {
        if (col.type.toUpperCase() === "INTEGER") {
          const n = (
            c
              .prepare(
                `SELECT COUNT(*) AS n FROM "${table}" WHERE typeof("${col.name}") NOT IN ('integer', 'null')`,
              )
              .get() as {
              n: number;
            }
          ).n;
          if (n) bad.push(`${table}.${col.name}: ${n} non-integer values`);
        }
        if (col.type.toUpperCase() === "TEXT" && /(^|_)date$/.test(col.name)) {
          const n = (
            c
              .prepare(
                `SELECT COUNT(*) AS n FROM "${table}" WHERE "${col.name}" IS NOT NULL AND NOT ("${col.name}" GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND date("${col.name}") = "${col.name}")`,
              )
              .get() as { n: number }
          ).n;
          if (n) bad.push(`${table}.${col.name}: ${n} values that are not ISO dates`);
        }
      }
    }
    expect(bad).toEqual([]);
    expect(verifyAuditChain(h.db).ok).toBe(true);
  });
});
