import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { can, forbidden, requirePermission } from "~/auth/guard.server";
import { ErrorSummary, Field } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { replicateProject } from "~/modules/projects/commands.server";
import { getOrgOption } from "~/modules/projects/options.server";
import { currentProvince, lessonsOf, orgRefs } from "~/modules/projects/project.server";
import { isReplicable } from "~/modules/projects/replication";
import { replicationTargets, resolveReplicationTarget } from "~/modules/projects/replication.server";
import { actorOf, requireProject } from "~/modules/projects/route.server";
import { ReplicateSchema } from "~/modules/projects/schema";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";
import { todayIso } from "~/utils/today";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "projects.title.replicate", { code: data?.pilot.code ?? "" });

/**
 * Replicating is open to anyone who may create projects (planners for their
 * own province, coordinators for any), whoever owns the pilot: the pilot's
 * summary and lessons are shared knowledge, as on /rollout. The full pilot
 * page stays under `read:project`.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requirePermission(request, "create", "project");
  const db = getDb();
  const source = requireProject(db, params.code);
  // Only pilots are shared knowledge: another organisation's proposal stays private (403).
  if (!isReplicable(source.phase) && !can(user, "read", "project", source.organisationId)) throw forbidden();
  const asOf = todayIso();
  const provinceId = currentProvince(db, source.provinceId, asOf);
  const refs = orgRefs(db, [source.organisationId, ...(provinceId ? [provinceId] : [])]);
  const targets = isReplicable(source.phase) ? replicationTargets(db, user, source, asOf) : [];
  return {
    pilot: {
      code: source.code,
      titleVi: source.titleVi,
      titleEn: source.titleEn,
      descriptionVi: source.descriptionVi,
      descriptionEn: source.descriptionEn,
      phase: source.phase,
      organisation: refs.get(source.organisationId)!,
      province: provinceId ? (refs.get(provinceId) ?? null) : null,
      readable: can(user, "read", "project", source.organisationId),
    },
    replicable: isReplicable(source.phase),
    lessons: lessonsOf(db, source.id),
    targets: targets.map((o) => ({ id: o.id, nameVi: o.nameVi, nameEn: o.nameEn, kind: o.kind })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "create", "project");
  const db = getDb();
  const source = requireProject(db, params.code);
  if (!isReplicable(source.phase) && !can(user, "read", "project", source.organisationId)) throw forbidden();
  const submission = parseWithZod(await request.formData(), { schema: ReplicateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (!isReplicable(source.phase)) {
    return data(submission.reply({ formErrors: ["projects.error.notReplicable"] }), { status: 409 });
  }
  const target = getOrgOption(db, submission.value.organisationId);
  if (!target) {
    return data(submission.reply({ fieldErrors: { organisationId: ["projects.error.targetKind"] } }), {
      status: 400,
    });
  }
  // The target comes from the form: only an organisation the user may create projects for (403 when forged).
  if (!can(user, "create", "project", target.id)) throw forbidden();
  const asOf = todayIso();
  const resolved = resolveReplicationTarget(db, source, target, asOf);
  if (!resolved.ok) {
    return data(
      submission.reply({ fieldErrors: { organisationId: [`projects.error.${resolved.problem}`] } }),
      { status: 400 },
    );
  }
  const created = replicateProject(
    db,
    actorOf(user, context),
    source,
    resolved.target,
    submission.value.startDate ?? null,
    asOf,
  );
  throw redirect(`/projects/${encodeURIComponent(created.code)}?saved=replicated`);
}

export default function Replicate() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale, date } = useT();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { organisationId: d.targets.length === 1 ? String(d.targets[0].id) : undefined },
    constraint: getZodConstraint(ReplicateSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReplicateSchema }),
  });
  const summary = [
    ...(form.errors ?? []).map((m) => ({ fieldId: fields.organisationId.id, message: m })),
    ...(["organisationId", "startDate"] as const).flatMap((name) =>
      (fields[name].errors ?? []).map((m) => ({ fieldId: fields[name].id, message: m })),
    ),
  ];
  const p = d.pilot;
  return (
    <div className="form-page">
      <p className="breadcrumb">
        <Link to="/rollout">{t("projects.title.rollout")}</Link>
      </p>
      <h1>{t("projects.title.replicate", { code: p.code })}</h1>
      <ErrorSummary errors={summary} />

      <section aria-labelledby="pilot-heading" className="pilot-summary" data-testid="pilot-summary">
        <h2 id="pilot-heading">{t("projects.replicate.pilot")}</h2>
        <dl className="summary">
          <dt>{t("projects.field.code")}</dt>
          <dd>
            {p.readable ? (
              <Link to={`/projects/${encodeURIComponent(p.code)}`} className="org-code">
                {p.code}
              </Link>
            ) : (
              <span className="org-code">{p.code}</span>
            )}
          </dd>
          <dt>{t("projects.col.project")}</dt>
          <dd>{localized(locale, p.titleVi, p.titleEn)}</dd>
          <dt>{t("projects.page.owner")}</dt>
          <dd>{localized(locale, p.organisation.nameVi, p.organisation.nameEn)}</dd>
          <dt>{t("projects.page.location")}</dt>
          <dd>
            {p.province
              ? localized(locale, p.province.nameVi, p.province.nameEn)
              : t("projects.page.national")}
          </dd>
          <dt>{t("projects.page.phase")}</dt>
          <dd>{t(`enums.phase.${p.phase}`)}</dd>
          <dt>{t("projects.page.description")}</dt>
          <dd lang={locale === "en" && p.descriptionEn ? "en" : "vi"}>
            {localized(locale, p.descriptionVi, p.descriptionEn)}
          </dd>
        </dl>
        <h3>{t("projects.page.lessons")}</h3>
        {d.lessons.length ? (
          <ul className="lessons" data-testid="pilot-lessons">
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
        ) : (
          <p className="muted">{t("projects.page.noLessons")}</p>
        )}
      </section>

      <section aria-labelledby="replicate-heading">
        <h2 id="replicate-heading">{t("projects.action.replicate")}</h2>
        {!d.replicable ? (
          <p className="notice" data-testid="not-replicable">
            {t("projects.replicate.notReplicable", { phase: t(`enums.phase.${p.phase}`) })}
          </p>
        ) : d.targets.length === 0 ? (
          <p className="notice" data-testid="no-targets">
            {t("projects.replicate.noTargets")}
          </p>
        ) : (
          <>
            <p className="hint">{t("projects.replicate.intro")}</p>
            <Form method="post" {...getFormProps(form)} noValidate>
              <Field
                id={fields.organisationId.id}
                label={t("projects.replicate.target")}
                hint={t("projects.replicate.targetHint")}
                errors={fields.organisationId.errors}
              >
                <select
                  {...getSelectProps(fields.organisationId, {
                    ariaDescribedBy: `${fields.organisationId.id}-hint`,
                  })}
                  className={fields.organisationId.errors ? "input--error" : undefined}
                >
                  {d.targets.length !== 1 ? <option value="">{t("projects.option.choose")}</option> : null}
                  {d.targets.map((o) => (
                    <option key={o.id} value={o.id}>
                      {localized(locale, o.nameVi, o.nameEn)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                id={fields.startDate.id}
                label={t("projects.replicate.startDate")}
                errors={fields.startDate.errors}
              >
                <input
                  {...getInputProps(fields.startDate, { type: "date" })}
                  className={fields.startDate.errors ? "input--error" : undefined}
                />
              </Field>
              <div className="form-actions">
                <button type="submit" className="button" data-testid="replicate-submit">
                  {t("projects.action.replicateSubmit")}
                </button>
                <Link to="/rollout">{t("projects.title.rollout")}</Link>
              </div>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
