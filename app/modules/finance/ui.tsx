/**
 * Money-and-time UI shared by the project page and the plan page: the
 * project's sub-navigation to its execution pages and the figures list.
 */
import { Link, NavLink } from "@remix-run/react";
import { SCurve } from "~/components/s-curve";
import { useT } from "~/i18n/useT";
import type { CurvePoint, MoneyFigures } from "./figures";

/** Links to the project's budget, transactions, milestones, Gantt and indicators pages. */
export function ProjectMoneyNav({ code }: { code: string }) {
  const { t } = useT();
  const base = `/projects/${encodeURIComponent(code)}`;
  const links = [
    ["budget", t("finance.subnav.budget")],
    ["transactions", t("finance.subnav.transactions")],
    ["milestones", t("finance.subnav.milestones")],
    ["gantt", t("finance.subnav.gantt")],
    ["indicators", t("finance.subnav.indicators")],
  ] as const;
  return (
    <nav className="subnav" aria-label={t("finance.subnav.label")} data-testid="project-subnav">
      <ul>
        {links.map(([path, label]) => (
          <li key={path}>
            <NavLink to={`${base}/${path}`} prefetch="none">
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Rate or progress as a percentage, or a dash with its reason. */
export function Ratio({ value, missing }: { value: number | null; missing: string }) {
  const { t, pct } = useT();
  return value === null ? (
    <span>
      {t("finance.fig.none")} <span className="muted">({missing})</span>
    </span>
  ) : (
    <span>{pct(value)}</span>
  );
}

/** The project page's money-and-time section: figures, overdue count and the S-curve with its table. */
export function ProjectMoneySection({
  code,
  figures,
  curve,
}: {
  code: string;
  figures: MoneyFigures;
  curve: CurvePoint[];
}) {
  const { t, moneyExact, num } = useT();
  return (
    <section aria-labelledby="money-time-heading" id="money-and-time" data-testid="money-and-time">
      <h2 id="money-time-heading">{t("finance.section.title")}</h2>
      <ProjectMoneyNav code={code} />
      <p className="hint">{t("finance.section.intro")}</p>
      <dl
        className="summary"
        data-testid="money-figures"
        data-weight-done={figures.weightDone}
        data-weight-total={figures.weightTotal}
      >
        <dt>{t("finance.fig.approved")}</dt>
        <dd data-testid="fig-approved" data-value={figures.approved}>{moneyExact(figures.approved)}</dd>
        <dt>{t("finance.fig.committed")}</dt>
        <dd data-testid="fig-committed" data-value={figures.committed}>{moneyExact(figures.committed)}</dd>
        <dt>{t("finance.fig.disbursed")}</dt>
        <dd data-testid="fig-disbursed" data-value={figures.disbursed}>{moneyExact(figures.disbursed)}</dd>
        <dt>{t("finance.fig.spent")}</dt>
        <dd data-testid="fig-spent" data-value={figures.spent}>{moneyExact(figures.spent)}</dd>
        <dt>{t("finance.fig.rate")}</dt>
        <dd data-testid="fig-rate">
          <Ratio value={figures.disbursementRate} missing={t("finance.fig.noApproved")} />
        </dd>
        <dt>{t("finance.fig.progress")}</dt>
        <dd data-testid="fig-progress">
          <Ratio value={figures.progress} missing={t("finance.fig.noMilestones")} />
        </dd>
        <dt>{t("finance.fig.overdue")}</dt>
        <dd data-testid="fig-overdue">
          {figures.overdue > 0 ? (
            <span className="tag tag--warn">{t("finance.fig.overdueCount", { count: num(figures.overdue) })}</span>
          ) : (
            t("finance.fig.noOverdue")
          )}
        </dd>
      </dl>
      <SCurve points={curve} tableId="s-curve-table" />
    </section>
  );
}

/** The plan page's money section: the plan's total and each project's approved, disbursed, rate and progress. */
export function PlanMoneySection({
  planCode,
  totals,
  projects,
}: {
  planCode: string;
  totals: MoneyFigures;
  projects: (MoneyFigures & { code: string; titleVi: string; titleEn: string | null })[];
}) {
  const { t, locale, moneyExact } = useT();
  const row = (f: MoneyFigures) => (
    <>
      <td className="num">{moneyExact(f.approved)}</td>
      <td className="num">{moneyExact(f.disbursed)}</td>
      <td className="num">
        <Ratio value={f.disbursementRate} missing={t("finance.fig.noApproved")} />
      </td>
      <td className="num">
        <Ratio value={f.progress} missing={t("finance.fig.noMilestones")} />
      </td>
    </>
  );
  return (
    <section aria-labelledby="plan-money-title" id="money" data-testid="plan-money">
      <h2 id="plan-money-title">{t("finance.plan.title")}</h2>
      {projects.length === 0 ? (
        <p className="muted">{t("finance.plan.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table data-table--compact" data-testid="plan-money-table">
            <caption>{t("finance.plan.caption", { code: planCode })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("finance.plan.project")}</th>
                <th scope="col" className="num">
                  {t("finance.fig.approved")}
                </th>
                <th scope="col" className="num">
                  {t("finance.fig.disbursed")}
                </th>
                <th scope="col" className="num">
                  {t("finance.fig.rate")}
                </th>
                <th scope="col" className="num">
                  {t("finance.fig.progress")}
                </th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.code} data-code={p.code}>
                  <th scope="row">
                    <Link to={`/projects/${encodeURIComponent(p.code)}`} className="org-code">
                      {p.code}
                    </Link>{" "}
                    <span lang={locale === "en" && !p.titleEn ? "vi" : undefined}>
                      {locale === "en" && p.titleEn ? p.titleEn : p.titleVi}
                    </span>
                  </th>
                  {row(p)}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="plan-money-total">
                <th scope="row">{t("finance.plan.total")}</th>
                {row(totals)}
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
