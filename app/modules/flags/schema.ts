/** zod schemas of the triage commands; error messages are keys in the `flags` namespace. */
import { z } from "zod";

const flagId = z.coerce.number().int().positive();
const reason = z
  .string({ required_error: "flags.error.reasonRequired" })
  .trim()
  .min(1, "flags.error.reasonRequired")
  .max(2000, "flags.error.reasonTooLong");

export const triageSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("acknowledge"), flagId }),
  z.object({ intent: z.literal("resolve"), flagId, reason: z.string().trim().max(2000, "flags.error.reasonTooLong").optional() }),
  z.object({ intent: z.literal("dismiss"), flagId, reason }),
  z.object({ intent: z.literal("reopen"), flagId }),
  z.object({
    intent: z.literal("bulk-acknowledge"),
    flagIds: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(flagId).min(1, "flags.error.noFlags").max(1000),
    ),
  }),
]);
export type TriageCommand = z.infer<typeof triageSchema>;
