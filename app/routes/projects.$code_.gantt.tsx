import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Gantt } from "~/components/gantt";
import { useT } from "~/i18n/useT";
import { ganttLayout } from "~/modules/milestones/gantt";
import { listMilestones, projectProgress } from "~/modules/milestones/milestones.server";
import { requireMilestoneReader } from "~/modules/milestones/route.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";
import { todayIso } from "~/utils/today";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "milestones.title.gantt", { code: data?.code ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { project } = requireMilestoneReader(request, db, params.code);
  const today = todayIso();
  return {
    code: project.code,
    titleVi: project.titleVi,
    titleEn: project.titleEn,
    startDate: project.startDate,
    endDate: project.endDate,
    today,
    milestones: listMilestones(db, project.id, today),
    progress: projectProgress(db, project.id, today),
  };
}

export default function ProjectGantt() {
  const d = useLoaderData<typeof loader>();
  const { t, locale, date, pct } = useT();
  const title = localized(locale, d.titleVi, d.titleEn);
  const layout = useMemo(
    () =>
      ganttLayout(
        [
          {
            key: d.code,
            label: d.code,
            start: d.startDate,
            end: d.endDate,
            progress: d.progress.ratio,
            milestones: d.milestones.map((m) => ({
              id: m.id,
              name: localized(locale, m.nameVi, m.nameEn),
              dueDate: m.dueDate,
              doneDate: m.doneDate,
            })),
          },
        ],
        { today: d.today },
      ),
    [d, locale],
  );
  const base = `/projects/${encodeURIComponent(d.code)}`;
  return (
    <div className="gantt-page">
      <p className="breadcrumb">
        <Link to={base}>{d.code}</Link> › <Link to={`${base}/milestones`}>{t("milestones.title.short")}</Link>
      </p>
      <h1>{t("milestones.title.gantt", { code: d.code })}</h1>
      <p className="lead">{title}</p>
      <Gantt
        kind="project"
        layout={layout}
        title={t("milestones.gantt.projectTitle", { code: d.code })}
        description={t("milestones.gantt.projectDesc", {
          start: d.startDate ? date(d.startDate) : t("milestones.gantt.noDate"),
          end: d.endDate ? date(d.endDate) : t("milestones.gantt.noDate"),
          n: d.milestones.length,
          overdue: d.progress.overdueCount,
          progress: d.progress.ratio === null ? t("milestones.progress.none") : pct(d.progress.ratio),
        })}
        caption={t("milestones.gantt.projectCaption", { code: d.code })}
      />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
