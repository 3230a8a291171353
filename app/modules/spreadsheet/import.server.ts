/**
 * Plan import: validate the sheets of an upload against the plan and the
 * database, work out what would change (new and updated projects by code,
 * budget lines, quarterly plans, milestones), and apply it in ONE
 * transaction with an audit event per changed record plus one import record.
 *
 * Everything the validation needs is loaded once (a handful of statements,
 * whatever the file's size); rows are checked against in-memory maps. The
 * file is the statement of what it lists: records it does not mention are
 * left as they are (nothing is deleted by an import).
 */
import type { Db } from "#db/client.server";
import type { BudgetCategory, Domain, FundingSource, HostingModel, OperatorType, PlanStatus } from "#db/enums";
import { PERSONAL_DATA_CATEGORIES } from "#db/enums";
import { translator, type MessageKey } from "~/i18n/i18n";
import { LOCALES } from "~/i18n/locales";
import type { Actor } from "~/modules/audit/audit.server";
import { auditWriter } from "./audit-batch.server";
import { prepared } from "~/modules/db/sql.server";
import { refreshProjectFlags } from "~/modules/flags/hooks.server";
import { getSuccessionIndex } from "~/modules/organisations/succession.server";
import { isPlanContentEditable } from "~/modules/plans/workflow";
import { diffSnapshots, projectSearchText, type ProjectSnapshot } from "~/modules/projects/fields";
import { PROJECT_AUDIT_ACTIONS } from "~/modules/projects/history";
import { parseComponents } from "~/modules/projects/schema";
import { todayIso } from "~/utils/today";
import { CHOICES, COLUMNS, columnLetter, type ChoiceKey, type SheetKey } from "./layout";
import type { RawRow, RawSheet } from "./read.server";
import {
  cellText,
  choiceKey,
  parseAmount,
  parseBool,
  parseChoice,
  parseChoices,
  parseCode,
  parseDate,
  parseInteger,
  parseText,
  structuralProblem,
  type CellResult,
  type ChoiceIndex,
  type IssueCode,
  type RawCell,
} from "./values";

export interface ImportIssue {
  sheet: SheetKey | null;
  /** Sheet name as in the file. */
  sheetName: string | null;
  row: number | null;
  column: string | null;
  /** Cell address, e.g. `H5`. */
  cell: string | null;
  code: IssueCode;
  params?: Record<string, string | number>;
}

export interface ImportPlanRef {
  id: number;
  code: string;
  organisationId: number;
  status: PlanStatus;
  abbr: string;
  titleVi: string;
  titleEn: string | null;
}

export function loadImportPlan(db: Db, planId: number): ImportPlanRef | null {
  return (
    (prepared(
      db,
      `SELECT p.id, p.code, p.organisation_id AS organisationId, p.status, o.abbr, p.title_vi AS titleVi, p.title_en AS titleEn
         FROM plans p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = ?`,
    ).get(planId) as ImportPlanRef | undefined) ?? null
  );
}

// ---------------------------------------------------------------------------
// What the database holds
// ---------------------------------------------------------------------------

interface StoredProject {
  id: number;
  code: string;
  version: number;
  phase: string;
  snapshot: ProjectSnapshot;
}

interface StoredLine {
  id: number;
  projectId: number;
  fiscalYear: number;
  fundingSource: FundingSource;
  category: BudgetCategory;
  approvedAmount: number;
  version: number;
  quarters: [number, number, number, number];
}

interface StoredMilestone {
  id: number;
  projectId: number;
  nameVi: string;
  nameEn: string | null;
  dueDate: string;
  doneDate: string | null;
  weight: number;
  evidence: string | null;
  sortOrder: number;
  version: number;
}

interface Stored {
  /** Every project code in the database → its plan. */
  allCodes: Map<string, { planId: number | null }>;
  /** Projects of this plan by code. */
  projects: Map<string, StoredProject>;
  /** `projectId|year|source|category` → line. */
  lines: Map<string, StoredLine>;
  /** `projectId|nameVi` → milestone. */
  milestones: Map<string, StoredMilestone>;
  maxSortOrder: Map<number, number>;
  nodes: Map<string, { id: number; archived: boolean }>;
  nodeCodes: Map<number, string>;
}

const lineKey = (projectRef: string | number, year: number, source: string, category: string) =>
  `${projectRef}|${year}|${source}|${category}`;
const milestoneKey = (projectRef: string | number, nameVi: string) => `${projectRef}|${nameVi.trim()}`;

function loadStored(db: Db, planId: number): Stored {
  const allCodes = new Map<string, { planId: number | null }>();
  for (const r of prepared(db, "SELECT code, plan_id AS planId FROM projects").all() as {
    code: string;
    planId: number | null;
  }[])
    allCodes.set(r.code, { planId: r.planId });

  const rows = prepared(
    db,
    `SELECT id, code, version, phase, organisation_id AS organisationId, title_vi AS titleVi, title_en AS titleEn,
            description_vi AS descriptionVi, description_en AS descriptionEn, domain, province_id AS provinceId,
            city_id AS cityId, hosting_model AS hostingModel, handles_personal_data AS handlesPersonalData,
            personal_data_categories AS pdc, operator_type AS operatorType, operator_name AS operatorName,
            citizen_app_name AS citizenAppName, citizen_app_platforms AS cap, start_date AS startDate,
            end_date AS endDate, components
       FROM projects WHERE plan_id = ?`,
  ).all(planId) as (Omit<ProjectSnapshot, "primaryNodeId" | "otherNodeIds" | "cooperatorIds" | "handlesPersonalData" | "personalDataCategories" | "citizenAppPlatforms" | "components"> & {
    id: number;
    code: string;
    version: number;
    phase: string;
    handlesPersonalData: number;
    pdc: string;
    cap: string;
    components: string;
  })[];
  const nodeRows = prepared(
    db,
    `SELECT psn.project_id AS projectId, psn.node_id AS nodeId, psn.is_primary AS isPrimary
       FROM project_strategy_nodes psn JOIN projects p ON p.id = psn.project_id
      WHERE p.plan_id = ? ORDER BY psn.project_id, psn.is_primary DESC, psn.node_id`,
  ).all(planId) as { projectId: number; nodeId: number; isPrimary: number }[];
  const coopRows = prepared(
    db,
    `SELECT pc.project_id AS projectId, pc.organisation_id AS organisationId
       FROM project_cooperators pc JOIN projects p ON p.id = pc.project_id
      WHERE p.plan_id = ? ORDER BY pc.organisation_id`,
  ).all(planId) as { projectId: number; organisationId: number }[];
  const nodesOf = new Map<number, { nodeId: number; isPrimary: number }[]>();
  for (const n of nodeRows) (nodesOf.get(n.projectId) ?? nodesOf.set(n.projectId, []).get(n.projectId)!).push(n);
  const coopsOf = new Map<number, number[]>();
  for (const c of coopRows)
    (coopsOf.get(c.projectId) ?? coopsOf.set(c.projectId, []).get(c.projectId)!).push(c.organisationId);

  const projects = new Map<string, StoredProject>();
  for (const r of rows) {
    const nodes = nodesOf.get(r.id) ?? [];
    const primary = nodes.find((n) => n.isPrimary === 1) ?? nodes[0];
    projects.set(r.code, {
      id: r.id,
      code: r.code,
      version: r.version,
      phase: r.phase,
      snapshot: {
        organisationId: r.organisationId,
        titleVi: r.titleVi,
        titleEn: r.titleEn,
        descriptionVi: r.descriptionVi,
        descriptionEn: r.descriptionEn,
        domain: r.domain,
        primaryNodeId: primary?.nodeId ?? null,
        otherNodeIds: nodes
          .filter((n) => n !== primary)
          .map((n) => n.nodeId)
          .sort((a, b) => a - b),
        provinceId: r.provinceId,
        cityId: r.cityId,
        cooperatorIds: coopsOf.get(r.id) ?? [],
        hostingModel: r.hostingModel,
        handlesPersonalData: r.handlesPersonalData === 1,
        personalDataCategories: JSON.parse(r.pdc) as string[],
        operatorType: r.operatorType,
        operatorName: r.operatorName,
        citizenAppName: r.citizenAppName,
        citizenAppPlatforms: JSON.parse(r.cap) as string[],
        startDate: r.startDate,
        endDate: r.endDate,
        components: JSON.parse(r.components) as string[],
      },
    });
  }

  const lineRows = prepared(
    db,
    `SELECT bl.id, bl.project_id AS projectId, bl.fiscal_year AS fiscalYear, bl.funding_source AS fundingSource,
            bl.category, bl.approved_amount AS approvedAmount, bl.version
       FROM budget_lines bl JOIN projects p ON p.id = bl.project_id WHERE p.plan_id = ?`,
  ).all(planId) as Omit<StoredLine, "quarters">[];
  const lines = new Map<string, StoredLine>();
  const lineById = new Map<number, StoredLine>();
  for (const l of lineRows) {
    const line = { ...l, quarters: [0, 0, 0, 0] as [number, number, number, number] };
    lines.set(lineKey(l.projectId, l.fiscalYear, l.fundingSource, l.category), line);
    lineById.set(l.id, line);
  }
  for (const d of prepared(
    db,
    `SELECT pd.budget_line_id AS lineId, pd.quarter, SUM(pd.amount) AS amount
       FROM planned_disbursements pd JOIN projects p ON p.id = pd.project_id
      WHERE p.plan_id = ? AND pd.budget_line_id IS NOT NULL GROUP BY pd.budget_line_id, pd.quarter`,
  ).all(planId) as { lineId: number; quarter: number; amount: number }[]) {
    const line = lineById.get(d.lineId);
    if (line && d.quarter >= 1 && d.quarter <= 4) line.quarters[d.quarter - 1] = d.amount;
  }

  const milestones = new Map<string, StoredMilestone>();
  const maxSortOrder = new Map<number, number>();
  for (const m of prepared(
    db,
    `SELECT m.id, m.project_id AS projectId, m.name_vi AS nameVi, m.name_en AS nameEn, m.due_date AS dueDate,
            m.done_date AS doneDate, m.weight, m.evidence, m.sort_order AS sortOrder, m.version
       FROM milestones m JOIN projects p ON p.id = m.project_id WHERE p.plan_id = ? ORDER BY m.id`,
  ).all(planId) as StoredMilestone[]) {
    const key = milestoneKey(m.projectId, m.nameVi);
    if (!milestones.has(key)) milestones.set(key, m);
    maxSortOrder.set(m.projectId, Math.max(maxSortOrder.get(m.projectId) ?? 0, m.sortOrder));
  }

  const nodes = new Map<string, { id: number; archived: boolean }>();
  const nodeCodes = new Map<number, string>();
  for (const n of prepared(db, "SELECT id, code, archived_at AS archivedAt FROM strategy_nodes").all() as {
    id: number;
    code: string;
    archivedAt: number | null;
  }[]) {
    nodes.set(n.code.toUpperCase(), { id: n.id, archived: n.archivedAt !== null });
    nodeCodes.set(n.id, n.code);
  }
  return { allCodes, projects, lines, milestones, maxSortOrder, nodes, nodeCodes };
}

// ---------------------------------------------------------------------------
// Lookups shared by export and import
// ---------------------------------------------------------------------------

let choiceIndexes: Record<ChoiceKey, ChoiceIndex> | null = null;

/** Keys and labels (both languages) of every enumeration, folded. */
export function getChoiceIndexes(): Record<ChoiceKey, ChoiceIndex> {
  if (choiceIndexes) return choiceIndexes;
  const out = {} as Record<ChoiceKey, ChoiceIndex>;
  for (const [name, def] of Object.entries(CHOICES) as [ChoiceKey, (typeof CHOICES)[ChoiceKey]][]) {
    const map: ChoiceIndex = new Map();
    for (const v of def.values) {
      map.set(choiceKey(v), v);
      for (const locale of LOCALES) map.set(choiceKey(translator(locale)(`${def.label}.${v}` as MessageKey)), v);
    }
    out[name] = map;
  }
  return (choiceIndexes = out);
}

/**
 * A province written in a file: `Name (CODE)` or a code (exact unit, also a
 * legacy one), else a name in either language, legacy names followed to
 * today's province. Null when it is not a province.
 */
export function provinceResolver(db: Db, asOf: string): (text: string) => number | null {
  const index = getSuccessionIndex(db);
  const byCode = new Map<string, number>();
  for (const r of prepared(db, "SELECT id, code FROM organisations WHERE kind = 'province'").all() as {
    id: number;
    code: string;
  }[])
    byCode.set(r.code.toUpperCase(), r.id);
  const cache = new Map<string, number | null>();
  return (text: string) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const m = /\(([A-Za-z]{1,3}-[A-Za-z0-9-]+)\)\s*$/.exec(text);
    let id: number | null = byCode.get((m ? m[1] : text).trim().toUpperCase()) ?? null;
    if (id === null) {
      const found = index.lookup(text, asOf);
      id = found !== null && index.get(found)?.kind === "province" ? found : null;
    }
    cache.set(text, id);
    return id;
  };
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

interface ProjectFileRow {
  row: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  descriptionVi: string;
  descriptionEn: string | null;
  domain: Domain;
  primaryNodeId: number;
  provinceId: number | null;
  hostingModel: HostingModel;
  operatorType: OperatorType;
  operatorName: string | null;
  handlesPersonalData: boolean;
  personalDataCategories: string[];
  components: string[];
  startDate: string | null;
  endDate: string | null;
}

interface LineFileRow {
  row: number;
  projectCode: string;
  fiscalYear: number;
  fundingSource: FundingSource;
  category: BudgetCategory;
  amount: number;
}

interface MilestoneFileRow {
  row: number;
  projectCode: string;
  nameVi: string;
  nameEn: string | null;
  dueDate: string;
  doneDate: string | null;
  weight: number | null;
  evidence: string | null;
}

export interface ChangeSet {
  newProjects: { code: string; snapshot: ProjectSnapshot }[];
  updatedProjects: { stored: StoredProject; next: ProjectSnapshot; fields: string[] }[];
  newLines: { projectCode: string; fiscalYear: number; fundingSource: FundingSource; category: BudgetCategory; amount: number }[];
  revisedLines: { stored: StoredLine; projectCode: string; amount: number }[];
  /** Lines (stored or new, by key with the project code) whose quarterly plan changes. */
  plans: { projectCode: string; key: string; stored: StoredLine | null; quarters: [number, number, number, number] }[];
  newMilestones: (MilestoneFileRow & { weight: number })[];
  updatedMilestones: { stored: StoredMilestone; projectCode: string; next: Omit<StoredMilestone, "id" | "projectId" | "version" | "sortOrder"> }[];
}

export interface SheetSummary {
  sheet: SheetKey;
  name: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportAnalysis {
  issues: ImportIssue[];
  sheets: SheetSummary[];
  changes: ChangeSet;
  /** Number of records that would be created or changed. */
  changeCount: number;
}

const MAX_ISSUES = 500;

class IssueList {
  readonly items: ImportIssue[] = [];
  total = 0;
  add(sheet: RawSheet | null, row: number | null, column: string | null, code: IssueCode, params?: Record<string, string | number>) {
    this.total++;
    if (this.items.length >= MAX_ISSUES) return;
    const colNo = sheet && column ? sheet.columns.get(column) : undefined;
    this.items.push({
      sheet: sheet?.key ?? null,
      sheetName: sheet?.name ?? null,
      row,
      column,
      cell: colNo !== undefined && row !== null ? `${columnLetter(colNo)}${row}` : null,
      code,
      params,
    });
  }
}

function cellOf(row: RawRow, key: string): RawCell {
  return row.cells.get(key) ?? null;
}

/** Run one cell parser; on failure record the issue and return undefined. */
function take<T>(
  issues: IssueList,
  sheet: RawSheet,
  row: RawRow,
  key: string,
  parse: (raw: RawCell) => CellResult<T>,
): T | undefined {
  const raw = cellOf(row, key);
  const structural = structuralProblem(raw);
  if (structural && !structural.ok) {
    issues.add(sheet, row.row, key, structural.code);
    return undefined;
  }
  const r = parse(raw);
  if (!r.ok) {
    issues.add(sheet, row.row, key, r.code, r.params);
    return undefined;
  }
  return r.value;
}

function sortedLike(existing: string[], next: string[]): string[] {
  const same = existing.length === next.length && next.every((v) => existing.includes(v));
  return same ? existing : next;
}

/** Check the file against the plan and the database; work out what an import would change. */
export function analyseImport(
  db: Db,
  plan: ImportPlanRef,
  sheets: RawSheet[],
  asOf: string = todayIso(),
): ImportAnalysis {
  const issues = new IssueList();
  const stored = loadStored(db, plan.id);
  const choices = getChoiceIndexes();
  const province = provinceResolver(db, asOf);
  const bySheet = new Map(sheets.map((s) => [s.key, s]));

  for (const s of sheets) {
    for (const c of COLUMNS[s.key]) {
      if (c.required && !s.columns.has(c.key)) issues.add(s, 1, null, "missingColumn", { column: c.key });
    }
  }

  // Projects --------------------------------------------------------------
  const projectRows = new Map<string, ProjectFileRow>();
  const ps = bySheet.get("projects");
  const codePrefix = new RegExp(`^${plan.abbr.replace(/[^A-Za-z0-9]/g, "")}-\\d{4}-\\d{3,}$`);
  for (const row of ps?.rows ?? []) {
    const s = ps!;
    const t = <T>(key: string, parse: (raw: RawCell) => CellResult<T>) => take(issues, s, row, key, parse);
    const spec = (key: string) => COLUMNS.projects.find((c) => c.key === key)!;
    const code = t("code", parseCode);
    const titleVi = t("titleVi", (r) => parseText(r, spec("titleVi")));
    const titleEn = t("titleEn", (r) => parseText(r, spec("titleEn")));
    const descriptionVi = t("descriptionVi", (r) => parseText(r, spec("descriptionVi")));
    const descriptionEn = t("descriptionEn", (r) => parseText(r, spec("descriptionEn")));
    const domain = t("domain", (r) => parseChoice(r, true, choices.domain));
    const node = t("strategyNode", (r) => {
      const text = cellText(r);
      if (text === null) return { ok: false, code: "required" } as const;
      const n = stored.nodes.get(text.toUpperCase());
      return n ? { ok: true, value: n } : ({ ok: false, code: "unknownNode", params: { value: text } } as const);
    });
    const provinceId = t("province", (r) => {
      const text = cellText(r);
      if (text === null) return { ok: true, value: null };
      const id = province(text);
      return id !== null ? { ok: true, value: id } : ({ ok: false, code: "unknownProvince", params: { value: text } } as const);
    });
    const hostingModel = t("hostingModel", (r) => parseChoice(r, true, choices.hosting));
    const operatorType = t("operatorType", (r) => parseChoice(r, true, choices.operator));
    const operatorName = t("operatorName", (r) => parseText(r, spec("operatorName")));
    const handles = t("handlesPersonalData", parseBool);
    const pdc = t("personalDataCategories", (r) => parseChoices(r, choices.personalData));
    const components = t("components", (r) => {
      const text = parseText(r, spec("components"));
      if (!text.ok) return text;
      const list = parseComponents(text.value);
      return list.length > 30 || list.some((c) => !/^[a-z0-9][a-z0-9-]{0,39}$/.test(c))
        ? ({ ok: false, code: "componentsInvalid" } as const)
        : { ok: true, value: list };
    });
    const startDate = t("startDate", (r) => parseDate(r, false));
    const endDate = t("endDate", (r) => parseDate(r, false));
    if (code === undefined) continue;
    if (projectRows.has(code)) {
      issues.add(s, row.row, "code", "duplicateCode", { value: code, first: projectRows.get(code)!.row });
      continue;
    }
    const existing = stored.projects.get(code);
    if (!existing) {
      const elsewhere = stored.allCodes.get(code);
      if (elsewhere) {
        issues.add(s, row.row, "code", "codeElsewhere", { value: code });
        continue;
      }
      if (!codePrefix.test(code)) {
        issues.add(s, row.row, "code", "newCodePrefix", { value: code, abbr: plan.abbr });
        continue;
      }
    }
    if (node && node.archived && existing?.snapshot.primaryNodeId !== node.id) {
      issues.add(s, row.row, "strategyNode", "unknownNode", { value: cellText(cellOf(row, "strategyNode")) ?? "" });
      continue;
    }
    if (
      titleVi === undefined || titleEn === undefined || descriptionVi === undefined || descriptionEn === undefined ||
      domain === undefined || node === undefined || provinceId === undefined || hostingModel === undefined ||
      operatorType === undefined || operatorName === undefined || handles === undefined || pdc === undefined ||
      components === undefined || startDate === undefined || endDate === undefined
    ) {
      // Record the code anyway so other sheets referring to it do not add noise.
      projectRows.set(code, null as unknown as ProjectFileRow);
      continue;
    }
    const fileRow: ProjectFileRow = {
      row: row.row,
      code,
      titleVi: titleVi!,
      titleEn,
      descriptionVi: descriptionVi!,
      descriptionEn,
      domain: domain as Domain,
      primaryNodeId: node.id,
      provinceId,
      hostingModel: hostingModel as HostingModel,
      operatorType: operatorType as OperatorType,
      operatorName,
      handlesPersonalData: handles ?? pdc.length > 0,
      personalDataCategories: handles === false ? [] : PERSONAL_DATA_CATEGORIES.filter((c) => pdc.includes(c)),
      components,
      startDate,
      endDate,
    };
    projectRows.set(code, fileRow);
  }

  const changes: ChangeSet = {
    newProjects: [],
    updatedProjects: [],
    newLines: [],
    revisedLines: [],
    plans: [],
    newMilestones: [],
    updatedMilestones: [],
  };
  const summary = (sheet: SheetKey): SheetSummary => ({
    sheet,
    name: bySheet.get(sheet)?.name ?? "",
    rows: bySheet.get(sheet)?.rows.length ?? 0,
    created: 0,
    updated: 0,
    unchanged: 0,
  });
  const sums = { projects: summary("projects"), budget: summary("budget"), disbursements: summary("disbursements"), milestones: summary("milestones") };

  for (const p of projectRows.values()) {
    if (!p) continue;
    const existing = stored.projects.get(p.code);
    const base: ProjectSnapshot = existing?.snapshot ?? {
      organisationId: plan.organisationId,
      titleVi: "",
      titleEn: null,
      descriptionVi: "",
      descriptionEn: null,
      domain: p.domain,
      primaryNodeId: null,
      otherNodeIds: [],
      provinceId: null,
      cityId: null,
      cooperatorIds: [],
      hostingModel: p.hostingModel,
      handlesPersonalData: false,
      personalDataCategories: [],
      operatorType: p.operatorType,
      operatorName: null,
      citizenAppName: null,
      citizenAppPlatforms: [],
      startDate: null,
      endDate: null,
      components: [],
    };
    const next: ProjectSnapshot = {
      ...base,
      titleVi: p.titleVi,
      titleEn: p.titleEn,
      descriptionVi: p.descriptionVi,
      descriptionEn: p.descriptionEn,
      domain: p.domain,
      primaryNodeId: p.primaryNodeId,
      otherNodeIds: base.otherNodeIds.filter((n) => n !== p.primaryNodeId),
      provinceId: p.provinceId,
      cityId: p.provinceId === base.provinceId ? base.cityId : null,
      hostingModel: p.hostingModel,
      handlesPersonalData: p.handlesPersonalData,
      personalDataCategories: sortedLike(base.personalDataCategories, p.personalDataCategories),
      operatorType: p.operatorType,
      operatorName: p.operatorName,
      components: sortedLike(base.components, p.components),
      startDate: p.startDate,
      endDate: p.endDate,
    };
    const diff = existing ? diffSnapshots(existing.snapshot, next) : null;
    if (diff && diff.fields.length === 0) {
      sums.projects.unchanged++;
      continue;
    }
    // Cross-field rules on what changes (a stored record is not re-judged by a rule it predates).
    let bad = false;
    const rule = (cond: boolean, column: string, code: IssueCode) => {
      if (cond) {
        issues.add(ps!, p.row, column, code);
        bad = true;
      }
    };
    rule(!!(p.startDate && p.endDate && p.endDate < p.startDate), "endDate", "endBeforeStart");
    rule(p.operatorType !== "government_agency" && !p.operatorName, "operatorName", "operatorNameRequired");
    rule(p.handlesPersonalData && p.personalDataCategories.length === 0, "personalDataCategories", "categoriesRequired");
    if (bad) continue;
    if (existing) {
      changes.updatedProjects.push({ stored: existing, next, fields: diff!.fields });
      sums.projects.updated++;
    } else {
      changes.newProjects.push({ code: p.code, snapshot: next });
      sums.projects.created++;
    }
  }

  /** A project code referred to from another sheet: in the file or in this plan. */
  const projectRef = (s: RawSheet, row: RawRow, code: string): { id: number | null } | null => {
    if (projectRows.has(code)) {
      const existing = stored.projects.get(code);
      return { id: existing?.id ?? null };
    }
    const existing = stored.projects.get(code);
    if (existing) return { id: existing.id };
    issues.add(s, row.row, "projectCode", stored.allCodes.has(code) ? "codeElsewhere" : "unknownProject", { value: code });
    return null;
  };
  const keyOf = (ref: { id: number | null }, code: string) => (ref.id !== null ? String(ref.id) : `new:${code}`);
  const storedLine = (ref: { id: number | null }, y: number, src: string, cat: string) =>
    ref.id !== null ? (stored.lines.get(lineKey(ref.id, y, src, cat)) ?? null) : null;

  // Budget lines ------------------------------------------------------------
  const fileLines = new Map<string, LineFileRow & { ref: { id: number | null } }>();
  const bs = bySheet.get("budget");
  for (const row of bs?.rows ?? []) {
    const s = bs!;
    const t = <T>(key: string, parse: (raw: RawCell) => CellResult<T>) => take(issues, s, row, key, parse);
    const code = t("projectCode", parseCode);
    const fiscalYear = t("fiscalYear", (r) => parseInteger(r, true, 2000, 2100, "notYear"));
    const fundingSource = t("fundingSource", (r) => parseChoice(r, true, choices.source));
    const category = t("category", (r) => parseChoice(r, true, choices.category));
    const amount = t("approvedAmount", (r) => parseAmount(r, s.locale, true));
    if (code === undefined) continue;
    const ref = projectRef(s, row, code);
    if (!ref || fiscalYear == null || !fundingSource || !category || amount === undefined) continue;
    const key = lineKey(keyOf(ref, code), fiscalYear, fundingSource, category);
    if (fileLines.has(key)) {
      issues.add(s, row.row, "category", "duplicateLine", { first: fileLines.get(key)!.row });
      continue;
    }
    fileLines.set(key, {
      row: row.row,
      projectCode: code,
      fiscalYear,
      fundingSource: fundingSource as FundingSource,
      category: category as BudgetCategory,
      amount,
      ref,
    });
  }

  // Planned disbursements -----------------------------------------------------
  const filePlans = new Map<string, { projectCode: string; firstRow: number; quarters: [number, number, number, number]; seen: Set<number> }>();
  const ds = bySheet.get("disbursements");
  for (const row of ds?.rows ?? []) {
    const s = ds!;
    const t = <T>(key: string, parse: (raw: RawCell) => CellResult<T>) => take(issues, s, row, key, parse);
    const code = t("projectCode", parseCode);
    const fiscalYear = t("fiscalYear", (r) => parseInteger(r, true, 2000, 2100, "notYear"));
    const fundingSource = t("fundingSource", (r) => parseChoice(r, true, choices.source));
    const category = t("category", (r) => parseChoice(r, true, choices.category));
    const quarter = t("quarter", (r) => parseInteger(r, true, 1, 4, "notQuarter"));
    const amount = t("amount", (r) => parseAmount(r, s.locale, false));
    if (code === undefined) continue;
    const ref = projectRef(s, row, code);
    if (!ref || fiscalYear == null || !fundingSource || !category || quarter == null || amount === undefined) continue;
    const key = lineKey(keyOf(ref, code), fiscalYear, fundingSource, category);
    if (!fileLines.has(key) && !storedLine(ref, fiscalYear, fundingSource, category)) {
      issues.add(s, row.row, "category", "unknownLine", { value: code, year: fiscalYear });
      continue;
    }
    const plan = filePlans.get(key) ?? { projectCode: code, firstRow: row.row, quarters: [0, 0, 0, 0] as [number, number, number, number], seen: new Set<number>() };
    if (plan.seen.has(quarter)) {
      issues.add(s, row.row, "quarter", "duplicateQuarter", { quarter });
      continue;
    }
    plan.seen.add(quarter);
    plan.quarters[quarter - 1] = amount;
    filePlans.set(key, plan);
  }

  // Lines: new, revised, unchanged; each line's plan within its approved amount.
  const approvedOf = new Map<string, number>();
  for (const [key, l] of fileLines) {
    const st = storedLine(l.ref, l.fiscalYear, l.fundingSource, l.category);
    approvedOf.set(key, l.amount);
    if (!st) {
      changes.newLines.push({ projectCode: l.projectCode, fiscalYear: l.fiscalYear, fundingSource: l.fundingSource, category: l.category, amount: l.amount });
      sums.budget.created++;
    } else if (st.approvedAmount !== l.amount) {
      changes.revisedLines.push({ stored: st, projectCode: l.projectCode, amount: l.amount });
      sums.budget.updated++;
    } else sums.budget.unchanged++;
    const quarters = filePlans.get(key)?.quarters ?? st?.quarters ?? [0, 0, 0, 0];
    if (quarters.reduce((a, b) => a + b, 0) > l.amount) {
      issues.add(bs!, l.row, "approvedAmount", "plannedAboveApproved");
    }
  }
  for (const [key, p] of filePlans) {
    const [ref, y, src, cat] = key.split("|");
    const st = ref.startsWith("new:") ? null : (stored.lines.get(key) ?? null);
    void y;
    void src;
    void cat;
    const approved = approvedOf.get(key) ?? st?.approvedAmount ?? 0;
    if (!approvedOf.has(key) && p.quarters.reduce((a, b) => a + b, 0) > approved) {
      issues.add(ds!, p.firstRow, "amount", "plannedAboveApproved");
      continue;
    }
    const before = st?.quarters ?? [0, 0, 0, 0];
    if (st && before.every((q, i) => q === p.quarters[i])) {
      sums.disbursements.unchanged += p.seen.size;
      continue;
    }
    changes.plans.push({ projectCode: p.projectCode, key, stored: st, quarters: p.quarters });
    if (st && before.some((q) => q > 0)) sums.disbursements.updated += p.seen.size;
    else sums.disbursements.created += p.seen.size;
  }

  // Milestones ------------------------------------------------------------
  const ms = bySheet.get("milestones");
  const seenMilestones = new Map<string, number>();
  const today = todayIso();
  for (const row of ms?.rows ?? []) {
    const s = ms!;
    const t = <T>(key: string, parse: (raw: RawCell) => CellResult<T>) => take(issues, s, row, key, parse);
    const spec = (key: string) => COLUMNS.milestones.find((c) => c.key === key)!;
    const code = t("projectCode", parseCode);
    const nameVi = t("nameVi", (r) => parseText(r, spec("nameVi")));
    const nameEn = t("nameEn", (r) => parseText(r, spec("nameEn")));
    const dueDate = t("dueDate", (r) => parseDate(r, true));
    const doneDate = t("doneDate", (r) => {
      const d = parseDate(r, false);
      return d.ok && d.value && d.value > today ? ({ ok: false, code: "doneInFuture" } as const) : d;
    });
    const weight = t("weight", (r) => parseInteger(r, false, 1, 1000, "notInteger"));
    const evidence = t("evidence", (r) => parseText(r, spec("evidence")));
    if (code === undefined) continue;
    const ref = projectRef(s, row, code);
    if (!ref || !nameVi || nameEn === undefined || !dueDate || doneDate === undefined || weight === undefined || evidence === undefined)
      continue;
    const key = milestoneKey(keyOf(ref, code), nameVi);
    if (seenMilestones.has(key)) {
      issues.add(s, row.row, "nameVi", "duplicateMilestone", { first: seenMilestones.get(key)! });
      continue;
    }
    seenMilestones.set(key, row.row);
    const st = ref.id !== null ? stored.milestones.get(key) : undefined;
    if (!st) {
      changes.newMilestones.push({ row: row.row, projectCode: code, nameVi, nameEn, dueDate, doneDate, weight: weight ?? 1, evidence });
      sums.milestones.created++;
      continue;
    }
    const next = { nameVi: st.nameVi, nameEn, dueDate, doneDate, weight: weight ?? st.weight, evidence };
    if (next.nameEn === st.nameEn && next.dueDate === st.dueDate && next.doneDate === st.doneDate && next.weight === st.weight && next.evidence === st.evidence) {
      sums.milestones.unchanged++;
      continue;
    }
    changes.updatedMilestones.push({ stored: st, projectCode: code, next });
    sums.milestones.updated++;
  }

  if (issues.total > issues.items.length) {
    // Say how many more there are (the first MAX_ISSUES are listed).
    issues.items.push({ sheet: null, sheetName: null, row: null, column: null, cell: null, code: "tooManyRows", params: { more: issues.total - issues.items.length } });
  }
  const changeCount =
    changes.newProjects.length +
    changes.updatedProjects.length +
    changes.newLines.length +
    changes.revisedLines.length +
    changes.plans.length +
    changes.newMilestones.length +
    changes.updatedMilestones.length;
  return {
    issues: issues.items,
    sheets: [sums.projects, sums.budget, sums.disbursements, sums.milestones].filter((x) => bySheet.has(x.sheet)),
    changes,
    changeCount,
  };
}

// ---------------------------------------------------------------------------
// Apply
// ---------------------------------------------------------------------------

/** Above this many changed projects an import leaves flag refresh to `npm run flags:recompute`. */
export const MAX_FLAG_REFRESH = 200;

export class ImportRefused extends Error {
  constructor(readonly reason: "planLocked" | "invalid" | "notFound") {
    super(`import refused: ${reason}`);
    this.name = "ImportRefused";
  }
}

export interface ImportResult {
  created: number;
  updated: number;
  changeCount: number;
  analysis: ImportAnalysis;
}

export interface ImportMeta {
  fileName: string;
  sha256: string;
  /** Reason written on budget revisions, e.g. "Nhập từ tệp plan.xlsx". */
  revisionReason: string;
}

/**
 * Validate again and apply, in one immediate transaction: nothing is
 * written unless the whole file is valid and the plan's content is editable.
 */
export function applyImport(
  db: Db,
  actor: Actor,
  planId: number,
  sheets: RawSheet[],
  meta: ImportMeta,
  asOf: string = todayIso(),
): ImportResult {
  return db.transaction(
    (tx) => {
      const plan = loadImportPlan(db, planId);
      if (!plan) throw new ImportRefused("notFound");
      if (!isPlanContentEditable(plan.status)) throw new ImportRefused("planLocked");
      const analysis = analyseImport(db, plan, sheets, asOf);
      if (analysis.issues.length > 0) throw new ImportRefused("invalid");
      const c = analysis.changes;
      const now = Date.now();
      void tx;
      const audit = auditWriter(db, actor);

      // Projects.
      const idOf = new Map<string, number>();
      const orgOf = new Map<string, number>();
      const insertProject = prepared(
        db,
        `INSERT INTO projects (code, plan_id, organisation_id, province_id, city_id, title_vi, title_en, description_vi,
            description_en, domain, components, phase, phase_changed_at, hosting_model, handles_personal_data,
            personal_data_categories, operator_type, operator_name, citizen_app_name, citizen_app_platforms,
            start_date, end_date, search_text, created_by, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'proposed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      );
      const insertNode = prepared(db, "INSERT INTO project_strategy_nodes (project_id, node_id, is_primary) VALUES (?, ?, ?)");
      const insertPhase = prepared(
        db,
        "INSERT INTO project_phase_changes (project_id, from_phase, to_phase, changed_by, changed_on) VALUES (?, NULL, 'proposed', ?, ?)",
      );
      for (const p of c.newProjects) {
        const s = p.snapshot;
        const id = Number(
          insertProject.run(
            p.code, plan.id, s.organisationId, s.provinceId, s.cityId, s.titleVi, s.titleEn, s.descriptionVi,
            s.descriptionEn, s.domain, JSON.stringify(s.components), now, s.hostingModel, s.handlesPersonalData ? 1 : 0,
            JSON.stringify(s.personalDataCategories), s.operatorType, s.operatorName, s.citizenAppName,
            JSON.stringify(s.citizenAppPlatforms), s.startDate, s.endDate, projectSearchText(s), actor.userId, now, now,
          ).lastInsertRowid,
        );
        if (s.primaryNodeId) insertNode.run(id, s.primaryNodeId, 1);
        insertPhase.run(id, actor.userId, asOf);
        idOf.set(p.code, id);
        orgOf.set(p.code, s.organisationId);
        audit({
          action: PROJECT_AUDIT_ACTIONS.create,
          entityType: "project",
          entityId: id,
          organisationId: s.organisationId,
          after: { code: p.code, planId: plan.id, phase: "proposed", origin: "import", ...s },
        });
      }
      const updateProject = prepared(
        db,
        `UPDATE projects SET organisation_id = ?, province_id = ?, city_id = ?, title_vi = ?, title_en = ?, description_vi = ?,
            description_en = ?, domain = ?, components = ?, hosting_model = ?, handles_personal_data = ?,
            personal_data_categories = ?, operator_type = ?, operator_name = ?, start_date = ?, end_date = ?,
            search_text = ?, version = version + 1, updated_at = ?
          WHERE id = ? AND version = ?`,
      );
      const deleteNodes = prepared(db, "DELETE FROM project_strategy_nodes WHERE project_id = ?");
      for (const u of c.updatedProjects) {
        const s = u.next;
        const r = updateProject.run(
          s.organisationId, s.provinceId, s.cityId, s.titleVi, s.titleEn, s.descriptionVi, s.descriptionEn, s.domain,
          JSON.stringify(s.components), s.hostingModel, s.handlesPersonalData ? 1 : 0,
          JSON.stringify(s.personalDataCategories), s.operatorType, s.operatorName, s.startDate, s.endDate,
          projectSearchText(s), now, u.stored.id, u.stored.version,
        );
        if (r.changes !== 1) throw new ImportRefused("invalid");
        if (u.fields.includes("primaryNodeId") || u.fields.includes("otherNodeIds")) {
          deleteNodes.run(u.stored.id);
          if (s.primaryNodeId) insertNode.run(u.stored.id, s.primaryNodeId, 1);
          for (const n of s.otherNodeIds) insertNode.run(u.stored.id, n, 0);
        }
        const diff = diffSnapshots(u.stored.snapshot, s);
        audit({
          action: PROJECT_AUDIT_ACTIONS.update,
          entityType: "project",
          entityId: u.stored.id,
          organisationId: s.organisationId,
          before: diff.before,
          after: { ...diff.after, origin: "import" },
        });
      }
      for (const p of analysisProjects(analysis, plan, db)) {
        idOf.set(p.code, p.id);
        orgOf.set(p.code, p.organisationId);
      }

      // Budget lines.
      const insertLine = prepared(
        db,
        `INSERT INTO budget_lines (project_id, fiscal_year, funding_source, category, approved_amount, original_amount)
         VALUES (?, ?, ?, ?, ?, ?)`,
      );
      const lineIdOf = new Map<string, number>();
      for (const l of c.newLines) {
        const projectId = idOf.get(l.projectCode)!;
        const id = Number(insertLine.run(projectId, l.fiscalYear, l.fundingSource, l.category, l.amount, l.amount).lastInsertRowid);
        lineIdOf.set(lineKey(`new:${l.projectCode}`, l.fiscalYear, l.fundingSource, l.category), id);
        lineIdOf.set(lineKey(projectId, l.fiscalYear, l.fundingSource, l.category), id);
        audit({
          action: "budget.line.create",
          entityType: "budget_line",
          entityId: id,
          organisationId: orgOf.get(l.projectCode) ?? plan.organisationId,
          after: { projectCode: l.projectCode, projectId, fiscalYear: l.fiscalYear, fundingSource: l.fundingSource, category: l.category, approvedAmount: l.amount, originalAmount: l.amount, version: 1, origin: "import" },
        });
      }
      const reviseLine = prepared(
        db,
        "UPDATE budget_lines SET approved_amount = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
      );
      const insertRevision = prepared(
        db,
        "INSERT INTO budget_revisions (budget_line_id, from_amount, to_amount, reason, changed_by, changed_on) VALUES (?, ?, ?, ?, ?, ?)",
      );
      const lineVersion = new Map<number, number>();
      for (const r of c.revisedLines) {
        if (reviseLine.run(r.amount, now, r.stored.id, r.stored.version).changes !== 1) throw new ImportRefused("invalid");
        lineVersion.set(r.stored.id, r.stored.version + 1);
        insertRevision.run(r.stored.id, r.stored.approvedAmount, r.amount, meta.revisionReason, actor.userId, asOf);
        audit({
          action: "budget.line.revise",
          entityType: "budget_line",
          entityId: r.stored.id,
          organisationId: orgOf.get(r.projectCode) ?? plan.organisationId,
          before: { projectCode: r.projectCode, approvedAmount: r.stored.approvedAmount, version: r.stored.version },
          after: {
            projectCode: r.projectCode,
            approvedAmount: r.amount,
            version: r.stored.version + 1,
            revision: { from: r.stored.approvedAmount, to: r.amount, reason: meta.revisionReason, on: asOf },
            origin: "import",
          },
        });
      }

      // Quarterly plans.
      const bumpLine = prepared(db, "UPDATE budget_lines SET version = version + 1, updated_at = ? WHERE id = ?");
      const clearPlan = prepared(db, "DELETE FROM planned_disbursements WHERE budget_line_id = ?");
      const insertPlanned = prepared(
        db,
        "INSERT INTO planned_disbursements (project_id, budget_line_id, fiscal_year, quarter, amount) VALUES (?, ?, ?, ?, ?)",
      );
      for (const p of c.plans) {
        const [ref, y] = p.key.split("|");
        const lineId = p.stored?.id ?? lineIdOf.get(p.key)!;
        const projectId = ref.startsWith("new:") ? idOf.get(p.projectCode)! : Number(ref);
        const fiscalYear = Number(y);
        clearPlan.run(lineId);
        p.quarters.forEach((amount, i) => {
          if (amount > 0) insertPlanned.run(projectId, lineId, fiscalYear, i + 1, amount);
        });
        if (p.stored) bumpLine.run(now, lineId);
        audit({
          action: "budget.plan.update",
          entityType: "budget_line",
          entityId: lineId,
          organisationId: orgOf.get(p.projectCode) ?? plan.organisationId,
          before: p.stored ? { projectCode: p.projectCode, fiscalYear, quarters: p.stored.quarters } : null,
          after: { projectCode: p.projectCode, fiscalYear, quarters: p.quarters, origin: "import" },
        });
      }

      // Milestones.
      const insertMilestone = prepared(
        db,
        `INSERT INTO milestones (project_id, name_vi, name_en, due_date, done_date, weight, evidence, sort_order)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const sortOf = new Map<number, number>();
      const maxSort = prepared(db, "SELECT COALESCE(MAX(sort_order), 0) AS n FROM milestones WHERE project_id = ?");
      for (const m of c.newMilestones) {
        const projectId = idOf.get(m.projectCode)!;
        const sort = (sortOf.get(projectId) ?? (maxSort.get(projectId) as { n: number }).n) + 10;
        sortOf.set(projectId, sort);
        const id = Number(
          insertMilestone.run(projectId, m.nameVi, m.nameEn, m.dueDate, m.doneDate, m.weight, m.evidence, sort).lastInsertRowid,
        );
        audit({
          action: "milestone.create",
          entityType: "milestone",
          entityId: id,
          organisationId: orgOf.get(m.projectCode) ?? plan.organisationId,
          after: { projectCode: m.projectCode, nameVi: m.nameVi, nameEn: m.nameEn, dueDate: m.dueDate, doneDate: m.doneDate, weight: m.weight, evidence: m.evidence, sortOrder: sort, version: 1, origin: "import" },
        });
      }
      const updateMilestone = prepared(
        db,
        `UPDATE milestones SET name_en = ?, due_date = ?, done_date = ?, weight = ?, evidence = ?, version = version + 1,
            updated_at = ? WHERE id = ? AND version = ?`,
      );
      for (const u of c.updatedMilestones) {
        const n = u.next;
        if (updateMilestone.run(n.nameEn, n.dueDate, n.doneDate, n.weight, n.evidence, now, u.stored.id, u.stored.version).changes !== 1)
          throw new ImportRefused("invalid");
        const { id, projectId, ...before } = u.stored;
        void projectId;
        audit({
          action: "milestone.update",
          entityType: "milestone",
          entityId: id,
          organisationId: orgOf.get(u.projectCode) ?? plan.organisationId,
          before: { projectCode: u.projectCode, ...before },
          after: { projectCode: u.projectCode, ...n, sortOrder: u.stored.sortOrder, version: u.stored.version + 1, origin: "import" },
        });
      }

      // The import itself.
      const counts = Object.fromEntries(analysis.sheets.map((s) => [s.sheet, { rows: s.rows, created: s.created, updated: s.updated, unchanged: s.unchanged }]));
      audit({
        action: "plan.import",
        entityType: "plan",
        entityId: plan.id,
        organisationId: plan.organisationId,
        after: { planCode: plan.code, file: meta.fileName, sha256: meta.sha256, changes: analysis.changeCount, sheets: counts },
      });
      // Flags of what changed, as every single edit refreshes them; after the bulk writer's last
      // event (it keeps the chain head in memory). A very large import leaves them to the
      // scheduled full recompute instead of holding the write lock for minutes.
      const touched = new Set<number>([
        ...c.newProjects.map((p) => idOf.get(p.code)!),
        ...c.updatedProjects.map((u) => u.stored.id),
        ...c.newLines.map((l) => idOf.get(l.projectCode)!),
        ...c.revisedLines.map((l) => l.stored.projectId),
        ...c.plans.map((p) => idOf.get(p.projectCode)!),
        ...c.newMilestones.map((m) => idOf.get(m.projectCode)!),
        ...c.updatedMilestones.map((m) => m.stored.projectId),
      ]);
      if (touched.size <= MAX_FLAG_REFRESH) for (const id of touched) refreshProjectFlags(db, actor, id, asOf);

      return {
        created: c.newProjects.length,
        updated: c.updatedProjects.length,
        changeCount: analysis.changeCount,
        analysis,
      };
    },
    { behavior: "immediate" },
  );
}

/** The plan's stored projects (id and owner by code), for the sheets that refer to them. */
function analysisProjects(_analysis: ImportAnalysis, plan: ImportPlanRef, db: Db) {
  return prepared(db, "SELECT id, code, organisation_id AS organisationId FROM projects WHERE plan_id = ?").all(plan.id) as {
    id: number;
    code: string;
    organisationId: number;
  }[];
}
