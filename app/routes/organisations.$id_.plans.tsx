import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { getDb } from "#db/client.server";
import { requirePermission, requireUser } from "~/auth/guard.server";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import {
  getOrganisationRef,
  listOrganisationPlans,
  type PlanRow,
} from "~/modules/organisations/detail.server";
import { parseId } from "~/modules/organisations/params";
import { PLAN_TABLE } from "~/modules/organisations/plans";
import { pageTitle } from "~/modules/shell/meta";
import { parseTableParams } from "~/modules/table/params";
import { localized } from "~/utils/localized";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data
    ? pageTitle(matches, "org.plans.pageTitle", { name: data.title })
    : pageTitle(matches, "org.plans.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireUser(request);
  const db = getDb();
  const id = parseId(params.id);
  const org = id === null ? null : getOrganisationRef(db, id);
  if (!org) throw new Response(null, { status: 404 });
  // Planners read only their own organisation's plans (with its predecessors and successors).
  requirePermission(request, "read", "plan", org.id);
  const locale = localeFromRequest(request);
  const table = parseTableParams(new URL(request.url).searchParams, PLAN_TABLE);
  return {
    organisation: org,
    title: localized(locale, org.nameVi, org.nameEn),
    ...listOrganisationPlans(db, org.id, table, locale),
  };
}

const col = createColumnHelper<PlanRow>();

export default function OrganisationPlans() {
  const data = useLoaderData<typeof loader>();
  const { t, locale, num } = useT();
  const columns = useMemo(
    () => [
      col.accessor("code", {
        header: () => t("org.plans.col.code"),
        meta: { rowHeader: true },
        cell: (c) => <span className="org-code">{c.getValue()}</span>,
      }),
      col.accessor("titleVi", {
        id: "title",
        header: () => t("org.plans.col.title"),
        cell: ({ row: { original: p } }) => (
          <>
            {localized(locale, p.titleVi, p.titleEn)}
            {p.fromPredecessor ? (
              <span className="hint">
                {t("org.plans.fromPredecessor")}{" "}
                <Link to={`/organisations/${p.fromPredecessor.id}`}>
                  {localized(locale, p.fromPredecessor.nameVi, p.fromPredecessor.nameEn)}
                </Link>
              </span>
            ) : null}
          </>
        ),
      }),
      col.accessor("periodStart", {
        id: "period",
        header: () => t("org.plans.col.period"),
        meta: { initialDir: "desc" },
        cell: ({ row: { original: p } }) => `${p.periodStart}–${p.periodEnd}`,
      }),
      col.accessor("status", {
        header: () => t("org.plans.col.status"),
        cell: (c) => (
          <span className={c.getValue() === "approved" ? "tag tag--ok" : "tag"}>
            {t(`enums.planStatus.${c.getValue()}`)}
          </span>
        ),
      }),
      col.accessor("revision", {
        header: () => t("org.plans.col.revision"),
        meta: { numeric: true, initialDir: "desc" },
        cell: (c) => num(c.getValue()),
      }),
      col.accessor("projectCount", {
        header: () => t("org.plans.col.projects"),
        enableSorting: false,
        meta: { numeric: true },
        cell: (c) => num(c.getValue()),
      }),
    ],
    [t, locale, num],
  );
  return (
    <>
      <p className="breadcrumb">
        <Link to="/organisations">{t("org.register.title")}</Link> ›{" "}
        <Link to={`/organisations/${data.organisation.id}`}>{data.title}</Link>
      </p>
      <h1>{t("org.plans.pageTitle", { name: data.title })}</h1>
      <DataTable
        id="plans"
        testId="plans-table"
        caption={t("org.plans.caption", { name: data.title })}
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
