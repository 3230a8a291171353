/**
 * zod schemas of the similar-proposals query and decisions, shared by the
 * forms and the actions. Error messages are i18n keys of the `similar` namespace.
 */
import { z } from "zod";
import { DOMAINS } from "#db/enums";
import { parseComponents } from "~/modules/projects/schema";

const optionalId = z
  .union([z.literal(""), z.coerce.number().int().positive()])
  .optional()
  .transform((v) => (v === "" || v === undefined ? null : v));

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);

/** GET /projects/similar?titleVi=…&organisationId=… — what the planner has typed so far. */
export const SimilarQuerySchema = z.object({
  titleVi: z.string().trim().max(300).default(""),
  titleEn: optionalText(300),
  descriptionVi: optionalText(8000),
  descriptionEn: optionalText(8000),
  organisationId: optionalId,
  provinceId: optionalId,
  cityId: optionalId,
  domain: z
    .union([z.literal(""), z.enum(DOMAINS as unknown as [string, ...string[]])])
    .optional()
    .transform((v) => v || null),
  components: z
    .string()
    .max(2000)
    .optional()
    .transform((v) => parseComponents(v)),
  /** The project being edited (left out of its own matches). */
  projectId: optionalId,
});
export type SimilarQuery = z.output<typeof SimilarQuerySchema>;

/** Read a query from URL search params (a repeated key keeps its first value). */
export function parseSimilarQuery(params: URLSearchParams) {
  return SimilarQuerySchema.safeParse(Object.fromEntries(params.entries()));
}

export const DECISIONS = ["replication", "withdrawn", "not_duplicate"] as const;
export type Decision = (typeof DECISIONS)[number];

/** A decision on one similar proposal. */
export const SimilarDecisionSchema = z
  .object({
    intent: z.literal("similarDecision"),
    projectId: z.number({ required_error: "similar.error.projectMissing" }).int().positive(),
    otherProjectId: z.number({ required_error: "similar.error.projectMissing" }).int().positive(),
    decision: z.enum(DECISIONS, { errorMap: () => ({ message: "similar.error.decisionRequired" }) }),
    statement: z.string().trim().max(2000, "similar.error.statementTooLong").optional(),
    /** Version of the project the page was loaded with (withdraw and replication change the project). */
    projectVersion: z.number().int().positive().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "not_duplicate" && (v.statement ?? "").length < 10) {
      ctx.addIssue({ code: "custom", path: ["statement"], message: "similar.error.statementRequired" });
    }
    if (v.decision === "withdrawn" && !v.statement) {
      ctx.addIssue({ code: "custom", path: ["statement"], message: "similar.error.reasonRequired" });
    }
  });
export type SimilarDecisionInput = z.output<typeof SimilarDecisionSchema>;
