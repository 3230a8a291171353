import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { TRANSACTION_KINDS } from "#db/enums";
import { can, notFound, requirePermission } from "~/auth/guard.server";
import { AmountInput } from "~/components/amount-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Field } from "~/components/forms";
import { useT } from "~/i18n/useT";
import {
  budgetLinesOf,
  ForeignBudgetLineError,
  ForeignTransactionError,
  ledgerPage,
  parseLedgerFilters,
  recordTransaction,
  reverseTransaction,
  transactionOf,
} from "~/modules/transactions/ledger.server";
import { ledgerProject, requestLocale } from "~/modules/transactions/route.server";
import { entrySchema, ReversalSchema } from "~/modules/transactions/schema";
import { useLineLabel } from "~/modules/transactions/ui";
import { actorOf, fieldErrors } from "~/modules/projects/route.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";
import { todayIso } from "~/utils/today";
import { DownloadLinks } from "~/modules/export/download-links";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "transactions.title.ledger", { code: data?.code ?? "" });

const SAVED = ["created", "reversed", "batch"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const project = ledgerProject(db, params.code);
  const user = requirePermission(request, "read", "budget", project.organisationId);
  const canWrite = can(user, "update", "budget", project.organisationId);
  const url = new URL(request.url);
  const { page, ...filters } = parseLedgerFilters(url.searchParams);
  const reverseId = Number(url.searchParams.get("reverse"));
  const saved = url.searchParams.get("saved");
  return {
    code: project.code,
    titleVi: project.titleVi,
    titleEn: project.titleEn,
    canWrite,
    today: todayIso(),
    lines: budgetLinesOf(db, project.id),
    filters,
    ledger: ledgerPage(db, project.id, filters, page),
    reverse: canWrite && Number.isInteger(reverseId) && reverseId > 0 ? transactionOf(db, project.id, reverseId) : null,
    saved: (SAVED as readonly string[]).includes(saved ?? "") ? (saved as (typeof SAVED)[number]) : null,
    savedCount: Number(url.searchParams.get("count")) || 0,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const project = ledgerProject(db, params.code);
  const user = requirePermission(request, "update", "budget", project.organisationId);
  const locale = requestLocale(request, user);
  const formData = await request.formData();
  const base = `/projects/${encodeURIComponent(project.code)}/transactions`;
  if (formData.get("intent") === "reverse") {
    const submission = parseWithZod(formData, { schema: ReversalSchema });
    if (submission.status !== "success") return data({ intent: "reverse" as const, reply: submission.reply() }, { status: 400 });
    try {
      const result = reverseTransaction(db, actorOf(user, context), project, submission.value, todayIso());
      if (!result.ok) {
        return data(
          { intent: "reverse" as const, reply: submission.reply({ fieldErrors: fieldErrors(result.problems) }) },
          { status: 400 },
        );
      }
    } catch (e) {
      if (e instanceof ForeignTransactionError) throw notFound();
      throw e;
    }
    throw redirect(`${base}?saved=reversed`);
  }
  const submission = parseWithZod(formData, { schema: entrySchema(locale) });
  if (submission.status !== "success") return data({ intent: "record" as const, reply: submission.reply() }, { status: 400 });
  try {
    const result = recordTransaction(db, actorOf(user, context), project, submission.value, todayIso());
    if (!result.ok) {
      return data(
        { intent: "record" as const, reply: submission.reply({ fieldErrors: fieldErrors(result.problems) }) },
        { status: 400 },
      );
    }
  } catch (e) {
    if (e instanceof ForeignBudgetLineError) throw notFound();
    throw e;
  }
  throw redirect(`${base}?saved=created`);
}

function EntryForm({ lastResult }: { lastResult: unknown }) {
  const d = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const lineLabel = useLineLabel();
  const schema = entrySchema(locale);
  const [form, fields] = useForm({
    id: "record",
    lastResult: lastResult as never,
    defaultValue: { date: d.today, kind: "commitment" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const names = ["kind", "budgetLineId", "date", "amount", "documentRef", "note", "overrideReason"] as const;
  const summary = names.flatMap((n) => (fields[n].errors ?? []).map((m) => ({ fieldId: fields[n].id, message: m })));
  const err = (n: (typeof names)[number]) => (fields[n].errors ? "input--error" : undefined);
  return (
    <section aria-labelledby="record-heading">
      <ErrorSummary errors={summary} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="record" />
        <fieldset>
          <legend id="record-heading">{t("transactions.form.legend")}</legend>
          <Field id={fields.kind.id} label={t("transactions.form.kind")} errors={fields.kind.errors}>
            <select {...getSelectProps(fields.kind)} className={err("kind")}>
              {TRANSACTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`transactions.kind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={fields.budgetLineId.id} label={t("transactions.form.line")} errors={fields.budgetLineId.errors}>
            <select {...getSelectProps(fields.budgetLineId)} className={err("budgetLineId")}>
              <option value="">{t("transactions.form.linePlaceholder")}</option>
              {d.lines.map((l) => (
                <option key={l.id} value={l.id}>
                  {lineLabel(l)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={fields.date.id} label={t("transactions.form.date")} errors={fields.date.errors}>
            <input {...getInputProps(fields.date, { type: "date" })} max={d.today} className={err("date")} />
          </Field>
          <AmountInput
            name={fields.amount.name}
            id={fields.amount.id}
            label={t("transactions.form.amount")}
            defaultValue={fields.amount.initialValue as string | undefined}
            errors={fields.amount.errors}
          />
          <Field
            id={fields.documentRef.id}
            label={t("transactions.form.documentRef")}
            hint={t("transactions.form.documentRefHint")}
            errors={fields.documentRef.errors}
          >
            <input {...getInputProps(fields.documentRef, { type: "text" })} className={err("documentRef")} />
          </Field>
          <Field id={fields.note.id} label={t("transactions.form.note")} errors={fields.note.errors}>
            <textarea {...getTextareaProps(fields.note)} rows={2} className={err("note")} />
          </Field>
          <fieldset>
            <legend>{t("transactions.form.overrideLegend")}</legend>
            <p className="hint">{t("transactions.form.overrideHint")}</p>
            <div className="form-group">
              <label>
                <input {...getInputProps(fields.override, { type: "checkbox" })} />{" "}
                {t("transactions.form.override")}
              </label>
            </div>
            <Field
              id={fields.overrideReason.id}
              label={t("transactions.form.overrideReason")}
              errors={fields.overrideReason.errors}
            >
              <input {...getInputProps(fields.overrideReason, { type: "text" })} className={err("overrideReason")} />
            </Field>
          </fieldset>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button" data-testid="transaction-submit">
            {t("transactions.form.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function ReverseForm({ lastResult }: { lastResult: unknown }) {
  const d = useLoaderData<typeof loader>();
  const { t, moneyExact, date } = useT();
  const [form, fields] = useForm({
    id: "reverse",
    lastResult: lastResult as never,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReversalSchema }),
  });
  const r = d.reverse!;
  const summary = (fields.reason.errors ?? []).map((m) => ({ fieldId: fields.reason.id, message: m }));
  return (
    <section aria-labelledby="reverse-heading" className="notice">
      <ErrorSummary errors={summary} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="reverse" />
        <input type="hidden" name="transactionId" value={r.id} />
        <fieldset>
          <legend id="reverse-heading">{t("transactions.reverse.legend", { id: r.id })}</legend>
          <p>
            {t("transactions.reverse.summary", {
              kind: t(`transactions.kind.${r.kind}`),
              amount: moneyExact(r.amount),
              date: date(r.date),
              doc: r.documentRef ?? "—",
            })}
          </p>
          <p className="hint">{t("transactions.reverse.explain")}</p>
          <Field id={fields.reason.id} label={t("transactions.reverse.reason")} errors={fields.reason.errors}>
            <textarea
              {...getTextareaProps(fields.reason)}
              rows={2}
              className={fields.reason.errors ? "input--error" : undefined}
            />
          </Field>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button" data-testid="reverse-submit">
            {t("transactions.reverse.submit")}
          </button>
          <Link to="?">{t("transactions.reverse.cancel")}</Link>
        </div>
      </Form>
    </section>
  );
}

export default function Transactions() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale, moneyExact, date, pct } = useT();
  const lineLabel = useLineLabel();
  const projectPath = `/projects/${encodeURIComponent(d.code)}`;
  const filtered = d.filters.kind !== null || d.filters.year !== null || d.filters.lineId !== null;
  const pageHref = (page: number) => {
    const next = new URLSearchParams(params);
    next.delete("reverse");
    next.delete("saved");
    next.set("page", String(page));
    return `?${next.toString()}`;
  };
  const reverseHref = (id: number) => {
    const next = new URLSearchParams(params);
    next.delete("saved");
    next.set("reverse", String(id));
    return `?${next.toString()}#reverse-heading`;
  };
  const { ledger } = d;
  return (
    <div className="ledger-page">
      <p className="breadcrumb">
        <Link to={projectPath}>{d.code}</Link>
      </p>
      <h1>{t("transactions.title.ledger", { code: d.code })}</h1>
      <DownloadLinks base={`/projects/${encodeURIComponent(d.code)}/transactions`} />
      <p className="lead">{localized(locale, d.titleVi, d.titleEn)}</p>
      <p>{t("transactions.intro.ledger")}</p>
      <p>
        <Link to={`${projectPath}/budget`}>{t("transactions.link.budget")}</Link>
        {d.canWrite ? (
          <>
            {" · "}
            <Link to={`${projectPath}/transactions/batch`}>{t("transactions.link.batch")}</Link>
          </>
        ) : null}
      </p>
      {d.saved ? (
        <p className="notice notice--ok" role="status">
          {d.saved === "batch"
            ? t("transactions.saved.batch", { count: d.savedCount })
            : t(`transactions.saved.${d.saved}`)}
        </p>
      ) : null}
      {!d.canWrite ? <p className="notice">{t("transactions.form.readOnly")}</p> : null}

      {d.canWrite && d.reverse ? (
        <ReverseForm lastResult={actionData?.intent === "reverse" ? actionData.reply : undefined} />
      ) : null}

      {d.canWrite ? (
        d.lines.length ? (
          <EntryForm lastResult={actionData?.intent === "record" ? actionData.reply : undefined} />
        ) : (
          <p className="notice">{t("transactions.form.noLines")}</p>
        )
      ) : null}

      <table className="data-table totals-table">
        <caption>{t(filtered ? "transactions.totals.captionFiltered" : "transactions.totals.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("transactions.totals.kind")}</th>
            <th scope="col" className="num">
              {t("transactions.totals.amount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {TRANSACTION_KINDS.map((k) => (
            <tr key={k}>
              <th scope="row">{t(`transactions.kind.${k}`)}</th>
              <td className="num" data-testid={`total-${k}`}>
                {moneyExact(ledger.totals[k])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {ledger.totals.commitment > 0 ? (
        <p>{t("transactions.totals.rate", { rate: pct(ledger.totals.disbursement / ledger.totals.commitment) })}</p>
      ) : null}

      <Form method="get" className="filters">
        <fieldset>
          <legend>{t("transactions.filter.legend")}</legend>
          <label htmlFor="f-kind">{t("transactions.filter.kind")}</label>
          <select id="f-kind" name="kind" defaultValue={d.filters.kind ?? ""}>
            <option value="">{t("transactions.filter.all")}</option>
            {TRANSACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`transactions.kind.${k}`)}
              </option>
            ))}
          </select>{" "}
          <label htmlFor="f-year">{t("transactions.filter.year")}</label>
          <select id="f-year" name="year" defaultValue={d.filters.year ?? ""}>
            <option value="">{t("transactions.filter.all")}</option>
            {ledger.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>{" "}
          <label htmlFor="f-line">{t("transactions.filter.line")}</label>
          <select id="f-line" name="line" defaultValue={d.filters.lineId ?? ""}>
            <option value="">{t("transactions.filter.all")}</option>
            {d.lines.map((l) => (
              <option key={l.id} value={l.id}>
                {lineLabel(l)}
              </option>
            ))}
          </select>{" "}
          <button type="submit" className="button button--secondary">
            {t("transactions.filter.apply")}
          </button>{" "}
          {filtered ? <Link to="?">{t("transactions.filter.clear")}</Link> : null}
        </fieldset>
      </Form>

      <div className="table-wrap">
        <table className="data-table" data-testid="ledger">
          <caption>{t("transactions.ledger.caption", { count: ledger.total })}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("transactions.ledger.date")}</th>
              <th scope="col">{t("transactions.ledger.kind")}</th>
              <th scope="col">{t("transactions.ledger.line")}</th>
              <th scope="col" className="num">
                {t("transactions.ledger.amount")}
              </th>
              <th scope="col">{t("transactions.ledger.document")}</th>
              <th scope="col">{t("transactions.ledger.note")}</th>
              <th scope="col">{t("transactions.ledger.status")}</th>
              {d.canWrite ? <th scope="col">{t("transactions.ledger.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {ledger.rows.length === 0 ? (
              <tr>
                <td colSpan={d.canWrite ? 9 : 8}>{t("transactions.ledger.empty")}</td>
              </tr>
            ) : (
              ledger.rows.map((r) => (
                <tr key={r.id} id={`tx-${r.id}`}>
                  <td>{r.id}</td>
                  <td>{date(r.date)}</td>
                  <td>{t(`transactions.kind.${r.kind}`)}</td>
                  <td>{lineLabel(r)}</td>
                  <td className="num">{moneyExact(r.amount)}</td>
                  <td>{r.documentRef ?? ""}</td>
                  <td className="pre-line">{r.note ?? ""}</td>
                  <td>
                    {r.reversesId
                      ? t("transactions.ledger.reversal", { id: r.reversesId })
                      : r.reversedById
                        ? t("transactions.ledger.reversed", { id: r.reversedById })
                        : t("transactions.ledger.booked")}
                  </td>
                  {d.canWrite ? (
                    <td>
                      {!r.reversesId && !r.reversedById ? (
                        <Link to={reverseHref(r.id)}>{t("transactions.ledger.reverse", { id: r.id })}</Link>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {ledger.pageCount > 1 ? (
        <nav aria-label={t("transactions.ledger.pagination")} className="pagination">
          {ledger.page > 1 ? <Link to={pageHref(ledger.page - 1)}>{t("transactions.ledger.prev")}</Link> : null}{" "}
          <span>{t("transactions.ledger.page", { page: ledger.page, pages: ledger.pageCount })}</span>{" "}
          {ledger.page < ledger.pageCount ? (
            <Link to={pageHref(ledger.page + 1)}>{t("transactions.ledger.next")}</Link>
          ) : null}
        </nav>
      ) : null}

    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
