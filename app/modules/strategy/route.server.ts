/**
 * Shared server plumbing of the strategy routes: who acts, which node, and
 * how a refused command becomes a localised reply beside the right field.
 */
import type { AppLoadContext } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import type { Db } from "#db/client.server";
import type { CurrentUser } from "~/auth/guard.server";
import { notFound } from "~/auth/guard.server";
import { translator } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locales";
import type { Actor } from "~/modules/audit/audit.server";
import { StaleVersionError } from "~/modules/db/concurrency";
import { StrategyError } from "./commands.server";
import { getNodeDetail, type NodeDetail } from "./node.server";

export function actorOf(user: CurrentUser, context: AppLoadContext): Actor {
  return { userId: user.id, label: user.email, ipAddress: context.clientIp ?? null };
}

/** The node of `params.code`, or a 404. */
export function requireNodeDetail(db: Db, code: string | undefined): NodeDetail {
  const node = code ? getNodeDetail(db, code) : null;
  if (!node) throw notFound();
  return node;
}

export interface Refusal {
  /** Localised text. */
  message: string;
  /** The form field it belongs to, if any. */
  field?: string;
  stale: boolean;
  status: number;
}

/** A command's refusal as localised text and an HTTP status; null for other errors (rethrow them). */
export function refusalOf(error: unknown, locale: Locale): Refusal | null {
  const t = translator(locale);
  if (error instanceof StaleVersionError) {
    return { message: t("strategy.error.stale"), stale: true, status: 409 };
  }
  if (error instanceof StrategyError) {
    const status = error.key === "strategy.error.notFound" ? 404 : 409;
    return { message: t(error.key, error.params), field: error.field, stale: false, status };
  }
  return null;
}

/** Conform reply for a refusal: beside its field when it has one, else at the top of the form. */
export function replyWith(
  submission: {
    reply: (options?: {
      formErrors?: string[];
      fieldErrors?: Record<string, string[]>;
    }) => SubmissionResult<string[]>;
  },
  refusal: Refusal,
): SubmissionResult<string[]> & { stale?: boolean } {
  const result = refusal.field
    ? submission.reply({ fieldErrors: { [refusal.field]: [refusal.message] } })
    : submission.reply({ formErrors: [refusal.message] });
  return { ...result, stale: refusal.stale };
}
