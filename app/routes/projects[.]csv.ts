/**
 * CSV export of the project register's current view: the same query string
 * as /projects (filters, sort, columns), every matching row rather than one
 * page, UTF-8 with a byte-order mark so Excel shows Vietnamese correctly.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { forbidden, requirePermission } from "~/auth/guard.server";
import { translator } from "~/i18n/i18n";
import { localeFromRequest } from "~/i18n/locales";
import { parseProjectRegisterQuery, registerCsv } from "~/modules/projects/register";
import { listAllProjects, registerScopeFor } from "~/modules/projects/register.server";
import { todayIso } from "~/utils/today";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "read", "project");
  const scope = registerScopeFor(user);
  if (!scope) throw forbidden();
  const query = parseProjectRegisterQuery(new URL(request.url).searchParams);
  const locale = localeFromRequest(request, user.locale);
  const t = translator(locale);
  const { rows } = listAllProjects(getDb(), query, scope, locale);
  const file = `${t("register.csvFile")}-${todayIso()}.csv`;
  return new Response(registerCsv(rows, query.columns, t, locale), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
