import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { BarChartBox } from "~/components/chart";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { getOrganisationFigures, getOverview, type PhaseFigure } from "~/modules/home/overview.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "read", "dashboard");
  const db = getDb();
  const overview = getOverview(db);
  // Planners also get a short block about their own organisation family.
  const primary = user.roles.includes("planner")
    ? user.memberships.find((m) => m.role === "planner")
    : undefined;
  const mine = primary
    ? {
        organisationId: primary.organisationId,
        nameVi: primary.organisationNameVi,
        nameEn: primary.organisationNameEn,
        ...getOrganisationFigures(db, user.ownOrganisationIds),
      }
    : null;
  return { overview, mine };
}

function Card({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="card" data-testid={testId}>
      <span className="card__value">{value}</span>
      <span className="card__label">{label}</span>
    </div>
  );
}

function PhaseTable({
  id,
  caption,
  rows,
  total,
}: {
  id: string;
  caption: string;
  rows: PhaseFigure[];
  total: Omit<PhaseFigure, "phase">;
}) {
  const { t, num, money } = useT();
  return (
    <div className="table-wrap">
      <table className="data-table" id={id} data-testid={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("home.col.phase")}</th>
            <th scope="col" className="num">
              {t("home.col.projects")}
            </th>
            <th scope="col" className="num">
              {t("home.col.approved")}
            </th>
            <th scope="col" className="num">
              {t("home.col.disbursed")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.phase} data-phase={r.phase}>
              <th scope="row">{t(`enums.phase.${r.phase}`)}</th>
              <td className="num" data-value={r.projects}>
                {num(r.projects)}
              </td>
              <td className="num" data-value={r.approved}>
                {money(r.approved)}
              </td>
              <td className="num" data-value={r.disbursed}>
                {money(r.disbursed)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("home.total")}</th>
            <td className="num">{num(total.projects)}</td>
            <td className="num">{money(total.approved)}</td>
            <td className="num">{money(total.disbursed)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export default function Home() {
  const { overview, mine } = useLoaderData<typeof loader>();
  const { t, num, money, locale, pct, date } = useT();
  const { totals } = overview;
  const provinceName = (p: { nameVi: string; nameEn: string }) => localized(locale, p.nameVi, p.nameEn);

  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro", { date: date(overview.asOf) })}</p>

      <section aria-labelledby="headline-heading">
        <h2 id="headline-heading" className="visually-hidden">
          {t("home.headline")}
        </h2>
        <div className="cards">
          <Card testId="card-projects" label={t("home.card.projects")} value={num(totals.projects)} />
          <Card
            testId="card-provinces"
            label={t("home.card.provinces")}
            value={t("home.card.provincesValue", {
              covered: num(totals.provincesCovered),
              total: num(totals.provinces),
            })}
          />
          <Card testId="card-approved" label={t("home.card.approved")} value={money(totals.approved)} />
          <Card
            testId="card-disbursed"
            label={t("home.card.disbursed", {
              share: totals.approved > 0 ? pct(totals.disbursed / totals.approved) : t("common.common.none"),
            })}
            value={money(totals.disbursed)}
          />
        </div>
      </section>

      {mine ? (
        <section aria-labelledby="mine-heading" className="my-organisation" data-testid="my-organisation">
          <h2 id="mine-heading">
            {t("home.mine.title", { name: localized(locale, mine.nameVi, mine.nameEn) })}
          </h2>
          <p>
            {t("home.mine.summary", {
              projects: num(mine.totals.projects),
              approved: money(mine.totals.approved),
              disbursed: money(mine.totals.disbursed),
            })}{" "}
            <Link to={`/organisations/${mine.organisationId}`}>{t("home.mine.open")}</Link>
          </p>
          <PhaseTable
            id="mine-by-phase"
            caption={t("home.mine.caption", { name: localized(locale, mine.nameVi, mine.nameEn) })}
            rows={mine.byPhase.filter((r) => r.projects > 0)}
            total={mine.totals}
          />
        </section>
      ) : null}

      <section aria-labelledby="phase-heading">
        <h2 id="phase-heading">{t("home.phase.title")}</h2>
        <BarChartBox
          testId="chart-phase"
          title={t("home.phase.chart")}
          note={t("home.chartNote")}
          tableId="by-phase"
          valueName={t("home.col.projects")}
          format={(v) => num(v)}
          width={720}
          height={320}
          data={overview.byPhase.map((p) => ({ label: t(`enums.phase.${p.phase}`), value: p.projects }))}
        />
        <PhaseTable id="by-phase" caption={t("home.phase.caption")} rows={overview.byPhase} total={totals} />
      </section>

      <section aria-labelledby="province-heading">
        <h2 id="province-heading">{t("home.province.title")}</h2>
        <p className="hint">{t("home.province.hint")}</p>
        <BarChartBox
          testId="chart-province"
          title={t("home.province.chart")}
          note={t("home.chartNote")}
          tableId="by-province"
          valueName={t("home.col.projects")}
          format={(v) => num(v)}
          horizontal
          width={720}
          height={Math.max(240, 40 + overview.byProvince.length * 20)}
          data={overview.byProvince.map((p) => ({ label: provinceName(p), value: p.projects }))}
        />
        <div className="table-wrap">
          <table className="data-table" id="by-province" data-testid="by-province">
            <caption>{t("home.province.caption", { count: num(totals.provinces) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("home.col.province")}</th>
                <th scope="col" className="num">
                  {t("home.col.projects")}
                </th>
                <th scope="col" className="num">
                  {t("home.col.approved")}
                </th>
                <th scope="col" className="num">
                  {t("home.col.disbursed")}
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.byProvince.map((p) => (
                <tr key={p.id} data-org-code={p.code}>
                  <th scope="row">
                    <Link to={`/organisations/${p.id}`}>{provinceName(p)}</Link>
                  </th>
                  <td className="num" data-value={p.projects}>
                    {num(p.projects)}
                  </td>
                  <td className="num" data-value={p.approved}>
                    {money(p.approved)}
                  </td>
                  <td className="num" data-value={p.disbursed}>
                    {money(p.disbursed)}
                  </td>
                </tr>
              ))}
            </tbody>
            {totals.withoutProvince > 0 ? (
              <tfoot>
                <tr>
                  <th scope="row">{t("home.province.none")}</th>
                  <td className="num" data-value={totals.withoutProvince}>
                    {num(totals.withoutProvince)}
                  </td>
                  <td />
                  <td />
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
      </section>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
