/** `/dashboard.xlsx?…`: the figures of the dashboard view in the query string, as an XLSX workbook. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { translator } from "~/i18n/i18n";
import { localeFromRequest } from "~/i18n/locales";
import { getDashboard } from "~/modules/dashboard/dashboard.server";
import { parseDashboardView } from "~/modules/dashboard/filters";
import { dashboardWorkbook } from "~/modules/dashboard/xlsx.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "read", "dashboard");
  const db = getDb();
  const view = parseDashboardView(new URL(request.url).searchParams);
  const dashboard = getDashboard(db, view, { kind: "national" }, { fresh: true });
  const locale = localeFromRequest(request, user.locale);
  const title = translator(locale)("dashboard.title");
  const bytes = await dashboardWorkbook(dashboard, locale, title);
  const file = `citypilot-dashboard-${dashboard.figures.asOf}.xlsx`;
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${file}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
