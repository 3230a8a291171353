/**
 * Server plumbing of the indicators page: who may read and change, the page
 * data, and how a refused command becomes a localised message beside its
 * field. The project and its organisation always come from the database (the
 * code in the URL), never from a form field.
 */
import type { Db } from "#db/client.server";
import { can, forbidden, requireUser, type CurrentUser } from "~/auth/guard.server";
import { translator } from "~/i18n/i18n";
import { formatNumber } from "~/i18n/format";
import type { Locale } from "~/i18n/locales";
import { StaleVersionError } from "~/modules/db/concurrency";
import { requireProject } from "~/modules/projects/route.server";
import type { ProjectRecord } from "~/modules/projects/project.server";
import { eligibleTargets, IndicatorError, listIndicators, listValues } from "./indicators.server";
import { parsePeriod } from "./period";
import { progressOf } from "./progress";

/** Read: `read:budget` or `read:project` on the project's organisation; 403 otherwise. */
export function requireIndicatorsRead(request: Request, db: Db, code: string | undefined) {
  const user = requireUser(request, db);
  const project = requireProject(db, code);
  if (
    !can(user, "read", "budget", project.organisationId) &&
    !can(user, "read", "project", project.organisationId)
  ) {
    throw forbidden();
  }
  return { user, project, canEdit: can(user, "update", "budget", project.organisationId) };
}

/** Write: `update:budget` on the project's organisation (indicators are execution data); 403 otherwise. */
export function requireIndicatorsWrite(
  request: Request,
  db: Db,
  code: string | undefined,
): {
  user: CurrentUser;
  project: ProjectRecord;
} {
  const user = requireUser(request, db);
  const project = requireProject(db, code);
  if (!can(user, "update", "budget", project.organisationId)) throw forbidden();
  return { user, project };
}

export const DONE = [
  "created",
  "updated",
  "removed",
  "removedWithValues",
  "value",
  "replaced",
  "valueRemoved",
] as const;
export type Done = (typeof DONE)[number];

export interface DoneNotice {
  kind: Done;
  params: Record<string, string>;
}

/** The notice named by `?done=` after a redirect (with its validated parameters). */
export function doneNotice(url: URL, locale: Locale): DoneNotice | null {
  const kind = url.searchParams.get("done");
  if (!(DONE as readonly string[]).includes(kind ?? "")) return null;
  const params: Record<string, string> = {};
  const period = parsePeriod(url.searchParams.get("period"));
  if (period.ok) params.period = period.period.label;
  for (const k of ["from", "to", "count"]) {
    const v = url.searchParams.get(k);
    if (v !== null && v !== "" && Number.isFinite(Number(v))) params[k] = formatNumber(Number(v), locale, 4);
  }
  return { kind: kind as Done, params };
}

/** Everything the page shows: indicators with progress, values by indicator, linkable targets. */
export function indicatorsPage(db: Db, project: ProjectRecord) {
  const values = listValues(db, project.id);
  const indicators = listIndicators(db, project.id).map((i) => ({
    ...i,
    progress: progressOf(i.baseline, i.latestValue, i.target),
    values: values.filter((v) => v.indicatorId === i.id),
  }));
  return { indicators, targets: eligibleTargets(db, project.id) };
}

export interface Refusal {
  message: string;
  field?: string;
  stale: boolean;
  status: number;
}

export function refusalOf(error: unknown, locale: Locale): Refusal | null {
  const t = translator(locale);
  if (error instanceof StaleVersionError)
    return { message: t("indicators.error.stale"), stale: true, status: 409 };
  if (error instanceof IndicatorError) {
    const params = Object.fromEntries(
      Object.entries(error.params ?? {}).map(([k, v]) => [
        k,
        typeof v === "number" ? formatNumber(v, locale, 4) : v,
      ]),
    );
    return {
      message: t(error.key as Parameters<typeof t>[0], params),
      field: error.field,
      stale: false,
      status: error.status,
    };
  }
  return null;
}
