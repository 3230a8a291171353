/**
 * The data-register row form: one zod schema shared by the form and the
 * action. Error messages are `dataRegister.error.*` keys.
 */
import { z } from "zod";
import { OPERATOR_TYPES } from "#db/enums";
import { DATA_CATEGORIES } from "./categories";

const required = (message: string, max: number, tooLong: string) =>
  z.string({ required_error: message, invalid_type_error: message }).trim().min(1, message).max(max, tooLong);

export const DataRowFields = z.object({
  category: z.enum(DATA_CATEGORIES, { errorMap: () => ({ message: "dataRegister.error.categoryRequired" }) }),
  purposeVi: required("dataRegister.error.purposeRequired", 500, "dataRegister.error.tooLong"),
  purposeEn: z.string().trim().max(500, "dataRegister.error.tooLong").optional(),
  legalBasis: required("dataRegister.error.legalBasisRequired", 300, "dataRegister.error.tooLong"),
  retention: required("dataRegister.error.retentionRequired", 120, "dataRegister.error.tooLong"),
  operatorType: z.enum(OPERATOR_TYPES, {
    errorMap: () => ({ message: "dataRegister.error.operatorTypeRequired" }),
  }),
  operatorName: required("dataRegister.error.operatorNameRequired", 200, "dataRegister.error.tooLong"),
  /** Checkbox: present ("on") when only aggregated, non-identifying data is shared. */
  aggregatedOnly: z.boolean().default(false),
});
export type DataRowInput = z.infer<typeof DataRowFields>;

const id = z.number().int().positive();
const version = z.number({ required_error: "dataRegister.error.stale" }).int().positive();

export const DataRowActionSchema = z.discriminatedUnion("intent", [
  DataRowFields.extend({ intent: z.literal("add") }),
  DataRowFields.extend({ intent: z.literal("edit"), id, version }),
  z.object({ intent: z.literal("delete"), id, version }),
]);
export type DataRowAction = z.infer<typeof DataRowActionSchema>;
