/**
 * The plan workbook's layout (pure): its four data sheets, their columns in
 * order, what each column holds and whether it is required. The template,
 * the plan export and the import all read this one definition, so a file
 * exported from CityPilot is always a valid import file.
 *
 * Header and sheet labels are i18n keys `imports.sheet.<sheet>` and
 * `imports.col.<sheet>.<column>`; the import recognises both languages.
 */
import {
  BUDGET_CATEGORIES,
  DOMAINS,
  FUNDING_SOURCES,
  HOSTING_MODELS,
  OPERATOR_TYPES,
  PERSONAL_DATA_CATEGORIES,
} from "#db/enums";

export const SHEETS = ["projects", "budget", "disbursements", "milestones"] as const;
export type SheetKey = (typeof SHEETS)[number];

export type ColumnType =
  /** Short text. */
  | "text"
  /** Long text (descriptions), wraps in the sheet. */
  | "longtext"
  /** A project code `HCM-2026-014`. */
  | "code"
  /** One value of an enumeration (label in either language, or the key). */
  | "choice"
  /** Several values of an enumeration, separated by `;`. */
  | "choices"
  | "province"
  | "node"
  | "date"
  | "money"
  | "year"
  | "quarter"
  | "int"
  | "bool";

/** The enumerations a choice column draws from, with the i18n prefix of their labels. */
export const CHOICES = {
  domain: { values: DOMAINS, label: "projects.domain" },
  hosting: { values: HOSTING_MODELS, label: "projects.hosting" },
  operator: { values: OPERATOR_TYPES, label: "projects.operator" },
  personalData: { values: PERSONAL_DATA_CATEGORIES, label: "projects.pd" },
  source: { values: FUNDING_SOURCES, label: "budget.source" },
  category: { values: BUDGET_CATEGORIES, label: "budget.category" },
} as const;
export type ChoiceKey = keyof typeof CHOICES;

export interface ColumnSpec {
  key: string;
  type: ColumnType;
  required: boolean;
  choice?: ChoiceKey;
  /** Column width in characters. */
  width: number;
  /** Longest text accepted. */
  max?: number;
}

const col = (
  key: string,
  type: ColumnType,
  required: boolean,
  width: number,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ key, type, required, width, ...extra });

export const COLUMNS: Record<SheetKey, readonly ColumnSpec[]> = {
  projects: [
    col("code", "code", true, 16),
    col("titleVi", "text", true, 40, { max: 300 }),
    col("titleEn", "text", false, 40, { max: 300 }),
    col("descriptionVi", "longtext", true, 60, { max: 8000 }),
    col("descriptionEn", "longtext", false, 60, { max: 8000 }),
    col("domain", "choice", true, 24, { choice: "domain" }),
    col("strategyNode", "node", true, 16),
    col("province", "province", false, 22),
    col("hostingModel", "choice", true, 26, { choice: "hosting" }),
    col("operatorType", "choice", true, 24, { choice: "operator" }),
    col("operatorName", "text", false, 28, { max: 200 }),
    col("handlesPersonalData", "bool", false, 12),
    col("personalDataCategories", "choices", false, 36, { choice: "personalData" }),
    col("components", "text", false, 28, { max: 2000 }),
    col("startDate", "date", false, 13),
    col("endDate", "date", false, 13),
  ],
  budget: [
    col("projectCode", "code", true, 16),
    col("fiscalYear", "year", true, 12),
    col("fundingSource", "choice", true, 28, { choice: "source" }),
    col("category", "choice", true, 20, { choice: "category" }),
    col("approvedAmount", "money", true, 22),
  ],
  disbursements: [
    col("projectCode", "code", true, 16),
    col("fiscalYear", "year", true, 12),
    col("fundingSource", "choice", true, 28, { choice: "source" }),
    col("category", "choice", true, 20, { choice: "category" }),
    col("quarter", "quarter", true, 8),
    col("amount", "money", true, 22),
  ],
  milestones: [
    col("projectCode", "code", true, 16),
    col("nameVi", "text", true, 40, { max: 300 }),
    col("nameEn", "text", false, 40, { max: 300 }),
    col("dueDate", "date", true, 13),
    col("doneDate", "date", false, 13),
    col("weight", "int", false, 10),
    col("evidence", "text", false, 40, { max: 1000 }),
  ],
};

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Limits of an upload. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Data rows over all sheets. */
export const MAX_ROWS = 60_000;
/** Zip: refuse when the declared uncompressed content exceeds this… */
export const MAX_UNCOMPRESSED_BYTES = 150 * 1024 * 1024;
/** …or an entry over 1 MB expands more than this many times (a zip bomb). */
export const MAX_COMPRESSION_RATIO = 200;
export const MAX_ZIP_ENTRIES = 2_000;
