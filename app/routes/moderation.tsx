/**
 * `/moderation`: residents' comments waiting for a decision (coordinators,
 * `manage:feedback:any`). Select one or many, publish or reject (a rejection
 * needs a reason); every decision is audited. Tabs show what was published
 * or rejected, by whom and why.
 */
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { getDb } from "#db/client.server";
import { FEEDBACK_STATES, type FeedbackState } from "#db/enums";
import { requirePermission } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field, useErrorText } from "~/components/forms";
import { useT } from "~/i18n/useT";
import { moderateFeedback } from "~/modules/feedback/commands.server";
import { moderationQueue } from "~/modules/feedback/queries.server";
import { MODERATION_DECISIONS, ModerationSchema } from "~/modules/feedback/schema";
import { actorOf } from "~/modules/projects/route.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "feedback.moderation.title");

function parseState(v: string | null): FeedbackState {
  return (FEEDBACK_STATES as readonly string[]).includes(v ?? "") ? (v as FeedbackState) : "pending";
}

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "manage", "feedback");
  const url = new URL(request.url);
  const state = parseState(url.searchParams.get("state"));
  const page = Number(url.searchParams.get("page")) || 1;
  const done = Number(url.searchParams.get("done"));
  const skipped = Number(url.searchParams.get("skipped"));
  return {
    state,
    queue: moderationQueue(getDb(), state, page),
    result: url.searchParams.has("done")
      ? { done: Number.isFinite(done) ? done : 0, skipped: Number.isFinite(skipped) ? skipped : 0 }
      : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "manage", "feedback");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ModerationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = moderateFeedback(getDb(), actorOf(user, context), submission.value);
  throw redirect(`/moderation?done=${result.done.length}&skipped=${result.skipped.length}`);
}

export default function Moderation() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale, dateTime } = useT();
  const text = useErrorText();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(ModerationSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ModerationSchema }),
  });
  const pending = d.state === "pending";
  // "Select all on this page" needs script: shown only once the page runs it.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const selected = new Set(
    (Array.isArray(fields.ids.initialValue) ? fields.ids.initialValue : [fields.ids.initialValue]).map(
      String,
    ),
  );
  const decision = typeof fields.decision.initialValue === "string" ? fields.decision.initialValue : "";
  const firstId = d.queue.items[0] ? `select-${d.queue.items[0].id}` : fields.reason.id;
  const summary = [
    ...(fields.ids.errors ?? []).map((m) => ({ fieldId: firstId, message: m })),
    ...(fields.decision.errors ?? []).map((m) => ({ fieldId: `${fields.decision.id}-publish`, message: m })),
    ...(fields.reason.errors ?? []).map((m) => ({ fieldId: fields.reason.id, message: m })),
  ];
  const tabs = FEEDBACK_STATES.map((s) => ({ s, n: d.queue.byState[s] }));

  return (
    <>
      <h1>{t("feedback.moderation.title")}</h1>
      <p className="lead">{t("feedback.moderation.intro")}</p>
      {d.result ? (
        <p className="notice notice--ok" role="status" data-testid="moderation-result">
          {t("feedback.moderation.done", { done: d.result.done })}
          {d.result.skipped ? ` ${t("feedback.moderation.skipped", { n: d.result.skipped })}` : null}
        </p>
      ) : null}
      <nav aria-label={t("feedback.moderation.tabs")} className="moderation-tabs">
        <ul className="inline-list">
          {tabs.map(({ s, n }) => (
            <li key={s}>
              <Link to={`/moderation?state=${s}`} aria-current={s === d.state ? "page" : undefined}>
                {t(`feedback.moderation.tab.${s}`, { n })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {pending ? <ErrorSummary errors={summary} /> : null}
      <Form method="post" {...getFormProps(form)} noValidate data-testid="moderation-form">
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("feedback.moderation.title")}>
          <table className="data-table" data-testid="moderation-queue">
            <caption>
              {t("feedback.moderation.caption", {
                state: t(`feedback.state.${d.state}`),
                page: d.queue.page,
                pages: d.queue.pages,
              })}
            </caption>
            <thead>
              <tr>
                {pending ? (
                  <th scope="col">
                    {t("feedback.moderation.col.select")}
                    {mounted && d.queue.items.length ? (
                      <>
                        {" "}
                        <input
                          type="checkbox"
                          aria-label={t("feedback.moderation.selectAll")}
                          data-testid="moderation-select-all"
                          onChange={(e) => {
                            const boxes =
                              e.currentTarget.form?.querySelectorAll<HTMLInputElement>(
                                "input.moderation-select",
                              );
                            boxes?.forEach((box) => (box.checked = e.currentTarget.checked));
                          }}
                        />
                      </>
                    ) : null}
                  </th>
                ) : null}
                <th scope="col">{t("feedback.moderation.col.comment")}</th>
                <th scope="col">{t("feedback.moderation.col.project")}</th>
                <th scope="col">{t("feedback.moderation.col.province")}</th>
                <th scope="col">{t("feedback.moderation.col.received")}</th>
                {pending ? null : <th scope="col">{t("feedback.moderation.col.decision")}</th>}
              </tr>
            </thead>
            <tbody>
              {d.queue.items.length === 0 ? (
                <tr>
                  <td colSpan={5}>{t("feedback.moderation.empty")}</td>
                </tr>
              ) : (
                d.queue.items.map((c) => (
                  <tr key={c.id} data-feedback-id={c.id}>
                    {pending ? (
                      <td>
                        <input
                          type="checkbox"
                          id={`select-${c.id}`}
                          name={fields.ids.name}
                          value={c.id}
                          defaultChecked={selected.has(String(c.id))}
                          key={`${form.key}-${c.id}`}
                          aria-label={t("feedback.moderation.selectOne", { id: c.id })}
                          className="moderation-select"
                        />
                      </td>
                    ) : null}
                    <td className="prose">{c.body}</td>
                    <td>
                      <Link to={`/projects/${encodeURIComponent(c.projectCode)}`} className="org-code">
                        {c.projectCode}
                      </Link>{" "}
                      {localized(locale, c.projectTitleVi, c.projectTitleEn)}
                    </td>
                    <td>{c.provinceNameVi ? localized(locale, c.provinceNameVi, c.provinceNameEn) : "—"}</td>
                    <td>{dateTime(c.createdAt)}</td>
                    {pending ? null : (
                      <td>
                        {t("feedback.moderation.decidedBy", {
                          state: t(`feedback.state.${c.state}`),
                          name: c.moderatorName ?? "—",
                          date: c.moderatedAt ? dateTime(c.moderatedAt) : "—",
                        })}
                        {c.moderationReason ? (
                          <>
                            <br />
                            {t("feedback.moderation.reasonShown", { reason: c.moderationReason })}
                          </>
                        ) : null}
                      </td>
                    )}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>

        {pending && d.queue.items.length ? (
          <div className="panel moderation-decision">
            <fieldset
              className="fieldset"
              aria-describedby={fields.decision.errors ? `${fields.decision.id}-error` : undefined}
            >
              <legend>{t("feedback.moderation.decisionGroup")}</legend>
              {fields.decision.errors ? (
                <span className="field-error" id={`${fields.decision.id}-error`}>
                  {fields.decision.errors.map(text).join(" ")}
                </span>
              ) : null}
              {MODERATION_DECISIONS.map((k) => (
                <div className="radio" key={k}>
                  <input
                    type="radio"
                    id={`${fields.decision.id}-${k}`}
                    name={fields.decision.name}
                    value={k}
                    defaultChecked={decision === k}
                    key={`${form.key}-${k}`}
                  />
                  <label htmlFor={`${fields.decision.id}-${k}`}>
                    {t(`feedback.moderation.decision.${k}`)}
                  </label>
                </div>
              ))}
            </fieldset>
            <Field
              id={fields.reason.id}
              label={t("feedback.moderation.reason")}
              hint={t("feedback.moderation.reasonHint")}
              errors={fields.reason.errors}
            >
              <textarea
                {...getTextareaProps(fields.reason)}
                rows={2}
                aria-describedby={[
                  `${fields.reason.id}-hint`,
                  fields.reason.errors ? `${fields.reason.id}-error` : null,
                ]
                  .filter(Boolean)
                  .join(" ")}
                className={fields.reason.errors ? "input--error" : undefined}
              />
            </Field>
            <button type="submit" className="button">
              {t("feedback.moderation.submit")}
            </button>
          </div>
        ) : null}
      </Form>

      {d.queue.pages > 1 ? (
        <nav className="pagination" aria-label={t("feedback.moderation.pagination")}>
          {d.queue.page > 1 ? (
            <Link to={`/moderation?state=${d.state}&page=${d.queue.page - 1}`}>
              {t("feedback.moderation.previous")}
            </Link>
          ) : null}
          <span className="pagination__status">
            {t("public.list.pageOf", { page: d.queue.page, pages: d.queue.pages })}
          </span>
          {d.queue.page < d.queue.pages ? (
            <Link to={`/moderation?state=${d.state}&page=${d.queue.page + 1}`}>
              {t("feedback.moderation.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
