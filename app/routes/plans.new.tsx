import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { forbidden, requireUser } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { createPlan, PlanCommandError } from "~/modules/plans/commands.server";
import { PlanFormFields, summaryErrors } from "~/modules/plans/plan-form";
import { canCreatePlanFor } from "~/modules/plans/policy";
import { listPlanOwnerOrganisations } from "~/modules/plans/queries.server";
import { PlanCreateSchema } from "~/modules/plans/schemas";
import { pageTitle } from "~/modules/shell/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "plans.new.title");

/** Organisations this user may create a plan for (today's provinces, ministries and cities). */
function ownerOptions(request: Request) {
  const user = requireUser(request);
  const options = listPlanOwnerOrganisations(getDb()).filter((o) => canCreatePlanFor(user, o.id));
  if (options.length === 0) throw forbidden();
  return { user, options };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, options } = ownerOptions(request);
  const own = options.find((o) => o.id === user.primaryOrganisationId);
  return {
    organisations: options.map(({ id, nameVi, nameEn, kind }) => ({ id, nameVi, nameEn, kind })),
    defaultOrganisationId: own?.id ?? (options.length === 1 ? options[0].id : null),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = ownerOptions(request);
  const submission = parseWithZod(await request.formData(), { schema: PlanCreateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { id } = createPlan(getDb(), { ...user, ipAddress: context.clientIp }, submission.value);
    return redirect(`/plans/${id}?done=created`);
  } catch (e) {
    if (!(e instanceof PlanCommandError)) throw e;
    if (e.problem === "forbidden") throw forbidden();
    if (e.problem === "codeTaken") {
      return data(submission.reply({ fieldErrors: { code: ["plans.error.codeTaken"] } }), { status: 409 });
    }
    if (e.problem === "organisationInvalid") {
      return data(
        submission.reply({ fieldErrors: { organisationId: ["plans.error.organisationInvalid"] } }),
        {
          status: 400,
        },
      );
    }
    throw e;
  }
}

export default function NewPlan() {
  const { organisations, defaultOrganisationId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  const [form, fields] = useForm({
    id: "plan-new",
    lastResult,
    constraint: getZodConstraint(PlanCreateSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { organisationId: defaultOrganisationId ?? undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PlanCreateSchema }),
  });
  const f = fields;
  const errors = summaryErrors(
    form.errors,
    [f.organisationId, f.code, f.titleVi, f.titleEn, f.summaryVi, f.summaryEn, f.periodStart, f.periodEnd],
    f.code.id,
  );
  return (
    <div className="narrow-wide">
      <p className="breadcrumb">
        <Link to="/plans">{t("plans.list.title")}</Link>
      </p>
      <ErrorSummary errors={errors} />
      <h1>{t("plans.new.title")}</h1>
      <p className="lead">{t("plans.new.intro")}</p>
      <Form method="post" {...getFormProps(form)} noValidate>
        <PlanFormFields
          fields={{
            organisationId: f.organisationId,
            code: f.code,
            titleVi: f.titleVi,
            titleEn: f.titleEn,
            summaryVi: f.summaryVi,
            summaryEn: f.summaryEn,
            periodStart: f.periodStart,
            periodEnd: f.periodEnd,
          }}
          organisations={organisations}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            {t("plans.new.submit")}
          </button>
          <Link to="/plans">{t("plans.form.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
