import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BUDGET_CATEGORIES, FUNDING_SOURCES } from "#db/enums";
import { getDb } from "#db/client.server";
import { can, requirePermission } from "~/auth/guard.server";
import { AmountInput } from "~/components/amount-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field } from "~/components/forms";
import { useT } from "~/i18n/useT";
import { budgetOverview, type BudgetTotals } from "~/modules/budget/budget.server";
import { addBudgetLine } from "~/modules/budget/commands.server";
import { localeOf, refusalReply, requireBudgetProject } from "~/modules/budget/route.server";
import { fiscalYears, QUARTERS } from "~/modules/budget/rules";
import { addLineSchema, intentOf } from "~/modules/budget/schema";
import { actorOf } from "~/modules/projects/route.server";
import { pageTitle } from "~/modules/shell/meta";
import { DownloadLinks } from "~/modules/export/download-links";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "budget.title", { code: data?.code ?? "" });

const SAVED = ["add", "remove"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const project = requireBudgetProject(db, params.code);
  const user = requirePermission(request, "read", "budget", project.organisationId);
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    code: project.code,
    title: project.titleVi,
    titleEn: project.titleEn,
    handlesPersonalData: project.handlesPersonalData,
    yearRange: project.years,
    defaultYear: Math.min(Math.max(new Date().getFullYear(), project.years.min), project.years.max),
    canUpdate: can(user, "update", "budget", project.organisationId),
    saved: (SAVED as readonly string[]).includes(saved ?? "") ? (saved as (typeof SAVED)[number]) : null,
    ...budgetOverview(db, project.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const project = requireBudgetProject(db, params.code);
  const user = requirePermission(request, "update", "budget", project.organisationId);
  const formData = await request.formData();
  if (intentOf(formData) !== "add") throw new Response("Bad Request", { status: 400 });
  const submission = parseWithZod(formData, {
    schema: addLineSchema(localeOf(request, user), project.years),
  });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    addBudgetLine(db, actorOf(user, context), project, submission.value);
  } catch (e) {
    const refused = refusalReply(submission, e);
    if (!refused) throw e;
    return data({ result: refused.result }, { status: refused.status });
  }
  throw redirect(`/projects/${encodeURIComponent(project.code)}/budget?saved=add`);
}

function TotalCells({ totals }: { totals: BudgetTotals }) {
  const { moneyExact } = useT();
  return (
    <>
      <td className="num">{moneyExact(totals.approved)}</td>
      <td className="num">{moneyExact(totals.original)}</td>
      <td />
      <td className="num">{moneyExact(totals.committed)}</td>
      <td className="num">{moneyExact(totals.disbursed)}</td>
      <td className="num">{moneyExact(totals.q1)}</td>
      <td className="num">{moneyExact(totals.q2)}</td>
      <td className="num">{moneyExact(totals.q3)}</td>
      <td className="num">{moneyExact(totals.q4)}</td>
      <td className="num">{moneyExact(totals.planned)}</td>
    </>
  );
}

function HeaderRow({ first, canUpdate }: { first: string; canUpdate: boolean }) {
  const { t } = useT();
  return (
    <tr>
      <th scope="col">{first}</th>
      <th scope="col">{t("budget.col.category")}</th>
      <th scope="col" className="num">
        {t("budget.col.approved")}
      </th>
      <th scope="col" className="num">
        {t("budget.col.original")}
      </th>
      <th scope="col" className="num">
        {t("budget.col.revisions")}
      </th>
      <th scope="col" className="num">
        {t("budget.col.committed")}
      </th>
      <th scope="col" className="num">
        {t("budget.col.disbursed")}
      </th>
      {QUARTERS.map((q) => (
        <th scope="col" className="num" key={q}>
          {t("budget.col.q", { q })}
        </th>
      ))}
      <th scope="col" className="num">
        {t("budget.col.planned")}
      </th>
      {canUpdate ? <th scope="col">{t("budget.col.actions")}</th> : null}
    </tr>
  );
}

export default function ProjectBudget() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale, moneyExact, num } = useT();
  const projectPath = `/projects/${encodeURIComponent(d.code)}`;
  const [form, fields] = useForm<{
    intent: string;
    fiscalYear: string;
    fundingSource: string;
    category: string;
    amount: string;
  }>({
    id: "add-line",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    defaultValue: { intent: "add", fiscalYear: String(d.defaultYear), category: "general" },
  });
  const summary = [
    ...(form.errors ?? []).map((m) => ({ fieldId: fields.category.id, message: m })),
    ...(["fiscalYear", "fundingSource", "category", "amount"] as const).flatMap((k) =>
      (fields[k].errors ?? []).map((m) => ({ fieldId: fields[k].id, message: m })),
    ),
  ];
  const sourceLabel = (s: string) => t(`budget.source.${s}` as never);
  const categoryLabel = (c: string) => t(`budget.category.${c}` as never);
  const lineCount = d.years.reduce((n, y) => n + y.lines.length, 0);

  return (
    <div className="budget-page">
      <p className="breadcrumb">
        <Link to={projectPath}>{d.code}</Link>
      </p>
      <h1>{t("budget.title", { code: d.code })}</h1>
      <DownloadLinks base={`/projects/${encodeURIComponent(d.code)}/budget`} />
      <p className="lead">{locale === "en" && d.titleEn ? d.titleEn : d.title}</p>
      <p>{t("budget.intro")}</p>
      <nav aria-label={d.code}>
        <ul className="inline-list">
          <li>
            <Link to={projectPath}>{t("budget.link.project")}</Link>
          </li>
          <li>
            <Link to={`${projectPath}/transactions`}>{t("budget.link.transactions")}</Link>
          </li>
          <li>
            <Link to={`${projectPath}/milestones`}>{t("budget.link.milestones")}</Link>
          </li>
          <li>
            <Link to={`${projectPath}/indicators`}>{t("budget.link.indicators")}</Link>
          </li>
        </ul>
      </nav>
      {d.saved ? (
        <p className="notice notice--ok" role="status" data-testid="saved-notice">
          {t(`budget.saved.${d.saved}`)}
        </p>
      ) : null}
      {!d.canUpdate ? <p className="notice">{t("budget.readOnly")}</p> : null}

      {d.years.length === 0 ? <p data-testid="budget-empty">{t("budget.empty")}</p> : null}
      {d.years.map((y) => (
        <section key={y.fiscalYear} aria-labelledby={`year-${y.fiscalYear}`}>
          <h2 id={`year-${y.fiscalYear}`}>{y.fiscalYear}</h2>
          <div className="table-wrap">
            <table
              className="data-table data-table--compact budget-table"
              data-testid={`budget-year-${y.fiscalYear}`}
            >
              <caption>{t("budget.year.caption", { year: y.fiscalYear })}</caption>
              <thead>
                <HeaderRow first={t("budget.col.source")} canUpdate={d.canUpdate} />
              </thead>
              <tbody>
                {y.lines.map((l) => (
                  <tr key={l.id} data-testid={`budget-line-${l.id}`}>
                    <th scope="row">{sourceLabel(l.fundingSource)}</th>
                    <td>{categoryLabel(l.category)}</td>
                    <td className="num">{moneyExact(l.approvedAmount)}</td>
                    <td className="num">{moneyExact(l.originalAmount)}</td>
                    <td className="num">{num(l.revisionCount)}</td>
                    <td className="num">{moneyExact(l.committed)}</td>
                    <td className="num">{moneyExact(l.disbursed)}</td>
                    <td className="num">{moneyExact(l.q1)}</td>
                    <td className="num">{moneyExact(l.q2)}</td>
                    <td className="num">{moneyExact(l.q3)}</td>
                    <td className="num">{moneyExact(l.q4)}</td>
                    <td className="num">{moneyExact(l.planned)}</td>
                    {d.canUpdate ? (
                      <td>
                        <Link
                          to={`${projectPath}/budget/${l.id}`}
                          aria-label={t("budget.action.manageLabel", {
                            year: l.fiscalYear,
                            source: sourceLabel(l.fundingSource),
                            category: categoryLabel(l.category),
                          })}
                        >
                          {t("budget.action.manage")}
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    {t("budget.row.yearTotal", { year: y.fiscalYear })}
                  </th>
                  <TotalCells totals={y.totals} />
                  {d.canUpdate ? <td /> : null}
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
      ))}
      {d.totals && d.years.length > 1 ? (
        <div className="table-wrap">
          <table className="data-table data-table--compact budget-table" data-testid="budget-total">
            <caption>{t("budget.total.caption")}</caption>
            <thead>
              <HeaderRow first={t("budget.col.source")} canUpdate={false} />
            </thead>
            <tbody>
              <tr>
                <th scope="row" colSpan={2}>
                  {t("budget.row.projectTotal")}
                </th>
                <TotalCells totals={d.totals} />
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}

      {d.canUpdate ? (
        <section aria-labelledby="add-line-title" className="budget-form">
          <h2 id="add-line-title">{t("budget.add.title")}</h2>
          <ErrorSummary errors={summary} />
          <Form method="post" {...getFormProps(form)} noValidate key={`add-${lineCount}`}>
            <input type="hidden" name="intent" value="add" />
            <fieldset>
              <legend>{t("budget.add.legend")}</legend>
              <Field
                id={fields.fiscalYear.id}
                label={t("budget.field.fiscalYear")}
                hint={t("budget.add.yearHint", { min: d.yearRange.min, max: d.yearRange.max })}
                errors={fields.fiscalYear.errors}
              >
                <select
                  {...getSelectProps(fields.fiscalYear)}
                  aria-describedby={`${fields.fiscalYear.id}-hint`}
                >
                  {fiscalYears(d.yearRange).map((y) => (
                    <option key={y} value={y}>
                      {y}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                id={fields.fundingSource.id}
                label={t("budget.field.fundingSource")}
                errors={fields.fundingSource.errors}
              >
                <select {...getSelectProps(fields.fundingSource)}>
                  <option value="">{t("budget.field.choose")}</option>
                  {FUNDING_SOURCES.map((s) => (
                    <option key={s} value={s}>
                      {sourceLabel(s)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                id={fields.category.id}
                label={t("budget.field.category")}
                hint={d.handlesPersonalData ? t("budget.categoryHint") : undefined}
                errors={[...(fields.category.errors ?? []), ...(form.errors ?? [])]}
              >
                <select {...getSelectProps(fields.category)}>
                  {BUDGET_CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {categoryLabel(c)}
                    </option>
                  ))}
                </select>
              </Field>
              <AmountInput
                name={fields.amount.name}
                id={fields.amount.id}
                label={t("budget.field.amount")}
                defaultValue={fields.amount.initialValue as string | undefined}
                errors={fields.amount.errors}
              />
            </fieldset>
            <button type="submit" className="button">
              {t("budget.add.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
