import { getFormProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { getDb } from "#db/client.server";
import type { PlanStatus } from "#db/enums";
import { can, forbidden, notFound, requirePermission, requireUser } from "~/auth/guard.server";
import { Field } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FlagPanel } from "~/components/flag-panel";
import { flagPanelData } from "~/modules/flags/panel.server";
import { PlanSimilarSection } from "~/components/similar-proposals";
import type { MessageKey } from "~/i18n/i18n";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import {
  addProjectToPlan,
  addReviewComment,
  approvePlan,
  PlanCommandError,
  removeProjectFromPlan,
  resolveReviewComment,
  returnPlan,
  startPlanRevision,
  submitPlan,
  type PlanActor,
} from "~/modules/plans/commands.server";
import { planFigures } from "~/modules/finance/figures.server";
import { PlanMoneySection } from "~/modules/finance/ui";
import { parseDone, parsePlanId, type DoneNotice } from "~/modules/plans/params";
import { planAbilities } from "~/modules/plans/policy";
import {
  getPlanDetail,
  getPlanRef,
  listEligibleProjects,
  listPlanComments,
  listPlanProjects,
  listPlanRevisions,
  type CommentRow,
  type PlanProjectRow,
} from "~/modules/plans/queries.server";
import {
  CommentSchema,
  PlanActionSchema,
  ReturnPlanSchema,
  type PlanAction,
  type PlanIntent,
} from "~/modules/plans/schemas";
import { isPlanContentEditable, submitProblems, type SubmitProblem } from "~/modules/plans/workflow";
import { actorOf as projectActorOf } from "~/modules/projects/route.server";
import { handleSimilarDecision, SIMILAR_DECISION_INTENT } from "~/modules/similar/route.server";
import { planSimilarity } from "~/modules/similar/similar.server";
import { titleWith } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";
import { todayIso } from "~/utils/today";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  titleWith(matches, data ? `${data.plan.code} · ${data.title}` : null, "plans.detail.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireUser(request);
  const db = getDb();
  const id = parsePlanId(params.id);
  const plan = id === null ? null : getPlanDetail(db, id);
  if (!plan) throw notFound();
  // A planner of another organisation gets 403 whatever id they try.
  const user = requirePermission(request, "read", "plan", plan.organisationId);
  const abilities = planAbilities(user, plan);
  const projects = listPlanProjects(db, plan.id);
  const revisions = listPlanRevisions(db, plan.id);
  const locale = localeFromRequest(request);
  return {
    plan,
    title: localized(locale, plan.titleVi, plan.titleEn),
    abilities,
    projects,
    comments: listPlanComments(db, plan.id),
    eligible: abilities.addProjects ? listEligibleProjects(db, plan.organisationId) : [],
    latestRevision: revisions[0] ?? null,
    revisionCount: revisions.length,
    // What still stands between the plan and its submission (shown before the button).
    submitChecklist: abilities.submit
      ? submitProblems({ ...plan, projectCount: projects.length }).filter((p) => p !== "status")
      : [],
    done: parseDone(new URL(request.url).searchParams.get("done")),
    // Similar existing proposals of its projects and the decisions on them (issue 5: at submission).
    // (An approved plan keeps only the decisions taken: nothing is matched again.)
    similarity: planSimilarity(db, plan.id, user, undefined, { reviewsOnly: plan.status === "approved" }),
    similarCanDecide: isPlanContentEditable(plan.status) && can(user, "update", "project", plan.organisationId),
    projectVersions: Object.fromEntries(
      (
        db.$client.prepare("SELECT id, version FROM projects WHERE plan_id = ?").all(plan.id) as {
          id: number;
          version: number;
        }[]
      ).map((r) => [r.id, r.version]),
    ) as Record<number, number>,
    // Money and time of the plan and each of its projects, computed in SQL.
    money: can(user, "read", "budget", plan.organisationId) ? planFigures(db, plan.id, todayIso()) : null,
    flags: flagPanelData(db, user, { planId: plan.id }),
  };
}

const DONE_AFTER: Record<PlanIntent, DoneNotice> = {
  submit: "submitted",
  approve: "approved",
  return: "returned",
  startRevision: "revisionStarted",
  addProject: "projectAdded",
  removeProject: "projectRemoved",
  comment: "commented",
  resolve: "resolved",
};

function run(actor: PlanActor, planId: number, v: PlanAction): void {
  const db = getDb();
  switch (v.intent) {
    case "submit":
      submitPlan(db, actor, planId, v);
      return;
    case "approve":
      approvePlan(db, actor, planId, v);
      return;
    case "return":
      returnPlan(db, actor, planId, v);
      return;
    case "startRevision":
      startPlanRevision(db, actor, planId, v);
      return;
    case "addProject":
      addProjectToPlan(db, actor, planId, v);
      return;
    case "removeProject":
      removeProjectFromPlan(db, actor, planId, v);
      return;
    case "comment":
      addReviewComment(db, actor, planId, v);
      return;
    case "resolve":
      resolveReviewComment(db, actor, planId, v);
      return;
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  requireUser(request);
  const id = parsePlanId(params.id);
  const plan = id === null ? null : getPlanRef(getDb(), id);
  if (!plan) throw notFound();
  const user = requirePermission(request, "read", "plan", plan.organisationId);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === SIMILAR_DECISION_INTENT) {
    // A decision on a similar proposal of one of this plan's projects (403 for another organisation's).
    const outcome = handleSimilarDecision(getDb(), user, projectActorOf(user, context), formData, {
      planId: plan.id,
    });
    if (outcome.ok) return redirect(`/plans/${plan.id}?similar=saved#similar`);
    return data({ intent, reply: undefined, problem: null, similar: outcome }, { status: 400 });
  }
  const submission = parseWithZod(formData, { schema: PlanActionSchema });
  if (submission.status !== "success") {
    return data({ intent, reply: submission.reply(), problem: null }, { status: 400 });
  }
  try {
    run({ ...user, ipAddress: context.clientIp }, plan.id, submission.value);
  } catch (e) {
    if (!(e instanceof PlanCommandError)) throw e;
    if (e.problem === "forbidden") throw forbidden();
    if (e.problem === "notFound") throw notFound();
    return data(
      {
        intent,
        reply: submission.reply(),
        problem: {
          code: e.problem,
          status: e.details.status ?? null,
          submitProblems: e.details.submitProblems ?? [],
          otherPlanCode: e.details.otherPlanCode ?? null,
          similarPending: e.details.similarPending ?? [],
        },
      },
      { status: 409 },
    );
  }
  return redirect(`/plans/${plan.id}?done=${DONE_AFTER[submission.value.intent]}`);
}

// ---------------------------------------------------------------------------
// Page
// ---------------------------------------------------------------------------

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionData = ReturnType<typeof useActionData<typeof action>>;

function StatusTag({ status }: { status: PlanStatus }) {
  const { t } = useT();
  return (
    <span className={status === "approved" ? "tag tag--ok" : status === "returned" ? "tag tag--warn" : "tag"}>
      {t(`enums.planStatus.${status}`)}
    </span>
  );
}

const SUBMIT_PROBLEM_KEYS: Record<SubmitProblem, MessageKey> = {
  status: "plans.submit.problem.status",
  noProjects: "plans.submit.problem.noProjects",
  titleMissing: "plans.submit.problem.titleMissing",
  summaryMissing: "plans.submit.problem.summaryMissing",
  periodInvalid: "plans.submit.problem.periodInvalid",
};

function ProblemNotice({ actionData }: { actionData: ActionData }) {
  const { t, pct } = useT();
  const problem = actionData?.problem;
  if (!problem) return null;
  const status = problem.status ? t(`enums.planStatus.${problem.status}`) : "";
  let body: ReactNode;
  switch (problem.code) {
    case "stale":
      body = <p>{t("plans.error.staleAction", { status })}</p>;
      break;
    case "status":
      body = <p>{t("plans.error.statusAction", { status })}</p>;
      break;
    case "incomplete":
      body = (
        <>
          <p>{t("plans.submit.refused")}</p>
          <ul>
            {problem.submitProblems.map((p) => (
              <li key={p}>{t(SUBMIT_PROBLEM_KEYS[p])}</li>
            ))}
          </ul>
        </>
      );
      break;
    case "similarUndecided":
      body = (
        <>
          <p>{t("similar.plan.refused")}</p>
          <ul data-testid="similar-pending">
            {problem.similarPending.map((p) => (
              <li key={`${p.projectCode}-${p.otherCode}`}>
                <a href="#similar">
                  {t("similar.plan.pendingItem", {
                    project: p.projectCode,
                    other: p.otherCode,
                    kind: t(`similar.kind.${p.kind}`),
                    score: pct(p.score, 0),
                  })}
                </a>
              </li>
            ))}
          </ul>
        </>
      );
      break;
    case "projectNotEligible":
      body = (
        <p>
          {problem.otherPlanCode
            ? t("plans.error.projectInOtherPlan", { plan: problem.otherPlanCode })
            : t("plans.error.projectNotEligible")}
        </p>
      );
      break;
    case "alreadyResolved":
      body = <p>{t("plans.error.alreadyResolved")}</p>;
      break;
    default:
      body = <p>{t("plans.error.generic")}</p>;
  }
  return (
    <div
      className="error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby="plan-problem-title"
      data-testid="plan-problem"
    >
      <h2 id="plan-problem-title">{t("plans.error.nothingSaved")}</h2>
      {body}
    </div>
  );
}

function DoneNoticeBox({ done }: { done: DoneNotice | null }) {
  const { t } = useT();
  if (!done) return null;
  return (
    <p className="notice notice--ok" role="status" data-testid="plan-done">
      {t(`plans.done.${done}`)}
    </p>
  );
}

function Summary({ data }: { data: LoaderData }) {
  const { t, locale, date, dateTime } = useT();
  const { plan } = data;
  return (
    <dl className="summary">
      <dt>{t("plans.field.plan.code")}</dt>
      <dd>
        <span className="org-code">{plan.code}</span>
      </dd>
      <dt>{t("plans.field.plan.organisationId")}</dt>
      <dd>
        <Link to={`/organisations/${plan.organisation.id}`}>
          {localized(locale, plan.organisation.nameVi, plan.organisation.nameEn)}
        </Link>
      </dd>
      <dt>{t("plans.detail.period")}</dt>
      <dd>{t("plans.detail.periodValue", { start: plan.periodStart, end: plan.periodEnd })}</dd>
      <dt>{t("plans.detail.status")}</dt>
      <dd data-testid="plan-status">
        <StatusTag status={plan.status} /> {t("plans.detail.revisionN", { n: plan.revision })}
      </dd>
      {plan.titleEn && locale === "vi" ? (
        <>
          <dt>{t("plans.field.plan.titleEn")}</dt>
          <dd lang="en">{plan.titleEn}</dd>
        </>
      ) : null}
      <dt>{t("plans.field.plan.summaryVi")}</dt>
      <dd className="pre-line" lang="vi">
        {plan.summaryVi || <span className="muted">{t("plans.detail.noSummary")}</span>}
      </dd>
      {plan.summaryEn ? (
        <>
          <dt>{t("plans.field.plan.summaryEn")}</dt>
          <dd className="pre-line" lang="en">
            {plan.summaryEn}
          </dd>
        </>
      ) : null}
      <dt>{t("plans.detail.created")}</dt>
      <dd>
        {plan.createdByName
          ? t("plans.detail.byOn", { who: plan.createdByName, when: date(plan.createdAt) })
          : date(plan.createdAt)}
      </dd>
      {plan.submittedAt ? (
        <>
          <dt>{t("plans.detail.submitted")}</dt>
          <dd>{dateTime(plan.submittedAt)}</dd>
        </>
      ) : null}
      {plan.approvedAt ? (
        <>
          <dt>{t("plans.detail.lastApproved")}</dt>
          <dd>
            {plan.approvedByName
              ? t("plans.detail.byOn", { who: plan.approvedByName, when: date(plan.approvedAt) })
              : date(plan.approvedAt)}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/** One-button command form carrying the version the page was loaded with. */
function CommandForm({
  intent,
  version,
  label,
  secondary,
  extra,
}: {
  intent: PlanIntent;
  version: number;
  label: string;
  secondary?: boolean;
  extra?: Record<string, string | number>;
}) {
  return (
    <Form method="post" className="inline-form" preventScrollReset>
      <input type="hidden" name="version" value={version} />
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button
        type="submit"
        name="intent"
        value={intent}
        className={secondary ? "button button--secondary" : "button"}
      >
        {label}
      </button>
    </Form>
  );
}

function ReturnForm({ version, actionData }: { version: number; actionData: ActionData }) {
  const { t } = useT();
  const [form, fields] = useForm({
    id: "plan-return",
    lastResult: actionData?.intent === "return" ? actionData.reply : undefined,
    constraint: getZodConstraint(ReturnPlanSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReturnPlanSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} noValidate className="review-form" preventScrollReset>
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="intent" value="return" />
      <Field
        id={fields.reason.id}
        label={t("plans.review.reason")}
        hint={t("plans.review.reasonHint")}
        errors={fields.reason.errors}
      >
        <textarea
          {...getTextareaProps(fields.reason)}
          rows={4}
          className={fields.reason.errors ? "input--error" : undefined}
          aria-describedby={[
            `${fields.reason.id}-hint`,
            fields.reason.errors ? `${fields.reason.id}-error` : null,
          ]
            .filter(Boolean)
            .join(" ")}
        />
      </Field>
      <button type="submit" className="button button--warning">
        {t("plans.review.return")}
      </button>
    </Form>
  );
}

function WorkflowPanel({ data, actionData }: { data: LoaderData; actionData: ActionData }) {
  const { t, dateTime } = useT();
  const { plan, abilities, latestRevision, submitChecklist } = data;
  const v = plan.version;
  return (
    <section className="panel" aria-labelledby="workflow-title" data-testid="workflow-panel">
      <h2 id="workflow-title">{t("plans.workflow.title")}</h2>
      {plan.status === "draft" ? <p>{t("plans.workflow.draft")}</p> : null}
      {plan.status === "returned" ? <p>{t("plans.workflow.returned")}</p> : null}
      {plan.status === "submitted" ? (
        <p>
          {t("plans.workflow.submitted", {
            n: plan.revision,
            when: plan.submittedAt ? dateTime(plan.submittedAt) : "—",
          })}
        </p>
      ) : null}
      {plan.status === "approved" ? <p>{t("plans.workflow.approved", { n: plan.revision })}</p> : null}
      {latestRevision?.status === "returned" && latestRevision.reason && plan.status === "returned" ? (
        <blockquote className="return-reason" data-testid="return-reason">
          <p className="return-reason__label">{t("plans.workflow.returnReason")}</p>
          <p className="pre-line">{latestRevision.reason}</p>
        </blockquote>
      ) : null}

      <div className="actions">
        {abilities.edit ? (
          <Link to={`/plans/${plan.id}/edit`} className="button button--secondary">
            {t("plans.workflow.edit")}
          </Link>
        ) : null}
        {abilities.submit ? (
          <div className="action-block">
            {submitChecklist.length > 0 ? (
              <div className="notice" data-testid="submit-checklist">
                <p>{t("plans.submit.before")}</p>
                <ul>
                  {submitChecklist.map((p) => (
                    <li key={p}>{t(SUBMIT_PROBLEM_KEYS[p])}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <CommandForm intent="submit" version={v} label={t("plans.workflow.submit")} />
          </div>
        ) : null}
        {abilities.startRevision ? (
          <div className="action-block">
            <p className="hint">{t("plans.workflow.startRevisionHint", { n: plan.revision + 1 })}</p>
            <CommandForm
              intent="startRevision"
              version={v}
              label={t("plans.workflow.startRevision")}
              secondary
            />
          </div>
        ) : null}
      </div>

      {abilities.review ? (
        <div className="review-box" data-testid="review-box">
          <h3>{t("plans.review.title", { n: plan.revision })}</h3>
          <div className="review-box__choices">
            <div>
              <p>{t("plans.review.approveHint")}</p>
              {abilities.approve ? (
                <CommandForm intent="approve" version={v} label={t("plans.review.approve")} />
              ) : null}
            </div>
            {abilities.return ? <ReturnForm version={v} actionData={actionData} /> : null}
          </div>
        </div>
      ) : null}

      <p>
        <Link to={`/plans/${plan.id}/revisions`}>
          {t("plans.workflow.history", { count: data.revisionCount })}
        </Link>
        {" · "}
        <Link to={`/plans/${plan.id}/gantt`}>{t("milestones.action.gantt")}</Link>
        {abilities.edit ? <>{" · "}<Link to={`/plans/${plan.id}/import`} data-testid="plan-import-link">{t("imports.page.link")}</Link></> : null}{" · "}<a href={`/plans/${plan.id}/export.xlsx`} download>{t("imports.page.export")}</a>
      </p>
    </section>
  );
}

function ProjectsSection({ data }: { data: LoaderData }) {
  const { t, locale, money, num } = useT();
  const { plan, projects, abilities, eligible } = data;
  const total = projects.reduce((s, p) => s + p.budgetTotal, 0);
  const place = (p: PlanProjectRow) =>
    [
      p.provinceNameVi ? localized(locale, p.provinceNameVi, p.provinceNameEn) : null,
      p.cityNameVi ? localized(locale, p.cityNameVi, p.cityNameEn) : null,
    ]
      .filter(Boolean)
      .join(" · ") || t("plans.projects.national");
  return (
    <section aria-labelledby="projects-title" id="projects">
      <h2 id="projects-title">{t("plans.projects.title")}</h2>
      {abilities.addProjects ? (
        <div className="add-projects" data-testid="add-projects">
          <p>
            <Link
              to={`/projects/new?planId=${plan.id}`}
              className="button button--secondary"
              data-testid="new-project-link"
            >
              {t("plans.projects.new")}
            </Link>
          </p>
          {eligible.length > 0 ? (
            <Form method="post" className="inline-fields" preventScrollReset>
              <input type="hidden" name="version" value={plan.version} />
              <div className="form-group">
                <label htmlFor="add-project">{t("plans.projects.addExisting")}</label>
                <span className="hint" id="add-project-hint">
                  {t("plans.projects.addExistingHint")}
                </span>
                <select id="add-project" name="projectId" aria-describedby="add-project-hint" required>
                  {eligible.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.code} — {localized(locale, p.titleVi, p.titleEn)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" name="intent" value="addProject" className="button button--secondary">
                {t("plans.projects.add")}
              </button>
            </Form>
          ) : (
            <p className="hint">{t("plans.projects.noneToAdd")}</p>
          )}
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="data-table" data-testid="plan-projects">
          <caption>
            {t("plans.projects.caption", { code: plan.code })}
            <span className="data-table__count">
              {" "}
              ({t("common.table.rows", { count: num(projects.length) })})
            </span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("plans.projects.col.code")}</th>
              <th scope="col">{t("plans.projects.col.title")}</th>
              <th scope="col">{t("plans.projects.col.domain")}</th>
              <th scope="col">{t("plans.projects.col.phase")}</th>
              <th scope="col">{t("plans.projects.col.location")}</th>
              <th scope="col" className="num">
                {t("plans.projects.col.budget")}
              </th>
              <th scope="col" className="num">
                {t("plans.projects.col.openComments")}
              </th>
              {abilities.removeProjects ? (
                <th scope="col">
                  <span className="visually-hidden">{t("plans.projects.col.actions")}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {projects.length === 0 ? (
              <tr>
                <td colSpan={abilities.removeProjects ? 8 : 7} className="data-table__empty">
                  {t("plans.projects.empty")}
                </td>
              </tr>
            ) : (
              projects.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/projects/${p.code}`} className="org-code">
                      {p.code}
                    </Link>
                  </th>
                  <td>{localized(locale, p.titleVi, p.titleEn)}</td>
                  <td>{t(`projects.domain.${p.domain}` as MessageKey)}</td>
                  <td>{t(`enums.phase.${p.phase}` as MessageKey)}</td>
                  <td>{place(p)}</td>
                  <td className="num">{money(p.budgetTotal)}</td>
                  <td className="num">{num(p.openComments)}</td>
                  {abilities.removeProjects ? (
                    <td>
                      <Form method="post" className="inline-form" preventScrollReset>
                        <input type="hidden" name="version" value={plan.version} />
                        <input type="hidden" name="projectId" value={p.id} />
                        <button type="submit" name="intent" value="removeProject" className="link-button">
                          {t("plans.projects.remove")}
                          <span className="visually-hidden"> {p.code}</span>
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))
            )}
          </tbody>
          {projects.length > 0 ? (
            <tfoot>
              <tr>
                <th scope="row" colSpan={5}>
                  {t("plans.projects.total")}
                </th>
                <td className="num">{money(total)}</td>
                <td colSpan={abilities.removeProjects ? 2 : 1} />
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </section>
  );
}

function CommentForm({ data, actionData }: { data: LoaderData; actionData: ActionData }) {
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id: "plan-comment",
    lastResult: actionData?.intent === "comment" ? actionData.reply : undefined,
    constraint: getZodConstraint(CommentSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CommentSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} noValidate className="comment-form" preventScrollReset>
      <input type="hidden" name="intent" value="comment" />
      <fieldset className="fieldset">
        <legend>{t("plans.comments.new", { n: data.plan.revision })}</legend>
        <Field id={fields.projectId.id} label={t("plans.comments.about")} errors={fields.projectId.errors}>
          <select {...getSelectProps(fields.projectId)}>
            <option value="">{t("plans.comments.aboutPlan")}</option>
            {data.projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.code} — {localized(locale, p.titleVi, p.titleEn)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={fields.body.id} label={t("plans.comments.body")} errors={fields.body.errors}>
          <textarea
            {...getTextareaProps(fields.body)}
            rows={4}
            className={fields.body.errors ? "input--error" : undefined}
          />
        </Field>
        <button type="submit" className="button">
          {t("plans.comments.send")}
        </button>
      </fieldset>
    </Form>
  );
}

function CommentItem({ c, canResolve }: { c: CommentRow; canResolve: boolean }) {
  const { t, locale, dateTime } = useT();
  return (
    <li className={c.resolvedAt ? "comment comment--resolved" : "comment"} data-testid="review-comment">
      <p className="comment__meta">
        <strong>{c.authorName}</strong> · {dateTime(c.createdAt)} ·{" "}
        {t("plans.comments.onRevision", { n: c.revision })}
        {" · "}
        {c.projectCode ? (
          <>
            {t("plans.comments.onProject")}{" "}
            <Link to={`/projects/${c.projectCode}`} className="org-code">
              {c.projectCode}
            </Link>{" "}
            {c.projectTitleVi ? localized(locale, c.projectTitleVi, c.projectTitleEn) : null}
          </>
        ) : (
          t("plans.comments.onPlan")
        )}
      </p>
      <p className="comment__body pre-line">{c.body}</p>
      <div className="comment__state">
        {c.resolvedAt ? (
          <span className="tag tag--ok">
            {t("plans.comments.resolvedOn", { when: dateTime(c.resolvedAt) })}
          </span>
        ) : (
          <>
            <span className="tag tag--warn">{t("plans.comments.open")}</span>{" "}
            {canResolve ? (
              <Form method="post" className="inline-form" preventScrollReset>
                <input type="hidden" name="commentId" value={c.id} />
                <button type="submit" name="intent" value="resolve" className="link-button">
                  {t("plans.comments.resolve")}
                </button>
              </Form>
            ) : null}
          </>
        )}
      </div>
    </li>
  );
}

function CommentsSection({ data, actionData }: { data: LoaderData; actionData: ActionData }) {
  const { t, num } = useT();
  const open = data.comments.filter((c) => !c.resolvedAt);
  const resolved = data.comments.filter((c) => c.resolvedAt);
  return (
    <section aria-labelledby="comments-title" id="comments">
      <h2 id="comments-title">{t("plans.comments.title")}</h2>
      {data.abilities.comment ? <CommentForm data={data} actionData={actionData} /> : null}
      <h3>{t("plans.comments.openTitle", { count: num(open.length) })}</h3>
      {open.length === 0 ? (
        <p className="muted">{t("plans.comments.noneOpen")}</p>
      ) : (
        <ul className="comments" data-testid="open-comments">
          {open.map((c) => (
            <CommentItem key={c.id} c={c} canResolve={data.abilities.resolveComments} />
          ))}
        </ul>
      )}
      {resolved.length > 0 ? (
        <details>
          <summary>{t("plans.comments.resolvedTitle", { count: num(resolved.length) })}</summary>
          <ul className="comments">
            {resolved.map((c) => (
              <CommentItem key={c.id} c={c} canResolve={false} />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

export default function PlanPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useT();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/plans">{t("plans.list.title")}</Link> › <span className="org-code">{data.plan.code}</span>
      </p>
      <ProblemNotice actionData={actionData} />
      <DoneNoticeBox done={actionData ? null : data.done} />
      <h1>{data.title}</h1>
      <Summary data={data} />
      <WorkflowPanel data={data} actionData={actionData} />
      <PlanSimilarSection
        similarity={data.similarity}
        canDecide={data.similarCanDecide}
        versions={data.projectVersions}
        actionData={actionData && "similar" in actionData ? actionData.similar : null}
        saved={searchParams.get("similar") === "saved"}
      />
      <CommentsSection data={data} actionData={actionData} />
      <ProjectsSection data={data} />
      <FlagPanel data={data.flags} showProject />
      {data.money ? (
        <PlanMoneySection planCode={data.plan.code} totals={data.money.totals} projects={data.money.projects} />
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
