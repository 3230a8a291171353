import { z } from "zod";

/** Shared by the login form (client) and the login action (server). Messages are i18n keys. */
export const LoginSchema = z.object({
  email: z
    .string({ required_error: "auth.login.error.emailRequired" })
    .trim()
    .max(254, "auth.login.error.emailInvalid")
    .email("auth.login.error.emailInvalid"),
  password: z.string({ required_error: "auth.login.error.passwordRequired" }).max(1024),
  redirectTo: z.string().optional(),
});

export const LocaleSchema = z.object({
  locale: z.enum(["vi", "en"]),
  redirectTo: z.string().optional(),
});
