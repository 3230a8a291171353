/**
 * What the transaction routes share on the server: the project from the URL
 * with its organisation (for the permission check), the reader's locale (for
 * parsing amounts) and the project shape the commands need.
 */
import type { CurrentUser } from "~/auth/guard.server";
import type { Db } from "#db/client.server";
import { localeFromRequest, type Locale } from "~/i18n/locales";
import { requireProject } from "~/modules/projects/route.server";
import type { LedgerProject } from "./ledger.server";

export interface LedgerProjectView extends LedgerProject {
  titleVi: string;
  titleEn: string | null;
}

/** The project named by the URL (404 if none); its organisation is read from the database. */
export function ledgerProject(db: Db, code: string | undefined): LedgerProjectView {
  const p = requireProject(db, code);
  return {
    id: p.id,
    code: p.code,
    organisationId: p.organisationId,
    startDate: p.startDate,
    endDate: p.endDate,
    titleVi: p.titleVi,
    titleEn: p.titleEn,
  };
}

export function requestLocale(request: Request, user: CurrentUser): Locale {
  return localeFromRequest(request, user.locale);
}
