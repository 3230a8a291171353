/**
 * The plan workbook: the empty import template and a plan exported in the
 * same layout (so export → import changes nothing). Vietnamese or English
 * headers, an instructions sheet, drop-down lists (provinces, domains,
 * funding sources, categories…) from a hidden lists sheet, real date cells
 * and number cells for money. Every text cell goes through `neutraliseCell`.
 */
import type * as ExcelJS from "exceljs";
import type { Db } from "#db/client.server";
import { translator, type MessageKey, type Translate } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locales";
import { prepared } from "~/modules/db/sql.server";
import { neutraliseCell } from "~/modules/export/cells";
import { loadExcelJS } from "~/modules/export/exceljs.server";
import { todayIso } from "~/utils/today";
import { CHOICES, COLUMNS, MAX_UPLOAD_BYTES, SHEETS, columnLetter, type ColumnSpec, type SheetKey } from "./layout";

type Row = Record<string, string | number | boolean | Date | null>;

/** Rows the drop-downs and formats cover in the template. */
const TEMPLATE_ROWS = 5000;

const isoToDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

interface ListRefs {
  [listName: string]: string;
}

function listRefs(t: Translate, db: Db): { lists: [string, string[]][]; refs: ListRefs } {
  const lists: [string, string[]][] = [];
  for (const [name, def] of Object.entries(CHOICES)) {
    lists.push([name, def.values.map((v) => t(`${def.label}.${v}` as MessageKey))]);
  }
  const provinces = prepared(
    db,
    "SELECT name_vi AS nameVi FROM organisations WHERE kind = 'province' AND valid_to IS NULL ORDER BY name_vi",
  ).all() as { nameVi: string }[];
  lists.push(["province", provinces.map((p) => p.nameVi)]);
  const nodes = prepared(
    db,
    "SELECT code FROM strategy_nodes WHERE archived_at IS NULL ORDER BY path",
  ).all() as { code: string }[];
  lists.push(["node", nodes.map((n) => n.code)]);
  lists.push(["bool", [t("imports.value.yes"), t("imports.value.no")]]);
  const refs: ListRefs = {};
  const sheetName = t("imports.sheet.lists");
  lists.forEach(([name, values], i) => {
    const letter = columnLetter(i + 1);
    refs[name] = `'${sheetName}'!$${letter}$2:$${letter}$${Math.max(2, values.length + 1)}`;
  });
  return { lists, refs };
}

function addListsSheet(wb: ExcelJS.Workbook, t: Translate, lists: [string, string[]][]): void {
  const ws = wb.addWorksheet(t("imports.sheet.lists"), { state: "hidden" });
  lists.forEach(([name, values], i) => {
    const c = i + 1;
    ws.getCell(1, c).value = name;
    values.forEach((v, r) => (ws.getCell(r + 2, c).value = neutraliseCell(v)));
  });
}

function validationFor(spec: ColumnSpec, refs: ListRefs, t: Translate): ExcelJS.DataValidation | null {
  const list = (name: string): ExcelJS.DataValidation => ({
    type: "list",
    allowBlank: !spec.required,
    formulae: [refs[name]],
    showErrorMessage: true,
    errorStyle: "warning",
    errorTitle: t("imports.validation.title"),
    error: t("imports.validation.list"),
  });
  switch (spec.type) {
    case "choice":
      return list(spec.choice!);
    case "province":
      return list("province");
    case "node":
      return list("node");
    case "bool":
      return list("bool");
    case "date":
      return {
        type: "date",
        operator: "between",
        allowBlank: !spec.required,
        formulae: [new Date(Date.UTC(1990, 0, 1)), new Date(Date.UTC(2100, 11, 31))],
        showErrorMessage: true,
        errorTitle: t("imports.validation.title"),
        error: t("imports.validation.date"),
      };
    case "year":
      return { type: "whole", operator: "between", allowBlank: false, formulae: [2000, 2100], showErrorMessage: true, error: t("imports.validation.year") };
    case "quarter":
      return { type: "whole", operator: "between", allowBlank: false, formulae: [1, 4], showErrorMessage: true, error: t("imports.validation.quarter") };
    default:
      return null;
  }
}

function addDataSheet(
  wb: ExcelJS.Workbook,
  sheet: SheetKey,
  t: Translate,
  locale: Locale,
  refs: ListRefs,
  rows: Row[],
): void {
  const ws = wb.addWorksheet(t(`imports.sheet.${sheet}` as MessageKey), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  const specs = COLUMNS[sheet];
  ws.columns = specs.map((c) => ({
    key: c.key,
    width: c.width,
    style:
      c.type === "date"
        ? { numFmt: locale === "vi" ? "dd/mm/yyyy" : "yyyy-mm-dd" }
        : c.type === "money"
          ? { numFmt: "#,##0" }
          : c.type === "longtext"
            ? { alignment: { wrapText: true, vertical: "top" } }
            : {},
  }));
  const header = ws.getRow(1);
  specs.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = t(`imports.col.${sheet}.${c.key}` as MessageKey) + (c.required ? " *" : "");
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: c.required ? "FFFDE9B8" : "FFE8EEF6" } };
    cell.note = t(`imports.help.${sheet}.${c.key}` as MessageKey);
  });
  for (const r of rows) {
    const values = specs.map((c) => {
      const v = r[c.key];
      return v === undefined ? null : neutraliseCell(v);
    });
    ws.addRow(values);
  }
  const last = Math.max(TEMPLATE_ROWS, rows.length + 500);
  specs.forEach((c, i) => {
    const v = validationFor(c, refs, t);
    const letter = columnLetter(i + 1);
    if (v) (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${last}`, v);
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: specs.length } };
}

function addReadme(wb: ExcelJS.Workbook, t: Translate, plan: PlanHead | null): void {
  const ws = wb.addWorksheet(t("imports.sheet.readme"));
  ws.getColumn(1).width = 28;
  ws.getColumn(2).width = 12;
  ws.getColumn(3).width = 90;
  ws.addRow([t("imports.readme.title")]).font = { bold: true, size: 14 };
  if (plan) ws.addRow([t("imports.readme.plan", { code: plan.code, title: plan.titleVi })]);
  ws.addRow([]);
  const lines: MessageKey[] = [
    "imports.readme.l1",
    "imports.readme.l2",
    "imports.readme.l3",
    "imports.readme.l4",
    "imports.readme.l5",
    "imports.readme.l6",
    "imports.readme.l7",
  ];
  for (const key of lines) {
    ws.addRow([neutraliseCell(t(key, { max: MAX_UPLOAD_BYTES / 1024 / 1024 }))]);
    ws.mergeCells(ws.rowCount, 1, ws.rowCount, 3);
    ws.getRow(ws.rowCount).alignment = { wrapText: true, vertical: "top" };
  }
  for (const sheet of SHEETS) {
    ws.addRow([]);
    ws.addRow([t(`imports.sheet.${sheet}` as MessageKey)]).font = { bold: true, size: 12 };
    ws.addRow([t("imports.readme.column"), t("imports.readme.required"), t("imports.readme.content")]).font = { bold: true };
    for (const c of COLUMNS[sheet]) {
      const row = ws.addRow([
        t(`imports.col.${sheet}.${c.key}` as MessageKey),
        c.required ? t("imports.value.yes") : t("imports.value.no"),
        neutraliseCell(t(`imports.help.${sheet}.${c.key}` as MessageKey)),
      ]);
      row.alignment = { wrapText: true, vertical: "top" };
    }
  }
}

interface PlanHead {
  id: number;
  code: string;
  titleVi: string;
}

/** The rows of a plan in the workbook layout. */
export function planRows(db: Db, planId: number, t: Translate): Record<SheetKey, Row[]> {
  const label = (prefix: string, v: string) => t(`${prefix}.${v}` as MessageKey);
  const projects = prepared(
    db,
    `SELECT p.id, p.code, p.title_vi AS titleVi, p.title_en AS titleEn, p.description_vi AS descriptionVi,
            p.description_en AS descriptionEn, p.domain, p.hosting_model AS hostingModel, p.operator_type AS operatorType,
            p.operator_name AS operatorName, p.handles_personal_data AS handles, p.personal_data_categories AS pdc,
            p.components, p.start_date AS startDate, p.end_date AS endDate,
            o.code AS provinceCode, o.name_vi AS provinceName, o.valid_to AS provinceValidTo,
            (SELECT sn.code FROM project_strategy_nodes psn JOIN strategy_nodes sn ON sn.id = psn.node_id
              WHERE psn.project_id = p.id ORDER BY psn.is_primary DESC, psn.node_id LIMIT 1) AS nodeCode
       FROM projects p LEFT JOIN organisations o ON o.id = p.province_id
      WHERE p.plan_id = ? ORDER BY p.code`,
  ).all(planId) as {
    id: number;
    code: string;
    titleVi: string;
    titleEn: string | null;
    descriptionVi: string;
    descriptionEn: string | null;
    domain: string;
    hostingModel: string;
    operatorType: string;
    operatorName: string | null;
    handles: number;
    pdc: string;
    components: string;
    startDate: string | null;
    endDate: string | null;
    provinceCode: string | null;
    provinceName: string | null;
    provinceValidTo: string | null;
    nodeCode: string | null;
  }[];
  const today = todayIso();
  const projectRows: Row[] = projects.map((p) => ({
    code: p.code,
    titleVi: p.titleVi,
    titleEn: p.titleEn,
    descriptionVi: p.descriptionVi,
    descriptionEn: p.descriptionEn,
    domain: label(CHOICES.domain.label, p.domain),
    strategyNode: p.nodeCode,
    province:
      p.provinceCode === null
        ? null
        : p.provinceValidTo === null || p.provinceValidTo >= today
          ? p.provinceName
          : `${p.provinceName} (${p.provinceCode})`,
    hostingModel: label(CHOICES.hosting.label, p.hostingModel),
    operatorType: label(CHOICES.operator.label, p.operatorType),
    operatorName: p.operatorName,
    handlesPersonalData: p.handles ? t("imports.value.yes") : t("imports.value.no"),
    personalDataCategories:
      (JSON.parse(p.pdc) as string[]).map((c) => label(CHOICES.personalData.label, c)).join("; ") || null,
    components: (JSON.parse(p.components) as string[]).join(", ") || null,
    startDate: isoToDate(p.startDate),
    endDate: isoToDate(p.endDate),
  }));
  const lines = prepared(
    db,
    `SELECT p.code, bl.id, bl.fiscal_year AS fiscalYear, bl.funding_source AS fundingSource, bl.category,
            bl.approved_amount AS approvedAmount
       FROM budget_lines bl JOIN projects p ON p.id = bl.project_id
      WHERE p.plan_id = ? ORDER BY p.code, bl.fiscal_year, bl.funding_source, bl.category`,
  ).all(planId) as { code: string; id: number; fiscalYear: number; fundingSource: string; category: string; approvedAmount: number }[];
  const lineRows: Row[] = lines.map((l) => ({
    projectCode: l.code,
    fiscalYear: l.fiscalYear,
    fundingSource: label(CHOICES.source.label, l.fundingSource),
    category: label(CHOICES.category.label, l.category),
    approvedAmount: l.approvedAmount,
  }));
  const planned = prepared(
    db,
    `SELECT p.code, bl.fiscal_year AS fiscalYear, bl.funding_source AS fundingSource, bl.category, pd.quarter,
            SUM(pd.amount) AS amount
       FROM planned_disbursements pd JOIN budget_lines bl ON bl.id = pd.budget_line_id JOIN projects p ON p.id = pd.project_id
      WHERE p.plan_id = ? GROUP BY bl.id, pd.quarter
      ORDER BY p.code, bl.fiscal_year, bl.funding_source, bl.category, pd.quarter`,
  ).all(planId) as { code: string; fiscalYear: number; fundingSource: string; category: string; quarter: number; amount: number }[];
  const plannedRows: Row[] = planned.map((d) => ({
    projectCode: d.code,
    fiscalYear: d.fiscalYear,
    fundingSource: label(CHOICES.source.label, d.fundingSource),
    category: label(CHOICES.category.label, d.category),
    quarter: d.quarter,
    amount: d.amount,
  }));
  const milestones = prepared(
    db,
    `SELECT p.code, m.name_vi AS nameVi, m.name_en AS nameEn, m.due_date AS dueDate, m.done_date AS doneDate,
            m.weight, m.evidence
       FROM milestones m JOIN projects p ON p.id = m.project_id
      WHERE p.plan_id = ? ORDER BY p.code, m.sort_order, m.due_date, m.id`,
  ).all(planId) as { code: string; nameVi: string; nameEn: string | null; dueDate: string; doneDate: string | null; weight: number; evidence: string | null }[];
  const milestoneRows: Row[] = milestones.map((m) => ({
    projectCode: m.code,
    nameVi: m.nameVi,
    nameEn: m.nameEn,
    dueDate: isoToDate(m.dueDate),
    doneDate: isoToDate(m.doneDate),
    weight: m.weight,
    evidence: m.evidence,
  }));
  return { projects: projectRows, budget: lineRows, disbursements: plannedRows, milestones: milestoneRows };
}

/** The workbook: the empty template (`planId` null) or the plan's content. */
export async function planWorkbook(db: Db, locale: Locale, planId: number | null): Promise<Buffer> {
  const t = translator(locale);
  const { Workbook } = await loadExcelJS();
  const wb = new Workbook();
  wb.creator = "CityPilot";
  wb.created = new Date();
  const plan = planId
    ? ((prepared(db, "SELECT id, code, title_vi AS titleVi FROM plans WHERE id = ?").get(planId) as PlanHead | undefined) ?? null)
    : null;
  addReadme(wb, t, plan);
  const data = plan ? planRows(db, plan.id, t) : { projects: [], budget: [], disbursements: [], milestones: [] };
  const refs = listRefs(t, db);
  for (const sheet of SHEETS) addDataSheet(wb, sheet, t, locale, refs.refs, data[sheet]);
  // The hidden lists sheet comes last; the data sheets' drop-downs refer to it by name.
  addListsSheet(wb, t, refs.lists);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
