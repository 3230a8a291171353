import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { OPERATOR_TYPES } from "#db/enums";
import { getDb } from "#db/client.server";
import { can, requirePermission } from "~/auth/guard.server";
import { ErrorSummary, Field } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { appExists, getApp, linkChoices, setProjectApp } from "~/modules/apps/apps.server";
import { LinkSchema } from "~/modules/apps/register";
import { DATA_CATEGORIES, isPersonalCategory, registerMismatch } from "~/modules/data-register/categories";
import {
  addDataRow,
  deleteDataRow,
  editDataRow,
  listDataRows,
  StaleVersionError,
  type CommandResult,
  type DataRow,
} from "~/modules/data-register/data-register.server";
import { DataRowActionSchema, DataRowFields } from "~/modules/data-register/schema";
import { actorOf, requireProject } from "~/modules/projects/route.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "dataRegister.title.project", { code: data?.code ?? "" });

const SAVED = ["add", "edit", "delete", "link"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const project = requireProject(db, params.code);
  // Planners read their own organisation's projects only (403 otherwise), like the project page.
  const user = requirePermission(request, "read", "project", project.organisationId);
  const canEdit = can(user, "update", "register", project.organisationId);
  const canAdd = can(user, "create", "register", project.organisationId);
  const url = new URL(request.url);
  const rows = listDataRows(db, project.id);
  const editId = Number(url.searchParams.get("edit"));
  const saved = url.searchParams.get("saved");
  const app = project.appId ? getApp(db, project.appId) : null;
  return {
    code: project.code,
    titleVi: project.titleVi,
    titleEn: project.titleEn,
    published: project.published,
    citizenAppName: project.citizenAppName,
    handlesPersonalData: project.handlesPersonalData,
    mismatch: registerMismatch(project.handlesPersonalData, rows),
    rows,
    canEdit,
    canAdd,
    editing: canEdit ? (rows.find((r) => r.id === editId) ?? null) : null,
    app: app ? { id: app.id, nameVi: app.nameVi, nameEn: app.nameEn } : null,
    appChoices: canEdit ? linkChoices(db, project.organisationId) : [],
    canCreateApp: can(user, "create", "register", project.organisationId),
    saved: (SAVED as readonly string[]).includes(saved ?? "") ? (saved as (typeof SAVED)[number]) : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const project = requireProject(db, params.code);
  const formData = await request.formData();
  const intent = formData.get("intent");
  // The organisation is the stored project's, never a form field.
  const user = requirePermission(
    request,
    intent === "add" ? "create" : "update",
    "register",
    project.organisationId,
  );
  const actor = actorOf(user, context);
  const ref = { id: project.id, code: project.code, organisationId: project.organisationId };
  const back = `/projects/${encodeURIComponent(project.code)}/data`;

  if (intent === "link") {
    const submission = parseWithZod(formData, { schema: LinkSchema });
    if (submission.status !== "success")
      return data({ result: submission.reply(), stale: false }, { status: 400 });
    const { appId, expectedAppId } = submission.value;
    if (appId !== undefined && !appExists(db, appId)) {
      return data(
        { result: submission.reply({ formErrors: ["apps.error.appInvalid"] }), stale: false },
        { status: 400 },
      );
    }
    try {
      setProjectApp(db, actor, { ...ref, appId: project.appId }, appId ?? null, expectedAppId ?? null);
    } catch (e) {
      if (!(e instanceof StaleVersionError)) throw e;
      return data(
        { result: submission.reply({ formErrors: ["dataRegister.error.stale"] }), stale: true },
        { status: 409 },
      );
    }
    throw redirect(`${back}?saved=link`);
  }

  const submission = parseWithZod(formData, { schema: DataRowActionSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), stale: false }, { status: 400 });
  const input = submission.value;
  let result: CommandResult;
  try {
    switch (input.intent) {
      case "add":
        result = { ok: true, id: addDataRow(db, actor, ref, input) };
        break;
      case "edit":
        result = editDataRow(db, actor, ref, input.id, input.version, input);
        break;
      case "delete":
        result = deleteDataRow(db, actor, ref, input.id, input.version);
        break;
    }
  } catch (e) {
    if (!(e instanceof StaleVersionError)) throw e;
    return data(
      { result: submission.reply({ formErrors: ["dataRegister.error.stale"] }), stale: true },
      { status: 409 },
    );
  }
  if (!result.ok) throw new Response("Not Found", { status: 404 });
  throw redirect(`${back}?saved=${input.intent}`);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function ProjectDataRegister() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const base = `/projects/${encodeURIComponent(d.code)}`;
  const formErrors = actionData?.result?.error?.[""] ?? [];
  return (
    <div className="data-register-page">
      <p className="breadcrumb">
        <Link to={base}>{d.code}</Link>
      </p>
      <h1>{t("dataRegister.title.project", { code: d.code })}</h1>
      <p className="lead">{localized(locale, d.titleVi, d.titleEn)}</p>
      {d.saved ? (
        <p className="notice notice--ok" role="status" data-testid="data-saved">
          {t(`dataRegister.saved.${d.saved}`)}
        </p>
      ) : null}
      {formErrors.length > 0 ? (
        <div className="notice notice--error" role="alert" data-testid="data-error">
          {formErrors.map((m) => (
            <p key={m}>{t(m as "dataRegister.error.stale")}</p>
          ))}
          {actionData?.stale ? <a href={`${base}/data`}>{t("dataRegister.stale.seeNewer")}</a> : null}
        </div>
      ) : null}
      <p className="hint">{t("dataRegister.intro")}</p>
      {d.mismatch ? (
        <p className="notice" data-testid="data-mismatch">
          {d.handlesPersonalData
            ? t("dataRegister.mismatch.noPersonalRows")
            : t("dataRegister.mismatch.projectSaysNone")}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="data-table" data-testid="data-register-table">
          <caption>{t("dataRegister.caption", { code: d.code })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dataRegister.col.category")}</th>
              <th scope="col">{t("dataRegister.col.purpose")}</th>
              <th scope="col">{t("dataRegister.col.legalBasis")}</th>
              <th scope="col">{t("dataRegister.col.retention")}</th>
              <th scope="col">{t("dataRegister.col.operator")}</th>
              <th scope="col">{t("dataRegister.col.sharing")}</th>
              {d.canEdit ? <th scope="col">{t("dataRegister.col.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {d.rows.length === 0 ? (
              <tr>
                <td colSpan={d.canEdit ? 7 : 6}>{t("dataRegister.empty")}</td>
              </tr>
            ) : null}
            {d.rows.map((r) => (
              <DataRowView key={r.id} r={r} canEdit={d.canEdit} base={base} />
            ))}
          </tbody>
        </table>
      </div>
      {d.canAdd || d.editing ? (
        <DataRowForm key={d.editing?.id ?? "new"} editing={d.editing} base={base} />
      ) : null}
      {!d.canEdit ? <p className="hint">{t("dataRegister.readOnly")}</p> : null}

      <section aria-labelledby="app-link-heading" id="app-link">
        <h2 id="app-link-heading">{t("dataRegister.app.heading")}</h2>
        <p data-testid="project-app-link">
          {d.app ? (
            <Link to={`/apps/${d.app.id}`}>{localized(locale, d.app.nameVi, d.app.nameEn)}</Link>
          ) : (
            t("dataRegister.app.none")
          )}
          {d.citizenAppName ? ` — ${t("dataRegister.app.declared", { name: d.citizenAppName })}` : null}
        </p>
        {d.canEdit ? (
          <Form method="post" className="inline-form" data-testid="app-link-form">
            <input type="hidden" name="intent" value="link" />
            {d.app ? <input type="hidden" name="expectedAppId" value={d.app.id} /> : null}
            <label htmlFor="link-app">{t("dataRegister.app.choose")}</label>
            <select id="link-app" name="appId" defaultValue={d.app ? String(d.app.id) : ""}>
              <option value="">{t("dataRegister.app.noneOption")}</option>
              {d.appChoices.map((a) => (
                <option key={a.id} value={a.id}>
                  {localized(locale, a.nameVi, a.nameEn)} ({t(`apps.scope.${a.scope}`)})
                </option>
              ))}
            </select>{" "}
            <button type="submit" className="button button--secondary">
              {t("dataRegister.app.save")}
            </button>
          </Form>
        ) : null}
        {d.canCreateApp && !d.app && d.citizenAppName ? (
          <p>
            <Link
              to={`/apps/new?project=${encodeURIComponent(d.code)}`}
              data-testid="app-create-from-project"
            >
              {t("dataRegister.app.create")}
            </Link>
          </p>
        ) : null}
      </section>
      {d.published ? (
        <p className="hint">
          <Link to="/public/data">{t("dataRegister.publicLink")}</Link>
        </p>
      ) : null}
      <p>
        <Link to={base}>{t("dataRegister.back")}</Link>
      </p>
    </div>
  );
}

function DataRowView({ r, canEdit, base }: { r: DataRow; canEdit: boolean; base: string }) {
  const { t, locale } = useT();
  const category = t(`dataRegister.category.${r.category}`);
  return (
    <tr data-testid={`data-row-${r.id}`}>
      <th scope="row">
        {category}
        {isPersonalCategory(r.category) ? (
          <>
            {" "}
            <span className="tag">{t("dataRegister.personal")}</span>
          </>
        ) : null}
      </th>
      <td lang={locale === "en" && r.purposeEn ? "en" : "vi"}>
        {localized(locale, r.purposeVi, r.purposeEn)}
      </td>
      <td>{r.legalBasis ?? "—"}</td>
      <td>{r.retention ?? "—"}</td>
      <td>
        {t(`projects.operator.${r.operatorType}`)}
        {r.operatorName ? ` — ${r.operatorName}` : null}
      </td>
      <td>{r.aggregatedOnly ? t("dataRegister.sharing.aggregated") : t("dataRegister.sharing.notOnly")}</td>
      {canEdit ? (
        <td className="row-actions">
          <Link to={`${base}/data?edit=${r.id}#data-row-form`}>
            {t("dataRegister.action.edit")}
            <span className="visually-hidden">: {category}</span>
          </Link>{" "}
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="id" value={r.id} />
            <input type="hidden" name="version" value={r.version} />
            <button type="submit" className="button button--warning">
              {t("dataRegister.action.delete")}
              <span className="visually-hidden">: {category}</span>
            </button>
          </Form>
        </td>
      ) : null}
    </tr>
  );
}

const FORM_FIELDS = [
  "category",
  "purposeVi",
  "purposeEn",
  "legalBasis",
  "retention",
  "operatorType",
  "operatorName",
] as const;

function DataRowForm({ editing, base }: { editing: LoaderData["editing"]; base: string }) {
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const submitted = actionData?.result?.initialValue as Record<string, unknown> | null | undefined;
  const mine = editing
    ? submitted?.intent === "edit" && submitted.id === String(editing.id)
    : submitted?.intent === "add";
  const [form, fields] = useForm({
    id: "data-row-form",
    lastResult: mine ? actionData?.result : undefined,
    defaultValue: editing
      ? {
          category: editing.category,
          purposeVi: editing.purposeVi,
          purposeEn: editing.purposeEn ?? "",
          legalBasis: editing.legalBasis ?? "",
          retention: editing.retention ?? "",
          operatorType: editing.operatorType,
          operatorName: editing.operatorName ?? "",
          aggregatedOnly: editing.aggregatedOnly ? "on" : undefined,
        }
      : { operatorType: "government_agency" },
    constraint: getZodConstraint(DataRowFields),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DataRowActionSchema }),
  });
  const summary = FORM_FIELDS.flatMap((k) =>
    (fields[k].errors ?? []).map((message) => ({ fieldId: fields[k].id, message })),
  );
  const cls = (k: (typeof FORM_FIELDS)[number]) => (fields[k].errors ? "input--error" : undefined);
  const described = (k: (typeof FORM_FIELDS)[number]) =>
    fields[k].errors ? `${fields[k].id}-error` : undefined;
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      noValidate
      className="data-row-form"
      data-testid="data-row-form"
    >
      <fieldset>
        <legend>
          {editing
            ? t("dataRegister.legend.edit", { category: t(`dataRegister.category.${editing.category}`) })
            : t("dataRegister.legend.add")}
        </legend>
        <ErrorSummary errors={summary} />
        <input type="hidden" name="intent" value={editing ? "edit" : "add"} />
        {editing ? (
          <>
            <input type="hidden" name="id" value={editing.id} />
            {/* After a refused save, keep the version the edit started from. */}
            <input
              type="hidden"
              name="version"
              value={mine ? String(submitted?.version ?? editing.version) : editing.version}
            />
          </>
        ) : null}
        <Field
          id={fields.category.id}
          label={t("dataRegister.field.category")}
          errors={fields.category.errors}
        >
          <select
            {...getSelectProps(fields.category, { ariaDescribedBy: described("category") })}
            className={cls("category")}
          >
            <option value="">{t("dataRegister.form.choose")}</option>
            <optgroup label={t("dataRegister.group.personal")}>
              {DATA_CATEGORIES.filter(isPersonalCategory).map((c) => (
                <option key={c} value={c}>
                  {t(`dataRegister.category.${c}`)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("dataRegister.group.other")}>
              {DATA_CATEGORIES.filter((c) => !isPersonalCategory(c)).map((c) => (
                <option key={c} value={c}>
                  {t(`dataRegister.category.${c}`)}
                </option>
              ))}
            </optgroup>
          </select>
        </Field>
        <Field
          id={fields.purposeVi.id}
          label={t("dataRegister.field.purposeVi")}
          errors={fields.purposeVi.errors}
        >
          <textarea
            {...getTextareaProps(fields.purposeVi, { ariaDescribedBy: described("purposeVi") })}
            rows={2}
            lang="vi"
            className={cls("purposeVi")}
          />
        </Field>
        <Field
          id={fields.purposeEn.id}
          label={t("dataRegister.field.purposeEn")}
          errors={fields.purposeEn.errors}
        >
          <textarea
            {...getTextareaProps(fields.purposeEn, { ariaDescribedBy: described("purposeEn") })}
            rows={2}
            lang="en"
            className={cls("purposeEn")}
          />
        </Field>
        <Field
          id={fields.legalBasis.id}
          label={t("dataRegister.field.legalBasis")}
          hint={t("dataRegister.hint.legalBasis")}
          errors={fields.legalBasis.errors}
        >
          <input
            {...getInputProps(fields.legalBasis, { type: "text", ariaDescribedBy: described("legalBasis") })}
            className={cls("legalBasis")}
          />
        </Field>
        <Field
          id={fields.retention.id}
          label={t("dataRegister.field.retention")}
          hint={t("dataRegister.hint.retention")}
          errors={fields.retention.errors}
        >
          <input
            {...getInputProps(fields.retention, { type: "text", ariaDescribedBy: described("retention") })}
            className={cls("retention")}
          />
        </Field>
        <Field
          id={fields.operatorType.id}
          label={t("dataRegister.field.operatorType")}
          errors={fields.operatorType.errors}
        >
          <select
            {...getSelectProps(fields.operatorType, { ariaDescribedBy: described("operatorType") })}
            className={cls("operatorType")}
          >
            {OPERATOR_TYPES.map((o) => (
              <option key={o} value={o}>
                {t(`projects.operator.${o}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id={fields.operatorName.id}
          label={t("dataRegister.field.operatorName")}
          errors={fields.operatorName.errors}
        >
          <input
            {...getInputProps(fields.operatorName, {
              type: "text",
              ariaDescribedBy: described("operatorName"),
            })}
            className={cls("operatorName")}
          />
        </Field>
        <div className="checkbox checkbox--single">
          <input {...getInputProps(fields.aggregatedOnly, { type: "checkbox" })} />
          <label htmlFor={fields.aggregatedOnly.id}>{t("dataRegister.field.aggregatedOnly")}</label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" data-testid="data-row-submit">
            {editing ? t("dataRegister.action.save") : t("dataRegister.action.add")}
          </button>
          {editing ? <Link to={`${base}/data`}>{t("dataRegister.action.cancel")}</Link> : null}
        </div>
      </fieldset>
    </Form>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
