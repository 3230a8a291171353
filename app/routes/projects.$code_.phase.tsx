import { getFormProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { ErrorSummary, Field } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { changePhase, StaleVersionError } from "~/modules/projects/commands.server";
import { allowedNextPhases } from "~/modules/projects/phase";
import { lessonCount } from "~/modules/projects/project.server";
import { actorOf, requireProject } from "~/modules/projects/route.server";
import { PhaseChangeSchema } from "~/modules/projects/schema";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";
import { todayIso } from "~/utils/today";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "projects.title.phase", { code: data?.code ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const project = requireProject(db, params.code);
  requirePermission(request, "update", "project", project.organisationId);
  return {
    code: project.code,
    titleVi: project.titleVi,
    titleEn: project.titleEn,
    phase: project.phase,
    version: project.version,
    next: allowedNextPhases(project.phase),
    lessons: lessonCount(db, project.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const project = requireProject(db, params.code);
  const user = requirePermission(request, "update", "project", project.organisationId);
  const submission = parseWithZod(await request.formData(), { schema: PhaseChangeSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), stale: false }, { status: 400 });
  const input = submission.value;
  try {
    const result = changePhase(db, actorOf(user, context), project.id, input.version, input, todayIso());
    if (!result.ok) {
      const reply =
        result.problem === "reasonRequired"
          ? submission.reply({ fieldErrors: { reason: ["projects.error.reasonRequired"] } })
          : result.problem === "lessonRequired"
            ? submission.reply({ fieldErrors: { toPhase: ["projects.error.lessonRequired"] } })
            : submission.reply({ fieldErrors: { toPhase: ["projects.error.notAllowed"] } });
      return data({ result: reply, stale: false }, { status: 400 });
    }
  } catch (e) {
    if (!(e instanceof StaleVersionError)) throw e;
    return data(
      { result: submission.reply({ formErrors: ["projects.error.stale"] }), stale: true },
      { status: 409 },
    );
  }
  throw redirect(`/projects/${encodeURIComponent(project.code)}?saved=phase`);
}

export default function ChangePhase() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { version: String(d.version) },
    constraint: getZodConstraint(PhaseChangeSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PhaseChangeSchema }),
  });
  const projectPath = `/projects/${encodeURIComponent(d.code)}`;
  const summary = [
    ...(form.errors ?? []).map((m) => ({ fieldId: fields.toPhase.id, message: m })),
    ...(fields.toPhase.errors ?? []).map((m) => ({ fieldId: fields.toPhase.id, message: m })),
    ...(fields.reason.errors ?? []).map((m) => ({ fieldId: fields.reason.id, message: m })),
  ];
  return (
    <div className="form-page">
      <p className="breadcrumb">
        <Link to={projectPath}>{d.code}</Link>
      </p>
      <h1>{t("projects.title.phase", { code: d.code })}</h1>
      <p className="lead">{localized(locale, d.titleVi, d.titleEn)}</p>
      <ErrorSummary errors={summary} />
      {actionData?.stale ? (
        <p className="notice notice--error" data-testid="stale-notice">
          <a href={projectPath}>{t("projects.stale.seeNewer")}</a>
        </p>
      ) : null}
      <dl className="summary">
        <dt>{t("projects.phase.current")}</dt>
        <dd data-testid="current-phase">{t(`enums.phase.${d.phase}`)}</dd>
      </dl>
      {d.next.length === 0 ? (
        <p className="notice">{t("projects.phase.final", { phase: t(`enums.phase.${d.phase}`) })}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} noValidate>
          <input
            type="hidden"
            name={fields.version.name}
            value={String(fields.version.initialValue ?? d.version)}
          />
          <p className="hint">{t("projects.phase.anyPlanStatus")}</p>
          {d.phase === "evaluation" && d.lessons === 0 ? (
            <p className="notice" data-testid="lesson-hint">
              {t("projects.phase.lessonHint")}{" "}
              <Link to={`${projectPath}/lessons`}>{t("projects.phase.lessonLink")}</Link>
            </p>
          ) : null}
          <Field id={fields.toPhase.id} label={t("projects.phase.to")} errors={fields.toPhase.errors}>
            <select
              {...getSelectProps(fields.toPhase)}
              className={fields.toPhase.errors ? "input--error" : undefined}
            >
              <option value="">{t("projects.option.choose")}</option>
              {d.next.map((p) => (
                <option key={p} value={p}>
                  {t(`enums.phase.${p}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            id={fields.reason.id}
            label={t("projects.phase.reason")}
            hint={t("projects.phase.reasonHint")}
            errors={fields.reason.errors}
          >
            <textarea
              {...getTextareaProps(fields.reason, { ariaDescribedBy: `${fields.reason.id}-hint` })}
              rows={4}
              className={fields.reason.errors ? "input--error" : undefined}
            />
          </Field>
          <div className="form-actions">
            <button type="submit" className="button" data-testid="phase-submit">
              {t("projects.action.submitPhase")}
            </button>
            <Link to={projectPath}>{t("projects.action.cancel")}</Link>
          </div>
        </Form>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
