/**
 * The dedupe command-line contract: `npm run --silent dedupe -- --input FILE.jsonl`
 * writes only result lines on stdout, reports malformed lines on stderr with
 * their line number, skips them and exits 0.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { compareIds } from "~/modules/dedupe";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dedupe-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const LINES = [
  JSON.stringify({
    id: "hcm-ioc",
    title: "Trung tâm giám sát, điều hành đô thị thông minh TP.HCM",
    description: "Giám sát tập trung giao thông, an ninh, phản ánh của người dân.",
    province: "Hồ Chí Minh",
    components: ["ioc", "dashboard"],
  }),
  "{not json",
  JSON.stringify({
    id: "bd-ioc",
    title: "IOC tỉnh Bình Dương",
    description: "Trung tâm điều hành thông minh",
    province: "binh duong",
  }),
  "",
  JSON.stringify({ id: "no-title", description: "x", province: "Hà Nội" }),
  JSON.stringify([1, 2, 3]),
  JSON.stringify({
    id: 7,
    title: "Intelligent operations centre for Hanoi",
    description: "",
    province: "Hanoi",
  }),
  JSON.stringify({ id: "bad-comp", title: "Camera", province: "Huế", components: "camera" }),
  JSON.stringify({
    id: "hn-lighting",
    title: "Chiếu sáng công cộng thông minh Hà Nội",
    description: "Đèn LED điều khiển từ xa",
    province: "Hà Nội",
  }),
];

function run(args: string[], viaNpm = false) {
  const file = path.join(dir, "input.jsonl");
  fs.writeFileSync(file, LINES.join("\n") + "\n");
  const res = viaNpm
    ? spawnSync("npm", ["run", "--silent", "dedupe", "--", "--input", file, ...args], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 60_000,
      })
    : spawnSync(process.execPath, [TSX, "scripts/dedupe.ts", "--input", file, ...args], {
        cwd: ROOT,
        encoding: "utf8",
        timeout: 60_000,
      });
  return res;
}

describe("npm run dedupe", () => {
  it("writes only result lines, reports malformed lines by number and exits 0", () => {
    const res = run([], true);
    expect(res.status).toBe(0);
    const out = res.stdout.split("\n").filter(Boolean);
    const parsed = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const o of parsed) {
      if ("cluster" in o) {
        expect(Object.keys(o).sort()).toEqual(["cluster", "kind"]);
        expect(o.kind).toBe("same_solution");
      } else {
        expect(Object.keys(o).sort()).toEqual(["a", "b", "kind", "score"]);
        expect(["same_project", "same_solution"]).toContain(o.kind);
        expect(o.score).toBeGreaterThanOrEqual(0);
        expect(o.score).toBeLessThanOrEqual(1);
        expect(compareIds(o.a as string | number, o.b as string | number)).toBeLessThan(0);
      }
    }
    expect(parsed).toContainEqual(
      expect.objectContaining({ a: "bd-ioc", b: "hcm-ioc", kind: "same_project" }),
    );
    expect(parsed).toContainEqual(expect.objectContaining({ a: 7, b: "bd-ioc", kind: "same_solution" }));
    expect(parsed).toContainEqual({ cluster: [7, "bd-ioc", "hcm-ioc"], kind: "same_solution" });
    expect(parsed.some((o) => o.a === "hn-lighting" || o.b === "hn-lighting")).toBe(false);
    expect(res.stderr).toMatch(/line 2: invalid JSON/);
    expect(res.stderr).toMatch(/line 5: "title"/);
    expect(res.stderr).toMatch(/line 6: not a JSON object/);
    expect(res.stderr).toMatch(/line 8: "components"/);
    expect(res.stderr).toMatch(/4 proposals read, 4 lines skipped/);
  });

  it("adds explanations with --explain", () => {
    const res = run(["--explain"]);
    expect(res.status).toBe(0);
    const first = JSON.parse(res.stdout.split("\n")[0]) as { explanation: { sharedTerms: string[] } };
    expect(first.explanation.sharedTerms).toContain("#ioc");
  });

  it("exits 0 with a message when the file is missing", () => {
    const res = spawnSync(
      process.execPath,
      [TSX, "scripts/dedupe.ts", "--input", path.join(dir, "nope.jsonl")],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    expect(res.status).toBe(0);
    expect(res.stdout).toBe("");
    expect(res.stderr).toMatch(/cannot read/);
  });
});
