/**
 * Zod schemas of the indicator forms, shared by the forms (client
 * validation through Conform) and the actions (server). Numbers are typed the
 * locale's way ("12,5" in Vietnamese, "12.5" in English), so the schemas are
 * built per locale. Error messages are i18n keys (`indicators.error.*`).
 */
import { z } from "zod";
import type { Locale } from "~/i18n/locales";
import { parseDecimal } from "./decimal";
import { parsePeriod, MAX_PERIOD_YEAR, MIN_PERIOD_YEAR } from "./period";

const requiredText = (max: number, required: string) =>
  z
    .string({ required_error: required, invalid_type_error: required })
    .trim()
    .min(1, required)
    .max(max, "indicators.error.tooLong");

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "indicators.error.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

/** A decimal typed the locale's way; `required` or optional (empty → null). */
function decimal(locale: Locale, required: boolean) {
  return z.unknown().transform((raw, ctx): number | null => {
    const text = typeof raw === "number" ? String(raw).replace(".", locale === "vi" ? "," : ".") : raw;
    if (text === undefined || text === null || (typeof text === "string" && text.trim() === "")) {
      if (!required) return null;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "indicators.error.numberRequired" });
      return z.NEVER;
    }
    const parsed = parseDecimal(typeof text === "string" ? text : "", locale);
    if (!parsed.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error });
      return z.NEVER;
    }
    return parsed.value;
  });
}
const requiredDecimal = (locale: Locale) => decimal(locale, true) as z.ZodType<number, z.ZodTypeDef, unknown>;

const year = z
  .number({ invalid_type_error: "indicators.error.yearInvalid" })
  .int("indicators.error.yearInvalid")
  .min(MIN_PERIOD_YEAR, "indicators.error.yearRange")
  .max(MAX_PERIOD_YEAR, "indicators.error.yearRange")
  .optional()
  .transform((v) => v ?? null);

const id = z.number({ invalid_type_error: "indicators.error.notFound" }).int().positive();

export function indicatorSchema(locale: Locale) {
  return z
    .object({
      intent: z.literal("indicator"),
      /** Absent when adding. */
      indicatorId: id.optional(),
      /** Version token of the indicator the edit started from. */
      version: z.string().trim().max(64).optional(),
      nameVi: requiredText(300, "indicators.error.nameViRequired"),
      nameEn: optionalText(300),
      unit: requiredText(40, "indicators.error.unitRequired"),
      baseline: decimal(locale, false),
      baselineYear: year,
      target: decimal(locale, false),
      targetYear: year,
      strategyTargetId: id.optional().transform((v) => v ?? null),
    })
    .superRefine((v, ctx) => {
      if (v.indicatorId !== undefined && !v.version) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["version"], message: "indicators.error.version" });
      }
      if (v.baseline !== null && v.baselineYear === null) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["baselineYear"],
          message: "indicators.error.baselineYearRequired",
        });
      }
      if (v.target !== null && v.targetYear === null) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["targetYear"],
          message: "indicators.error.targetYearRequired",
        });
      }
      if (v.baselineYear !== null && v.targetYear !== null && v.targetYear < v.baselineYear) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["targetYear"],
          message: "indicators.error.yearOrder",
        });
      }
      if (v.strategyTargetId !== null && v.target === null) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["target"],
          message: "indicators.error.targetNeededForLink",
        });
      }
    });
}
export type IndicatorInput = z.infer<ReturnType<typeof indicatorSchema>>;

export function valueSchema(locale: Locale) {
  return z.object({
    intent: z.literal("value"),
    indicatorId: id,
    period: z.string({ required_error: "indicators.error.periodRequired" }).transform((raw, ctx) => {
      const p = parsePeriod(raw);
      if (!p.ok) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: p.error });
        return z.NEVER;
      }
      return p.period;
    }),
    value: requiredDecimal(locale),
    note: optionalText(1000),
    /** Ticked to replace the value already recorded for the period. */
    replace: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true"),
  });
}
export type ValueInput = z.infer<ReturnType<typeof valueSchema>>;

export const RemoveIndicatorSchema = z.object({
  intent: z.literal("remove"),
  indicatorId: id,
  version: z.string({ required_error: "indicators.error.version" }).trim().min(1).max(64),
  /** Explicit confirmation to remove the indicator together with its values. */
  withValues: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "true"),
});
export type RemoveIndicatorInput = z.infer<typeof RemoveIndicatorSchema>;

export const RemoveValueSchema = z.object({
  intent: z.literal("removeValue"),
  indicatorId: id,
  valueId: id,
});
export type RemoveValueInput = z.infer<typeof RemoveValueSchema>;
