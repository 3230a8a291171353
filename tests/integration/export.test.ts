/**
 * Table downloads (CSV and XLSX) with the page's filters, formula
 * neutralisation in both formats, and the pages' permissions.
 */
import ExcelJS from "exceljs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { parseCsv } from "~/modules/spreadsheet/read.server";
import { loader as auditCsv } from "~/routes/audit[.]csv";
import { loader as flagsXlsx } from "~/routes/flags[.]xlsx";
import { loader as orgCsv } from "~/routes/organisations[.]csv";
import { loader as orgXlsx } from "~/routes/organisations[.]xlsx";
import { loader as plansCsv } from "~/routes/plans[.]csv";
import { loader as budgetXlsx } from "~/routes/projects.$code_.budget[.]xlsx";
import { loader as milestonesCsv } from "~/routes/projects.$code_.milestones[.]csv";
import { loader as ledgerCsv } from "~/routes/projects.$code_.transactions[.]csv";
import { loader as ledgerXlsx } from "~/routes/projects.$code_.transactions[.]xlsx";
import { loader as projectsXlsx } from "~/routes/projects[.]xlsx";
import { createTestDb } from "./helpers/db";
import { buildPagesFixture, type PagesFixture } from "./helpers/pages-fixture";

let db: Db;
let cleanup: () => void;
let fx: PagesFixture;

beforeAll(() => {
  ({ db, cleanup } = createTestDb());
  fx = buildPagesFixture(db);
  setDb(db);
  // Formula-looking text in places the downloads show.
  db.$client.prepare("UPDATE projects SET title_en = '=HYPERLINK(\"http://x\")', title_vi = '+84 cuộc gọi' WHERE code = 'T-HCM-1'").run();
  db.$client.prepare("UPDATE transactions SET note = '@SUM(A1)' WHERE project_id = (SELECT id FROM projects WHERE code = 'T-HCM-1')").run();
});

afterAll(() => {
  setDb(undefined);
  cleanup();
});

type Loader = (args: LoaderFunctionArgs) => Promise<Response> | Response;

async function get(loader: Loader, path: string, cookie: string, params: Record<string, string> = {}, locale = "en") {
  try {
    return await loader({
      request: new Request(`http://localhost${path}`, { headers: { Cookie: `${cookie}; cp_lang=${locale}` } }),
      params,
      context: {},
    });
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

async function csvRows(res: Response): Promise<string[][]> {
  expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename=".+\.csv"/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark for Excel
  const text = new TextDecoder().decode(bytes);
  return parseCsv(text).filter((r) => r.length > 1 || r[0] !== "");
}

async function xlsxRows(res: Response): Promise<unknown[][]> {
  expect(res.headers.get("Content-Type")).toContain("spreadsheetml.sheet");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

describe("table downloads", () => {
  it("organisations: the page's filters, in CSV and XLSX", async () => {
    const csv = await csvRows(await get(orgCsv, "/organisations.csv?kind=province&page=2&size=10", fx.cookies.plannerHcm));
    expect(csv[0][0]).toBe("Code");
    expect(csv).toHaveLength(1 + 34); // every current province, not one page
    const xlsx = await xlsxRows(await get(orgXlsx, "/organisations.xlsx?kind=province", fx.cookies.plannerHcm));
    expect(xlsx).toHaveLength(1 + 34);
    expect(xlsx.slice(1).map((r) => r[0])).toEqual(csv.slice(1).map((r) => r[0]));
  });

  it("projects register XLSX: formula-looking titles are neutralised; money is a number", async () => {
    const rows = await xlsxRows(await get(projectsXlsx, "/projects.xlsx?col=title&col=approved&sort=code", fx.cookies.coordinator, {}, "vi"));
    const hcm = rows.find((r) => r[0] === "T-HCM-1")!;
    expect(hcm[1]).toBe("'+84 cuộc gọi");
    expect(hcm[2]).toBe(7_500_000_000);
  });

  it("a project's ledger: CSV and XLSX neutralise notes; same rows", async () => {
    const csv = await csvRows(await get(ledgerCsv, "/projects/T-HCM-1/transactions.csv", fx.cookies.plannerHcm, { code: "T-HCM-1" }));
    expect(csv.slice(1).some((r) => r.includes("'@SUM(A1)"))).toBe(true);
    const xlsx = await xlsxRows(await get(ledgerXlsx, "/projects/T-HCM-1/transactions.xlsx", fx.cookies.plannerHcm, { code: "T-HCM-1" }));
    expect(xlsx.length).toBe(csv.length);
    expect(xlsx.slice(1).some((r) => r.includes("'@SUM(A1)"))).toBe(true);
    expect(xlsx[1][0]).toBeInstanceOf(Date);
  });

  it("budget lines, milestones, plans, flags and the audit log download", async () => {
    const budget = await xlsxRows(await get(budgetXlsx, "/projects/T-HCM-1/budget.xlsx", fx.cookies.plannerHcm, { code: "T-HCM-1" }));
    expect(budget.length).toBe(3);
    const ms = await csvRows(await get(milestonesCsv, "/projects/T-HCM-1/milestones.csv", fx.cookies.plannerHcm, { code: "T-HCM-1" }));
    expect(ms.length).toBeGreaterThanOrEqual(1);
    const plans = await csvRows(await get(plansCsv, "/plans.csv?status=draft", fx.cookies.coordinator));
    expect(plans.slice(1).map((r) => r[0]).sort()).toEqual(["PL-HCM-2025", "PL-LCU-2026"]);
    const flags = await xlsxRows(await get(flagsXlsx, "/flags.xlsx", fx.cookies.coordinator));
    expect(flags[0].length).toBe(7);
    const audit = await csvRows(await get(auditCsv, "/audit.csv", fx.cookies.auditor));
    expect(audit.length).toBeGreaterThan(1);
  });

  it("downloads keep the pages' permissions", async () => {
    expect((await get(ledgerCsv, "/projects/T-HCM-1/transactions.csv", fx.cookies.plannerLaiChau, { code: "T-HCM-1" })).status).toBe(403);
    expect((await get(budgetXlsx, "/projects/T-HCM-1/budget.xlsx", fx.cookies.plannerLaiChau, { code: "T-HCM-1" })).status).toBe(403);
    expect((await get(milestonesCsv, "/projects/T-HCM-1/milestones.csv", fx.cookies.plannerLaiChau, { code: "T-HCM-1" })).status).toBe(403);
    expect((await get(auditCsv, "/audit.csv", fx.cookies.plannerHcm)).status).toBe(403);
    // A planner's plan list holds only their own organisation's plans.
    const plans = await csvRows(await get(plansCsv, "/plans.csv", fx.cookies.plannerLaiChau));
    expect(plans.slice(1).map((r) => r[0])).toEqual(["PL-LCU-2026"]);
    const anonymous = await get(orgCsv, "/organisations.csv", "");
    expect(anonymous.status).toBe(302);
  });
});
