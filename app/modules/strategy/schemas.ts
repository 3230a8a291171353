/**
 * Zod schemas of the strategy forms, shared by each form (client
 * validation through Conform) and its action (server). Error messages are
 * i18n keys (`strategy.error.*`), localised where they are shown.
 */
import { z } from "zod";

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

/** Node codes are stable URL keys: letters, digits, dot, dash, underscore. */
export const NODE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Path segments of the strategy pages that a node code may not take. */
export const RESERVED_CODES = ["new"] as const;

const requiredText = (max: number, required: string, tooLong: string) =>
  z
    .string({ required_error: required, invalid_type_error: required })
    .trim()
    .min(1, required)
    .max(max, tooLong);

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((v) => (v ? v : null));

const year = (invalid: string) =>
  z
    .number({ invalid_type_error: invalid })
    .int(invalid)
    .min(MIN_YEAR, "strategy.error.yearRange")
    .max(MAX_YEAR, "strategy.error.yearRange")
    .optional()
    .transform((v) => v ?? null);

const version = z
  .number({ required_error: "strategy.error.version", invalid_type_error: "strategy.error.version" })
  .int()
  .min(1);

const id = z.number({ invalid_type_error: "strategy.error.agencyUnknown" }).int().positive();

/** The editable content of a node (titles, descriptions, period, agencies). */
const nodeFields = {
  titleVi: requiredText(300, "strategy.error.titleViRequired", "strategy.error.tooLong"),
  titleEn: optionalText(300, "strategy.error.tooLong"),
  descriptionVi: optionalText(4000, "strategy.error.tooLong"),
  descriptionEn: optionalText(4000, "strategy.error.tooLong"),
  periodStart: year("strategy.error.yearInvalid"),
  periodEnd: year("strategy.error.yearInvalid"),
  lead: id.optional().transform((v) => v ?? null),
  cooperators: z
    .array(id)
    .max(100)
    .optional()
    .transform((v) => [...new Set(v ?? [])]),
};

type NodeFieldValues = {
  periodStart: number | null;
  periodEnd: number | null;
  lead: number | null;
  cooperators: number[];
};

function checkNodeFields(v: NodeFieldValues, ctx: z.RefinementCtx) {
  if (v.periodStart !== null && v.periodEnd !== null && v.periodEnd < v.periodStart) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["periodEnd"], message: "strategy.error.periodOrder" });
  }
  if (v.lead !== null && v.cooperators.includes(v.lead)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["cooperators"],
      message: "strategy.error.leadIsCooperator",
    });
  }
}

export const NodeCodeSchema = z
  .string({ required_error: "strategy.error.codeRequired" })
  .trim()
  .min(1, "strategy.error.codeRequired")
  .max(40, "strategy.error.codeTooLong")
  .regex(NODE_CODE_PATTERN, "strategy.error.codeFormat")
  .refine(
    (c) => !(RESERVED_CODES as readonly string[]).includes(c.toLowerCase()),
    "strategy.error.codeReserved",
  );

export const CreateNodeSchema = z
  .object({
    /** Code of the parent node; absent for a top-level node. */
    parent: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null)),
    code: NodeCodeSchema,
    ...nodeFields,
  })
  .superRefine(checkNodeFields);
export type CreateNodeInput = z.infer<typeof CreateNodeSchema>;

export const EditNodeSchema = z.object({ version, ...nodeFields }).superRefine(checkNodeFields);
export type EditNodeInput = z.infer<typeof EditNodeSchema>;

/** The value of the "new parent" select that stands for the top level. */
export const TOP_LEVEL = "_top";

export const MoveNodeSchema = z.object({
  version,
  parent: z
    .string({ required_error: "strategy.error.parentRequired" })
    .trim()
    .min(1, "strategy.error.parentRequired"),
  position: z.enum(["first", "last"], { errorMap: () => ({ message: "strategy.error.positionRequired" }) }),
});
export type MoveNodeInput = z.infer<typeof MoveNodeSchema>;

/** Commands of the node page: buttons, each with the version the page showed. */
export const NodeCommandSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("archive"), version }),
  z.object({ intent: z.literal("unarchive"), version }),
  z.object({
    intent: z.literal("reorder"),
    child: NodeCodeSchema,
    version,
    direction: z.enum(["up", "down"]),
  }),
]);
export type NodeCommand = z.infer<typeof NodeCommandSchema>;

export const DeleteNodeSchema = z.object({ version });

/** A decimal typed with a point or, as in Vietnamese, a comma ("12,5"); no thousands separators. */
const decimal = (required?: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/\s+/g, "").replace(",", ".") : v),
    z
      .number({ required_error: required, invalid_type_error: "strategy.error.numberInvalid" })
      .finite("strategy.error.numberInvalid"),
  );

export const TargetSchema = z.object({
  /** The node's version: targets are part of the node. */
  version,
  /** Absent when adding a target. */
  targetId: z.number().int().positive().optional(),
  nameVi: requiredText(300, "strategy.error.targetNameRequired", "strategy.error.tooLong"),
  nameEn: optionalText(300, "strategy.error.tooLong"),
  unit: requiredText(40, "strategy.error.unitRequired", "strategy.error.tooLong"),
  baseline: decimal()
    .optional()
    .transform((v) => v ?? null),
  target: decimal("strategy.error.targetRequired"),
  targetYear: year("strategy.error.yearInvalid"),
});
export type TargetInput = z.infer<typeof TargetSchema>;

export const RemoveTargetSchema = z.object({ version, targetId: z.number().int().positive() });
