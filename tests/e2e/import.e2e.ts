/**
 * Plan import from Excel as a planner does it, in Chromium with the demo
 * accounts: create a draft plan, download the template from the import page,
 * fill it in with one mistake (an unknown province), upload it and read the
 * report (sheet, row, column), fix the file, upload it again, see the
 * preview and confirm; the project is then in the plan. Plus axe-core on the
 * import page with a report on it.
 */
import ExcelJS from "exceljs";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect } from "vitest";
import type { Page } from "playwright-core";
import { translator } from "~/i18n/i18n";
import { DEMO_ACCOUNTS, expectNoSeriousA11yViolations, login, test } from "./support";

const vi = translator("vi");
const STAMP = Date.now().toString(36).toUpperCase();
const PLAN_CODE = `E2E-IMP-${STAMP}`;
const PROJECT_CODE = `HCM-2029-9${String(Date.now() % 100_000).padStart(5, "0")}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "citypilot-e2e-import-"));
let importPath = "";

async function fillTemplate(templateFile: string, province: string, out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(templateFile);
  const projects = wb.getWorksheet(vi("imports.sheet.projects"))!;
  projects.getRow(2).values = [
    PROJECT_CODE,
    "Hệ thống đèn giao thông thông minh (nhập từ Excel)",
    "Smart traffic lights (imported)",
    "Điều khiển đèn tín hiệu theo lưu lượng thực tế tại 120 nút giao.",
    null,
    vi("projects.domain.transport"),
    "DA950.1.1",
    province,
    vi("projects.hosting.government_cloud"),
    vi("projects.operator.government_agency"),
    null,
    vi("imports.value.no"),
    null,
    "traffic-lights, camera",
    new Date(Date.UTC(2029, 0, 1)),
    new Date(Date.UTC(2030, 11, 31)),
  ];
  const budget = wb.getWorksheet(vi("imports.sheet.budget"))!;
  budget.getRow(2).values = [PROJECT_CODE, 2029, vi("budget.source.local_budget"), vi("budget.category.hardware"), "12,5 tỷ"];
  const milestones = wb.getWorksheet(vi("imports.sheet.milestones"))!;
  milestones.getRow(2).values = [PROJECT_CODE, "Lắp đặt 120 nút giao", null, new Date(Date.UTC(2029, 8, 30)), null, 2, null];
  await wb.xlsx.writeFile(out);
}

async function upload(page: Page, file: string, expected: "import-invalid" | "import-preview"): Promise<void> {
  await page.locator("#import-file").setInputFiles(file);
  await Promise.all([
    page.waitForURL((url) => url.pathname === importPath && url.searchParams.has("upload")),
    page.locator("main form.import-upload button[type='submit']").click(),
  ]);
  await page.getByTestId(expected).waitFor();
}

describe("plan import from Excel", () => {
  test("a planner downloads the template, uploads a file with one error, fixes it and imports", async ({ page }) => {
    await login(page, DEMO_ACCOUNTS["planner.hcm"]);
    // A fresh draft plan of Hồ Chí Minh City.
    await page.goto("/plans/new");
    const form = page.locator("main form#plan-new");
    await form.locator('input[name="code"]').fill(PLAN_CODE);
    await form.locator('input[name="titleVi"]').fill("Kế hoạch nhập từ Excel");
    await form.locator('textarea[name="summaryVi"]').fill("Kế hoạch thử nhập dự án từ tệp Excel.");
    await form.locator('input[name="periodStart"]').fill("2029");
    await form.locator('input[name="periodEnd"]').fill("2030");
    await Promise.all([
      page.waitForURL((url) => /^\/plans\/\d+$/.test(url.pathname) && url.searchParams.get("done") === "created"),
      form.locator('button[type="submit"]').click(),
    ]);
    const planPath = new URL(page.url()).pathname;
    importPath = `${planPath}/import`;

    await page.goto(importPath);
    await expect(page.locator("main h1").innerText()).resolves.toBe(vi("imports.page.title", { code: PLAN_CODE }));
    expect(await page.locator("main label[for='import-file']").innerText()).toContain("10 MB");

    // The template, from the page's link.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("main a", { hasText: vi("imports.page.template") }).click(),
    ]);
    const template = path.join(dir, "template.xlsx");
    await download.saveAs(template);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    // One mistake: a province that does not exist.
    const wrong = path.join(dir, "plan-wrong.xlsx");
    await fillTemplate(template, "Tỉnh Không Tồn Tại", wrong);
    await upload(page, wrong, "import-invalid");
    const report = await page.getByTestId("import-invalid").innerText();
    expect(report).toContain(vi("imports.page.invalidTitle", { n: 1 }));
    expect(report).toContain(
      vi("imports.where.cell", { sheet: vi("imports.sheet.projects"), row: 2, column: vi("imports.col.projects.province"), cell: "H2" }),
    );
    expect(report).toContain(vi("imports.issue.unknownProvince", { value: "Tỉnh Không Tồn Tại" }));
    await expectNoSeriousA11yViolations(page, "import report");

    // Fixed: a province named as it was before the 2025 merger.
    const fixed = path.join(dir, "plan-fixed.xlsx");
    await fillTemplate(template, "Bình Dương", fixed);
    await upload(page, fixed, "import-preview");
    expect(await page.getByTestId("import-preview").innerText()).toContain(vi("imports.page.previewLead", { n: 3 }));
    await Promise.all([
      page.waitForURL((url) => url.pathname === importPath && url.searchParams.has("upload")),
      page.locator("main [data-testid='import-preview'] button[type='submit']").click(),
    ]);
    await page.getByTestId("import-done").waitFor();
    expect(await page.getByTestId("import-done").innerText()).toContain(
      vi("imports.page.done", { n: 3, created: 1, updated: 0 }),
    );

    // The project is in the plan, with its budget line.
    await page.goto(`/projects/${PROJECT_CODE}`);
    const main = await page.locator("main").innerText();
    expect(main).toContain("Hệ thống đèn giao thông thông minh (nhập từ Excel)");
    expect(main).toContain(PLAN_CODE);

    // Importing the same file again changes nothing.
    await page.goto(importPath);
    await upload(page, fixed, "import-preview");
    expect(await page.getByTestId("import-preview").innerText()).toContain(vi("imports.page.noChanges"));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
