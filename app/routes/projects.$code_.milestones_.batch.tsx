import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { ErrorSummary } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/useT";
import { addMilestones } from "~/modules/milestones/milestones.server";
import { requireMilestoneWriter } from "~/modules/milestones/route.server";
import {
  BATCH_FIELDS,
  BATCH_MAX_ROWS,
  BATCH_MIN_ROWS,
  parseBatch,
  readBatchRows,
  type BatchField,
  type BatchRowInput,
} from "~/modules/milestones/schema";
import { actorOf } from "~/modules/projects/route.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "milestones.title.batch", { code: data?.code ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { project } = requireMilestoneWriter(request, db, params.code);
  return { code: project.code, titleVi: project.titleVi, titleEn: project.titleEn };
}

const blankRow = (): BatchRowInput => ({ nameVi: "", dueDate: "", weight: "", evidence: "" });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const { project, user } = requireMilestoneWriter(request, db, params.code);
  const form = await request.formData();
  const rows = readBatchRows(form);
  if (form.get("intent") === "more") {
    // "More rows" without JavaScript: the same grid, every typed value kept, 5 blank rows added.
    const more = Math.min(BATCH_MAX_ROWS, rows.length + 5);
    return data({
      rows: [...rows, ...Array.from({ length: more - rows.length }, blankRow)],
      errors: {},
      formErrors: [],
    });
  }
  const parsed = parseBatch(rows);
  if (parsed.formErrors.length > 0 || Object.keys(parsed.errors).length > 0) {
    return data({ rows, errors: parsed.errors, formErrors: parsed.formErrors }, { status: 400 });
  }
  addMilestones(
    db,
    actorOf(user, context),
    { id: project.id, code: project.code, organisationId: project.organisationId },
    parsed.valid.map((v) => v.value),
  );
  throw redirect(`/projects/${encodeURIComponent(project.code)}/milestones?saved=batch`);
}

// Plain text inputs: Tab moves straight to the next cell (a native date input takes a Tab per
// segment); due dates are typed dd/mm/yyyy and checked on the server.
const INPUT_MODE: Partial<Record<BatchField, "numeric">> = { weight: "numeric" };
const LABEL: Record<BatchField, MessageKey> = {
  nameVi: "milestones.field.nameVi",
  dueDate: "milestones.field.dueDate",
  weight: "milestones.field.weight",
  evidence: "milestones.field.evidence",
};

export default function MilestoneBatch() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t, locale } = useT();
  const rows = a?.rows?.length ? a.rows : Array.from({ length: BATCH_MIN_ROWS }, blankRow);
  const errors = (a?.errors ?? {}) as Record<number, Partial<Record<BatchField, string>>>;
  const cellId = (i: number, f: BatchField) => `row-${i}-${f}`;
  const summary = [
    ...(a?.formErrors ?? []).map((message) => ({ fieldId: cellId(0, "nameVi"), message })),
    ...Object.entries(errors).flatMap(([i, errs]) =>
      BATCH_FIELDS.filter((f) => errs[f]).map((f) => ({
        fieldId: cellId(Number(i), f),
        message: `${t("milestones.batch.rowN", { n: Number(i) + 1 })}: ${t(errs[f] as MessageKey)}`,
      })),
    ),
  ];
  const base = `/projects/${encodeURIComponent(d.code)}`;
  return (
    <div className="milestones-batch">
      <p className="breadcrumb">
        <Link to={base}>{d.code}</Link> › <Link to={`${base}/milestones`}>{t("milestones.title.short")}</Link>
      </p>
      <h1>{t("milestones.title.batch", { code: d.code })}</h1>
      <p className="lead">{localized(locale, d.titleVi, d.titleEn)}</p>
      <ErrorSummary errors={summary} />
      <p className="hint">{t("milestones.batch.intro")}</p>
      <Form method="post" noValidate>
        <div className="table-wrap">
          <table className="data-table batch-grid" data-testid="batch-grid">
            <caption>{t("milestones.batch.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                {BATCH_FIELDS.map((f) => (
                  <th scope="col" key={f}>
                    {t(LABEL[f])}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i} className={errors[i] ? "row--error" : undefined}>
                  <th scope="row">{i + 1}</th>
                  {BATCH_FIELDS.map((f) => {
                    const err = errors[i]?.[f];
                    const id = cellId(i, f);
                    return (
                      <td key={f} className={err ? "cell--error" : undefined}>
                        <label htmlFor={id} className="visually-hidden">
                          {t("milestones.batch.cellLabel", { field: t(LABEL[f]), n: i + 1 })}
                        </label>
                        <input
                          id={id}
                          name={`rows[${i}].${f}`}
                          type="text"
                          defaultValue={r[f]}
                          inputMode={INPUT_MODE[f]}
                          placeholder={f === "dueDate" ? t("milestones.batch.datePlaceholder") : undefined}
                          autoComplete="off"
                          aria-invalid={err ? true : undefined}
                          aria-describedby={err ? `${id}-error` : undefined}
                          className={err ? "input--error" : undefined}
                        />
                        {err ? (
                          <span className="field-error" id={`${id}-error`}>
                            {t(err as MessageKey)}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="form-actions">
          <button type="submit" name="intent" value="save" className="button" data-testid="batch-save">
            {t("milestones.action.saveAll")}
          </button>
          <button
            type="submit"
            name="intent"
            value="more"
            className="button button--secondary"
            formNoValidate
          >
            {t("milestones.action.moreRows")}
          </button>
          <Link to={`${base}/milestones`}>{t("milestones.action.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
