/**
 * The leadership dashboard page body, shared by the national, province and
 * ministry dashboards: filters (a GET form, so the URL is the view), headline
 * figures, the province map with its table, the disbursement S-curve, the
 * pipeline by phase, budget by strategy pillar with drill-down, regional
 * equity, duplicated proposals, top waste flags and citizen feedback. Every
 * chart is in a fixed-size box with a captioned table of the same numbers;
 * every figure links to the records behind it (`drillHref`).
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { FUNDING_SOURCES, type FlagSeverity } from "#db/enums";
import { BarChartBox } from "~/components/chart";
import { DashboardPlanTable } from "~/components/dashboard-plan-table";
import { FilterSelect } from "~/components/forms";
import { ProvinceMap } from "~/components/province-map";
import { SCurve } from "~/components/s-curve";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/useT";
import type { UnitRow } from "~/modules/dashboard/aggregate";
import type { Dashboard, DashboardOptions, ScopeDetails } from "~/modules/dashboard/dashboard.server";
import {
  drillHref,
  MAP_MEASURES,
  serialiseView,
  withQuery,
  type DashboardView as View,
  type MapMeasure,
} from "~/modules/dashboard/filters";
import { localized } from "~/utils/localized";

export interface DashboardPageData {
  dashboard: Dashboard;
  options: DashboardOptions;
  view: View;
  query: string;
  scope: "national" | "province" | "ministry";
  details: ScopeDetails | null;
}

/**
 * Formatted numbers, kept across renders: a dashboard view is memoised on the
 * server, so every request formats the same few hundred numbers, and building
 * an `Intl.NumberFormat` per number dominated the page's render time.
 */
const formatted = new Map<string, string>();
function remember(key: string, make: () => string): string {
  let text = formatted.get(key);
  if (text === undefined) {
    if (formatted.size > 50_000) formatted.clear();
    text = make();
    formatted.set(key, text);
  }
  return text;
}

function useFormat() {
  const base = useT();
  const { t, locale } = base;
  const none = t("dashboard.none");
  const money = (v: number) => remember(`${locale}:m:${v}`, () => base.money(v));
  const num = (v: number) => remember(`${locale}:n:${v}`, () => base.num(v));
  const pct = (v: number) => remember(`${locale}:p:${v}`, () => base.pct(v));
  return {
    t,
    locale,
    money,
    num,
    pct,
    none,
    rate: (r: number | null) => (r === null ? none : pct(r)),
    perCapita: (v: number | null) =>
      v === null ? none : t("dashboard.perPerson", { amount: money(Math.round(v)) }),
  };
}

/** A headline figure: the value links to the records behind it. */
function Figure({
  label,
  value,
  href,
  testId,
  detail,
}: {
  label: string;
  value: string;
  href: string;
  testId: string;
  detail?: string;
}) {
  return (
    <div className="card dashboard-card" data-testid={testId}>
      <Link to={href} className="card__value">
        {value}
      </Link>
      <span className="card__label">{label}</span>
      {detail ? <span className="card__detail">{detail}</span> : null}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="dashboard-section" id={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

const MEASURE_KEYS: Record<MapMeasure, MessageKey> = {
  approved: "dashboard.measure.approved",
  disbursed: "dashboard.measure.disbursed",
  rate: "dashboard.measure.rate",
  approvedPerCapita: "dashboard.measure.approvedPerCapita",
  projects: "dashboard.measure.projects",
  progress: "dashboard.measure.progress",
  openFlags: "dashboard.measure.openFlags",
};

function measureValue(u: UnitRow, m: MapMeasure): number | null {
  switch (m) {
    case "approved":
      return u.approved;
    case "disbursed":
      return u.disbursed;
    case "rate":
      return u.disbursementRate;
    case "approvedPerCapita":
      return u.approvedPerCapita;
    case "projects":
      return u.projects;
    case "progress":
      return u.progress;
    case "openFlags":
      return u.openFlags;
  }
}

function Filters({ data, action }: { data: DashboardPageData; action: string }) {
  const { t, locale } = useT();
  const { view, options, dashboard, scope } = data;
  const name = (o: { nameVi: string; nameEn: string }) => localized(locale, o.nameVi, o.nameEn);
  return (
    <form
      method="get"
      action={action}
      className="filters dashboard-filters"
      aria-labelledby="dashboard-filters-title"
    >
      <h2 id="dashboard-filters-title" className="visually-hidden">
        {t("dashboard.filters.title")}
      </h2>
      <fieldset className="filters__group">
        <legend>{t("dashboard.filters.years")}</legend>
        <ul className="checkboxes checkboxes--columns" data-testid="year-filter">
          {dashboard.years.map((y) => (
            <li key={y} className="checkbox">
              <input
                type="checkbox"
                id={`year-${y}`}
                name="year"
                value={y}
                defaultChecked={view.years.includes(y)}
              />
              <label htmlFor={`year-${y}`}>{y}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="filters__row">
        {scope !== "province" ? (
          <FilterSelect
            id="f-region"
            name="region"
            label={t("dashboard.filters.region")}
            value={view.region}
            choices={options.regions.map((r) => ({ value: r.code, label: name(r) }))}
          />
        ) : null}
        {scope !== "province" ? (
          <FilterSelect
            id="f-province"
            name="province"
            label={t("dashboard.filters.province")}
            value={view.province}
            choices={options.provinces.map((p) => ({ value: p.code, label: name(p) }))}
          />
        ) : null}
        {scope !== "ministry" ? (
          <FilterSelect
            id="f-ministry"
            name="ministry"
            label={t("dashboard.filters.ministry")}
            value={view.ministry}
            choices={options.ministries.map((m) => ({ value: m.code, label: name(m) }))}
          />
        ) : null}
        <FilterSelect
          id="f-node"
          name="node"
          label={t("dashboard.filters.node")}
          value={view.node}
          choices={options.nodes.map((n) => ({
            value: n.code,
            label: `${"\u00a0".repeat(n.depth * 2)}${n.code} ${localized(locale, n.titleVi, n.titleEn)}`,
          }))}
        />
        <FilterSelect
          id="f-source"
          name="source"
          label={t("dashboard.filters.source")}
          value={view.source}
          choices={FUNDING_SOURCES.map((s) => ({ value: s, label: t(`dashboard.source.${s}`) }))}
        />
        <div className="form-group">
          <label htmlFor="f-asof">{t("dashboard.filters.asOf")}</label>
          <span className="hint" id="f-asof-hint">
            {t("dashboard.filters.asOfHint")}
          </span>
          <input
            type="date"
            id="f-asof"
            name="asOf"
            defaultValue={view.asOf ?? ""}
            aria-describedby="f-asof-hint"
          />
        </div>
      </div>
      <fieldset className="filters__group">
        <legend>{t("dashboard.filters.units")}</legend>
        <div className="radio">
          <input
            type="radio"
            id="units-current"
            name="units"
            value="current"
            defaultChecked={view.units === "current"}
          />
          <label htmlFor="units-current">{t("dashboard.filters.unitsCurrent")}</label>
        </div>
        <div className="radio">
          <input
            type="radio"
            id="units-recorded"
            name="units"
            value="recorded"
            defaultChecked={view.units === "recorded"}
          />
          <label htmlFor="units-recorded">{t("dashboard.filters.unitsRecorded")}</label>
        </div>
      </fieldset>
      {view.measure !== "approved" ? <input type="hidden" name="measure" value={view.measure} /> : null}
      <div className="filters__actions">
        <button type="submit" className="button">
          {t("dashboard.filters.apply")}
        </button>
        <Link to={action}>{t("dashboard.filters.reset")}</Link>
      </div>
    </form>
  );
}

function ActiveFilterLine({ data }: { data: DashboardPageData }) {
  const { t, locale, date, dateTime } = { ...useT() };
  const a = data.dashboard.active;
  const parts: string[] = [];
  if (a.years.length) parts.push(t("dashboard.active.years", { years: a.years.join(", ") }));
  if (a.region) parts.push(localized(locale, a.region.nameVi, a.region.nameEn));
  if (a.province && data.scope !== "province")
    parts.push(localized(locale, a.province.nameVi, a.province.nameEn));
  if (a.ministry && data.scope !== "ministry")
    parts.push(localized(locale, a.ministry.nameVi, a.ministry.nameEn));
  if (a.node) parts.push(`${a.node.code} ${localized(locale, a.node.titleVi, a.node.titleEn)}`);
  if (a.source) parts.push(t(`dashboard.source.${a.source}`));
  return (
    <p className="lead" data-testid="dashboard-asof">
      {t("dashboard.asOf", { date: date(data.dashboard.figures.asOf) })}{" "}
      <span data-testid="dashboard-computed-at">
        {t("dashboard.computedAt", { time: dateTime(data.dashboard.computedAt) })}
      </span>{" "}
      {data.view.units === "recorded" ? t("dashboard.unitsRecordedNote") : t("dashboard.unitsCurrentNote")}{" "}
      {parts.length ? t("dashboard.active.list", { filters: parts.join("; ") }) : t("dashboard.active.none")}
    </p>
  );
}

export function DashboardBody({
  data,
  path,
  title,
}: {
  data: DashboardPageData;
  path: string;
  title: string;
}) {
  const f = useFormat();
  const { t, locale, money, num, pct } = f;
  const { dashboard, view, scope, details } = data;
  const fig = dashboard.figures;
  const h = fig.headline;
  const filters = dashboard.filters;
  const name = (o: { nameVi: string; nameEn: string }) => localized(locale, o.nameVi, o.nameEn);
  const drill = (facet: Parameters<typeof drillHref>[1]) => drillHref(filters, facet);
  const unitHref = (id: number) =>
    withQuery(`/dashboard/provinces/${id}`, serialiseView({ ...view, province: null }));
  const viewHref = (changes: Partial<View>, hash = "") =>
    `${withQuery(path, serialiseView({ ...view, ...changes }))}${hash}`;
  const severityKey = (s: FlagSeverity) => `dashboard.severity.${s}` as const;
  const ruleTitle = (code: string) => t(`flags.rule.${code}.title` as MessageKey);
  const currentUnits = fig.units.filter((u) => !u.legacy);
  const showMap = scope !== "province";

  return (
    <div className="dashboard" data-testid="dashboard">
      <div className="page-heading">
        <h1>{title}</h1>
        <div className="actions-bar dashboard-actions">
          <a
            href={withQuery("/dashboard.xlsx", serialiseView({ ...view, ...filters }))}
            className="button button--secondary"
            download
          >
            {t("dashboard.export")}
          </a>
          <PrintButton label={t("dashboard.print")} />
        </div>
      </div>
      <ActiveFilterLine data={data} />
      {details ? <ScopeIntro details={details} /> : null}
      <Filters data={data} action={path} />

      <Section id="headline" title={t("dashboard.headline.title")}>
        <div className="cards">
          {scope !== "ministry" ? (
            <Figure
              testId="fig-plans"
              label={t("dashboard.headline.provincesWithPlan")}
              value={t("dashboard.headline.ofProvinces", {
                n: num(h.provincesWithPlan),
                total: num(h.provinces),
              })}
              detail={t("dashboard.headline.approvedPlans", { n: num(h.approvedPlans) })}
              href={drill({ what: "plans" })}
            />
          ) : null}
          <Figure
            testId="fig-projects"
            label={t("dashboard.headline.projects")}
            value={num(h.projects)}
            href={drill({})}
          />
          <Figure
            testId="fig-pilots"
            label={t("dashboard.headline.pilots")}
            value={num(h.pilots)}
            href={drill({ phase: "pilot" })}
          />
          <Figure
            testId="fig-approved"
            label={t("dashboard.headline.approved")}
            value={money(h.approved)}
            href={drill({})}
          />
          <Figure
            testId="fig-disbursed"
            label={t("dashboard.headline.disbursed")}
            value={money(h.disbursed)}
            detail={t("dashboard.headline.rate", { rate: f.rate(h.disbursementRate) })}
            href={drill({})}
          />
          <Figure
            testId="fig-progress"
            label={t("dashboard.headline.progress")}
            value={f.rate(h.progress)}
            href={drill({})}
          />
          <Figure
            testId="fig-overdue"
            label={t("dashboard.headline.overdue")}
            value={num(h.overdue)}
            detail={t("dashboard.headline.overdueProjects", { n: num(h.overdueProjects) })}
            href={drill({ overdue: true })}
          />
          <Figure
            testId="fig-flags"
            label={t("dashboard.headline.openFlags")}
            value={num(h.openFlags)}
            detail={t("dashboard.headline.atStake", { amount: money(h.openFlagsMoney) })}
            href={drill({ what: "flags" })}
          />
        </div>
        <div className="table-wrap">
          <table
            className="data-table data-table--compact"
            id="flags-by-severity"
            data-testid="flags-by-severity"
          >
            <caption>{t("dashboard.flags.bySeverityCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.col.severity")}</th>
                <th scope="col" className="num">
                  {t("dashboard.col.openFlags")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.col.moneyAtStake")}
                </th>
              </tr>
            </thead>
            <tbody>
              {fig.flagsBySeverity.map((s) => (
                <tr key={s.severity} data-severity={s.severity}>
                  <th scope="row">{t(severityKey(s.severity))}</th>
                  <td className="num" data-value={s.open}>
                    <Link to={drill({ what: "flags", severity: s.severity })}>{num(s.open)}</Link>
                  </td>
                  <td className="num" data-value={s.moneyAtStake}>
                    {money(s.moneyAtStake)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      {showMap ? (
        <Section id="map" title={t("dashboard.map.title")}>
          <form method="get" action={`${path}#map`} className="inline-fields dashboard-measure">
            {[...new URLSearchParams(serialiseView({ ...view, measure: "approved" }))].map(([k, v], i) => (
              <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
            ))}
            <FilterSelectPlain
              id="f-measure"
              name="measure"
              label={t("dashboard.map.measure")}
              value={view.measure}
              choices={MAP_MEASURES.map((m) => ({ value: m, label: t(MEASURE_KEYS[m]) }))}
            />
            <button type="submit" className="button button--secondary">
              {t("dashboard.map.show")}
            </button>
          </form>
          <div className="dashboard-map-grid">
            <ProvinceMap
              provinces={currentUnits.map((u) => ({
                id: u.id,
                abbr: u.abbr,
                name: name(u),
                lat: u.seatLat,
                lon: u.seatLon,
                value: measureValue(u, view.measure),
                href: unitHref(u.id),
              }))}
              title={t("dashboard.map.caption", { measure: t(MEASURE_KEYS[view.measure]) })}
              measureLabel={t(MEASURE_KEYS[view.measure])}
              format={(v) => formatMeasure(view.measure, v, f)}
              classLabel={(c) => t("dashboard.map.class", { n: c })}
              rangeLabel={(from, to) => t("dashboard.map.range", { from, to })}
              noneLabel={t("dashboard.map.noneClass")}
              legendTitle={t("dashboard.map.legend")}
              tableId="by-province"
              tableNote={t("dashboard.chartNote")}
            />
          </div>
          {view.units === "recorded" ? <p className="hint">{t("dashboard.map.recordedNote")}</p> : null}
        </Section>
      ) : null}

      <Section id="provinces" title={t("dashboard.provinces.title")}>
        <div className="table-wrap">
          <table className="data-table data-table--compact" id="by-province" data-testid="by-province">
            <caption>{t("dashboard.provinces.caption", { n: num(fig.units.length) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.col.province")}</th>
                <th scope="col">{t("dashboard.col.region")}</th>
                <th scope="col" className="num">
                  {t("dashboard.col.projects")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.col.approved")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.col.disbursed")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.col.rate")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.col.perCapita")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.col.progress")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.col.openFlags")}
                </th>
              </tr>
            </thead>
            <tbody>
              {fig.units.map((u) => (
                <tr key={u.id} data-org-code={u.code} data-unit-id={u.id}>
                  <th scope="row">
                    {u.legacy ? (
                      <>
                        {name(u)} <span className="tag tag--legacy">{t("dashboard.legacy")}</span>
                      </>
                    ) : (
                      <Link to={unitHref(u.id)}>{name(u)}</Link>
                    )}
                  </th>
                  <td>
                    {u.regionCode && dashboard.regionsByCode[u.regionCode]
                      ? name(dashboard.regionsByCode[u.regionCode])
                      : f.none}
                  </td>
                  <td className="num" data-value={u.projects}>
                    <Link to={drill({ unit: u.id })}>{num(u.projects)}</Link>
                  </td>
                  <td className="num" data-value={u.approved}>
                    {money(u.approved)}
                  </td>
                  <td className="num" data-value={u.disbursed}>
                    {money(u.disbursed)}
                  </td>
                  <td className="num">{f.rate(u.disbursementRate)}</td>
                  <td className="num">{f.perCapita(u.approvedPerCapita)}</td>
                  <td className="num">{f.rate(u.progress)}</td>
                  <td className="num" data-value={u.openFlags}>
                    <Link to={drill({ what: "flags", unit: u.id })}>{num(u.openFlags)}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
            {fig.noProvince.projects > 0 ? (
              <tfoot>
                <tr>
                  <th scope="row">{t("dashboard.provinces.none")}</th>
                  <td />
                  <td className="num" data-value={fig.noProvince.projects}>
                    <Link to={drill({ noProvince: true })}>{num(fig.noProvince.projects)}</Link>
                  </td>
                  <td className="num">{money(fig.noProvince.approved)}</td>
                  <td className="num">{money(fig.noProvince.disbursed)}</td>
                  <td className="num">
                    {f.rate(
                      fig.noProvince.approved > 0 ? fig.noProvince.disbursed / fig.noProvince.approved : null,
                    )}
                  </td>
                  <td />
                  <td />
                  <td />
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
      </Section>

      <Section id="curve" title={t("dashboard.curve.title")}>
        <p className="hint">{t("dashboard.curve.hint")}</p>
        <SCurve points={fig.curve} tableId="curve-table" testId="dashboard-curve" width={720} height={320} />
      </Section>

      <Section id="pipeline" title={t("dashboard.pipeline.title")}>
        <BarChartBox
          testId="chart-pipeline"
          title={t("dashboard.pipeline.chart")}
          note={t("dashboard.chartNote")}
          tableId="by-phase"
          valueName={t("dashboard.col.projects")}
          format={(v) => num(v)}
          width={720}
          height={300}
          data={fig.byPhase.map((p) => ({ label: t(`enums.phase.${p.phase}`), value: p.projects }))}
        />
        <div className="table-wrap">
          <table className="data-table data-table--compact" id="by-phase" data-testid="by-phase">
            <caption>{t("dashboard.pipeline.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.col.phase")}</th>
                <th scope="col" className="num">
                  {t("dashboard.col.projects")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.col.approved")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.col.disbursed")}
                </th>
              </tr>
            </thead>
            <tbody>
              {fig.byPhase.map((p) => (
                <tr key={p.phase} data-phase={p.phase}>
                  <th scope="row">{t(`enums.phase.${p.phase}`)}</th>
                  <td className="num" data-value={p.projects}>
                    <Link to={drill({ phase: p.phase })}>{num(p.projects)}</Link>
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
            <tfoot>
              <tr>
                <th scope="row">{t("dashboard.total")}</th>
                <td className="num">{num(h.projects)}</td>
                <td className="num">{money(h.approved)}</td>
                <td className="num">{money(h.disbursed)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </Section>

      <Section id="pillars" title={t("dashboard.pillars.title")}>
        {fig.pillars.trail.length > 0 ? (
          <nav aria-label={t("dashboard.pillars.trail")} className="breadcrumb" data-testid="pillar-trail">
            <ol className="plain-list dashboard-trail">
              {fig.pillars.trail.map((n, i) => (
                <li key={n.id}>
                  {i < fig.pillars.trail.length - 1 ? (
                    <Link
                      to={viewHref({ pillar: i === 0 ? null : n.code }, "#pillars")}
                    >{`${n.code} ${localized(locale, n.titleVi, n.titleEn)}`}</Link>
                  ) : (
                    <span aria-current="page">{`${n.code} ${localized(locale, n.titleVi, n.titleEn)}`}</span>
                  )}
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <BarChartBox
          testId="chart-pillars"
          title={t("dashboard.pillars.chart")}
          note={t("dashboard.chartNote")}
          tableId="by-pillar"
          valueName={t("dashboard.col.approved")}
          format={(v) => money(v)}
          horizontal
          width={720}
          height={Math.max(200, 60 + fig.pillars.rows.length * 34)}
          data={fig.pillars.rows.map((r) => ({ label: r.code, value: r.approved }))}
        />
        <div className="table-wrap">
          <table className="data-table data-table--compact" id="by-pillar" data-testid="by-pillar">
            <caption>
              {fig.pillars.parent
                ? t("dashboard.pillars.caption", {
                    node: `${fig.pillars.parent.code} ${localized(locale, fig.pillars.parent.titleVi, fig.pillars.parent.titleEn)}`,
                  })
                : t("dashboard.pillars.captionRoot")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.col.node")}</th>
                <th scope="col" className="num">
                  {t("dashboard.col.projects")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.col.approved")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.col.disbursed")}
                </th>
              </tr>
            </thead>
            <tbody>
              {fig.pillars.rows.map((r) => (
                <tr key={r.id} data-node-code={r.code}>
                  <th scope="row">
                    {r.hasChildren ? (
                      <Link
                        to={viewHref({ pillar: r.code }, "#pillars")}
                        data-testid={`pillar-open-${r.code}`}
                      >
                        {`${r.code} ${localized(locale, r.titleVi, r.titleEn)}`}
                      </Link>
                    ) : (
                      `${r.code} ${localized(locale, r.titleVi, r.titleEn)}`
                    )}
                  </th>
                  <td className="num" data-value={r.projects}>
                    <Link to={drill({ under: r.code })} data-testid={`pillar-projects-${r.code}`}>
                      {num(r.projects)}
                    </Link>
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
            {fig.pillars.direct.projects > 0 ? (
              <tfoot>
                <tr>
                  <th scope="row">{t("dashboard.pillars.direct")}</th>
                  <td className="num">{num(fig.pillars.direct.projects)}</td>
                  <td className="num">{money(fig.pillars.direct.approved)}</td>
                  <td className="num">{money(fig.pillars.direct.disbursed)}</td>
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
        <p className="hint">{t("dashboard.pillars.hint")}</p>
      </Section>

      {scope !== "province" ? (
        <Section id="equity" title={t("dashboard.equity.title")}>
          <BarChartBox
            testId="chart-equity"
            title={t("dashboard.equity.chart")}
            note={t("dashboard.chartNote")}
            tableId="by-region"
            valueName={t("dashboard.col.perCapita")}
            format={(v) => money(v)}
            horizontal
            width={720}
            height={Math.max(200, 60 + fig.regions.length * 34)}
            data={fig.regions.map((r) => ({ label: name(r), value: Math.round(r.approvedPerCapita ?? 0) }))}
          />
          <div className="table-wrap">
            <table className="data-table data-table--compact" id="by-region" data-testid="by-region">
              <caption>{t("dashboard.equity.regionCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.col.region")}</th>
                  <th scope="col" className="num">
                    {t("dashboard.col.provinces")}
                  </th>
                  <th scope="col" className="num">
                    {t("dashboard.col.population")}
                  </th>
                  <th scope="col" className="num">
                    {t("dashboard.col.projects")}
                  </th>
                  <th scope="col" className="num">
                    {t("dashboard.col.approved")}
                  </th>
                  <th scope="col" className="num">
                    {t("dashboard.col.perCapita")}
                  </th>
                  <th scope="col" className="num">
                    {t("dashboard.col.disbursedPerCapita")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {fig.regions.map((r) => (
                  <tr key={r.code} data-region={r.code}>
                    <th scope="row">
                      {name(r)}
                      {r.disadvantaged ? (
                        <>
                          {" "}
                          <span className="tag tag--warn">{t("dashboard.equity.disadvantagedTag")}</span>
                        </>
                      ) : null}
                    </th>
                    <td className="num">{num(r.provinces)}</td>
                    <td className="num">{num(r.population)}</td>
                    <td className="num" data-value={r.projects}>
                      <Link to={drill({ inRegion: r.code })}>{num(r.projects)}</Link>
                    </td>
                    <td className="num" data-value={r.approved}>
                      {money(r.approved)}
                    </td>
                    <td className="num">{f.perCapita(r.approvedPerCapita)}</td>
                    <td className="num">{f.perCapita(r.disbursedPerCapita)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-wrap">
            <table className="data-table data-table--compact" id="equity-groups" data-testid="equity-groups">
              <caption>{t("dashboard.equity.groupCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.col.group")}</th>
                  <th scope="col" className="num">
                    {t("dashboard.col.population")}
                  </th>
                  <th scope="col" className="num">
                    {t("dashboard.col.populationShare")}
                  </th>
                  <th scope="col" className="num">
                    {t("dashboard.col.projects")}
                  </th>
                  <th scope="col" className="num">
                    {t("dashboard.col.approved")}
                  </th>
                  <th scope="col" className="num">
                    {t("dashboard.col.approvedShare")}
                  </th>
                  <th scope="col" className="num">
                    {t("dashboard.col.perCapita")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {fig.equity.map((e) => (
                  <tr key={e.group} data-group={e.group}>
                    <th scope="row">{t(`dashboard.equity.${e.group}`)}</th>
                    <td className="num">{num(e.population)}</td>
                    <td className="num">{f.rate(e.populationShare)}</td>
                    <td className="num" data-value={e.projects}>
                      <Link to={drill({ equity: e.group })}>{num(e.projects)}</Link>
                    </td>
                    <td className="num" data-value={e.approved}>
                      {money(e.approved)}
                    </td>
                    <td className="num">{f.rate(e.approvedShare)}</td>
                    <td className="num">{f.perCapita(e.approvedPerCapita)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t("dashboard.equity.leftOutTitle")}</h3>
          {view.units === "recorded" ? (
            <p className="hint">{t("dashboard.equity.leftOutRecorded")}</p>
          ) : fig.leftOut.length === 0 ? (
            <p className="muted">{t("dashboard.equity.leftOutNone")}</p>
          ) : (
            <ul className="plain-list dashboard-left-out" data-testid="left-out">
              {fig.leftOut.map((p) => (
                <li key={p.id} data-org-code={p.code}>
                  <Link to={unitHref(p.id)}>{name(p)}</Link>{" "}
                  {t("dashboard.equity.leftOutProjects", { n: num(p.projects) })}
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to={drill({ what: "flags", rule: "province_left_out" })}>
              {t("dashboard.equity.leftOutFlags")}
            </Link>
          </p>
        </Section>
      ) : null}

      <Section id="duplicates" title={t("dashboard.duplicates.title")}>
        <p data-testid="duplicates-summary">
          {t("dashboard.duplicates.summary", {
            groups: num(fig.duplicates.groups),
            projects: num(fig.duplicates.projects),
            provinces: num(fig.duplicates.provinces),
            amount: money(fig.duplicates.moneyAtStake),
          })}{" "}
          <Link to={drill({ what: "flags", rule: "same_project" })}>
            {t("dashboard.duplicates.sameProject")}
          </Link>
          {" · "}
          <Link to={drill({ what: "flags", rule: "same_solution" })}>
            {t("dashboard.duplicates.sameSolution")}
          </Link>
        </p>
        {dashboard.duplicates.length > 0 ? (
          <div className="table-wrap">
            <table className="data-table data-table--compact" id="duplicates" data-testid="duplicates">
              <caption>{t("dashboard.duplicates.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.col.kind")}</th>
                  <th scope="col">{t("dashboard.col.provincesInvolved")}</th>
                  <th scope="col">{t("dashboard.col.projects")}</th>
                  <th scope="col" className="num">
                    {t("dashboard.col.moneyAtStake")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {dashboard.duplicates.map((g) => (
                  <tr key={g.flagId}>
                    <th scope="row">{ruleTitle(g.ruleCode)}</th>
                    <td>{g.units.map((u) => name(u)).join(", ") || f.none}</td>
                    <td>
                      {num(g.members)}
                      {g.codes.length ? (
                        <span className="data-table__detail">
                          {g.codes.map((c, i) => (
                            <span key={c}>
                              {i > 0 ? ", " : ""}
                              <Link to={`/projects/${encodeURIComponent(c)}`}>{c}</Link>
                            </span>
                          ))}
                        </span>
                      ) : null}
                    </td>
                    <td className="num" data-value={g.moneyAtStake}>
                      {money(g.moneyAtStake)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("dashboard.duplicates.none")}</p>
        )}
      </Section>

      <Section id="waste" title={t("dashboard.waste.title")}>
        {dashboard.topFlags.length > 0 ? (
          <div className="table-wrap">
            <table className="data-table data-table--compact" id="top-flags" data-testid="top-flags">
              <caption>{t("dashboard.waste.caption", { n: num(dashboard.topFlags.length) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.col.flag")}</th>
                  <th scope="col">{t("dashboard.col.subject")}</th>
                  <th scope="col">{t("dashboard.col.severity")}</th>
                  <th scope="col" className="num">
                    {t("dashboard.col.moneyAtStake")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {dashboard.topFlags.map((fl) => (
                  <tr key={fl.id}>
                    <th scope="row">{ruleTitle(fl.ruleCode)}</th>
                    <td>
                      {fl.projectCode ? (
                        <Link to={`/projects/${encodeURIComponent(fl.projectCode)}`}>{fl.projectCode}</Link>
                      ) : null}{" "}
                      {fl.projectTitleVi
                        ? localized(locale, fl.projectTitleVi, fl.projectTitleEn)
                        : fl.orgNameVi
                          ? localized(locale, fl.orgNameVi, fl.orgNameEn ?? "")
                          : ""}
                    </td>
                    <td>{t(severityKey(fl.severity))}</td>
                    <td className="num" data-value={fl.moneyAtStake}>
                      {money(fl.moneyAtStake)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("dashboard.waste.none")}</p>
        )}
        <p>
          <Link to={drill({ what: "flags" })}>{t("dashboard.waste.all")}</Link>
        </p>
      </Section>

      <Section id="feedback" title={t("dashboard.feedback.title")}>
        <div className="table-wrap">
          <table
            className="data-table data-table--compact"
            id="feedback-counts"
            data-testid="feedback-counts"
          >
            <caption>{t("dashboard.feedback.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dashboard.col.kind")}</th>
                <th scope="col" className="num">
                  {t("dashboard.col.count")}
                </th>
              </tr>
            </thead>
            <tbody>
              <tr data-kind="support">
                <th scope="row">{t("dashboard.feedback.support")}</th>
                <td className="num" data-value={h.support}>
                  {num(h.support)}
                </td>
              </tr>
              <tr data-kind="oppose">
                <th scope="row">{t("dashboard.feedback.oppose")}</th>
                <td className="num" data-value={h.oppose}>
                  {num(h.oppose)}
                </td>
              </tr>
              <tr data-kind="comments">
                <th scope="row">{t("dashboard.feedback.comments")}</th>
                <td className="num" data-value={h.comments}>
                  {num(h.comments)}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
        <p className="hint">
          {t("dashboard.feedback.hint", {
            share: h.support + h.oppose > 0 ? pct(h.support / (h.support + h.oppose)) : f.none,
          })}
        </p>
      </Section>

      {details ? <ScopeLists details={details} /> : null}
    </div>
  );
}

function formatMeasure(m: MapMeasure, v: number, f: ReturnType<typeof useFormat>): string {
  switch (m) {
    case "approved":
    case "disbursed":
      return f.money(v);
    case "approvedPerCapita":
      return f.money(Math.round(v));
    case "rate":
    case "progress":
      return f.pct(v);
    default:
      return f.num(v);
  }
}

/** A select without the "All" choice (the map measure always has a value). */
function FilterSelectPlain({
  id,
  name,
  label,
  value,
  choices,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  choices: { value: string; label: string }[];
}) {
  return (
    <div className="form-group">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value} key={value}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button button--secondary dashboard-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}

function ScopeIntro({ details }: { details: ScopeDetails }) {
  const { t, locale, num } = useT();
  const preds = details.predecessors;
  return (
    <p className="hint" data-testid="scope-intro">
      {details.org.population ? t("dashboard.scope.population", { n: num(details.org.population) }) : null}{" "}
      {preds.length > 0
        ? t("dashboard.scope.includes", {
            units: preds.map((p) => localized(locale, p.nameVi, p.nameEn)).join(", "),
          })
        : null}{" "}
      <Link to={`/organisations/${details.org.id}`}>{t("dashboard.scope.orgPage")}</Link>
    </p>
  );
}

function ScopeLists({ details }: { details: ScopeDetails }) {
  const { t, locale } = useT();
  return (
    <>
      <Section id="scope-plans" title={t("dashboard.scope.plans")}>
        {details.plans.length === 0 ? (
          <p className="muted">{t("dashboard.scope.noPlans")}</p>
        ) : (
          <DashboardPlanTable
            plans={details.plans}
            caption={t("dashboard.scope.plansCaption")}
            testId="scope-plans"
          />
        )}
      </Section>
      <Section id="scope-pilots" title={t("dashboard.scope.pilots")}>
        {details.pilots.length === 0 ? (
          <p className="muted">{t("dashboard.scope.noPilots")}</p>
        ) : (
          <ul className="plain-list" data-testid="scope-pilots">
            {details.pilots.map((p) => (
              <li key={p.code}>
                <Link to={`/projects/${encodeURIComponent(p.code)}`}>{p.code}</Link>{" "}
                {localized(locale, p.titleVi, p.titleEn)}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
