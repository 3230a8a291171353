import {
  getFormProps,
  getTextareaProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { can, notFound, requirePermission } from "~/auth/guard.server";
import { AmountInput } from "~/components/amount-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field } from "~/components/forms";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/useT";
import { budgetLineOf, revisionsOf } from "~/modules/budget/budget.server";
import { removeBudgetLine, reviseBudgetLine, saveBudgetPlan } from "~/modules/budget/commands.server";
import { localeOf, refusalReply, requireBudgetProject, requireLineId } from "~/modules/budget/route.server";
import { QUARTERS } from "~/modules/budget/rules";
import {
  intentOf,
  planSchema,
  removeLineSchema,
  reviseLineSchema,
  type BudgetIntent,
} from "~/modules/budget/schema";
import { isPlanContentEditable } from "~/modules/plans/workflow";
import { actorOf } from "~/modules/projects/route.server";
import { pageTitle } from "~/modules/shell/meta";
import { todayIso } from "~/utils/today";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "budget.title", { code: data?.code ?? "" });

const SAVED = ["revise", "plan"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const project = requireBudgetProject(db, params.code);
  const user = requirePermission(request, "read", "budget", project.organisationId);
  const line = budgetLineOf(db, project.id, requireLineId(params.lineId));
  if (!line) throw notFound();
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    code: project.code,
    line,
    revisions: revisionsOf(db, line.id),
    canUpdate: can(user, "update", "budget", project.organisationId),
    planEditable: isPlanContentEditable(project.plan?.status),
    planStatus: project.plan?.status ?? null,
    saved: (SAVED as readonly string[]).includes(saved ?? "") ? (saved as (typeof SAVED)[number]) : null,
  };
}

type ActionResult = { intent: BudgetIntent; result: SubmissionResult<string[]>; stale: boolean };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const project = requireBudgetProject(db, params.code);
  const user = requirePermission(request, "update", "budget", project.organisationId);
  const lineId = requireLineId(params.lineId);
  const formData = await request.formData();
  // The line is the one in the URL (checked to belong to the project); a forged hidden field is ignored.
  formData.set("lineId", String(lineId));
  const intent = intentOf(formData);
  const locale = localeOf(request, user);
  const actor = actorOf(user, context);
  const base = `/projects/${encodeURIComponent(project.code)}/budget`;
  const reply = (intent: BudgetIntent, result: SubmissionResult<string[]>, status: number, stale = false) =>
    data<ActionResult>({ intent, result, stale }, { status });

  const run = (
    intent: BudgetIntent,
    submission: { reply: Parameters<typeof refusalReply>[0]["reply"] },
    command: () => void,
  ) => {
    try {
      command();
      return null;
    } catch (e) {
      const refused = refusalReply(submission, e);
      if (!refused) throw e;
      return reply(intent, refused.result, refused.status, refused.stale);
    }
  };

  if (intent === "revise") {
    const submission = parseWithZod(formData, { schema: reviseLineSchema(locale) });
    if (submission.status !== "success") return reply(intent, submission.reply(), 400);
    const v = submission.value;
    const refused = run(intent, submission, () =>
      reviseBudgetLine(db, actor, project, { ...v, on: todayIso() }),
    );
    if (refused) return refused;
    throw redirect(`${base}/${lineId}?saved=revise`);
  }
  if (intent === "plan") {
    const submission = parseWithZod(formData, { schema: planSchema(locale) });
    if (submission.status !== "success") return reply(intent, submission.reply(), 400);
    const v = submission.value;
    const refused = run(intent, submission, () =>
      saveBudgetPlan(db, actor, project, {
        lineId: v.lineId,
        version: v.version,
        quarters: [v.q1, v.q2, v.q3, v.q4],
      }),
    );
    if (refused) return refused;
    throw redirect(`${base}/${lineId}?saved=plan`);
  }
  if (intent === "remove") {
    const submission = parseWithZod(formData, { schema: removeLineSchema });
    if (submission.status !== "success") return reply(intent, submission.reply(), 400);
    const refused = run(intent, submission, () => removeBudgetLine(db, actor, project, submission.value));
    if (refused) return refused;
    throw redirect(`${base}?saved=remove`);
  }
  throw new Response("Bad Request", { status: 400 });
}

function StaleNotice({ href }: { href: string }) {
  const { t } = useT();
  return (
    <p>
      <a href={href} data-testid="stale-link">
        {t("budget.stale.link")}
      </a>
    </p>
  );
}

export default function BudgetLinePage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, moneyExact, date, num } = useT();
  const line = d.line;
  const budgetPath = `/projects/${encodeURIComponent(d.code)}/budget`;
  const selfPath = `${budgetPath}/${line.id}`;
  const last = (intent: BudgetIntent) => (actionData?.intent === intent ? actionData.result : undefined);
  const stale = (intent: BudgetIntent) => actionData?.intent === intent && actionData.stale;
  const source = t(`budget.source.${line.fundingSource}` as MessageKey);
  const category = t(`budget.category.${line.category}` as MessageKey);

  const [reviseForm, revise] = useForm<{ intent: string; version: string; amount: string; reason: string }>({
    id: "revise-line",
    lastResult: last("revise"),
    shouldValidate: "onSubmit",
  });
  const [planForm, plan] = useForm<{
    intent: string;
    version: string;
    q1: string;
    q2: string;
    q3: string;
    q4: string;
  }>({
    id: "plan-line",
    lastResult: last("plan"),
    shouldValidate: "onSubmit",
    defaultValue: {
      q1: line.q1 ? num(line.q1) : "",
      q2: line.q2 ? num(line.q2) : "",
      q3: line.q3 ? num(line.q3) : "",
      q4: line.q4 ? num(line.q4) : "",
    },
  });
  const [removeForm] = useForm<{ intent: string; version: string }>({
    id: "remove-line",
    lastResult: last("remove"),
  });
  const quarterFields = [plan.q1, plan.q2, plan.q3, plan.q4];
  const summary = [
    ...(reviseForm.errors ?? []).map((m) => ({ fieldId: revise.amount.id, message: m })),
    ...(revise.amount.errors ?? []).map((m) => ({ fieldId: revise.amount.id, message: m })),
    ...(revise.reason.errors ?? []).map((m) => ({ fieldId: revise.reason.id, message: m })),
    ...(planForm.errors ?? []).map((m) => ({ fieldId: plan.q1.id, message: m })),
    ...quarterFields.flatMap((f) => (f.errors ?? []).map((m) => ({ fieldId: f.id, message: m }))),
    ...(removeForm.errors ?? []).map((m) => ({ fieldId: "remove-submit", message: m })),
  ];

  return (
    <div className="budget-line-page">
      <p className="breadcrumb">
        <Link to={`/projects/${encodeURIComponent(d.code)}`}>{d.code}</Link> ·{" "}
        <Link to={budgetPath}>{t("budget.line.back")}</Link>
      </p>
      <ErrorSummary errors={summary} />
      <h1>{t("budget.line.title", { year: line.fiscalYear, source, category })}</h1>
      {d.saved ? (
        <p className="notice notice--ok" role="status" data-testid="saved-notice">
          {t(`budget.saved.${d.saved}`)}
        </p>
      ) : null}
      <dl className="summary" aria-label={t("budget.line.summary")}>
        <dt>{t("budget.col.approved")}</dt>
        <dd data-testid="line-approved">{moneyExact(line.approvedAmount)}</dd>
        <dt>{t("budget.col.original")}</dt>
        <dd data-testid="line-original">{moneyExact(line.originalAmount)}</dd>
        <dt>{t("budget.col.committed")}</dt>
        <dd>{moneyExact(line.committed)}</dd>
        <dt>{t("budget.col.disbursed")}</dt>
        <dd>{moneyExact(line.disbursed)}</dd>
        <dt>{t("budget.col.planned")}</dt>
        <dd>{moneyExact(line.planned)}</dd>
      </dl>

      {!d.canUpdate ? <p className="notice">{t("budget.readOnly")}</p> : null}

      {d.canUpdate ? (
        <section aria-labelledby="plan-title" className="budget-form">
          <h2 id="plan-title">{t("budget.plan.title")}</h2>
          {stale("plan") ? <StaleNotice href={selfPath} /> : null}
          <Form method="post" {...getFormProps(planForm)} noValidate key={`plan-${line.version}`}>
            <input type="hidden" name="intent" value="plan" />
            <input type="hidden" name="version" value={line.version} />
            <fieldset>
              <legend>{t("budget.plan.legend", { year: line.fiscalYear })}</legend>
              <p className="hint">{t("budget.plan.intro", { approved: moneyExact(line.approvedAmount) })}</p>
              {planForm.errors?.length ? (
                <p className="field-error" role="alert">
                  {planForm.errors.map((m) => t(m as MessageKey)).join(" ")}
                </p>
              ) : null}
              <div className="quarter-grid">
                {quarterFields.map((f, i) => (
                  <AmountInput
                    key={f.name}
                    name={f.name}
                    id={f.id}
                    label={t("budget.plan.quarter", { q: QUARTERS[i], year: line.fiscalYear })}
                    hint=""
                    defaultValue={f.initialValue as string | undefined}
                    errors={f.errors}
                  />
                ))}
              </div>
            </fieldset>
            <button type="submit" className="button">
              {t("budget.plan.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      {d.canUpdate ? (
        <section aria-labelledby="revise-title" className="budget-form">
          <h2 id="revise-title">{t("budget.revise.title")}</h2>
          <p>{t("budget.revise.intro")}</p>
          {stale("revise") ? <StaleNotice href={selfPath} /> : null}
          <Form method="post" {...getFormProps(reviseForm)} noValidate key={`revise-${line.version}`}>
            <input type="hidden" name="intent" value="revise" />
            <input type="hidden" name="version" value={line.version} />
            {reviseForm.errors?.length ? (
              <p className="field-error" role="alert">
                {reviseForm.errors.map((m) => t(m as MessageKey)).join(" ")}
              </p>
            ) : null}
            <AmountInput
              name={revise.amount.name}
              id={revise.amount.id}
              label={t("budget.revise.amount")}
              defaultValue={revise.amount.initialValue as string | undefined}
              errors={revise.amount.errors}
            />
            <Field
              id={revise.reason.id}
              label={t("budget.revise.reason")}
              hint={t("budget.revise.reasonHint")}
              errors={revise.reason.errors}
            >
              <textarea
                {...getTextareaProps(revise.reason)}
                rows={3}
                aria-describedby={`${revise.reason.id}-hint`}
              />
            </Field>
            <button type="submit" className="button">
              {t("budget.revise.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("budget.history.title")}</h2>
        {d.revisions.length === 0 ? (
          <p>{t("budget.history.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table data-table--compact" data-testid="revision-history">
              <caption>{t("budget.history.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("budget.history.on")}</th>
                  <th scope="col" className="num">
                    {t("budget.history.from")}
                  </th>
                  <th scope="col" className="num">
                    {t("budget.history.to")}
                  </th>
                  <th scope="col">{t("budget.history.reason")}</th>
                  <th scope="col">{t("budget.history.by")}</th>
                </tr>
              </thead>
              <tbody>
                {d.revisions.map((r) => (
                  <tr key={r.id}>
                    <td>{date(r.changedOn)}</td>
                    <td className="num">{moneyExact(r.fromAmount)}</td>
                    <td className="num">{moneyExact(r.toAmount)}</td>
                    <td>{r.reason}</td>
                    <td>{r.changedBy ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {d.canUpdate ? (
        <section aria-labelledby="remove-title" className="budget-form">
          <h2 id="remove-title">{t("budget.remove.title")}</h2>
          <p>{t("budget.remove.intro")}</p>
          {stale("remove") ? <StaleNotice href={selfPath} /> : null}
          {removeForm.errors?.length ? (
            <p className="field-error" role="alert">
              {removeForm.errors.map((m) => t(m as MessageKey)).join(" ")}
            </p>
          ) : null}
          {line.transactionCount > 0 ? (
            <p data-testid="remove-blocked">
              {t("budget.remove.blockedTransactions", { count: num(line.transactionCount) })}
            </p>
          ) : !d.planEditable ? (
            <p data-testid="remove-blocked">
              {t(
                d.planStatus === "approved"
                  ? "budget.error.removePlanApproved"
                  : "budget.error.removePlanSubmitted",
              )}
            </p>
          ) : (
            <Form method="post" {...getFormProps(removeForm)} noValidate>
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="version" value={line.version} />
              <button type="submit" id="remove-submit" className="button button--warning">
                {t("budget.remove.submit")}
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
