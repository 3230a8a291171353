/**
 * The resident feedback form: ONE zod schema shared by the form (client) and
 * the action (server). Messages are i18n keys (namespace `feedback`).
 */
import { z } from "zod";
import { FEEDBACK_KINDS } from "#db/enums";
import { checkCitizenId, citizenIdMessageKey } from "~/modules/citizen-id/validate";
import { todayIso } from "~/utils/today";

export const FEEDBACK_BODY_MAX = 2000;
export const FEEDBACK_BODY_MIN = 5;

/** Vietnam's current calendar year (the age rule is judged in Vietnam time). */
export const currentYear = (now = Date.now()) => Number(todayIso(now).slice(0, 4));

export function feedbackSchema(year: number = currentYear()) {
  return z
    .object({
      kind: z.enum(FEEDBACK_KINDS, {
        required_error: "feedback.error.kindRequired",
        invalid_type_error: "feedback.error.kindRequired",
        message: "feedback.error.kindRequired",
      }),
      citizenId: z
        .string({ required_error: "feedback.error.citizenId.required" })
        .max(40, "feedback.error.citizenId.format")
        .superRefine((value, ctx) => {
          const check = checkCitizenId(value, year);
          if (!check.ok)
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: citizenIdMessageKey(check.problem) });
        }),
      provinceId: z
        .number({
          required_error: "feedback.error.provinceRequired",
          invalid_type_error: "feedback.error.provinceRequired",
        })
        .int("feedback.error.provinceRequired")
        .positive("feedback.error.provinceRequired"),
      body: z.string().trim().max(FEEDBACK_BODY_MAX, "feedback.error.bodyTooLong").optional(),
      /** Honeypot: hidden from people; a filled value means a bot. */
      website: z.string().max(500).optional(),
    })
    .superRefine((v, ctx) => {
      const body = v.body ?? "";
      if (v.kind === "comment" && body.length === 0) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["body"], message: "feedback.error.bodyRequired" });
      } else if (body.length > 0 && body.length < FEEDBACK_BODY_MIN) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["body"], message: "feedback.error.bodyTooShort" });
      }
    });
}

export type FeedbackInput = z.infer<ReturnType<typeof feedbackSchema>>;

export const MODERATION_DECISIONS = ["publish", "reject"] as const;
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

export const MODERATION_REASON_MAX = 500;

/** The moderation form (one or many comments at once). */
export const ModerationSchema = z
  .object({
    decision: z.enum(MODERATION_DECISIONS, { message: "feedback.moderation.error.decision" }),
    ids: z
      .array(z.number().int().positive(), {
        required_error: "feedback.moderation.error.noneSelected",
        invalid_type_error: "feedback.moderation.error.noneSelected",
      })
      .min(1, "feedback.moderation.error.noneSelected")
      .max(200, "feedback.moderation.error.tooMany"),
    reason: z
      .string()
      .trim()
      .max(MODERATION_REASON_MAX, "feedback.moderation.error.reasonTooLong")
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "reject" && !v.reason) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["reason"],
        message: "feedback.moderation.error.reasonRequired",
      });
    }
  });
export type ModerationInput = z.infer<typeof ModerationSchema>;
