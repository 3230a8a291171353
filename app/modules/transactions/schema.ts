/**
 * The one zod schema per form of the ledger, shared by the browser (Conform)
 * and the action. Error messages are i18n keys. Amounts are typed the way
 * officials type them and parsed to integer VND with `parseMoney` in the
 * reader's locale.
 */
import { z } from "zod";
import { TRANSACTION_KINDS } from "#db/enums";
import type { Locale } from "~/i18n/locales";
import { parseMoney } from "~/modules/money/parse";

export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export const NOTE_MAX = 1000;
export const DOC_MAX = 100;

const isoDate = z
  .string({ required_error: "transactions.error.dateRequired" })
  .trim()
  .refine(isIsoDate, "transactions.error.dateInvalid");

function amountField(locale: Locale) {
  return z.string({ required_error: "money.error.required" }).transform((v, ctx) => {
    const r = parseMoney(v, locale);
    if (!r.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: r.error });
      return z.NEVER;
    }
    if (r.value <= 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "money.error.notPositive" });
      return z.NEVER;
    }
    return r.value;
  });
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "transactions.error.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

/** The fields of one entry, as typed in the single form and in each batch row (document ref apart). */
export function entryFields(locale: Locale) {
  return {
    budgetLineId: z.coerce
      .number({ required_error: "transactions.error.lineRequired", invalid_type_error: "transactions.error.lineRequired" })
      .int()
      .positive("transactions.error.lineRequired"),
    kind: z.enum(TRANSACTION_KINDS, {
      required_error: "transactions.error.kindRequired",
      invalid_type_error: "transactions.error.kindRequired",
    }),
    date: isoDate,
    amount: amountField(locale),
    note: optionalText(NOTE_MAX),
  };
}

/*
 * Cross-field rules in their own groups joined with `.and()`: zod runs a
 * refinement only when its object parsed, so a separate group reports a
 * missing document reference even when the amount is wrong too.
 */

/** Disbursements and expenditures need a document reference. */
const Document = z
  .object({
    kind: z.string().optional(),
    documentRef: optionalText(DOC_MAX),
  })
  .superRefine((v, ctx) => {
    if ((v.kind === "disbursement" || v.kind === "expenditure") && !v.documentRef) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["documentRef"], message: "transactions.error.documentRequired" });
    }
  });

/** A date outside the fiscal year needs the override box AND a reason. */
const Override = z
  .object({
    override: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true"),
    overrideReason: optionalText(NOTE_MAX),
  })
  .superRefine((v, ctx) => {
    if (v.override && !v.overrideReason) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["overrideReason"],
        message: "transactions.error.overrideReasonRequired",
      });
    }
  });

export function rowSchema(locale: Locale) {
  return z.object(entryFields(locale)).and(Document);
}

export type EntryInput = z.output<ReturnType<typeof rowSchema>>;

export function entrySchema(locale: Locale) {
  return z
    .object({ intent: z.literal("record"), ...entryFields(locale) })
    .and(Document)
    .and(Override);
}

export type RecordInput = z.output<ReturnType<typeof entrySchema>>;

export const ReversalSchema = z.object({
  intent: z.literal("reverse"),
  transactionId: z.coerce.number().int().positive(),
  reason: z
    .string({ required_error: "transactions.error.reasonRequired" })
    .trim()
    .min(1, "transactions.error.reasonRequired")
    .max(NOTE_MAX, "transactions.error.tooLong"),
});

export type ReversalInput = z.output<typeof ReversalSchema>;
