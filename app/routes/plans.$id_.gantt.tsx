import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { getDb } from "#db/client.server";
import { notFound, requirePermission } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Gantt } from "~/components/gantt";
import { useT } from "~/i18n/useT";
import { ganttLayout } from "~/modules/milestones/gantt";
import { planGanttData } from "~/modules/milestones/milestones.server";
import { parsePlanId } from "~/modules/plans/params";
import { getPlanRef } from "~/modules/plans/queries.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";
import { todayIso } from "~/utils/today";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "milestones.title.planGantt", { code: data?.plan.code ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const id = parsePlanId(params.id);
  const plan = id === null ? null : getPlanRef(db, id);
  if (!plan) throw notFound();
  requirePermission(request, "read", "plan", plan.organisationId, db);
  const today = todayIso();
  return { plan, today, ...planGanttData(db, plan.id, today) };
}

export default function PlanGantt() {
  const d = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const layout = useMemo(
    () =>
      ganttLayout(
        d.projects.map((p) => ({
          key: p.code,
          label: `${p.code} · ${localized(locale, p.titleVi, p.titleEn)}`,
          start: p.startDate,
          end: p.endDate,
          progress: p.ratio,
          milestones: p.milestones.map((m) => ({
            id: m.id,
            name: localized(locale, m.nameVi, m.nameEn),
            dueDate: m.dueDate,
            doneDate: m.doneDate,
          })),
        })),
        { today: d.today },
      ),
    [d, locale],
  );
  const overdue = d.projects.reduce((n, p) => n + p.overdueCount, 0);
  return (
    <div className="gantt-page">
      <p className="breadcrumb">
        <Link to={`/plans/${d.plan.id}`}>{d.plan.code}</Link>
      </p>
      <h1>{t("milestones.title.planGantt", { code: d.plan.code })}</h1>
      <p className="lead">{localized(locale, d.plan.titleVi, d.plan.titleEn)}</p>
      <Gantt
        kind="plan"
        layout={layout}
        title={t("milestones.gantt.planTitle", { code: d.plan.code })}
        description={t("milestones.gantt.planDesc", { n: d.projects.length, overdue })}
        caption={t("milestones.gantt.planCaption", { code: d.plan.code })}
      />
      {d.projects.length > 0 ? (
        <ul className="gantt__links">
          {d.projects.map((p) => (
            <li key={p.id}>
              <Link to={`/projects/${encodeURIComponent(p.code)}/gantt`}>{p.code}</Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
