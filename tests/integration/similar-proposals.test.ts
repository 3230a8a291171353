/**
 * loadProposals on a seeded demo database: every non-cancelled project as a
 * dedupe proposal, placed in its current province; the planted double
 * submissions are found by the dedupe module on that input.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAll, type PlantedManifest } from "#seeds/index";
import { detectDuplicates } from "~/modules/dedupe";
import { loadProposals, type ProjectProposal } from "~/modules/dedupe/proposals.server";
import { createTestDb, type TestDb } from "./helpers/db";

let t: TestDb;
let planted: PlantedManifest;
let proposals: ProjectProposal[];
const byCode = (code: string) => {
  const p = proposals.find((x) => x.code === code);
  if (!p) throw new Error(`no proposal ${code}`);
  return p;
};

beforeAll(async () => {
  t = createTestDb();
  ({ planted } = await seedAll(t.db, { scale: 0.1, seed: 42 }));
  proposals = loadProposals(t.db);
}, 120_000);
afterAll(() => t?.cleanup());

describe("loadProposals", () => {
  it("returns every non-cancelled project once, with code, organisation, phase and approved budget", () => {
    const counts = t.db.$client
      .prepare("SELECT COUNT(*) AS n, SUM(phase = 'cancelled') AS c FROM projects")
      .get() as { n: number; c: number };
    expect(proposals.length).toBe(counts.n - counts.c);
    expect(proposals.some((p) => p.phase === "cancelled")).toBe(false);
    const p = proposals[0];
    expect(p.id).toBe(p.projectId);
    expect(typeof p.code).toBe("string");
    expect(p.organisationId).toBeGreaterThan(0);
    expect(Array.isArray(p.components)).toBe(true);
    const approved = t.db.$client
      .prepare("SELECT COALESCE(SUM(approved_amount), 0) AS a FROM budget_lines WHERE project_id = ?")
      .get(p.projectId) as { a: number };
    expect(p.approved).toBe(approved.a);
  });

  it("leaves out the excluded project", () => {
    const first = proposals[0];
    const rest = loadProposals(t.db, { excludeProjectId: first.projectId });
    expect(rest.length).toBe(proposals.length - 1);
    expect(rest.some((p) => p.projectId === first.projectId)).toBe(false);
  });

  it("places a legacy-province project in its successor, and a ministry project in its province", () => {
    const legacy = planted.doubleSubmissions.find((d) => d.kind === "legacy_copy")!;
    const [a, b] = legacy.codes.map(byCode);
    expect(a.province).toBe("P-HCM");
    expect(b.province).toBe("P-HCM");
    expect(b.provinceName).toBe(a.provinceName);
    expect(a.city).toBe("C-TDM");
    const ministry = planted.doubleSubmissions.find((d) => d.kind === "ministry_and_province")!;
    const [ma, mb] = ministry.codes.map(byCode);
    expect(ma.province).toBe("P-HUE");
    expect(mb.province).toBe("P-HUE");
    const city = planted.doubleSubmissions.find((d) => d.kind === "province_and_city")!;
    expect(city.codes.map(byCode).map((p) => p.province)).toEqual(["P-KHA", "P-KHA"]);
  });

  it("feeds the dedupe module: every planted double submission is a same_project pair", () => {
    const { pairs } = detectDuplicates(proposals);
    const found = new Set(
      pairs.filter((p) => p.kind === "same_project").map((p) => `${p.a}-${p.b}`),
    );
    for (const d of planted.doubleSubmissions) {
      const [x, y] = d.codes.map((c) => byCode(c).projectId).sort((m, n) => m - n);
      expect(found.has(`${x}-${y}`), `${d.kind} ${d.codes.join(" / ")}`).toBe(true);
    }
  });
});
