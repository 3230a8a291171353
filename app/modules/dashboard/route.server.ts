/** What the three dashboard routes share: permission, parsing and the read models. */
import { getDb } from "#db/client.server";
import { notFound, requirePermission } from "~/auth/guard.server";
import { dashboardOptions, getDashboard, scopeDetails, type DashboardScope } from "./dashboard.server";
import { parseDashboardView, serialiseView } from "./filters";

/** Leaders, coordinators, auditors, admins and planners (read:dashboard) see every dashboard. */
export function loadDashboardPage(request: Request, scope: DashboardScope) {
  requirePermission(request, "read", "dashboard");
  const db = getDb();
  const view = parseDashboardView(new URL(request.url).searchParams);
  const details = scope.kind === "national" ? null : scopeDetails(db, scope.kind, scope.id);
  if (scope.kind !== "national" && !details) throw notFound();
  const dashboard = getDashboard(db, view, scope);
  // The view as resolved: unknown codes dropped, a scope's own unit set.
  const resolvedView = { ...view, ...dashboard.filters };
  return {
    dashboard,
    options: dashboardOptions(db),
    view: resolvedView,
    query: serialiseView(resolvedView),
    scope: scope.kind,
    details,
  };
}

/** A positive integer id from the URL, or 404. */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw notFound();
  return id;
}
