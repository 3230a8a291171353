/**
 * Plans as a captioned table (dashboard scope pages and drill lists): title
 * linking to the plan, organisation, period and status.
 */
import { Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/useT";
import type { DrillPlanRow } from "~/modules/dashboard/dashboard.server";
import { localized } from "~/utils/localized";

export function DashboardPlanTable({ plans, caption, testId }: { plans: DrillPlanRow[]; caption: string; testId: string }) {
  const { t, locale } = useT();
  return (
    <div className="table-wrap">
      <table className="data-table data-table--compact" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dashboard.col.plan")}</th>
            <th scope="col">{t("dashboard.col.organisation")}</th>
            <th scope="col">{t("dashboard.col.period")}</th>
            <th scope="col">{t("dashboard.col.status")}</th>
          </tr>
        </thead>
        <tbody>
          {plans.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={`/plans/${p.id}`}>{localized(locale, p.titleVi, p.titleEn)}</Link>
              </th>
              <td>{localized(locale, p.orgNameVi, p.orgNameEn)}</td>
              <td>{`${p.periodStart}–${p.periodEnd}`}</td>
              <td>{t(`enums.planStatus.${p.status}` as MessageKey)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
