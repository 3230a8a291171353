/** The admin form that issues an API token, and the revoke intent. Messages are `api` i18n keys. */
import { z } from "zod";
import { TOKEN_ROLES } from "./tokens";

function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export const CreateTokenSchema = z.object({
  intent: z.literal("create"),
  name: z
    .string({ required_error: "api.tokens.error.nameRequired" })
    .trim()
    .min(1, "api.tokens.error.nameRequired")
    .max(100, "api.tokens.error.nameTooLong"),
  organisationId: z.number({
    required_error: "api.tokens.error.organisationRequired",
    invalid_type_error: "api.tokens.error.organisationRequired",
  }),
  role: z.enum(TOKEN_ROLES, { errorMap: () => ({ message: "api.tokens.error.roleRequired" }) }),
  /** Last day of validity (inclusive, Vietnam time); empty = until revoked. */
  expiresOn: z.string().trim().refine(isIsoDate, "api.tokens.error.expiryInvalid").optional(),
});
export type CreateTokenInput = z.output<typeof CreateTokenSchema>;

export const RevokeTokenSchema = z.object({
  intent: z.literal("revoke"),
  tokenId: z.string().regex(/^[a-km-np-z2-9]{24}$/),
});

export const TokenActionSchema = z.discriminatedUnion("intent", [CreateTokenSchema, RevokeTokenSchema]);

/** End of the last valid day in Vietnam (UTC+7) as ms since the epoch. */
export function expiryInstant(expiresOn: string): number {
  return Date.parse(`${expiresOn}T23:59:59.999+07:00`);
}
