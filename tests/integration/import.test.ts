/**
 * Plan import from Excel/CSV on a real SQLite file: the route's upload →
 * preview → confirm, round trips (export → import changes nothing), a table
 * of malformed files each refused with its message and nothing written, and
 * permissions.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { loadImportPlan } from "~/modules/spreadsheet/import.server";
import { readUpload } from "~/modules/spreadsheet/read.server";
import { checkUpload } from "~/modules/spreadsheet/service.server";
import type { UploadReport } from "~/modules/spreadsheet/uploads.server";
import { planWorkbook } from "~/modules/spreadsheet/workbook.server";
import { action, loader } from "~/routes/plans.$id_.import";
import { loader as exportLoader } from "~/routes/plans.$id_.export[.]xlsx";
import { loader as templateLoader } from "~/routes/templates.plan[.]xlsx";
import { createTestDb } from "./helpers/db";
import { buildPagesFixture, type PagesFixture } from "./helpers/pages-fixture";
import { budgetRow, buildCsv, buildWorkbook, milestoneRow, plannedRow, projectRow } from "./import-support";

let db: Db;
let cleanup: () => void;
let fx: PagesFixture;
let uploadDir: string;
let planId: number;
let lockedPlanId: number;

const planIdOf = (code: string) =>
  (db.$client.prepare("SELECT id FROM plans WHERE code = ?").get(code) as { id: number }).id;
const count = (table: string) => (db.$client.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const state = () => ({
  projects: count("projects"),
  lines: count("budget_lines"),
  planned: count("planned_disbursements"),
  milestones: count("milestones"),
  audit: count("audit_events"),
  revisions: count("budget_revisions"),
});

beforeAll(() => {
  ({ db, cleanup } = createTestDb());
  fx = buildPagesFixture(db);
  setDb(db);
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "citypilot-upload-test-"));
  process.env.CITYPILOT_UPLOAD_DIR = uploadDir;
  planId = planIdOf("PL-HCM-2025");
  lockedPlanId = planIdOf("PL-HCM-2026");
});

afterAll(() => {
  setDb(undefined);
  cleanup();
  fs.rmSync(uploadDir, { recursive: true, force: true });
  delete process.env.CITYPILOT_UPLOAD_DIR;
});

async function call<T>(fn: () => Promise<T>): Promise<{ data?: T; response?: Response }> {
  try {
    const data = await fn();
    return data instanceof Response ? { response: data } : { data };
  } catch (e) {
    if (e instanceof Response) return { response: e };
    throw e;
  }
}

/** POST the file as the browser form does; follow the redirect to the report. */
async function upload(bytes: Uint8Array, fileName: string, cookie: string, id = planId) {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], fileName));
  const request = new Request(`http://localhost/plans/${id}/import`, {
    method: "POST",
    body: form,
    headers: { Cookie: cookie },
  });
  const res = await call(() => action({ request, params: { id: String(id) }, context: {} }));
  if (!res.response || res.response.status !== 302) return { status: res.response?.status ?? 200, report: null, token: null };
  const location = res.response.headers.get("Location")!;
  const page = await call(() =>
    loader({ request: new Request(`http://localhost${location}`, { headers: { Cookie: cookie } }), params: { id: String(id) }, context: {} }),
  );
  const d = page.data as Awaited<ReturnType<typeof loader>>;
  return { status: 302, report: d.upload?.report ?? null, token: d.upload?.token ?? null };
}

async function confirm(token: string, cookie: string, id = planId) {
  const request = new Request(`http://localhost/plans/${id}/import`, {
    method: "POST",
    body: new URLSearchParams({ intent: "confirm", token }),
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
  });
  return call(() => action({ request, params: { id: String(id) }, context: {} }));
}

async function importFile(bytes: Uint8Array, fileName = "plan.xlsx"): Promise<UploadReport> {
  const up = await upload(bytes, fileName, fx.cookies.plannerHcm);
  expect(up.report?.state, JSON.stringify(up.report)).toBe("preview");
  const res = await confirm(up.token!, fx.cookies.plannerHcm);
  expect(res.response?.status).toBe(302);
  const page = await call(() =>
    loader({
      request: new Request(`http://localhost${res.response!.headers.get("Location")}`, { headers: { Cookie: fx.cookies.plannerHcm } }),
      params: { id: String(planId) },
      context: {},
    }),
  );
  return (page.data as Awaited<ReturnType<typeof loader>>).upload!.report;
}

const baseFile = () =>
  buildWorkbook({
    projects: [
      projectRow("HCM", 1),
      projectRow("HCM", 2, {
        province: "Bình Dương",
        startDate: "01/02/2026",
        operatorType: "Nhà thầu tư nhân",
        operatorName: "Công ty ABC",
        handlesPersonalData: "Có",
        personalDataCategories: "Hình ảnh camera; Vị trí",
      }),
      projectRow("HCM", 3, { titleVi: "=HYPERLINK(\"http://evil\",\"bấm\")", descriptionVi: "- gạch đầu dòng", province: null }),
    ],
    budget: [
      budgetRow("HCM-2026-001"),
      budgetRow("HCM-2026-002", { approvedAmount: "12,5 tỷ", category: "An toàn thông tin" }),
      budgetRow("HCM-2026-003", { fiscalYear: 2027, fundingSource: "ODA grant", category: "training", approvedAmount: "850 triệu" }),
    ],
    disbursements: [plannedRow("HCM-2026-001", 1, 1_000_000_000), plannedRow("HCM-2026-001", 2, "2 tỷ")],
    milestones: [milestoneRow("HCM-2026-001", 1), milestoneRow("HCM-2026-001", 2, { weight: 3 }), milestoneRow("HCM-2026-002", 3)],
  });

describe("plan import (upload → preview → confirm)", () => {
  it("imports a valid workbook in one go, with audit events", async () => {
    const before = state();
    const report = await importFile(await baseFile());
    expect(report.state).toBe("done");
    const after = state();
    expect(after.projects - before.projects).toBe(3);
    expect(after.lines - before.lines).toBe(3);
    expect(after.planned - before.planned).toBe(2);
    expect(after.milestones - before.milestones).toBe(3);
    // 3 projects + 3 lines + 1 plan + 3 milestones + the import record.
    expect(after.audit - before.audit).toBe(11);
    const p2 = db.$client
      .prepare(
        `SELECT p.*, o.code AS provinceCode FROM projects p JOIN organisations o ON o.id = p.province_id WHERE p.code = 'HCM-2026-002'`,
      )
      .get() as Record<string, unknown>;
    // Bình Dương merged into Hồ Chí Minh City on 1 July 2025.
    expect(p2.provinceCode).toBe("P-HCM");
    expect(p2.start_date).toBe("2026-02-01");
    expect(p2.plan_id).toBe(planId);
    expect(JSON.parse(p2.personal_data_categories as string)).toEqual(["location", "camera_images"]);
    const line = db.$client
      .prepare(
        "SELECT approved_amount AS a FROM budget_lines bl JOIN projects p ON p.id = bl.project_id WHERE p.code = 'HCM-2026-002'",
      )
      .get() as { a: number };
    expect(line.a).toBe(12_500_000_000);
    const p3 = db.$client.prepare("SELECT title_vi AS t FROM projects WHERE code = 'HCM-2026-003'").get() as { t: string };
    expect(p3.t).toBe('=HYPERLINK("http://evil","bấm")');
    const last = db.$client.prepare("SELECT action, entity_type AS e FROM audit_events ORDER BY id DESC LIMIT 1").get();
    expect(last).toEqual({ action: "plan.import", e: "plan" });
    // The bulk audit writer keeps the hash chain intact.
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("re-importing the same file updates by code: nothing duplicated, nothing changed but the import record", async () => {
    const before = state();
    const report = await importFile(await baseFile());
    expect(report.state === "done" && report.changeCount).toBe(0);
    const after = state();
    expect({ ...after, audit: after.audit - 1 }).toEqual(before);
  });

  it("plan export → import changes nothing (same rows, only the import record)", async () => {
    const rowsOf = () =>
      JSON.stringify([
        db.$client.prepare("SELECT * FROM projects WHERE plan_id = ? ORDER BY id").all(planId),
        db.$client.prepare("SELECT bl.* FROM budget_lines bl JOIN projects p ON p.id = bl.project_id WHERE p.plan_id = ? ORDER BY bl.id").all(planId),
        db.$client.prepare("SELECT pd.* FROM planned_disbursements pd JOIN projects p ON p.id = pd.project_id WHERE p.plan_id = ? ORDER BY pd.id").all(planId),
        db.$client.prepare("SELECT m.* FROM milestones m JOIN projects p ON p.id = m.project_id WHERE p.plan_id = ? ORDER BY m.id").all(planId),
      ]);
    for (const lang of ["vi", "en"] as const) {
      const res = await call(() =>
        exportLoader({
          request: new Request(`http://localhost/plans/${planId}/export.xlsx?lang=${lang}`, { headers: { Cookie: fx.cookies.plannerHcm } }),
          params: { id: String(planId) },
          context: {},
        }),
      );
      expect(res.response!.headers.get("Content-Type")).toContain("spreadsheetml");
      const bytes = new Uint8Array(await res.response!.arrayBuffer());
      // The formula-looking title is neutralised in the file…
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(lang === "vi" ? "Dự án" : "Projects")!;
      const titles = ws.getColumn(2).values.filter((v) => typeof v === "string") as string[];
      expect(titles).toContain("'=HYPERLINK(\"http://evil\",\"bấm\")");
      expect(ws.getRow(2).getCell(15).value).toBeInstanceOf(Date);
      // …and comes back unchanged.
      const beforeRows = rowsOf();
      const before = state();
      const report = await importFile(bytes, `export-${lang}.xlsx`);
      expect(report.state === "done" && report.changeCount).toBe(0);
      expect(rowsOf()).toBe(beforeRows);
      const after = state();
      expect(after.audit - before.audit).toBe(1);
      expect({ ...after, audit: before.audit }).toEqual(before);
    }
  });

  it("an edited export updates what changed only: project field, amount revision, quarter, milestone", async () => {
    const bytes = await planWorkbook(db, "vi", planId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    wb.getWorksheet("Dự án")!.getRow(2).getCell(3).value = "Renamed in English";
    wb.getWorksheet("Dòng ngân sách")!.getRow(2).getCell(5).value = 6_000_000_000;
    wb.getWorksheet("Kế hoạch giải ngân")!.getRow(2).getCell(6).value = 1_500_000_000;
    wb.getWorksheet("Mốc tiến độ")!.getRow(2).getCell(6).value = 5;
    const before = state();
    const report = await importFile(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(report.state === "done" && report.changeCount).toBe(4);
    const after = state();
    expect(after.projects).toBe(before.projects);
    expect(after.revisions - before.revisions).toBe(1);
    // 4 changes + the import record (+ any flag the refresh raised).
    expect(after.audit - before.audit).toBeGreaterThanOrEqual(5);
    const p1 = db.$client.prepare("SELECT title_en AS t, version FROM projects WHERE code = 'HCM-2026-001'").get();
    expect(p1).toEqual({ t: "Renamed in English", version: 2 });
    expect(verifyAuditChain(db).ok).toBe(true);
  });

  it("accepts a CSV file holding one sheet (budget lines of a project already in the plan)", async () => {
    const csv = buildCsv("budget", [budgetRow("HCM-2026-001", { fiscalYear: 2027, approvedAmount: "1.000.000.000" })]);
    const before = state();
    const report = await importFile(csv, "budget.csv");
    expect(report.state === "done" && report.changeCount).toBe(1);
    expect(state().lines - before.lines).toBe(1);
  });

  it("the template downloads in both languages, with lists and a README", async () => {
    for (const lang of ["vi", "en"]) {
      const res = await call(() =>
        templateLoader({
          request: new Request(`http://localhost/templates/plan.xlsx?lang=${lang}`, { headers: { Cookie: fx.cookies.plannerHcm } }),
          params: {},
          context: {},
        }),
      );
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await res.response!.arrayBuffer()) as unknown as ArrayBuffer);
      const names = wb.worksheets.map((w) => w.name);
      expect(names).toEqual(
        lang === "vi"
          ? ["Hướng dẫn", "Dự án", "Dòng ngân sách", "Kế hoạch giải ngân", "Mốc tiến độ", "Danh mục"]
          : ["Instructions", "Projects", "Budget lines", "Planned disbursements", "Milestones", "Lists"],
      );
      expect(wb.worksheets[5].state).toBe("hidden");
      expect(String(wb.worksheets[1].getRow(1).getCell(1).value)).toBe(lang === "vi" ? "Mã dự án *" : "Project code *");
    }
  });
});

// ---------------------------------------------------------------------------
// Malformed files
// ---------------------------------------------------------------------------

async function zipBomb(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", "<Types/>");
  zip.file("xl/workbook.xml", "<workbook/>");
  zip.file("xl/worksheets/sheet1.xml", new Uint8Array(40 * 1024 * 1024));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

function encryptedWorkbook(): Uint8Array {
  const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return new Uint8Array(Buffer.concat([header, Buffer.alloc(504), Buffer.from("EncryptionInfo", "utf16le"), Buffer.alloc(512)]));
}

const bad = (over: Record<string, unknown>) =>
  buildWorkbook({ projects: [projectRow("HCM", 50, over as never)] });

const MALFORMED: { name: string; file: () => Promise<Uint8Array> | Uint8Array; fileName?: string; refused?: string; issue?: string; text: RegExp }[] = [
  { name: "too big", file: () => new Uint8Array(10 * 1024 * 1024 + 10), refused: "tooBig", text: /larger than 10 MB/ },
  { name: "wrong type (a PDF named .xlsx)", file: () => new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj"), refused: "wrongType", text: /not an Excel workbook/ },
  { name: "password-protected workbook", file: encryptedWorkbook, refused: "encrypted", text: /password-protected/ },
  { name: "corrupt zip", file: () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]), refused: "corrupt", text: /damaged/ },
  { name: "zip bomb", file: zipBomb, refused: "zipBomb", text: /expands to far more/ },
  { name: "formula cell", file: () => buildWorkbook({ projects: [projectRow("HCM", 50)], budget: [budgetRow("HCM-2026-050", { approvedAmount: { formula: "1+1", result: 2 } })] }), issue: "formula", text: /Dòng ngân sách", row 2, column "Approved amount \(VND\)" \(E2\).*formula/ },
  { name: "unknown province", file: () => bad({ province: "Atlantis" }), issue: "unknownProvince", text: /unknown province "Atlantis"/ },
  { name: "amount not a number", file: () => buildWorkbook({ projects: [projectRow("HCM", 50)], budget: [budgetRow("HCM-2026-050", { approvedAmount: "nhiều tiền" })] }), issue: "notAmount", text: /not a number/ },
  { name: "date not a date", file: () => bad({ startDate: "next spring" }), issue: "notDate", text: /\(O2\).*not a date/ },
  { name: "duplicate project code", file: () => buildWorkbook({ projects: [projectRow("HCM", 50), projectRow("HCM", 50)] }), issue: "duplicateCode", text: /repeats row 2/ },
  { name: "missing required value", file: () => bad({ titleVi: null }), issue: "required", text: /Title \(Vietnamese\).*required value is missing/ },
  { name: "reference to an unknown project", file: () => buildWorkbook({ budget: [budgetRow("HCM-2026-999")] }), issue: "unknownProject", text: /HCM-2026-999 is neither/ },
  { name: "a code of another plan", file: () => buildWorkbook({ projects: [projectRow("HCM", 1, { code: "T-HCM-1" })] }), issue: "codeElsewhere", text: /another plan/ },
];

describe("malformed files are refused with their message, nothing written", () => {
  it.each(MALFORMED)("$name", async (c) => {
    const before = state();
    const up = await upload(await c.file(), c.fileName ?? "plan.xlsx", fx.cookies.plannerHcm);
    const report = up.report!;
    const { translator } = await import("~/i18n/i18n");
    const t = translator("en");
    if (c.refused) {
      expect(report).toMatchObject({ state: "refused", code: c.refused });
      expect(t(`imports.refused.${(report as { code: string }).code}` as never, (report as { params?: Record<string, string> }).params)).toMatch(c.text);
    } else {
      expect(report.state).toBe("invalid");
      const issues = (report as Extract<UploadReport, { state: "invalid" }>).issues;
      expect(issues.map((i) => i.code)).toContain(c.issue);
      const i = issues.find((x) => x.code === c.issue)!;
      const column = i.sheet && i.column ? t(`imports.col.${i.sheet}.${i.column}` as never) : "";
      const line = `${i.sheetName ? t("imports.where.cell", { sheet: i.sheetName, row: i.row ?? 0, column, cell: i.cell ?? "" }) : ""} ${t(`imports.issue.${i.code}` as never, i.params)}`;
      expect(line).toMatch(c.text);
    }
    expect(state()).toEqual(before);
  });

  it("a zip whose directory declares a huge size is refused before exceljs reads it", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("xl/workbook.xml", "<workbook/>");
    const bytes = await zip.generateAsync({ type: "uint8array" });
    // Declare 2 GB as the first entry's uncompressed size (local header and central directory).
    const buf = Buffer.from(bytes);
    const cd = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    buf.writeUInt32LE(0x7ffffffe, cd + 24);
    buf.writeUInt32LE(0x7ffffffe, 22);
    const report = await checkUpload(db, loadImportPlan(db, planId)!, new Uint8Array(buf), "x.xlsx");
    expect(report).toMatchObject({ state: "refused", code: "zipBomb" });
  });

  it("a file with several problems lists them all by sheet, row and column", async () => {
    const bytes = await buildWorkbook({
      projects: [projectRow("HCM", 60, { province: "Atlantis", startDate: "hôm qua" }), projectRow("HCM", 61, { domain: "Vũ trụ" })],
      budget: [budgetRow("HCM-2026-060", { approvedAmount: -5 })],
      milestones: [milestoneRow("HCM-2026-061", 1, { dueDate: null })],
    });
    const { sheets } = await readUpload(bytes, "x.xlsx");
    const report = await checkUpload(db, loadImportPlan(db, planId)!, bytes, "x.xlsx");
    expect(sheets).toHaveLength(3);
    expect(report.state).toBe("invalid");
    const cells = (report as Extract<UploadReport, { state: "invalid" }>).issues.map((i) => `${i.sheet}!${i.cell}:${i.code}`);
    expect(cells).toEqual([
      "projects!H2:unknownProvince",
      "projects!O2:notDate",
      "projects!F3:unknownChoice",
      "budget!E2:notPositive",
      "milestones!D2:required",
    ]);
  });
});

describe("permissions and plan status", () => {
  it("a planner of another organisation gets 403 on the page, the upload and the export", async () => {
    const file = await baseFile();
    const form = new FormData();
    form.set("file", new File([new Uint8Array(file)], "plan.xlsx"));
    const post = await call(() =>
      action({
        request: new Request(`http://localhost/plans/${planId}/import`, { method: "POST", body: form, headers: { Cookie: fx.cookies.plannerLaiChau } }),
        params: { id: String(planId) },
        context: {},
      }),
    );
    expect(post.response?.status).toBe(403);
    const page = await call(() =>
      loader({ request: new Request(`http://localhost/plans/${planId}/import`, { headers: { Cookie: fx.cookies.plannerLaiChau } }), params: { id: String(planId) }, context: {} }),
    );
    expect(page.response?.status).toBe(403);
    const exp = await call(() =>
      exportLoader({ request: new Request(`http://localhost/plans/${planId}/export.xlsx`, { headers: { Cookie: fx.cookies.plannerLaiChau } }), params: { id: String(planId) }, context: {} }),
    );
    expect(exp.response?.status).toBe(403);
  });

  it("leaders and auditors may not import; a coordinator may", async () => {
    for (const cookie of [fx.cookies.leader, fx.cookies.auditor]) {
      const page = await call(() =>
        loader({ request: new Request(`http://localhost/plans/${planId}/import`, { headers: { Cookie: cookie } }), params: { id: String(planId) }, context: {} }),
      );
      expect(page.response?.status).toBe(403);
    }
    const up = await upload(await baseFile(), "plan.xlsx", fx.cookies.coordinator);
    expect(up.report?.state).toBe("preview");
    // Another user cannot confirm someone else's upload.
    const before = state();
    const res = await confirm(up.token!, fx.cookies.plannerHcm);
    expect(res.response).toBeUndefined();
    expect(state()).toEqual(before);
  });

  it("a submitted plan refuses imports", async () => {
    const before = state();
    const up = await upload(await baseFile(), "plan.xlsx", fx.cookies.plannerHcm, lockedPlanId);
    expect(up.report).toMatchObject({ state: "refused", code: "planLocked" });
    expect(state()).toEqual(before);
  });
});
