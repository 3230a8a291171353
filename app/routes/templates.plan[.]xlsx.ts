/**
 * The empty plan import template, `/templates/plan.xlsx?lang=vi|en`: the
 * instructions, the four data sheets with their headers and drop-down lists.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requireUser } from "~/auth/guard.server";
import { translator } from "~/i18n/i18n";
import { isLocale, localeFromRequest } from "~/i18n/locales";
import { xlsxResponse } from "~/modules/export/download.server";
import { planWorkbook } from "~/modules/spreadsheet/workbook.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  const lang = new URL(request.url).searchParams.get("lang");
  const locale = isLocale(lang) ? lang : localeFromRequest(request, user.locale);
  const bytes = await planWorkbook(getDb(), locale, null);
  return xlsxResponse(bytes, `${translator(locale)("imports.file.template")}.xlsx`);
}
