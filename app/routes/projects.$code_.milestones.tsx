import { getFormProps, getInputProps, useForm, type FieldMetadata } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { ErrorSummary, Field } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import {
  addMilestone,
  deleteMilestone,
  editMilestone,
  listMilestones,
  markDone,
  projectProgress,
  StaleVersionError,
  undoDone,
  type CommandResult,
} from "~/modules/milestones/milestones.server";
import { evidenceUrl } from "~/modules/milestones/progress";
import { requireMilestoneReader, requireMilestoneWriter } from "~/modules/milestones/route.server";
import { MilestoneActionSchema, MilestoneFields } from "~/modules/milestones/schema";
import { actorOf } from "~/modules/projects/route.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";
import { todayIso } from "~/utils/today";
import { DownloadLinks } from "~/modules/export/download-links";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "milestones.title.list", { code: data?.code ?? "" });

const SAVED = ["add", "edit", "done", "undone", "delete", "batch"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { project, canEdit } = requireMilestoneReader(request, db, params.code);
  const today = todayIso();
  const url = new URL(request.url);
  const editId = Number(url.searchParams.get("edit"));
  const milestones = listMilestones(db, project.id, today);
  const saved = url.searchParams.get("saved");
  return {
    code: project.code,
    titleVi: project.titleVi,
    titleEn: project.titleEn,
    today,
    canEdit,
    milestones,
    progress: projectProgress(db, project.id, today),
    editing: canEdit ? (milestones.find((m) => m.id === editId) ?? null) : null,
    saved: (SAVED as readonly string[]).includes(saved ?? "") ? saved : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const { project, user } = requireMilestoneWriter(request, db, params.code);
  const submission = parseWithZod(await request.formData(), { schema: MilestoneActionSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), stale: false }, { status: 400 });
  }
  const input = submission.value;
  const actor = actorOf(user, context);
  const ref = { id: project.id, code: project.code, organisationId: project.organisationId };
  let result: CommandResult;
  try {
    switch (input.intent) {
      case "add":
        result = { ok: true, id: addMilestone(db, actor, ref, input) };
        break;
      case "edit":
        result = editMilestone(db, actor, ref, input.id, input.version, input);
        break;
      case "done":
        result = markDone(db, actor, ref, input.id, input.version, input.doneDate);
        break;
      case "undone":
        result = undoDone(db, actor, ref, input.id, input.version);
        break;
      case "delete":
        result = deleteMilestone(db, actor, ref, input.id, input.version);
        break;
    }
  } catch (e) {
    if (!(e instanceof StaleVersionError)) throw e;
    return data(
      { result: submission.reply({ formErrors: ["milestones.error.stale"] }), stale: true },
      { status: 409 },
    );
  }
  if (!result.ok) {
    if (result.problem === "notFound") throw new Response("Not Found", { status: 404 });
    return data(
      { result: submission.reply({ formErrors: ["milestones.error.notDeletable"] }), stale: false },
      { status: 400 },
    );
  }
  throw redirect(`/projects/${encodeURIComponent(project.code)}/milestones?saved=${input.intent}`);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Milestone = LoaderData["milestones"][number];

export default function Milestones() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale, date, pct } = useT();
  const base = `/projects/${encodeURIComponent(d.code)}`;
  const formErrors = actionData?.result?.error?.[""] ?? [];
  return (
    <div className="milestones-page">
      <p className="breadcrumb">
        <Link to={base}>{d.code}</Link>
      </p>
      <h1>{t("milestones.title.list", { code: d.code })}</h1>
      <DownloadLinks base={`/projects/${encodeURIComponent(d.code)}/milestones`} />
      <p className="lead">{localized(locale, d.titleVi, d.titleEn)}</p>
      {d.saved ? (
        <p className="notice notice--ok" role="status">
          {t(`milestones.saved.${d.saved as (typeof SAVED)[number]}`)}
        </p>
      ) : null}
      {formErrors.length > 0 ? (
        <div className="notice notice--error" role="alert" data-testid="milestone-error">
          {formErrors.map((m) => (
            <p key={m}>{t(m as "milestones.error.stale")}</p>
          ))}
          {actionData?.stale ? <a href={`${base}/milestones`}>{t("milestones.stale.seeNewer")}</a> : null}
        </div>
      ) : null}
      <p data-testid="progress">
        <strong>{t("milestones.progress.label")}</strong>{" "}
        {d.progress.ratio === null
          ? t("milestones.progress.none")
          : t("milestones.progress.value", {
              pct: pct(d.progress.ratio),
              done: d.progress.doneWeight,
              total: d.progress.totalWeight,
            })}
        {d.progress.overdueCount > 0 ? (
          <strong className="overdue" data-testid="overdue-count">
            {" "}
            ⚠ {t("milestones.overdueCount", { n: d.progress.overdueCount })}
          </strong>
        ) : null}
      </p>
      <nav className="actions" aria-label={t("milestones.nav")}>
        <Link to={`${base}/gantt`}>{t("milestones.action.gantt")}</Link>
        {d.canEdit ? <Link to={`${base}/milestones/batch`}>{t("milestones.action.batch")}</Link> : null}
        <Link to={`${base}/budget`}>{t("milestones.link.budget")}</Link>
        <Link to={`${base}/transactions`}>{t("milestones.link.transactions")}</Link>
      </nav>
      {!d.canEdit ? <p className="hint">{t("milestones.readOnly")}</p> : null}
      <div className="table-wrap">
        <table className="data-table" data-testid="milestones-table">
          <caption>{t("milestones.caption", { code: d.code })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("milestones.col.name")}</th>
              <th scope="col">{t("milestones.col.due")}</th>
              <th scope="col">{t("milestones.col.status")}</th>
              <th scope="col">{t("milestones.col.weight")}</th>
              <th scope="col">{t("milestones.col.evidence")}</th>
              {d.canEdit ? <th scope="col">{t("milestones.col.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {d.milestones.length === 0 ? (
              <tr>
                <td colSpan={d.canEdit ? 6 : 5}>{t("milestones.empty")}</td>
              </tr>
            ) : null}
            {d.milestones.map((m) => (
              <MilestoneRowView key={m.id} m={m} canEdit={d.canEdit} today={d.today} base={base} />
            ))}
          </tbody>
        </table>
      </div>
      {d.canEdit ? <MilestoneForm key={d.editing?.id ?? "new"} editing={d.editing} base={base} /> : null}
      <p className="hint">{t("milestones.dates", { today: date(d.today) })}</p>
    </div>
  );
}

function MilestoneRowView({
  m,
  canEdit,
  today,
  base,
}: {
  m: Milestone;
  canEdit: boolean;
  today: string;
  base: string;
}) {
  const { t, locale, date } = useT();
  const url = evidenceUrl(m.evidence);
  return (
    <tr className={m.overdue ? "row--overdue" : undefined} data-testid={`milestone-${m.id}`}>
      <th scope="row">{localized(locale, m.nameVi, m.nameEn)}</th>
      <td>{date(m.dueDate)}</td>
      <td>
        {m.doneDate ? (
          <span className="tag tag--ok">✔ {t("milestones.status.doneOn", { date: date(m.doneDate) })}</span>
        ) : m.overdue ? (
          <strong className="tag tag--overdue" data-testid="overdue">
            ⚠ {t("milestones.status.overdue")}
          </strong>
        ) : (
          <span className="tag">{t("milestones.status.open")}</span>
        )}
      </td>
      <td>{m.weight}</td>
      <td>
        {url ? (
          <a href={url} rel="noreferrer noopener">
            {m.evidence}
          </a>
        ) : (
          (m.evidence ?? "—")
        )}
      </td>
      {canEdit ? (
        <td className="milestone-actions">
          <Link to={`${base}/milestones?edit=${m.id}#milestone-form`}>
            {t("milestones.action.edit")}
            <span className="visually-hidden">: {m.nameVi}</span>
          </Link>
          {m.doneDate ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="undone" />
              <input type="hidden" name="id" value={m.id} />
              <input type="hidden" name="version" value={m.version} />
              <button type="submit" className="button button--secondary">
                {t("milestones.action.undone")}
                <span className="visually-hidden">: {m.nameVi}</span>
              </button>
            </Form>
          ) : (
            <>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="done" />
                <input type="hidden" name="id" value={m.id} />
                <input type="hidden" name="version" value={m.version} />
                <label htmlFor={`done-${m.id}`} className="visually-hidden">
                  {t("milestones.field.doneDateFor", { name: m.nameVi })}
                </label>
                <input
                  id={`done-${m.id}`}
                  type="date"
                  name="doneDate"
                  defaultValue={today}
                  max={today}
                  required
                />
                <button type="submit" className="button">
                  {t("milestones.action.done")}
                  <span className="visually-hidden">: {m.nameVi}</span>
                </button>
              </Form>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="id" value={m.id} />
                <input type="hidden" name="version" value={m.version} />
                <button type="submit" className="button button--warning">
                  {t("milestones.action.delete")}
                  <span className="visually-hidden">: {m.nameVi}</span>
                </button>
              </Form>
            </>
          )}
        </td>
      ) : null}
    </tr>
  );
}

function MilestoneForm({ editing, base }: { editing: Milestone | null; base: string }) {
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  // Only a result of this form's own submission (not of a row's done/delete buttons) feeds it.
  const submitted = actionData?.result?.initialValue as Record<string, unknown> | null | undefined;
  const mine = editing
    ? submitted?.intent === "edit" && submitted.id === String(editing.id)
    : submitted?.intent === "add";
  const [form, fields] = useForm({
    id: "milestone-form",
    lastResult: mine ? actionData?.result : undefined,
    defaultValue: editing
      ? {
          nameVi: editing.nameVi,
          nameEn: editing.nameEn ?? "",
          dueDate: editing.dueDate,
          weight: String(editing.weight),
          evidence: editing.evidence ?? "",
          sortOrder: String(editing.sortOrder),
        }
      : { weight: "1" },
    constraint: getZodConstraint(MilestoneFields),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MilestoneActionSchema }),
  });
  const summary = (["nameVi", "nameEn", "dueDate", "weight", "evidence", "sortOrder"] as const).flatMap((k) =>
    (fields[k].errors ?? []).map((message) => ({ fieldId: fields[k].id, message })),
  );
  const input = (
    k: "nameVi" | "nameEn" | "dueDate" | "weight" | "evidence" | "sortOrder",
    type: "text" | "date" | "number",
  ) => (
    <input
      {...getInputProps(fields[k] as FieldMetadata<string>, {
        type,
        ariaDescribedBy: fields[k].errors ? `${fields[k].id}-error` : undefined,
      })}
      className={fields[k].errors ? "input--error" : undefined}
    />
  );
  return (
    <Form method="post" {...getFormProps(form)} noValidate className="milestone-form">
      <fieldset>
        <legend>
          {editing ? t("milestones.legend.edit", { name: editing.nameVi }) : t("milestones.legend.add")}
        </legend>
        <ErrorSummary errors={summary} />
        <input type="hidden" name="intent" value={editing ? "edit" : "add"} />
        {editing ? (
          <>
            <input type="hidden" name="id" value={editing.id} />
            {/* After a refused save, keep the version the edit started from (never the newer one). */}
            <input
              type="hidden"
              name="version"
              value={mine ? String(fields.version.initialValue ?? editing.version) : editing.version}
            />
          </>
        ) : null}
        <Field id={fields.nameVi.id} label={t("milestones.field.nameVi")} errors={fields.nameVi.errors}>
          {input("nameVi", "text")}
        </Field>
        <Field id={fields.nameEn.id} label={t("milestones.field.nameEn")} errors={fields.nameEn.errors}>
          {input("nameEn", "text")}
        </Field>
        <Field id={fields.dueDate.id} label={t("milestones.field.dueDate")} errors={fields.dueDate.errors}>
          {input("dueDate", "date")}
        </Field>
        <Field
          id={fields.weight.id}
          label={t("milestones.field.weight")}
          hint={t("milestones.hint.weight")}
          errors={fields.weight.errors}
        >
          {input("weight", "number")}
        </Field>
        <Field
          id={fields.evidence.id}
          label={t("milestones.field.evidence")}
          hint={t("milestones.hint.evidence")}
          errors={fields.evidence.errors}
        >
          {input("evidence", "text")}
        </Field>
        <Field
          id={fields.sortOrder.id}
          label={t("milestones.field.sortOrder")}
          errors={fields.sortOrder.errors}
        >
          {input("sortOrder", "number")}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button" data-testid="milestone-submit">
            {editing ? t("milestones.action.save") : t("milestones.action.add")}
          </button>
          {editing ? <Link to={`${base}/milestones`}>{t("milestones.action.cancel")}</Link> : null}
        </div>
      </fieldset>
    </Form>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
