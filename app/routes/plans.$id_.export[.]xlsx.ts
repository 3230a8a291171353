/**
 * A plan in the import template's layout, `/plans/:id/export.xlsx?lang=vi|en`:
 * importing the file again changes nothing.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { notFound, requirePermission } from "~/auth/guard.server";
import { translator } from "~/i18n/i18n";
import { isLocale, localeFromRequest } from "~/i18n/locales";
import { xlsxResponse } from "~/modules/export/download.server";
import { parsePlanId } from "~/modules/plans/params";
import { getPlanRef } from "~/modules/plans/queries.server";
import { planWorkbook } from "~/modules/spreadsheet/workbook.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const id = parsePlanId(params.id);
  const plan = id === null ? null : getPlanRef(db, id);
  if (!plan) throw notFound();
  const user = requirePermission(request, "read", "plan", plan.organisationId, db);
  const lang = new URL(request.url).searchParams.get("lang");
  const locale = isLocale(lang) ? lang : localeFromRequest(request, user.locale);
  const bytes = await planWorkbook(db, locale, plan.id);
  return xlsxResponse(bytes, `${translator(locale)("imports.file.plan", { code: plan.code })}.xlsx`);
}
