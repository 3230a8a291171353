import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { can, forbidden, notFound, requirePermission } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { createProject, PlanLockedError } from "~/modules/projects/commands.server";
import {
  checkReferences,
  getOrgOption,
  getPlanOption,
  planProblem,
  projectFormOptions,
} from "~/modules/projects/options.server";
import { ProjectForm } from "~/modules/projects/project-form";
import { actorOf, fieldErrors } from "~/modules/projects/route.server";
import { ProjectFormSchema, type ProjectFormValues } from "~/modules/projects/schema";
import { CHECK_SIMILAR_INTENT, similarFromForm } from "~/modules/similar/route.server";
import { isPlanContentEditable } from "~/modules/plans/workflow";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";
import { todayIso } from "~/utils/today";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "projects.title.new");

function planIdFrom(request: Request): number | null {
  const raw = new URL(request.url).searchParams.get("planId");
  if (raw === null || raw === "") return null;
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw notFound();
  return id;
}

export async function loader({ request }: LoaderFunctionArgs) {
  // Planners (own organisation) and coordinators (any); leaders and auditors get 403.
  const user = requirePermission(request, "create", "project");
  const db = getDb();
  const asOf = todayIso();
  const planId = planIdFrom(request);
  const plan = planId === null ? null : getPlanOption(db, planId);
  if (planId !== null && !plan) throw notFound();
  // Someone else's plan: as if it did not exist for this user.
  if (plan && !can(user, "update", "plan", plan.organisationId)) throw forbidden();
  const options = projectFormOptions(db, user, asOf);
  const ownerId =
    plan?.organisationId ??
    (options.leadOrganisations.length === 1
      ? options.leadOrganisations[0].id
      : options.leadOrganisations.find((o) => o.id === user.primaryOrganisationId)?.id);
  const owner = ownerId === undefined ? undefined : options.leadOrganisations.find((o) => o.id === ownerId);
  const provinceId =
    owner?.kind === "province"
      ? owner.id
      : owner?.kind === "city"
        ? (owner.parentId ?? undefined)
        : undefined;
  const defaultValue: ProjectFormValues = {
    planId: plan ? String(plan.id) : undefined,
    organisationId: ownerId === undefined ? undefined : String(ownerId),
    provinceId: provinceId === undefined ? undefined : String(provinceId),
    cityId: owner?.kind === "city" ? String(owner.id) : undefined,
    operatorType: "government_agency",
  };
  return {
    options,
    asOf,
    defaultValue,
    plan: plan
      ? { id: plan.id, code: plan.code, titleVi: plan.titleVi, titleEn: plan.titleEn, status: plan.status }
      : null,
    planLocked: plan ? !isPlanContentEditable(plan.status) : false,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "create", "project");
  const formData = await request.formData();
  const db = getDb();
  const submission = parseWithZod(formData, { schema: ProjectFormSchema });
  // Similar existing proposals for what was typed: shown again on the form (works without JS).
  if (formData.get("intent") === CHECK_SIMILAR_INTENT) {
    return data({
      result: { initialValue: submission.payload } as SubmissionResult<string[]>,
      similar: similarFromForm(db, user, formData),
    });
  }
  if (submission.status !== "success")
    return data({ result: submission.reply(), similar: similarFromForm(db, user, formData) }, { status: 400 });
  const input = submission.value;
  const asOf = todayIso();

  // The owner comes from the form: it must be one the user may create projects for (403 when forged).
  const owner = getOrgOption(db, input.organisationId);
  if (owner && !can(user, "create", "project", owner.id)) throw forbidden();
  const problems = checkReferences(db, input, asOf);
  if (input.planId !== null) {
    const plan = getPlanOption(db, input.planId);
    if (plan && !can(user, "update", "plan", plan.organisationId)) throw forbidden();
    const problem = planProblem(plan, input.organisationId);
    if (problem) problems.push({ field: "organisationId", message: problem });
  }
  if (problems.length) {
    return data(
      { result: submission.reply({ fieldErrors: fieldErrors(problems) }), similar: similarFromForm(db, user, formData) },
      { status: 400 },
    );
  }
  let created: { code: string };
  try {
    created = createProject(db, actorOf(user, context), input, asOf);
  } catch (e) {
    if (!(e instanceof PlanLockedError)) throw e;
    return data(
      { result: submission.reply({ formErrors: ["projects.error.planLocked"] }), similar: null },
      { status: 409 },
    );
  }
  throw redirect(`/projects/${encodeURIComponent(created.code)}?saved=created`);
}

export default function NewProject() {
  const { options, asOf, defaultValue, plan, planLocked } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  return (
    <div className="form-page">
      <p className="breadcrumb">
        <Link to="/rollout">{t("projects.title.rollout")}</Link>
      </p>
      <h1>{t("projects.title.new")}</h1>
      {plan ? (
        <p className="lead">
          {t("projects.field.plan")}: {plan.code} — {localized(locale, plan.titleVi, plan.titleEn)} (
          {t(`enums.planStatus.${plan.status}`)})
        </p>
      ) : null}
      {planLocked ? (
        <p className="notice notice--error" data-testid="plan-locked">
          {t("projects.error.planLocked")}
        </p>
      ) : (
        <ProjectForm
          mode="create"
          lastResult={actionData?.result}
          similar={actionData?.similar}
          defaultValue={defaultValue}
          options={options}
          asOf={asOf}
          plan={plan}
        />
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
