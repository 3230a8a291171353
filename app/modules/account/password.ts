import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

/** Shared by the change-password form and its action. Messages are i18n keys. */
export const ChangePasswordSchema = z
  .object({
    currentPassword: z
      .string({ required_error: "account.password.error.currentRequired" })
      .max(1024, "account.password.error.currentWrong"),
    newPassword: z
      .string({ required_error: "account.password.error.newRequired" })
      .min(PASSWORD_MIN, "account.password.error.tooShort")
      .max(PASSWORD_MAX, "account.password.error.tooLong"),
    confirmPassword: z.string({ required_error: "account.password.error.confirmRequired" }),
  })
  .superRefine((v, ctx) => {
    if (v.newPassword !== v.confirmPassword) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["confirmPassword"],
        message: "account.password.error.mismatch",
      });
    }
    if (v.newPassword === v.currentPassword) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["newPassword"],
        message: "account.password.error.same",
      });
    }
  });

export type ChangePasswordInput = z.output<typeof ChangePasswordSchema>;
