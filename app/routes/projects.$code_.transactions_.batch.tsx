import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { getDb } from "#db/client.server";
import { TRANSACTION_KINDS } from "#db/enums";
import { notFound, requirePermission } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, useErrorText } from "~/components/forms";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/useT";
import { parseMoney } from "~/modules/money/parse";
import { actorOf } from "~/modules/projects/route.server";
import { pageTitle } from "~/modules/shell/meta";
import {
  BATCH_COLUMNS,
  BATCH_STEP,
  cellName,
  clampRowCount,
  readBatchForm,
  validateRows,
  type BatchColumn,
  type BatchRowValues,
  type RowErrors,
} from "~/modules/transactions/batch";
import { budgetLinesOf, ForeignBudgetLineError, recordBatch } from "~/modules/transactions/ledger.server";
import { ledgerProject, requestLocale } from "~/modules/transactions/route.server";
import { useLineLabel } from "~/modules/transactions/ui";
import { localized } from "~/utils/localized";
import { todayIso } from "~/utils/today";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "transactions.title.batch", { code: data?.code ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const project = ledgerProject(db, params.code);
  requirePermission(request, "update", "budget", project.organisationId);
  return {
    code: project.code,
    titleVi: project.titleVi,
    titleEn: project.titleEn,
    today: todayIso(),
    lines: budgetLinesOf(db, project.id),
    rowCount: BATCH_STEP,
  };
}

interface BatchReply {
  rowCount: number;
  values: BatchRowValues[];
  errors: Record<number, RowErrors>;
  formError: MessageKey | null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const project = ledgerProject(db, params.code);
  const user = requirePermission(request, "update", "budget", project.organisationId);
  const locale = requestLocale(request, user);
  const form = await request.formData();
  const rowCount = clampRowCount(form.get("rowCount"));
  const values = readBatchForm(form, rowCount);
  if (form.get("intent") === "more") {
    return { rowCount: clampRowCount(rowCount + BATCH_STEP), values, errors: {}, formError: null } satisfies BatchReply;
  }
  const { entries, errors } = validateRows(values, locale);
  const refuse = (reply: Partial<BatchReply>) =>
    data({ rowCount, values, errors: {}, formError: null, ...reply } satisfies BatchReply, { status: 400 });
  if (errors.size) return refuse({ errors: Object.fromEntries(errors) });
  if (entries.size === 0) return refuse({ formError: "transactions.batch.none" });
  try {
    const result = recordBatch(db, actorOf(user, context), project, entries, todayIso());
    if (!result.ok) {
      const rowErrors: Record<number, RowErrors> = {};
      for (const [row, problems] of result.rowProblems) {
        const cells: RowErrors = (rowErrors[row] = {});
        for (const p of problems) (cells[p.field as BatchColumn] ??= []).push(p.message);
      }
      return refuse({ errors: rowErrors });
    }
    throw redirect(
      `/projects/${encodeURIComponent(project.code)}/transactions?saved=batch&count=${result.ids.length}`,
    );
  } catch (e) {
    if (e instanceof ForeignBudgetLineError) throw notFound();
    throw e;
  }
}

const COLUMN_LABEL: Record<BatchColumn, MessageKey> = {
  date: "transactions.ledger.date",
  kind: "transactions.ledger.kind",
  budgetLineId: "transactions.ledger.line",
  amount: "transactions.form.amount",
  documentRef: "transactions.ledger.document",
  note: "transactions.ledger.note",
};

function AmountCell({ row, defaultValue, describedBy, invalid }: { row: number; defaultValue: string; describedBy?: string; invalid: boolean }) {
  const { t, locale, moneyExact } = useT();
  const [value, setValue] = useState(defaultValue);
  const parsed = value.trim() ? parseMoney(value, locale) : null;
  const id = cellName(row, "amount");
  return (
    <>
      <input
        type="text"
        inputMode="decimal"
        autoComplete="off"
        id={id}
        name={id}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-labelledby={`col-amount row-${row}`}
        aria-describedby={[describedBy, `${id}-preview`].filter(Boolean).join(" ")}
        aria-invalid={invalid || undefined}
        className={invalid ? "input--error" : undefined}
        size={14}
      />
      <output id={`${id}-preview`} htmlFor={id} className="amount-preview">
        {parsed?.ok ? t("transactions.batch.preview", { amount: moneyExact(parsed.value) }) : null}
      </output>
    </>
  );
}

export default function BatchEntry() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as BatchReply | undefined;
  const { t, locale } = useT();
  const text = useErrorText();
  const lineLabel = useLineLabel();
  const rowCount = reply?.rowCount ?? d.rowCount;
  const values = reply?.values ?? [];
  const errors = reply?.errors ?? {};
  const ledgerPath = `/projects/${encodeURIComponent(d.code)}/transactions`;
  const summary = [
    ...(reply?.formError ? [{ fieldId: cellName(0, "date"), message: t(reply.formError) }] : []),
    ...Object.entries(errors).flatMap(([row, cells]) =>
      BATCH_COLUMNS.flatMap((c) =>
        (cells[c] ?? []).map((m) => ({
          fieldId: cellName(Number(row), c),
          message: t("transactions.error.rowCell", { n: Number(row) + 1, column: t(COLUMN_LABEL[c]), message: text(m) }),
        })),
      ),
    ),
  ];
  return (
    <div className="batch-page">
      <p className="breadcrumb">
        <Link to={`/projects/${encodeURIComponent(d.code)}`}>{d.code}</Link> ·{" "}
        <Link to={ledgerPath}>{t("transactions.link.ledger")}</Link>
      </p>
      <h1>{t("transactions.title.batch", { code: d.code })}</h1>
      <p className="lead">{localized(locale, d.titleVi, d.titleEn)}</p>
      <p>{t("transactions.intro.batch")}</p>
      <p className="hint">{t("money.hint")}</p>
      <ErrorSummary errors={summary} />
      {d.lines.length === 0 ? <p className="notice">{t("transactions.form.noLines")}</p> : null}
      <Form method="post" noValidate>
        <input type="hidden" name="rowCount" value={rowCount} />
        <div className="table-wrap">
          <table className="data-table batch-grid" data-testid="batch-grid">
            <caption>{t("transactions.batch.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("transactions.batch.rowHeader")}</th>
                {BATCH_COLUMNS.map((c) => (
                  <th scope="col" id={`col-${c}`} key={c}>
                    {t(COLUMN_LABEL[c])}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: rowCount }, (_, row) => {
                const v = values[row];
                const rowErrors = errors[row] ?? {};
                const cell = (c: BatchColumn) => {
                  const id = cellName(row, c);
                  const errs = rowErrors[c];
                  const errId = errs ? `${id}-error` : undefined;
                  const common = {
                    id,
                    name: id,
                    "aria-labelledby": `col-${c} row-${row}`,
                    "aria-describedby": errId,
                    "aria-invalid": errs ? true : undefined,
                    className: errs ? "input--error" : undefined,
                  };
                  let input;
                  if (c === "kind") {
                    input = (
                      <select {...common} defaultValue={v?.kind ?? ""}>
                        <option value="">{t("transactions.batch.choose")}</option>
                        {TRANSACTION_KINDS.map((k) => (
                          <option key={k} value={k}>
                            {t(`transactions.kind.${k}`)}
                          </option>
                        ))}
                      </select>
                    );
                  } else if (c === "budgetLineId") {
                    input = (
                      <select {...common} defaultValue={v?.budgetLineId ?? ""}>
                        <option value="">{t("transactions.batch.choose")}</option>
                        {d.lines.map((l) => (
                          <option key={l.id} value={l.id}>
                            {lineLabel(l)}
                          </option>
                        ))}
                      </select>
                    );
                  } else if (c === "amount") {
                    input = (
                      <AmountCell
                        key={`${row}-${v?.amount ?? ""}`}
                        row={row}
                        defaultValue={v?.amount ?? ""}
                        describedBy={errId}
                        invalid={Boolean(errs)}
                      />
                    );
                  } else if (c === "date") {
                    input = <input {...common} type="date" max={d.today} defaultValue={v?.date ?? ""} />;
                  } else {
                    input = <input {...common} type="text" defaultValue={v?.[c] ?? ""} size={c === "note" ? 20 : 12} />;
                  }
                  return (
                    <td key={c} className={errs ? "cell--error" : undefined}>
                      {errs ? (
                        <span className="field-error" id={errId}>
                          {errs.map(text).join(" ")}
                        </span>
                      ) : null}
                      {input}
                    </td>
                  );
                };
                return (
                  <tr key={row}>
                    <th scope="row" id={`row-${row}`}>
                      {t("transactions.batch.row", { n: row + 1 })}
                    </th>
                    {BATCH_COLUMNS.map(cell)}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="form-actions">
          <button type="submit" name="intent" value="save" className="button" data-testid="batch-submit">
            {t("transactions.batch.submit")}
          </button>
          <button type="submit" name="intent" value="more" className="button button--secondary" formNoValidate>
            {t("transactions.batch.more")}
          </button>
          <Link to={ledgerPath}>{t("transactions.link.ledger")}</Link>
        </div>
      </Form>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
