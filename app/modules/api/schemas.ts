/**
 * Request bodies of the JSON API. Projects go through the web form's own
 * schema (`ProjectFormSchema`: the same rules and messages); the JSON shape is
 * mapped onto it here (arrays for components, null for "none"). Ledger and
 * milestone bodies are the web rules on JSON types (integer VND amounts).
 */
import { z } from "zod";
import { TRANSACTION_KINDS } from "#db/enums";
import { MilestoneFields, isIsoDate as isMilestoneDate } from "~/modules/milestones/schema";
import { ProjectFormSchema, type ProjectFormInput } from "~/modules/projects/schema";
import { DOC_MAX, NOTE_MAX, isIsoDate } from "~/modules/transactions/schema";

/** Fields a project body may carry (create: all but version; update: any subset plus version). */
export const PROJECT_BODY_FIELDS = [
  "organisationId",
  "planId",
  "titleVi",
  "titleEn",
  "descriptionVi",
  "descriptionEn",
  "domain",
  "primaryNodeId",
  "otherNodeIds",
  "cooperatorIds",
  "provinceId",
  "cityId",
  "hostingModel",
  "handlesPersonalData",
  "personalDataCategories",
  "operatorType",
  "operatorName",
  "citizenAppName",
  "citizenAppPlatforms",
  "startDate",
  "endDate",
  "components",
] as const;

export type ProjectBody = Partial<Record<(typeof PROJECT_BODY_FIELDS)[number], unknown>>;

export type Mapped<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string[]> };

/** Keys that are not fields of the body (a typo must not be silently ignored). */
export function unknownKeys(body: Record<string, unknown>, allowed: readonly string[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const k of Object.keys(body)) if (!allowed.includes(k)) errors[k] = ["api.error.unknownField"];
  return errors;
}

/** The JSON project body as the web form's input (then validated by ProjectFormSchema). */
export function projectFormInput(body: ProjectBody): Mapped<ProjectFormInput> {
  const v: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(body)) if (val !== null) v[k] = val;
  const errors: Record<string, string[]> = {};
  if (v.components !== undefined) {
    if (!Array.isArray(v.components) || !v.components.every((c) => typeof c === "string")) {
      errors.components = ["projects.error.componentsInvalid"];
    } else {
      v.components = v.components.join(", ");
    }
  }
  for (const k of ["titleEn", "descriptionEn", "operatorName", "citizenAppName", "startDate", "endDate"]) {
    if (v[k] === "") delete v[k];
  }
  const platforms = Array.isArray(v.citizenAppPlatforms) ? v.citizenAppPlatforms : [];
  v.hasCitizenApp = Boolean(v.citizenAppName) || platforms.length > 0;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: v as ProjectFormInput };
}

export function parseProjectBody(body: ProjectBody) {
  const mapped = projectFormInput(body);
  if (!mapped.ok) return mapped;
  const parsed = ProjectFormSchema.safeParse(mapped.value);
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const f = issue.path.length ? issue.path.join(".") : "_";
      const list = (errors[f] ??= []);
      if (!list.includes(issue.message)) list.push(issue.message);
    }
    return { ok: false as const, errors };
  }
  return { ok: true as const, value: parsed.data };
}

export const versionField = z
  .number({ required_error: "api.error.versionRequired", invalid_type_error: "api.error.versionRequired" })
  .int("api.error.versionRequired")
  .positive("api.error.versionRequired");

const optionalText = (max: number) =>
  z
    .string({ invalid_type_error: "transactions.error.tooLong" })
    .trim()
    .max(max, "transactions.error.tooLong")
    .nullish()
    .transform((v) => (v ? v : null));

/** Book a commitment, disbursement or expenditure (integer VND). */
export const TransactionBody = z
  .object({
    budgetLineId: z
      .number({ required_error: "transactions.error.lineRequired", invalid_type_error: "transactions.error.lineRequired" })
      .int("transactions.error.lineRequired")
      .positive("transactions.error.lineRequired"),
    kind: z.enum(TRANSACTION_KINDS, { errorMap: () => ({ message: "transactions.error.kindRequired" }) }),
    date: z
      .string({ required_error: "transactions.error.dateRequired", invalid_type_error: "transactions.error.dateInvalid" })
      .trim()
      .refine(isIsoDate, "transactions.error.dateInvalid"),
    amount: z
      .number({ required_error: "money.error.required", invalid_type_error: "api.error.amountInteger" })
      .int("api.error.amountInteger")
      .positive("money.error.notPositive")
      .max(Number.MAX_SAFE_INTEGER, "api.error.amountInteger"),
    documentRef: optionalText(DOC_MAX),
    note: optionalText(NOTE_MAX),
    override: z.boolean({ invalid_type_error: "api.error.boolean" }).default(false),
    overrideReason: optionalText(NOTE_MAX),
  })
  .strict("api.error.unknownField")
  .superRefine((v, ctx) => {
    if ((v.kind === "disbursement" || v.kind === "expenditure") && !v.documentRef) {
      ctx.addIssue({ code: "custom", path: ["documentRef"], message: "transactions.error.documentRequired" });
    }
    if (v.override && !v.overrideReason) {
      ctx.addIssue({ code: "custom", path: ["overrideReason"], message: "transactions.error.overrideReasonRequired" });
    }
  });
export type TransactionBodyInput = z.output<typeof TransactionBody>;

export const ReversalBody = z
  .object({
    reason: z
      .string({ required_error: "transactions.error.reasonRequired", invalid_type_error: "transactions.error.reasonRequired" })
      .trim()
      .min(1, "transactions.error.reasonRequired")
      .max(NOTE_MAX, "transactions.error.tooLong"),
  })
  .strict("api.error.unknownField");

/** Create a milestone: the web form's fields. */
export const MilestoneCreateBody = MilestoneFields.strict("api.error.unknownField");

/**
 * Update a milestone from `version`: any of its fields, or its done date
 * (an ISO date, or null to mark it not done) on its own.
 */
export const MilestoneUpdateBody = MilestoneFields.partial()
  .extend({
    version: versionField,
    doneDate: z
      .string({ invalid_type_error: "milestones.error.dateInvalid" })
      .trim()
      .refine(isMilestoneDate, "milestones.error.dateInvalid")
      .nullable()
      .optional(),
  })
  .strict("api.error.unknownField")
  .superRefine((v, ctx) => {
    const fields = Object.keys(v).filter((k) => k !== "version" && k !== "doneDate");
    if (v.doneDate !== undefined && fields.length > 0) {
      ctx.addIssue({ code: "custom", path: ["doneDate"], message: "api.error.doneDateAlone" });
    }
    if (v.doneDate === undefined && fields.length === 0) {
      ctx.addIssue({ code: "custom", path: ["_"], message: "api.error.nothingToChange" });
    }
  });
