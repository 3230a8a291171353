/**
 * The records behind a dashboard figure: the same filters as the dashboard
 * (in the URL) narrowed by the figure's facet (phase, province, region,
 * equity group, strategy node, overdue, flag severity or rule). Planners,
 * who may read the dashboard but only their own records, see their own
 * organisations' rows.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { can, requirePermission } from "~/auth/guard.server";
import { DashboardPlanTable } from "~/components/dashboard-plan-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/useT";
import { drillList, organisationById } from "~/modules/dashboard/dashboard.server";
import {
  DRILL_LIMIT,
  parseDashboardView,
  parseDrillFacet,
  serialiseView,
  withQuery,
} from "~/modules/dashboard/filters";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dashboard.list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "read", "dashboard");
  const db = getDb();
  const params = new URL(request.url).searchParams;
  const view = parseDashboardView(params);
  const facet = parseDrillFacet(params);
  const entity = facet.what === "flags" ? "flag" : facet.what === "plans" ? "plan" : "project";
  // "any" readers see every row; "own" readers (planners) their organisations' rows.
  const all = can(user, "read", entity, -1);
  const visible = all ? null : new Set(user.ownOrganisationIds);
  const { result, filters, active, under } = drillList(db, view, facet, visible);
  const unit = facet.unit !== null ? organisationById(db, facet.unit) : null;
  return {
    result,
    facet,
    active,
    under,
    unit,
    ownOnly: visible !== null,
    back: withQuery("/dashboard", serialiseView({ ...view, ...filters })),
    asOf: filters.asOf,
  };
}

export default function DashboardList() {
  const data = useLoaderData<typeof loader>();
  const { t, locale, money, num, date } = useT();
  const { result, facet, active, under, unit } = data;
  const describe: string[] = [];
  if (active.years.length) describe.push(t("dashboard.active.years", { years: active.years.join(", ") }));
  if (active.region) describe.push(localized(locale, active.region.nameVi, active.region.nameEn));
  if (active.province) describe.push(localized(locale, active.province.nameVi, active.province.nameEn));
  if (active.ministry) describe.push(localized(locale, active.ministry.nameVi, active.ministry.nameEn));
  if (active.node)
    describe.push(`${active.node.code} ${localized(locale, active.node.titleVi, active.node.titleEn)}`);
  if (active.source) describe.push(t(`dashboard.source.${active.source}`));
  if (facet.phase) describe.push(t(`enums.phase.${facet.phase}`));
  if (unit) describe.push(localized(locale, unit.nameVi, unit.nameEn));
  if (facet.inRegion) describe.push(facet.inRegion);
  if (facet.equity) describe.push(t(`dashboard.equity.${facet.equity}`));
  if (under) describe.push(`${under.code} ${localized(locale, under.titleVi, under.titleEn)}`);
  if (facet.overdue) describe.push(t("dashboard.list.overdue"));
  if (facet.noProvince) describe.push(t("dashboard.provinces.none"));
  if (facet.severity) describe.push(t(`dashboard.severity.${facet.severity}`));
  if (facet.rule) describe.push(t(`flags.rule.${facet.rule}.title` as MessageKey));
  const caption = describe.length ? describe.join("; ") : t("dashboard.active.none");
  const title = t(`dashboard.list.${result.what}`);
  return (
    <>
      <p className="breadcrumb">
        <Link to={data.back}>{t("dashboard.list.back")}</Link>
      </p>
      <h1>{title}</h1>
      <p className="lead">
        {data.asOf ? t("dashboard.asOf", { date: date(data.asOf) }) : null} {caption}
      </p>
      {data.ownOnly ? <p className="notice">{t("dashboard.list.ownOnly")}</p> : null}
      {result.total > DRILL_LIMIT ? (
        <p className="hint">{t("dashboard.list.limited", { n: num(DRILL_LIMIT) })}</p>
      ) : null}
      {result.what === "projects" ? (
        <div className="table-wrap">
          <table className="data-table data-table--compact" data-testid="drill-table">
            <caption>
              {t("dashboard.list.projectsCaption", {
                n: num(result.total),
                approved: money(result.approved),
                disbursed: money(result.disbursed),
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.col.code")}</th>
                <th scope="col">{t("dashboard.col.title")}</th>
                <th scope="col">{t("dashboard.col.organisation")}</th>
                <th scope="col">{t("dashboard.col.province")}</th>
                <th scope="col">{t("dashboard.col.phase")}</th>
                <th scope="col" className="num">
                  {t("dashboard.col.approved")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.col.disbursed")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.col.overdue")}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.id} data-code={r.code}>
                  <th scope="row">
                    <Link to={`/projects/${encodeURIComponent(r.code)}`}>{r.code}</Link>
                  </th>
                  <td>{localized(locale, r.titleVi, r.titleEn)}</td>
                  <td>{localized(locale, r.orgNameVi, r.orgNameEn)}</td>
                  <td>
                    {r.provinceNameVi
                      ? localized(locale, r.provinceNameVi, r.provinceNameEn)
                      : t("dashboard.none")}
                  </td>
                  <td>{t(`enums.phase.${r.phase}`)}</td>
                  <td className="num" data-value={r.approved}>
                    {money(r.approved)}
                  </td>
                  <td className="num" data-value={r.disbursed}>
                    {money(r.disbursed)}
                  </td>
                  <td className="num">{num(r.overdue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : result.what === "flags" ? (
        <div className="table-wrap">
          <table className="data-table data-table--compact" data-testid="drill-table">
            <caption>
              {t("dashboard.list.flagsCaption", { n: num(result.total), amount: money(result.moneyAtStake) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.col.flag")}</th>
                <th scope="col">{t("dashboard.col.subject")}</th>
                <th scope="col">{t("dashboard.col.severity")}</th>
                <th scope="col">{t("dashboard.col.status")}</th>
                <th scope="col" className="num">
                  {t("dashboard.col.moneyAtStake")}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((f) => (
                <tr key={f.id}>
                  <th scope="row">{t(`flags.rule.${f.ruleCode}.title` as MessageKey)}</th>
                  <td>
                    {f.projectCode ? (
                      <Link to={`/projects/${encodeURIComponent(f.projectCode)}`}>{f.projectCode}</Link>
                    ) : null}{" "}
                    {f.projectTitleVi
                      ? localized(locale, f.projectTitleVi, f.projectTitleEn)
                      : f.orgNameVi
                        ? localized(locale, f.orgNameVi, f.orgNameEn)
                        : ""}
                  </td>
                  <td>{t(`dashboard.severity.${f.severity}`)}</td>
                  <td>{t(`dashboard.flagState.${f.state as "open"}`)}</td>
                  <td className="num" data-value={f.moneyAtStake}>
                    {money(f.moneyAtStake)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <Link to="/flags">{t("dashboard.list.triage")}</Link>
          </p>
        </div>
      ) : (
        <DashboardPlanTable
          plans={result.rows}
          caption={t("dashboard.list.plansCaption", { n: num(result.total) })}
          testId="drill-table"
        />
      )}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
