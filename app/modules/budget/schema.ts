/**
 * The zod schemas of the budget forms, shared by the forms (Conform) and the
 * actions. Amounts are parsed with `parseMoney` in the request's locale, so
 * the schemas are built per locale; every message is an i18n key.
 */
import { z } from "zod";
import { BUDGET_CATEGORIES, FUNDING_SOURCES } from "#db/enums";
import type { Locale } from "~/i18n/locales";
import { parseMoney } from "~/modules/money/parse";

export const BUDGET_INTENTS = ["add", "revise", "remove", "plan"] as const;
export type BudgetIntent = (typeof BUDGET_INTENTS)[number];

export const REASON_MAX = 1000;

/** An amount typed any way `parseMoney` accepts; `positive` refuses 0. */
export function moneyField(locale: Locale, opts: { positive: boolean; optional?: boolean }) {
  return z
    .string({ required_error: "money.error.required" })
    .optional()
    .transform((text, ctx) => {
      if (opts.optional && !(text ?? "").trim()) return 0;
      const r = parseMoney(text, locale);
      if (!r.ok) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: r.error });
        return z.NEVER;
      }
      if (opts.positive && r.value <= 0) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "money.error.notPositive" });
        return z.NEVER;
      }
      return r.value;
    });
}

const version = z.coerce
  .number({
    required_error: "budget.error.versionMissing",
    invalid_type_error: "budget.error.versionMissing",
  })
  .int()
  .positive();
const lineId = z.coerce
  .number({ required_error: "budget.error.lineMissing", invalid_type_error: "budget.error.lineMissing" })
  .int()
  .positive();

export function addLineSchema(locale: Locale, years: { min: number; max: number }) {
  return z.object({
    intent: z.literal("add"),
    fiscalYear: z.coerce
      .number({
        required_error: "budget.error.yearRequired",
        invalid_type_error: "budget.error.yearRequired",
      })
      .int("budget.error.yearRequired")
      .min(years.min, "budget.error.yearRange")
      .max(years.max, "budget.error.yearRange"),
    fundingSource: z.enum(FUNDING_SOURCES, { errorMap: () => ({ message: "budget.error.sourceRequired" }) }),
    category: z.enum(BUDGET_CATEGORIES, {
      errorMap: () => ({ message: "budget.error.categoryRequired" }),
    }),
    amount: moneyField(locale, { positive: true }),
  });
}

export function reviseLineSchema(locale: Locale) {
  return z.object({
    intent: z.literal("revise"),
    lineId,
    version,
    amount: moneyField(locale, { positive: true }),
    reason: z
      .string({ required_error: "budget.error.reasonRequired" })
      .trim()
      .min(1, "budget.error.reasonRequired")
      .max(REASON_MAX, "budget.error.reasonTooLong"),
  });
}

export const removeLineSchema = z.object({ intent: z.literal("remove"), lineId, version });

export function planSchema(locale: Locale) {
  const q = moneyField(locale, { positive: false, optional: true });
  return z.object({ intent: z.literal("plan"), lineId, version, q1: q, q2: q, q3: q, q4: q });
}

export function intentOf(formData: FormData): BudgetIntent | null {
  const v = formData.get("intent");
  return (BUDGET_INTENTS as readonly string[]).includes(String(v)) ? (v as BudgetIntent) : null;
}
