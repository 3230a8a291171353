import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { can, forbidden, requirePermission } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PlanSimilarSection } from "~/components/similar-proposals";
import { useT } from "~/i18n/useT";
import { isPlanContentEditable } from "~/modules/plans/workflow";
import { PlanLockedError, StaleVersionError, updateProject } from "~/modules/projects/commands.server";
import { checkReferences, getOrgOption, projectFormOptions } from "~/modules/projects/options.server";
import { ProjectForm } from "~/modules/projects/project-form";
import { snapshotOf, type ProjectRecord } from "~/modules/projects/project.server";
import { actorOf, fieldErrors, requireProject } from "~/modules/projects/route.server";
import { ProjectFormSchema, projectFormValues } from "~/modules/projects/schema";
import { pageTitle } from "~/modules/shell/meta";
import {
  CHECK_SIMILAR_INTENT,
  handleSimilarDecision,
  SIMILAR_DECISION_INTENT,
  similarFromForm,
  type DecisionOutcome,
} from "~/modules/similar/route.server";
import { projectDecisionView } from "~/modules/similar/similar.server";
import { todayIso } from "~/utils/today";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "projects.title.edit", { code: data?.code ?? "" });

function keepValues(p: ProjectRecord) {
  return {
    organisationId: p.organisationId,
    provinceId: p.provinceId,
    cityId: p.cityId,
    cooperatorIds: p.cooperatorIds,
    nodeIds: [...(p.primaryNodeId ? [p.primaryNodeId] : []), ...p.otherNodeIds],
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const project = requireProject(db, params.code);
  const user = requirePermission(request, "update", "project", project.organisationId);
  const asOf = todayIso();
  const locked = project.plan !== null && !isPlanContentEditable(project.plan.status);
  return {
    projectId: project.id,
    // The stored project's similar proposals and the decisions on them (made here or on the plan page).
    similarity: projectDecisionView(db, project, user, asOf),
    canDecide: !locked && project.phase !== "cancelled",
    code: project.code,
    asOf,
    version: project.version,
    plan: project.plan ? { code: project.plan.code, status: project.plan.status } : null,
    locked: project.plan !== null && !isPlanContentEditable(project.plan.status),
    options: projectFormOptions(db, user, asOf, keepValues(project)),
    defaultValue: projectFormValues(snapshotOf(project), { version: project.version }),
  };
}

function lockMessage(status: string) {
  return status === "approved" ? "projects.error.planApproved" : "projects.error.planSubmitted";
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const project = requireProject(db, params.code);
  const user = requirePermission(request, "update", "project", project.organisationId);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const noDecision: DecisionOutcome | null = null;
  if (intent === SIMILAR_DECISION_INTENT) {
    const outcome = handleSimilarDecision(db, user, actorOf(user, context), formData, { projectId: project.id });
    if (outcome.ok) throw redirect(`/projects/${encodeURIComponent(project.code)}/edit?similar=saved#similar`);
    return data({ result: undefined, stale: false, similar: null, decision: outcome }, { status: 400 });
  }
  const submission = parseWithZod(formData, { schema: ProjectFormSchema });
  // Similar existing proposals for what was typed, shown again on the form (works without JS).
  if (intent === CHECK_SIMILAR_INTENT) {
    return data({
      result: { initialValue: submission.payload } as SubmissionResult<string[]>,
      stale: false,
      similar: similarFromForm(db, user, formData, project.id),
      decision: noDecision,
    });
  }
  if (submission.status !== "success")
    return data(
      {
        result: submission.reply(),
        stale: false,
        similar: similarFromForm(db, user, formData, project.id),
        decision: noDecision,
      },
      { status: 400 },
    );
  const input = submission.value;
  if (project.plan && !isPlanContentEditable(project.plan.status)) {
    return data(
      { result: submission.reply({ formErrors: [lockMessage(project.plan.status)] }), stale: false },
      { status: 409 },
    );
  }
  if (input.version === undefined) {
    return data(
      { result: submission.reply({ formErrors: ["projects.error.versionMissing"] }), stale: false },
      { status: 400 },
    );
  }
  // Moving the project to another owner: the new owner must be the user's too (403 when forged).
  if (input.organisationId !== project.organisationId) {
    const owner = getOrgOption(db, input.organisationId);
    if (owner && !can(user, "update", "project", owner.id)) throw forbidden();
  }
  const asOf = todayIso();
  // A project in a plan stays with the plan's organisation; the plan is not changed from here.
  const problems = checkReferences(db, input, asOf, keepValues(project));
  if (project.plan && input.organisationId !== project.organisationId) {
    problems.push({ field: "organisationId", message: "projects.error.ownerFixedByPlan" });
  }
  if (problems.length) {
    return data(
      { result: submission.reply({ fieldErrors: fieldErrors(problems) }), stale: false },
      { status: 400 },
    );
  }
  let changed: string[];
  try {
    ({ changed } = updateProject(db, actorOf(user, context), project.id, input.version, {
      ...input,
      planId: project.planId,
    }));
  } catch (e) {
    if (e instanceof StaleVersionError) {
      return data(
        { result: submission.reply({ formErrors: ["projects.error.stale"] }), stale: true },
        { status: 409 },
      );
    }
    if (e instanceof PlanLockedError) {
      return data(
        { result: submission.reply({ formErrors: [lockMessage(e.status)] }), stale: false },
        { status: 409 },
      );
    }
    throw e;
  }
  throw redirect(
    `/projects/${encodeURIComponent(project.code)}?saved=${changed.length ? "updated" : "unchanged"}`,
  );
}

export default function EditProject() {
  const { code, asOf, plan, locked, options, defaultValue, projectId, similarity, canDecide, version } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useT();
  const decision = actionData && "decision" in actionData ? actionData.decision : null;
  const projectPath = `/projects/${encodeURIComponent(code)}`;
  return (
    <div className="form-page">
      <p className="breadcrumb">
        <Link to={projectPath}>{code}</Link>
      </p>
      <h1>{t("projects.title.edit", { code })}</h1>
      {locked && plan ? (
        <>
          <p className="notice notice--error" data-testid="edit-locked">
            {t(
              plan.status === "approved"
                ? "projects.page.editLockedApproved"
                : "projects.page.editLockedSubmitted",
              {
                plan: plan.code,
              },
            )}
          </p>
          <p>
            <Link to={projectPath}>{t("projects.action.cancel")}</Link>
          </p>
        </>
      ) : (
        <ProjectForm
          mode="edit"
          lastResult={actionData?.result}
          defaultValue={defaultValue}
          options={options}
          asOf={asOf}
          stale={actionData?.stale ? { current: projectPath, reload: `${projectPath}/edit` } : null}
          cancelTo={projectPath}
          similar={actionData && "similar" in actionData ? actionData.similar : null}
          similarProjectId={projectId}
        />
      )}
      {similarity.matches.length > 0 || similarity.reviews.length > 0 ? (
        <PlanSimilarSection
          title={t("similar.review.title")}
          intro={t("similar.edit.intro")}
          similarity={[similarity]}
          canDecide={canDecide}
          versions={{ [projectId]: version }}
          actionData={decision && !decision.ok ? { formId: decision.formId, ok: false, reply: decision.reply } : null}
          saved={searchParams.get("similar") === "saved"}
        />
      ) : null}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
