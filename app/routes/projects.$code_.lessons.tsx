import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { ErrorSummary, Field } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { addLesson } from "~/modules/projects/commands.server";
import { lessonsOf } from "~/modules/projects/project.server";
import { actorOf, requireProject } from "~/modules/projects/route.server";
import { LessonSchema } from "~/modules/projects/schema";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";
import { todayIso } from "~/utils/today";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "projects.title.lessons", { code: data?.code ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const project = requireProject(db, params.code);
  requirePermission(request, "update", "project", project.organisationId);
  return {
    code: project.code,
    titleVi: project.titleVi,
    titleEn: project.titleEn,
    today: todayIso(),
    lessons: lessonsOf(db, project.id),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const project = requireProject(db, params.code);
  const user = requirePermission(request, "update", "project", project.organisationId);
  const submission = parseWithZod(await request.formData(), { schema: LessonSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  addLesson(db, actorOf(user, context), project.id, submission.value);
  throw redirect(`/projects/${encodeURIComponent(project.code)}?saved=lesson#lessons`);
}

export default function Lessons() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale, date } = useT();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { recordedOn: d.today },
    constraint: getZodConstraint(LessonSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LessonSchema }),
  });
  const projectPath = `/projects/${encodeURIComponent(d.code)}`;
  const summary = (["recordedOn", "bodyVi", "bodyEn"] as const).flatMap((name) =>
    (fields[name].errors ?? []).map((m) => ({ fieldId: fields[name].id, message: m })),
  );
  return (
    <div className="form-page">
      <p className="breadcrumb">
        <Link to={projectPath}>{d.code}</Link>
      </p>
      <h1>{t("projects.title.lessons", { code: d.code })}</h1>
      <p className="lead">{localized(locale, d.titleVi, d.titleEn)}</p>
      <ErrorSummary errors={summary} />
      <p className="hint">{t("projects.lesson.intro")}</p>
      <Form method="post" {...getFormProps(form)} noValidate>
        <Field
          id={fields.recordedOn.id}
          label={t("projects.lesson.recordedOn")}
          errors={fields.recordedOn.errors}
        >
          <input
            {...getInputProps(fields.recordedOn, { type: "date" })}
            className={fields.recordedOn.errors ? "input--error" : undefined}
          />
        </Field>
        <Field id={fields.bodyVi.id} label={t("projects.lesson.bodyVi")} errors={fields.bodyVi.errors}>
          <textarea
            {...getTextareaProps(fields.bodyVi)}
            rows={5}
            lang="vi"
            className={fields.bodyVi.errors ? "input--error" : undefined}
          />
        </Field>
        <Field id={fields.bodyEn.id} label={t("projects.lesson.bodyEn")} errors={fields.bodyEn.errors}>
          <textarea
            {...getTextareaProps(fields.bodyEn)}
            rows={4}
            lang="en"
            className={fields.bodyEn.errors ? "input--error" : undefined}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button" data-testid="lesson-submit">
            {t("projects.action.saveLesson")}
          </button>
          <Link to={projectPath}>{t("projects.action.cancel")}</Link>
        </div>
      </Form>
      {d.lessons.length ? (
        <section aria-labelledby="existing-heading">
          <h2 id="existing-heading">{t("projects.lesson.existing")}</h2>
          <ul className="lessons">
            {d.lessons.map((l) => (
              <li key={l.id}>
                <p lang={locale === "en" && l.bodyEn ? "en" : "vi"}>
                  {localized(locale, l.bodyVi, l.bodyEn)}
                </p>
                <p className="muted lessons__meta">
                  {t("projects.page.lessonMeta", { date: date(l.recordedOn) })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
