/**
 * The download routes' one job each: authorise like the page, build the
 * same view without paging, answer with the file. Route files are one line.
 */
import { getDb } from "#db/client.server";
import { forbidden, requirePermission, scopeOf } from "~/auth/guard.server";
import { localeFromRequest } from "~/i18n/locales";
import { requireBudgetProject } from "~/modules/budget/route.server";
import { requireMilestoneReader } from "~/modules/milestones/route.server";
import { registerScopeFor } from "~/modules/projects/register.server";
import { ledgerProject } from "~/modules/transactions/route.server";
import { tableDownload } from "./download.server";
import {
  auditTable,
  budgetTable,
  flagsTable,
  milestonesTable,
  organisationsTable,
  plansTable,
  projectsTable,
  transactionsTable,
} from "./tables.server";

export type ExportFormat = "csv" | "xlsx";

const searchOf = (request: Request) => new URL(request.url).searchParams;

export function downloadProjects(request: Request, format: ExportFormat): Promise<Response> {
  const user = requirePermission(request, "read", "project");
  const scope = registerScopeFor(user);
  if (!scope) throw forbidden();
  return tableDownload(format, projectsTable(getDb(), searchOf(request), scope, localeFromRequest(request, user.locale)));
}

export function downloadOrganisations(request: Request, format: ExportFormat): Promise<Response> {
  const user = requirePermission(request, "read", "organisation");
  return tableDownload(format, organisationsTable(getDb(), searchOf(request), localeFromRequest(request, user.locale)));
}

export function downloadPlans(request: Request, format: ExportFormat): Promise<Response> {
  const user = requirePermission(request, "read", "plan");
  return tableDownload(format, plansTable(getDb(), user, searchOf(request), localeFromRequest(request, user.locale)));
}

export function downloadAudit(request: Request, format: ExportFormat): Promise<Response> {
  const user = requirePermission(request, "read", "audit");
  return tableDownload(format, auditTable(getDb(), searchOf(request), localeFromRequest(request, user.locale)));
}

export function downloadFlags(request: Request, format: ExportFormat): Promise<Response> {
  const user = requirePermission(request, "read", "flag");
  const own = scopeOf(user, "read", "flag") === "any" ? null : [...user.ownOrganisationIds];
  return tableDownload(format, flagsTable(getDb(), searchOf(request), own, localeFromRequest(request, user.locale)));
}

export function downloadTransactions(request: Request, code: string | undefined, format: ExportFormat): Promise<Response> {
  const db = getDb();
  const project = ledgerProject(db, code);
  const user = requirePermission(request, "read", "budget", project.organisationId, db);
  return tableDownload(format, transactionsTable(db, project, searchOf(request), localeFromRequest(request, user.locale)));
}

export function downloadBudget(request: Request, code: string | undefined, format: ExportFormat): Promise<Response> {
  const db = getDb();
  const project = requireBudgetProject(db, code);
  const user = requirePermission(request, "read", "budget", project.organisationId, db);
  return tableDownload(format, budgetTable(db, project, localeFromRequest(request, user.locale)));
}

export function downloadMilestones(request: Request, code: string | undefined, format: ExportFormat): Promise<Response> {
  const db = getDb();
  const { project, user } = requireMilestoneReader(request, db, code);
  return tableDownload(format, milestonesTable(db, project, localeFromRequest(request, user.locale)));
}
