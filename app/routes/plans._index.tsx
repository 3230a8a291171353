import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { getDb } from "#db/client.server";
import { PLAN_STATUSES } from "#db/enums";
import { requirePermission } from "~/auth/guard.server";
import { DataTable, TableFilters } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { parsePlanListQuery } from "~/modules/plans/list";
import { mayCreatePlans } from "~/modules/plans/policy";
import {
  listPlans,
  planFilterOptions,
  planReadScope,
  waitingFor,
  type PlanListRow,
  type WaitingPlan,
} from "~/modules/plans/queries.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";
import { DownloadLinks } from "~/modules/export/download-links";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "plans.list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "read", "plan");
  const db = getDb();
  const scope = planReadScope(user);
  const query = parsePlanListQuery(new URL(request.url).searchParams);
  const locale = localeFromRequest(request);
  return {
    ...listPlans(db, scope, query, locale),
    filters: query.filters,
    options: planFilterOptions(db, scope),
    ownOnly: scope !== null,
    waiting: waitingFor(db, user),
    canCreate: mayCreatePlans(user),
  };
}

const col = createColumnHelper<PlanListRow>();

function StatusTag({ status }: { status: PlanListRow["status"] }) {
  const { t } = useT();
  return (
    <span className={status === "approved" ? "tag tag--ok" : status === "returned" ? "tag tag--warn" : "tag"}>
      {t(`enums.planStatus.${status}`)}
    </span>
  );
}

function WaitingPlans({
  plans,
  caption,
  sinceLabel,
  testId,
}: {
  plans: WaitingPlan[];
  caption: string;
  sinceLabel: string;
  testId: string;
}) {
  const { t, locale, dateTime, num } = useT();
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("plans.list.col.code")}</th>
            <th scope="col">{t("plans.list.col.title")}</th>
            <th scope="col">{t("plans.list.col.organisation")}</th>
            <th scope="col">{sinceLabel}</th>
            <th scope="col" className="num">
              {t("plans.list.col.projects")}
            </th>
          </tr>
        </thead>
        <tbody>
          {plans.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={`/plans/${p.id}`} className="org-code">
                  {p.code}
                </Link>
              </th>
              <td>
                {localized(locale, p.titleVi, p.titleEn)}
                {p.reason ? (
                  <span className="hint">
                    {t("plans.workflow.returnReason")} {p.reason}
                  </span>
                ) : null}
              </td>
              <td>{localized(locale, p.orgNameVi, p.orgNameEn)}</td>
              <td>{p.since ? dateTime(p.since) : "—"}</td>
              <td className="num">{num(p.projectCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WaitingForYou({ data }: { data: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const { t, num, dateTime } = useT();
  const w = data.waiting;
  if (w.toReview === null && w.returned === null) return null;
  const nothing =
    (w.toReview?.length ?? 0) === 0 && (w.returned?.length ?? 0) === 0 && (w.openComments?.length ?? 0) === 0;
  return (
    <section className="waiting" aria-labelledby="waiting-title" data-testid="waiting-for-you">
      <h2 id="waiting-title">{t("plans.waiting.title")}</h2>
      {nothing ? <p className="muted">{t("plans.waiting.nothing")}</p> : null}
      {w.toReview && w.toReview.length > 0 ? (
        <WaitingPlans
          plans={w.toReview}
          caption={t("plans.waiting.toReview", { count: num(w.toReview.length) })}
          sinceLabel={t("plans.waiting.submittedOn")}
          testId="waiting-review"
        />
      ) : null}
      {w.returned && w.returned.length > 0 ? (
        <WaitingPlans
          plans={w.returned}
          caption={t("plans.waiting.returned", { count: num(w.returned.length) })}
          sinceLabel={t("plans.waiting.returnedOn")}
          testId="waiting-returned"
        />
      ) : null}
      {w.openComments && w.openComments.length > 0 ? (
        <>
          <h3>{t("plans.waiting.comments", { count: num(w.openCommentCount) })}</h3>
          <ul className="comments" data-testid="waiting-comments">
            {w.openComments.map((c) => (
              <li key={c.id} className="comment">
                <p className="comment__meta">
                  <Link to={`/plans/${c.planId}#comments`} className="org-code">
                    {c.planCode}
                  </Link>
                  {c.projectCode ? (
                    <>
                      {" "}
                      · <span className="org-code">{c.projectCode}</span>
                    </>
                  ) : null}{" "}
                  · {c.authorName} · {dateTime(c.createdAt)} ·{" "}
                  {t("plans.comments.onRevision", { n: c.revision })}
                </p>
                <p className="comment__body pre-line">{c.body}</p>
              </li>
            ))}
          </ul>
          {w.openCommentCount > w.openComments.length ? (
            <p className="hint">
              {t("plans.waiting.moreComments", { count: num(w.openCommentCount - w.openComments.length) })}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

export default function PlansIndex() {
  const data = useLoaderData<typeof loader>();
  const { t, locale, num, dateTime } = useT();
  const columns = useMemo(
    () => [
      col.accessor("code", {
        header: () => t("plans.list.col.code"),
        meta: { rowHeader: true },
        cell: ({ row: { original: p } }) => (
          <Link to={`/plans/${p.id}`} className="org-code">
            {p.code}
          </Link>
        ),
      }),
      col.accessor("titleVi", {
        id: "title",
        header: () => t("plans.list.col.title"),
        cell: ({ row: { original: p } }) => localized(locale, p.titleVi, p.titleEn),
      }),
      col.accessor("orgNameVi", {
        id: "organisation",
        header: () => t("plans.list.col.organisation"),
        cell: ({ row: { original: p } }) => (
          <>
            <Link to={`/organisations/${p.organisationId}`}>
              {localized(locale, p.orgNameVi, p.orgNameEn)}
            </Link>
            {p.orgLegacy ? <span className="tag tag--legacy"> {t("plans.list.legacy")}</span> : null}
          </>
        ),
      }),
      col.accessor("periodStart", {
        id: "period",
        header: () => t("plans.list.col.period"),
        meta: { initialDir: "desc" },
        cell: ({ row: { original: p } }) => `${p.periodStart}–${p.periodEnd}`,
      }),
      col.accessor("status", {
        header: () => t("plans.list.col.status"),
        cell: (c) => <StatusTag status={c.getValue()} />,
      }),
      col.accessor("revision", {
        header: () => t("plans.list.col.revision"),
        meta: { numeric: true, initialDir: "desc" },
        cell: (c) => num(c.getValue()),
      }),
      col.accessor("projectCount", {
        header: () => t("plans.list.col.projects"),
        enableSorting: false,
        meta: { numeric: true },
        cell: (c) => num(c.getValue()),
      }),
      col.accessor("openComments", {
        header: () => t("plans.list.col.openComments"),
        enableSorting: false,
        meta: { numeric: true },
        cell: (c) => num(c.getValue()),
      }),
      col.accessor("updatedAt", {
        id: "updated",
        header: () => t("plans.list.col.updated"),
        meta: { initialDir: "desc" },
        cell: (c) => dateTime(c.getValue()),
      }),
    ],
    [t, locale, num, dateTime],
  );
  const { filters, options } = data;
  const active = [
    filters.status ? t(`enums.planStatus.${filters.status}`) : null,
    filters.org
      ? (() => {
          const o = options.organisations.find((x) => x.id === filters.org);
          return o ? localized(locale, o.nameVi, o.nameEn) : null;
        })()
      : null,
    filters.period ?? null,
  ].filter(Boolean);
  return (
    <>
      <div className="page-heading">
        <h1>{t("plans.list.title")}</h1>
        {data.canCreate ? (
          <Link to="/plans/new" className="button">
            {t("plans.list.new")}
          </Link>
        ) : null}
      </div>
      <p className="lead">{data.ownOnly ? t("plans.list.introOwn") : t("plans.list.intro")}</p>
      <WaitingForYou data={data} />
      <h2>{t("plans.list.allTitle")}</h2>
      <TableFilters label={t("plans.list.filters")}>
        <div className="form-group">
          <label htmlFor="filter-status">{t("plans.list.col.status")}</label>
          <select
            id="filter-status"
            name="status"
            defaultValue={filters.status ?? ""}
            key={filters.status ?? ""}
          >
            <option value="">{t("plans.list.any")}</option>
            {PLAN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`enums.planStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label htmlFor="filter-org">{t("plans.list.col.organisation")}</label>
          <select id="filter-org" name="org" defaultValue={filters.org ?? ""} key={filters.org ?? ""}>
            <option value="">{t("plans.list.any")}</option>
            <optgroup label={t("plans.list.currentUnits")}>
              {options.organisations
                .filter((o) => !o.legacy)
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {localized(locale, o.nameVi, o.nameEn)}
                  </option>
                ))}
            </optgroup>
            {options.organisations.some((o) => o.legacy) ? (
              <optgroup label={t("plans.list.legacyUnits")}>
                {options.organisations
                  .filter((o) => o.legacy)
                  .map((o) => (
                    <option key={o.id} value={o.id}>
                      {localized(locale, o.nameVi, o.nameEn)}
                    </option>
                  ))}
              </optgroup>
            ) : null}
          </select>
        </div>
        <div className="form-group">
          <label htmlFor="filter-period">{t("plans.list.col.period")}</label>
          <select
            id="filter-period"
            name="period"
            defaultValue={filters.period ?? ""}
            key={filters.period ?? ""}
          >
            <option value="">{t("plans.list.any")}</option>
            {options.periods.map((p) => (
              <option key={`${p.start}-${p.end}`} value={`${p.start}-${p.end}`}>
                {p.start}–{p.end}
              </option>
            ))}
          </select>
        </div>
      </TableFilters>
      <DownloadLinks base="/plans" />
      <DataTable
        id="plans"
        testId="plans-table"
        caption={data.ownOnly ? t("plans.list.captionOwn") : t("plans.list.caption")}
        captionDetail={
          active.length ? t("plans.list.captionFilters", { filters: active.join(", ") }) : undefined
        }
        columns={columns}
        data={data.rows}
        total={data.total}
        state={data.table}
        getRowId={(r) => String(r.id)}
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
