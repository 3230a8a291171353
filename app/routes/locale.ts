import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { getCurrentUser, safeRedirectPath } from "~/auth/guard.server";
import { cookieSecure } from "~/auth/token";
import { localeCookie } from "~/i18n/locales";
import { LocaleSchema } from "~/modules/auth/schemas";
import { setUserLocale } from "~/modules/users/users.server";

export async function loader() {
  return redirect("/");
}

/** Switch the interface language; kept in a cookie and, when signed in, on the user. */
export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = LocaleSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return redirect("/");
  const { locale, redirectTo } = parsed.data;
  const user = getCurrentUser(request);
  if (user && user.locale !== locale) {
    setUserLocale(getDb(), user.id, locale, { userId: user.id, label: user.email, ipAddress: context.clientIp });
  }
  return redirect(safeRedirectPath(redirectTo), {
    headers: { "Set-Cookie": localeCookie(locale, cookieSecure()) },
  });
}
