/**
 * Export → import is a no-op on the demo data (legacy provinces, cities,
 * several strategy nodes, cooperators, citizen apps, planned quarters,
 * milestones done and open): every plan exported in the template layout
 * validates and would change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client.server";
import { seedAll } from "#seeds/index";
import { analyseImport, loadImportPlan } from "~/modules/spreadsheet/import.server";
import { readUpload } from "~/modules/spreadsheet/read.server";
import { planWorkbook } from "~/modules/spreadsheet/workbook.server";
import { createTestDb } from "./helpers/db";

let db: Db;
let cleanup: () => void;

beforeAll(async () => {
  ({ db, cleanup } = createTestDb());
  await seedAll(db, { scale: 0.1, seed: 7 });
}, 120_000);

afterAll(() => cleanup());

describe("plan export → import on demo data", () => {
  it("every plan's workbook validates and changes nothing", async () => {
    const plans = db.$client
      .prepare("SELECT p.id FROM plans p WHERE EXISTS (SELECT 1 FROM projects WHERE plan_id = p.id) ORDER BY p.id LIMIT 12")
      .all() as { id: number }[];
    expect(plans.length).toBeGreaterThan(2);
    let projects = 0;
    for (const { id } of plans) {
      const plan = loadImportPlan(db, id)!;
      const bytes = await planWorkbook(db, id % 2 ? "vi" : "en", id);
      const { sheets } = await readUpload(bytes, "plan.xlsx");
      const a = analyseImport(db, plan, sheets);
      expect(a.issues, `plan ${plan.code}`).toEqual([]);
      expect(a.changeCount, `plan ${plan.code}: ${JSON.stringify(a.sheets)}`).toBe(0);
      projects += a.sheets.find((s) => s.sheet === "projects")?.rows ?? 0;
    }
    expect(projects).toBeGreaterThan(5);
  }, 120_000);
});
