/**
 * The milestone forms' zod schemas, shared by the forms and the actions.
 * Error messages are i18n keys of the `milestones` namespace.
 */
import { z } from "zod";
import { todayIso } from "~/utils/today";
import { evidenceUrl, looksLikeUrl } from "./progress";

export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return (
    !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= "1990-01-01" && v <= "2100-12-31"
  );
}

const required = (message: string) =>
  z.string({ required_error: message, invalid_type_error: message }).trim().min(1, message);

const date = (requiredKey: string) => required(requiredKey).refine(isIsoDate, "milestones.error.dateInvalid");

/** Done date: a real date, not after today (Vietnam time); may be before the due date. */
const doneDate = required("milestones.error.doneDateRequired")
  .refine(isIsoDate, "milestones.error.dateInvalid")
  .refine((v) => v <= todayIso(), "milestones.error.doneInFuture");

const weight = z
  .number({
    required_error: "milestones.error.weightRequired",
    invalid_type_error: "milestones.error.weightInvalid",
  })
  .int("milestones.error.weightInvalid")
  .positive("milestones.error.weightInvalid")
  .max(1000, "milestones.error.weightTooLarge");

/** Evidence: free note, or a link; anything that looks like a link must be a valid http(s) address. */
const evidence = z
  .string()
  .trim()
  .max(1000, "milestones.error.evidenceTooLong")
  .refine((v) => !looksLikeUrl(v) || evidenceUrl(v) !== null, "milestones.error.evidenceUrl")
  .optional();

const version = z.number({ required_error: "milestones.error.stale" }).int().positive();
const id = z.number().int().positive();

/** The fields a planner types for one milestone (also one row of the fast-entry grid). */
export const MilestoneFields = z.object({
  nameVi: required("milestones.error.nameViRequired").max(300, "milestones.error.nameTooLong"),
  nameEn: z.string().trim().max(300, "milestones.error.nameTooLong").optional(),
  dueDate: date("milestones.error.dueDateRequired"),
  weight,
  evidence,
  sortOrder: z
    .number({ invalid_type_error: "milestones.error.sortInvalid" })
    .int("milestones.error.sortInvalid")
    .min(0, "milestones.error.sortInvalid")
    .max(100000, "milestones.error.sortInvalid")
    .optional(),
});
export type MilestoneInput = z.infer<typeof MilestoneFields>;

export const MilestoneActionSchema = z.discriminatedUnion("intent", [
  MilestoneFields.extend({ intent: z.literal("add") }),
  MilestoneFields.extend({ intent: z.literal("edit"), id, version }),
  z.object({ intent: z.literal("done"), id, version, doneDate }),
  z.object({ intent: z.literal("undone"), id, version }),
  z.object({ intent: z.literal("delete"), id, version }),
]);
export type MilestoneAction = z.infer<typeof MilestoneActionSchema>;

/** One fast-entry row as typed (strings, nothing coerced yet). */
export interface BatchRowInput {
  nameVi: string;
  dueDate: string;
  weight: string;
  evidence: string;
}

export const BATCH_FIELDS = ["nameVi", "dueDate", "weight", "evidence"] as const;
export type BatchField = (typeof BATCH_FIELDS)[number];
export const BATCH_MIN_ROWS = 5;
export const BATCH_MAX_ROWS = 200;

export interface BatchParse {
  rows: BatchRowInput[];
  /** Valid rows (non-blank) in order, with their row index. */
  valid: { index: number; value: MilestoneInput }[];
  /** Errors by row index and field. */
  errors: Record<number, Partial<Record<BatchField, string>>>;
  /** Form-level errors (no row at all, too many rows). */
  formErrors: string[];
}

const isBlank = (r: BatchRowInput) => BATCH_FIELDS.every((f) => r[f].trim() === "");

/** Read the grid (`rows[i].field`) from form data: every typed value kept as typed. */
export function readBatchRows(form: FormData): BatchRowInput[] {
  let n = 0;
  for (const key of form.keys()) {
    const m = /^rows\[(\d{1,3})\]\./.exec(key);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  n = Math.min(n, BATCH_MAX_ROWS + 1);
  const rows: BatchRowInput[] = [];
  for (let i = 0; i < n; i++) {
    const get = (f: BatchField) => {
      const v = form.get(`rows[${i}].${f}`);
      return typeof v === "string" ? v : "";
    };
    rows.push({
      nameVi: get("nameVi"),
      dueDate: get("dueDate"),
      weight: get("weight"),
      evidence: get("evidence"),
    });
  }
  return rows;
}

/**
 * A date as officials type it in the grid: dd/mm/yyyy (also with - or .), or
 * ISO yyyy-mm-dd. Returns ISO, or the trimmed text unchanged (the schema then
 * reports it as invalid).
 */
export function normaliseTypedDate(text: string): string {
  const t = text.trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (!m) return t;
  return `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
}

/** Validate every non-blank row with the shared schema; blank rows are ignored. */
export function parseBatch(rows: BatchRowInput[]): BatchParse {
  const out: BatchParse = { rows, valid: [], errors: {}, formErrors: [] };
  if (rows.length > BATCH_MAX_ROWS) out.formErrors.push("milestones.error.batchTooMany");
  rows.forEach((r, index) => {
    if (isBlank(r)) return;
    const w = r.weight.trim();
    const res = MilestoneFields.safeParse({
      nameVi: r.nameVi,
      dueDate: normaliseTypedDate(r.dueDate),
      weight: w === "" ? undefined : /^\d+$/.test(w) ? Number(w) : Number.NaN,
      evidence: r.evidence.trim() === "" ? undefined : r.evidence,
    });
    if (res.success) {
      out.valid.push({ index, value: { ...res.data, sortOrder: undefined } });
      return;
    }
    const errs: Partial<Record<BatchField, string>> = {};
    for (const issue of res.error.issues) {
      const f = issue.path[0] as BatchField;
      if (BATCH_FIELDS.includes(f) && !errs[f]) errs[f] = issue.message;
    }
    out.errors[index] = errs;
  });
  if (out.valid.length === 0 && Object.keys(out.errors).length === 0)
    out.formErrors.push("milestones.error.batchEmpty");
  return out;
}
