/**
 * Helpers of the budget routes: the project (and its organisation) looked up
 * on the server from the URL, the request's locale for money parsing, and
 * turning a refused command into a Conform reply beside the right field.
 */
import type { SubmissionResult } from "@conform-to/react";
import type { CurrentUser } from "~/auth/guard.server";
import { notFound } from "~/auth/guard.server";
import type { Db } from "#db/client.server";
import { localeFromRequest, type Locale } from "~/i18n/locales";
import { requireProject } from "~/modules/projects/route.server";
import { todayIso } from "~/utils/today";
import { BudgetError, StaleVersionError, type BudgetProject } from "./commands.server";
import { fiscalYearRange } from "./rules";

export interface BudgetProjectRecord extends BudgetProject {
  titleVi: string;
  titleEn: string | null;
  startDate: string | null;
  endDate: string | null;
  handlesPersonalData: boolean;
  years: { min: number; max: number };
}

export function requireBudgetProject(db: Db, code: string | undefined): BudgetProjectRecord {
  const p = requireProject(db, code);
  return {
    id: p.id,
    code: p.code,
    organisationId: p.organisationId,
    plan: p.plan ? { status: p.plan.status } : null,
    titleVi: p.titleVi,
    titleEn: p.titleEn,
    startDate: p.startDate,
    endDate: p.endDate,
    handlesPersonalData: Boolean(p.handlesPersonalData),
    years: fiscalYearRange(p.startDate, p.endDate, todayIso()),
  };
}

export function localeOf(request: Request, user: CurrentUser): Locale {
  return localeFromRequest(request, user.locale);
}

/** A positive integer id from the URL, or a 404. */
export function requireLineId(param: string | undefined): number {
  if (!param || !/^\d{1,12}$/.test(param)) throw notFound();
  return Number(param);
}

interface Replyable {
  reply: (options?: {
    formErrors?: string[];
    fieldErrors?: Record<string, string[]>;
  }) => SubmissionResult<string[]>;
}

/** The reply for a refused command, or null when the error is not a refusal (rethrow it). */
export function refusalReply(
  submission: Replyable,
  e: unknown,
): { result: SubmissionResult<string[]>; stale: boolean; status: number } | null {
  if (e instanceof StaleVersionError)
    return { result: submission.reply({ formErrors: ["budget.error.stale"] }), stale: true, status: 409 };
  if (e instanceof BudgetError) {
    const result = e.field
      ? submission.reply({ fieldErrors: { [e.field]: [e.messageKey] } })
      : submission.reply({ formErrors: [e.messageKey] });
    return { result, stale: false, status: e.messageKey === "budget.error.lineNotFound" ? 404 : 409 };
  }
  return null;
}
