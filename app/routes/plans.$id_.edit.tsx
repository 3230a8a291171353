import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { forbidden, notFound, requirePermission, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { PlanCommandError, updatePlan } from "~/modules/plans/commands.server";
import { parsePlanId } from "~/modules/plans/params";
import { PlanFormFields, summaryErrors } from "~/modules/plans/plan-form";
import { planPermissions } from "~/modules/plans/policy";
import { getPlanDetail, type PlanDetail } from "~/modules/plans/queries.server";
import { PlanEditSchema } from "~/modules/plans/schemas";
import { isPlanContentEditable } from "~/modules/plans/workflow";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  data
    ? pageTitle(matches, "plans.edit.pageTitle", { code: data.plan.code })
    : pageTitle(matches, "plans.edit.title");

/** The plan, after checking the user may edit this organisation's plans (403 otherwise). */
function guard(request: Request, idParam: string | undefined): PlanDetail {
  requireUser(request);
  const id = parsePlanId(idParam);
  const plan = id === null ? null : getPlanDetail(getDb(), id);
  if (!plan) throw notFound();
  const user = requirePermission(request, "read", "plan", plan.organisationId);
  if (!planPermissions(user, plan.organisationId).edit) throw forbidden();
  return plan;
}

function editableValues(p: PlanDetail) {
  return {
    titleVi: p.titleVi,
    titleEn: p.titleEn,
    summaryVi: p.summaryVi,
    summaryEn: p.summaryEn,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const plan = guard(request, params.id);
  const locale = localeFromRequest(request);
  return {
    plan: {
      id: plan.id,
      code: plan.code,
      status: plan.status,
      version: plan.version,
      ...editableValues(plan),
    },
    title: localized(locale, plan.titleVi, plan.titleEn),
    editable: isPlanContentEditable(plan.status),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const plan = guard(request, params.id);
  const user = requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: PlanEditSchema });
  if (submission.status !== "success")
    return data({ reply: submission.reply(), current: null }, { status: 400 });
  try {
    updatePlan(getDb(), { ...user, ipAddress: context.clientIp }, plan.id, submission.value);
    return redirect(`/plans/${plan.id}?done=saved`);
  } catch (e) {
    if (!(e instanceof PlanCommandError)) throw e;
    if (e.problem === "forbidden") throw forbidden();
    if (e.problem === "notFound") throw notFound();
    const now = getPlanDetail(getDb(), plan.id)!;
    const current = { status: now.status, version: now.version, ...editableValues(now) };
    if (e.problem === "stale") {
      return data(
        { reply: submission.reply({ formErrors: ["plans.error.stale"] }), current },
        { status: 409 },
      );
    }
    if (e.problem === "status") {
      return data(
        { reply: submission.reply({ formErrors: ["plans.error.notEditable"] }), current },
        { status: 409 },
      );
    }
    throw e;
  }
}

const FIELDS = ["titleVi", "titleEn", "summaryVi", "summaryEn", "periodStart", "periodEnd"] as const;

export default function EditPlan() {
  const { plan, title, editable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const [form, fields] = useForm({
    id: `plan-edit-${plan.id}`,
    lastResult: actionData?.reply,
    constraint: getZodConstraint(PlanEditSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      version: plan.version,
      titleVi: plan.titleVi,
      titleEn: plan.titleEn ?? "",
      summaryVi: plan.summaryVi ?? "",
      summaryEn: plan.summaryEn ?? "",
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PlanEditSchema }),
  });
  const f = fields;
  const errors = summaryErrors(
    form.errors,
    [f.titleVi, f.titleEn, f.summaryVi, f.summaryEn, f.periodStart, f.periodEnd],
    f.titleVi.id,
  );
  const current = actionData?.current ?? null;
  const breadcrumb = (
    <p className="breadcrumb">
      <Link to="/plans">{t("plans.list.title")}</Link> › <Link to={`/plans/${plan.id}`}>{plan.code}</Link>
    </p>
  );
  if (!editable) {
    return (
      <>
        {breadcrumb}
        <h1>{t("plans.edit.title")}</h1>
        <p className="notice" role="status">
          {t("plans.edit.notEditable", { status: t(`enums.planStatus.${plan.status}`) })}
        </p>
        <p>
          <Link to={`/plans/${plan.id}`}>{t("plans.edit.backToPlan")}</Link>
        </p>
      </>
    );
  }
  return (
    <div className="narrow-wide">
      {breadcrumb}
      <ErrorSummary errors={errors} />
      <h1>{t("plans.edit.title")}</h1>
      <p className="lead">
        <span className="org-code">{plan.code}</span> · {title}
      </p>
      {current ? (
        <section className="stale-box" aria-labelledby="stale-title" data-testid="stale-box">
          <h2 id="stale-title">{t("plans.stale.title")}</h2>
          <p>{t("plans.stale.body", { status: t(`enums.planStatus.${current.status}`) })}</p>
          <div className="table-wrap">
            <table className="data-table">
              <caption>{t("plans.stale.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("plans.diff.field")}</th>
                  <th scope="col">{t("plans.stale.saved")}</th>
                </tr>
              </thead>
              <tbody>
                {FIELDS.map((name) => (
                  <tr key={name}>
                    <th scope="row">{t(`plans.field.plan.${name}`)}</th>
                    <td className="pre-line">{current[name] ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <a href={`/plans/${plan.id}/edit`}>{t("plans.stale.reload")}</a>
          </p>
        </section>
      ) : null}
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name={f.version.name} value={String(plan.version)} />
        <PlanFormFields
          fields={{
            titleVi: f.titleVi,
            titleEn: f.titleEn,
            summaryVi: f.summaryVi,
            summaryEn: f.summaryEn,
            periodStart: f.periodStart,
            periodEnd: f.periodEnd,
          }}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            {t("plans.edit.submit")}
          </button>
          <Link to={`/plans/${plan.id}`}>{t("plans.form.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
