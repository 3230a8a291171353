/**
 * Zod schemas shared by the plan forms (client validation through Conform)
 * and the actions (server validation). Error messages are i18n keys.
 */
import { z } from "zod";

export const PERIOD_MIN_YEAR = 2000;
export const PERIOD_MAX_YEAR = 2100;
/** A plan covers at most this many calendar years (a five-year plan is 5). */
export const PERIOD_MAX_YEARS = 10;

const year = (required: string) =>
  z
    .number({ required_error: required, invalid_type_error: "plans.error.yearInvalid" })
    .int("plans.error.yearInvalid")
    .min(PERIOD_MIN_YEAR, "plans.error.yearRange")
    .max(PERIOD_MAX_YEAR, "plans.error.yearRange");

const id = (required = "plans.error.idInvalid") =>
  z.number({ required_error: required, invalid_type_error: "plans.error.idInvalid" }).int().positive();

const version = z
  .number({ required_error: "plans.error.versionMissing", invalid_type_error: "plans.error.versionMissing" })
  .int()
  .positive();

const optionalText = (max: number) => z.string().trim().max(max, "plans.error.tooLong").optional();

/** Fields of a plan that people edit (create and edit forms). */
const planFields = {
  titleVi: z
    .string({ required_error: "plans.error.titleViRequired" })
    .trim()
    .min(1, "plans.error.titleViRequired")
    .max(300, "plans.error.tooLong"),
  titleEn: optionalText(300),
  summaryVi: optionalText(4000),
  summaryEn: optionalText(4000),
  periodStart: year("plans.error.periodStartRequired"),
  periodEnd: year("plans.error.periodEndRequired"),
};

function checkPeriod(v: { periodStart: number; periodEnd: number }, ctx: z.RefinementCtx) {
  if (v.periodEnd < v.periodStart) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["periodEnd"], message: "plans.error.periodOrder" });
  } else if (v.periodEnd - v.periodStart + 1 > PERIOD_MAX_YEARS) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["periodEnd"], message: "plans.error.periodTooLong" });
  }
}

/** `KH-HCM-2026-2030`: capital letters, digits and single hyphens. Typed lower case is accepted. */
export const PLAN_CODE_PATTERN = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;

export const PlanCreateSchema = z
  .object({
    organisationId: id("plans.error.organisationRequired"),
    code: z
      .string({ required_error: "plans.error.codeRequired" })
      .trim()
      .toUpperCase()
      .min(3, "plans.error.codeFormat")
      .max(40, "plans.error.codeFormat")
      .regex(PLAN_CODE_PATTERN, "plans.error.codeFormat"),
    ...planFields,
  })
  .superRefine(checkPeriod);
export type PlanCreateInput = z.infer<typeof PlanCreateSchema>;

export const PlanEditSchema = z.object({ version, ...planFields }).superRefine(checkPeriod);
export type PlanEditInput = z.infer<typeof PlanEditSchema>;

/** Required free text: blank is "required", a few letters "too short", one message at a time. */
const reviewText = (required: string) =>
  z
    .string({ required_error: required })
    .trim()
    .superRefine((text, ctx) => {
      const message =
        text.length === 0
          ? required
          : text.length < 3
            ? "plans.error.textTooShort"
            : text.length > 4000
              ? "plans.error.tooLong"
              : null;
      if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    });

/** Return a submitted plan: the reason is required (it becomes a review comment). */
export const ReturnPlanSchema = z.object({
  intent: z.literal("return"),
  version,
  reason: reviewText("plans.error.reasonRequired"),
});

/** A review comment on the plan, or (with `projectId`) on one of its projects. */
export const CommentSchema = z.object({
  intent: z.literal("comment"),
  body: reviewText("plans.error.commentRequired"),
  projectId: id().optional(),
});

/** Every command of the plan page, told apart by the `intent` of the button that sent it. */
export const PlanActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("submit"), version }),
  z.object({ intent: z.literal("approve"), version }),
  ReturnPlanSchema,
  z.object({ intent: z.literal("startRevision"), version }),
  z.object({ intent: z.literal("addProject"), version, projectId: id("plans.error.projectRequired") }),
  z.object({ intent: z.literal("removeProject"), version, projectId: id() }),
  CommentSchema,
  z.object({ intent: z.literal("resolve"), commentId: id() }),
]);
export type PlanAction = z.infer<typeof PlanActionSchema>;
export type PlanIntent = PlanAction["intent"];
