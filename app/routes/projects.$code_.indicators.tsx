import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type SubmissionResult,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { ErrorSummary, Field } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { translator } from "~/i18n/i18n";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { decimalInput } from "~/modules/indicators/decimal";
import {
  removeIndicator,
  removeValue,
  saveIndicator,
  saveValue,
} from "~/modules/indicators/indicators.server";
import { barFraction } from "~/modules/indicators/progress";
import {
  doneNotice,
  indicatorsPage,
  refusalOf,
  requireIndicatorsRead,
  requireIndicatorsWrite,
} from "~/modules/indicators/route.server";
import {
  indicatorSchema,
  RemoveIndicatorSchema,
  RemoveValueSchema,
  valueSchema,
} from "~/modules/indicators/schemas";
import { actorOf } from "~/modules/projects/route.server";
import { pageTitle } from "~/modules/shell/meta";
import { Notice, summaryErrors } from "~/modules/strategy/ui";
import { localized } from "~/utils/localized";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "indicators.title", { code: data?.project.code ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { user, project, canEdit } = requireIndicatorsRead(request, db, params.code);
  const url = new URL(request.url);
  const locale = localeFromRequest(request, user.locale);
  const page = indicatorsPage(db, project);
  const editId = Number(url.searchParams.get("edit"));
  return {
    project: { code: project.code, titleVi: project.titleVi, titleEn: project.titleEn },
    ...page,
    canEdit,
    editing: canEdit ? (page.indicators.find((i) => i.id === editId) ?? null) : null,
    done: doneNotice(url, locale),
  };
}

type Reply = SubmissionResult<string[]>;
interface ActionResult {
  /** Which form on the page the reply belongs to. */
  form: string;
  result?: Reply;
  error?: string;
  stale?: boolean;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const { user, project } = requireIndicatorsWrite(request, db, params.code);
  const locale = localeFromRequest(request, user.locale);
  const t = translator(locale);
  const actor = actorOf(user, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const here = `/projects/${encodeURIComponent(project.code)}/indicators`;
  const ref = { id: project.id, code: project.code, organisationId: project.organisationId };
  const fail = (body: ActionResult, status: number) => data(body, { status });

  if (intent === "indicator") {
    const submission = parseWithZod(formData, { schema: indicatorSchema(locale) });
    if (submission.status !== "success") return fail({ form: "indicator", result: submission.reply() }, 400);
    try {
      const saved = saveIndicator(db, actor, ref, submission.value);
      const kind = submission.value.indicatorId === undefined ? "created" : "updated";
      return redirect(`${here}?done=${kind}#indicator-${saved.id}`);
    } catch (e) {
      const r = refusalOf(e, locale);
      if (!r) throw e;
      const result = r.field
        ? submission.reply({ fieldErrors: { [r.field]: [r.message] } })
        : submission.reply({ formErrors: [r.message] });
      return fail({ form: "indicator", result, stale: r.stale }, r.status);
    }
  }

  if (intent === "value") {
    const submission = parseWithZod(formData, { schema: valueSchema(locale) });
    const form = `value-${Number(formData.get("indicatorId")) || 0}`;
    if (submission.status !== "success") return fail({ form, result: submission.reply() }, 400);
    try {
      const saved = saveValue(db, actor, ref, submission.value);
      const q = new URLSearchParams({
        done: saved.replaced === null ? "value" : "replaced",
        period: saved.period,
      });
      if (saved.replaced !== null) {
        q.set("from", String(saved.replaced));
        q.set("to", String(saved.value));
      }
      return redirect(`${here}?${q}#indicator-${submission.value.indicatorId}`);
    } catch (e) {
      const r = refusalOf(e, locale);
      if (!r) throw e;
      const result = r.field
        ? submission.reply({ fieldErrors: { [r.field]: [r.message] } })
        : submission.reply({ formErrors: [r.message] });
      return fail({ form, result }, r.status);
    }
  }

  if (intent === "remove" || intent === "removeValue") {
    const form = `${intent}-${Number(formData.get("indicatorId")) || 0}`;
    try {
      if (intent === "remove") {
        const submission = parseWithZod(formData, { schema: RemoveIndicatorSchema });
        if (submission.status !== "success") return fail({ form, error: t("indicators.error.version") }, 400);
        const { values } = removeIndicator(db, actor, ref, submission.value);
        return redirect(
          values > 0 ? `${here}?done=removedWithValues&count=${values}` : `${here}?done=removed`,
        );
      }
      const submission = parseWithZod(formData, { schema: RemoveValueSchema });
      if (submission.status !== "success") return fail({ form, error: t("indicators.error.notFound") }, 400);
      const { period } = removeValue(db, actor, ref, submission.value);
      return redirect(
        `${here}?done=valueRemoved&period=${encodeURIComponent(period)}#indicator-${submission.value.indicatorId}`,
      );
    } catch (e) {
      const r = refusalOf(e, locale);
      if (!r) throw e;
      return fail({ form, error: r.message, stale: r.stale }, r.status);
    }
  }
  return fail({ form: "none", error: t("indicators.error.notFound") }, 400);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type IndicatorRow = LoaderData["indicators"][number];

function useActionFor(form: string): ActionResult | undefined {
  const a = useActionData<typeof action>() as ActionResult | undefined;
  return a?.form === form ? a : undefined;
}

function StaleLink() {
  const { project } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <Link to={`/projects/${encodeURIComponent(project.code)}/indicators`} reloadDocument>
      {t("indicators.error.staleReload")}
    </Link>
  );
}

function Value({
  value,
  unit,
  year,
  period,
}: {
  value: number | null;
  unit: string;
  year?: number | null;
  period?: string | null;
}) {
  const { t, num } = useT();
  if (value === null) return <>{t("indicators.summary.none")}</>;
  const v = num(value, 4);
  if (year) return <>{t("indicators.summary.valueYear", { value: v, unit, year })}</>;
  if (period) return <>{t("indicators.summary.valuePeriod", { value: v, unit, period })}</>;
  return <>{t("indicators.summary.valueOnly", { value: v, unit })}</>;
}

function ProgressText({ indicator }: { indicator: IndicatorRow }) {
  const { t, pct } = useT();
  const p = indicator.progress;
  if (p.kind === "none") return <span className="muted">{t(`indicators.progress.${p.reason}`)}</span>;
  const frac = barFraction(p);
  return (
    <span className="indicator-progress">
      <span className="indicator-progress__bar" aria-hidden="true">
        <span style={{ width: `${Math.round(frac * 100)}%` }} />
      </span>{" "}
      {t(`indicators.progress.${p.direction}`)} {p.direction === "increase" ? "↑" : "↓"} ·{" "}
      {t("indicators.progress.ratio", { pct: pct(p.ratio) })}
      {p.achieved ? ` · ✓ ${t("indicators.progress.achieved")}` : ""}
      {p.regressed ? ` · ⚠ ${t("indicators.progress.regressed")}` : ""}
    </span>
  );
}

function ValueForm({ indicator }: { indicator: IndicatorRow }) {
  const { locale, t } = useT();
  const formId = `value-${indicator.id}`;
  const reply = useActionFor(formId);
  const schema = valueSchema(locale);
  const [form, fields] = useForm({
    id: formId,
    lastResult: reply?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { intent: "value", indicatorId: String(indicator.id) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const f = fields;
  const name = localized(locale, indicator.nameVi, indicator.nameEn);
  const errors = summaryErrors(form.errors, [f.period, f.value, f.note], f.period.id);
  const cls = (e?: string[]) => (e?.length ? "input--error" : undefined);
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      noValidate
      className="indicator-value-form"
      preventScrollReset
    >
      <ErrorSummary errors={errors} />
      <fieldset>
        <legend>{t("indicators.value.legend", { name })}</legend>
        <input {...getInputProps(f.intent, { type: "hidden" })} />
        <input {...getInputProps(f.indicatorId, { type: "hidden" })} />
        <div className="indicator-value-form__row">
          <Field
            id={f.period.id}
            label={t("indicators.value.period")}
            hint={t("indicators.value.periodHint")}
            errors={f.period.errors}
          >
            <input {...getInputProps(f.period, { type: "text" })} size={9} className={cls(f.period.errors)} />
          </Field>
          <Field
            id={f.value.id}
            label={t("indicators.value.value", { unit: indicator.unit })}
            hint={t("indicators.form.numberHint")}
            errors={f.value.errors}
          >
            <input
              {...getInputProps(f.value, { type: "text" })}
              inputMode="decimal"
              size={12}
              className={cls(f.value.errors)}
            />
          </Field>
          <Field id={f.note.id} label={t("indicators.value.note")} errors={f.note.errors}>
            <input {...getInputProps(f.note, { type: "text" })} size={30} className={cls(f.note.errors)} />
          </Field>
        </div>
        <div className="form-group">
          <label>
            <input {...getInputProps(f.replace, { type: "checkbox" })} /> {t("indicators.value.replace")}
          </label>
        </div>
        <button type="submit" className="button button--small" data-testid={`value-submit-${indicator.id}`}>
          {t("indicators.action.saveValue")}
        </button>
      </fieldset>
    </Form>
  );
}

function RemoveIndicatorForm({ indicator }: { indicator: IndicatorRow }) {
  const { t, locale, num } = useT();
  const reply = useActionFor(`remove-${indicator.id}`);
  const name = localized(locale, indicator.nameVi, indicator.nameEn);
  const confirmId = `remove-confirm-${indicator.id}`;
  return (
    <Form method="post" className="inline-form indicator-remove">
      {reply?.error ? (
        <p className="notice notice--error" role="alert">
          {reply.error} {reply.stale ? <StaleLink /> : null}
        </p>
      ) : null}
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="indicatorId" value={indicator.id} />
      <input type="hidden" name="version" value={indicator.version} />
      {indicator.valueCount > 0 ? (
        <span className="form-group form-group--inline">
          <input type="checkbox" id={confirmId} name="withValues" value="on" />{" "}
          <label htmlFor={confirmId}>
            {t("indicators.action.removeWithValues", { count: num(indicator.valueCount) })}
          </label>{" "}
        </span>
      ) : null}
      <button
        type="submit"
        className="button button--secondary button--small"
        aria-label={t("indicators.action.removeLabel", { name })}
      >
        {t("indicators.action.remove")}
      </button>
    </Form>
  );
}

function IndicatorCard({ indicator }: { indicator: IndicatorRow }) {
  const { canEdit } = useLoaderData<typeof loader>();
  const { t, locale, num, date } = useT();
  const removeValueReply = useActionFor(`removeValue-${indicator.id}`);
  const name = localized(locale, indicator.nameVi, indicator.nameEn);
  const i = indicator;
  return (
    <section
      className="indicator"
      id={`indicator-${i.id}`}
      aria-labelledby={`indicator-${i.id}-title`}
      data-testid="indicator"
    >
      <h3 id={`indicator-${i.id}-title`}>
        {name} <span className="muted">({i.unit})</span>
      </h3>
      <dl className="summary">
        <dt>{t("indicators.summary.baseline")}</dt>
        <dd>
          <Value value={i.baseline} unit={i.unit} year={i.baselineYear} />
        </dd>
        <dt>{t("indicators.summary.latest")}</dt>
        <dd data-testid="indicator-latest">
          <Value value={i.latestValue} unit={i.unit} period={i.latestPeriod} />
        </dd>
        <dt>{t("indicators.summary.target")}</dt>
        <dd>
          <Value value={i.target} unit={i.unit} year={i.targetYear} />
        </dd>
        <dt>{t("indicators.summary.progress")}</dt>
        <dd data-testid="indicator-progress">
          <ProgressText indicator={i} />
        </dd>
        {i.strategyTarget ? (
          <>
            <dt>{t("indicators.summary.strategyTarget")}</dt>
            <dd>
              <Link to={`/strategy/${encodeURIComponent(i.strategyTarget.nodeCode)}`}>
                {i.strategyTarget.nodeCode}
              </Link>{" "}
              — {localized(locale, i.strategyTarget.nameVi, i.strategyTarget.nameEn)} ({i.strategyTarget.unit}
              )
            </dd>
          </>
        ) : null}
      </dl>
      {removeValueReply?.error ? <Notice kind="error">{removeValueReply.error}</Notice> : null}
      {i.values.length === 0 ? (
        <p className="muted">{t("indicators.values.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="indicator-values">
            <caption>{t("indicators.values.caption", { name, unit: i.unit })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("indicators.col.period")}</th>
                <th scope="col">{t("indicators.col.periodStart")}</th>
                <th scope="col">{t("indicators.col.periodEnd")}</th>
                <th scope="col" className="num">
                  {t("indicators.col.value")}
                </th>
                <th scope="col">{t("indicators.col.note")}</th>
                {canEdit ? <th scope="col">{t("indicators.col.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {i.values.map((v) => (
                <tr key={v.id}>
                  <th scope="row">{v.period}</th>
                  <td>{date(v.periodStart)}</td>
                  <td>{date(v.periodEnd)}</td>
                  <td className="num">{num(v.value, 4)}</td>
                  <td>{v.note ?? ""}</td>
                  {canEdit ? (
                    <td>
                      <Form method="post" className="inline-form" preventScrollReset>
                        <input type="hidden" name="intent" value="removeValue" />
                        <input type="hidden" name="indicatorId" value={i.id} />
                        <input type="hidden" name="valueId" value={v.id} />
                        <button
                          type="submit"
                          className="link-button"
                          aria-label={t("indicators.action.removeValueLabel", { period: v.period })}
                        >
                          {t("indicators.action.removeValue")}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? (
        <>
          <ValueForm indicator={i} />
          <p className="actions-list">
            <Link to={`?edit=${i.id}#indicator-form`} aria-label={t("indicators.action.editLabel", { name })}>
              {t("indicators.action.edit")}
            </Link>
          </p>
          <RemoveIndicatorForm indicator={i} />
        </>
      ) : null}
    </section>
  );
}

function IndicatorForm() {
  const { editing, targets, project } = useLoaderData<typeof loader>();
  const reply = useActionFor("indicator");
  const { t, locale } = useT();
  const schema = indicatorSchema(locale);
  const [form, fields] = useForm({
    id: `indicator-${editing?.id ?? "new"}`,
    lastResult: reply?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      intent: "indicator",
      indicatorId: editing ? String(editing.id) : undefined,
      version: editing?.version,
      nameVi: editing?.nameVi ?? "",
      nameEn: editing?.nameEn ?? "",
      unit: editing?.unit ?? "",
      baseline: decimalInput(editing?.baseline, locale),
      baselineYear: editing?.baselineYear == null ? "" : String(editing.baselineYear),
      target: decimalInput(editing?.target, locale),
      targetYear: editing?.targetYear == null ? "" : String(editing.targetYear),
      strategyTargetId: editing?.strategyTargetId == null ? "" : String(editing.strategyTargetId),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const f = fields;
  const here = `/projects/${encodeURIComponent(project.code)}/indicators`;
  const errors = reply?.stale
    ? []
    : summaryErrors(
        form.errors,
        [f.nameVi, f.nameEn, f.unit, f.baseline, f.baselineYear, f.target, f.targetYear, f.strategyTargetId],
        f.nameVi.id,
      );
  const cls = (e?: string[]) => (e?.length ? "input--error" : undefined);
  const linked = editing?.strategyTarget;
  const options =
    linked && !targets.some((x) => x.id === linked.id)
      ? [{ ...linked, target: 0, targetYear: null }, ...targets]
      : targets;
  return (
    <section aria-labelledby="indicator-form-title" id="indicator-form">
      {reply?.stale ? (
        <div className="notice notice--error" role="alert" data-testid="stale-notice">
          <p>{t("indicators.error.stale")}</p>
          <p>
            <StaleLink />
          </p>
        </div>
      ) : (
        <ErrorSummary errors={errors} />
      )}
      <h2 id="indicator-form-title">
        {editing
          ? t("indicators.form.editTitle", { name: localized(locale, editing.nameVi, editing.nameEn) })
          : t("indicators.form.addTitle")}
      </h2>
      <Form method="post" {...getFormProps(form)} noValidate key={form.id}>
        <input {...getInputProps(f.intent, { type: "hidden" })} />
        {editing ? (
          <>
            <input {...getInputProps(f.indicatorId, { type: "hidden" })} />
            <input {...getInputProps(f.version, { type: "hidden" })} />
          </>
        ) : null}
        <fieldset>
          <legend>{t("indicators.form.names")}</legend>
          <Field id={f.nameVi.id} label={t("indicators.form.nameVi")} errors={f.nameVi.errors}>
            <input
              {...getInputProps(f.nameVi, { type: "text" })}
              lang="vi"
              className={cls(f.nameVi.errors)}
            />
          </Field>
          <Field id={f.nameEn.id} label={t("indicators.form.nameEn")} errors={f.nameEn.errors}>
            <input
              {...getInputProps(f.nameEn, { type: "text" })}
              lang="en"
              className={cls(f.nameEn.errors)}
            />
          </Field>
        </fieldset>
        <Field
          id={f.unit.id}
          label={t("indicators.form.unit")}
          hint={t("indicators.form.unitHint")}
          errors={f.unit.errors}
        >
          <input {...getInputProps(f.unit, { type: "text" })} size={14} className={cls(f.unit.errors)} />
        </Field>
        <fieldset>
          <legend>{t("indicators.form.baselineGroup")}</legend>
          <Field
            id={f.baseline.id}
            label={t("indicators.form.baseline")}
            hint={t("indicators.form.numberHint")}
            errors={f.baseline.errors}
          >
            <input
              {...getInputProps(f.baseline, { type: "text" })}
              inputMode="decimal"
              size={12}
              className={cls(f.baseline.errors)}
            />
          </Field>
          <Field
            id={f.baselineYear.id}
            label={t("indicators.form.baselineYear")}
            errors={f.baselineYear.errors}
          >
            <input
              {...getInputProps(f.baselineYear, { type: "text" })}
              inputMode="numeric"
              size={6}
              className={cls(f.baselineYear.errors)}
            />
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t("indicators.form.targetGroup")}</legend>
          <Field
            id={f.target.id}
            label={t("indicators.form.target")}
            hint={t("indicators.form.numberHint")}
            errors={f.target.errors}
          >
            <input
              {...getInputProps(f.target, { type: "text" })}
              inputMode="decimal"
              size={12}
              className={cls(f.target.errors)}
            />
          </Field>
          <Field id={f.targetYear.id} label={t("indicators.form.targetYear")} errors={f.targetYear.errors}>
            <input
              {...getInputProps(f.targetYear, { type: "text" })}
              inputMode="numeric"
              size={6}
              className={cls(f.targetYear.errors)}
            />
          </Field>
        </fieldset>
        <Field
          id={f.strategyTargetId.id}
          label={t("indicators.form.strategyTarget")}
          hint={
            options.length ? t("indicators.form.strategyTargetHint") : t("indicators.form.noEligibleTargets")
          }
          errors={f.strategyTargetId.errors}
        >
          <select {...getSelectProps(f.strategyTargetId)} className={cls(f.strategyTargetId.errors)}>
            <option value="">{t("indicators.form.strategyTargetNone")}</option>
            {options.map((x) => (
              <option key={x.id} value={x.id}>
                {t("indicators.form.strategyTargetOption", {
                  node: x.nodeCode,
                  name: localized(locale, x.nameVi, x.nameEn),
                  unit: x.unit,
                })}
              </option>
            ))}
          </select>
        </Field>
        <div className="form-actions">
          <button type="submit" className="button" data-testid="indicator-submit">
            {editing ? t("indicators.action.save") : t("indicators.action.add")}
          </button>
          {editing ? (
            <>
              {" "}
              <Link to={here}>{t("indicators.action.cancel")}</Link>
            </>
          ) : null}
        </div>
      </Form>
    </section>
  );
}

export default function ProjectIndicators() {
  const d = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const projectPath = `/projects/${encodeURIComponent(d.project.code)}`;
  return (
    <div className="narrow-wide">
      <p className="breadcrumb">
        <Link to="/projects">{t("register.title")}</Link> › <Link to={projectPath}>{d.project.code}</Link>
      </p>
      <h1>{t("indicators.title", { code: d.project.code })}</h1>
      <p className="lead">{localized(locale, d.project.titleVi, d.project.titleEn)}</p>
      <p>{t("indicators.intro")}</p>
      {d.done ? <Notice>{t(`indicators.done.${d.done.kind}`, d.done.params)}</Notice> : null}
      {!d.canEdit ? <p className="muted">{t("indicators.readOnly")}</p> : null}
      <section aria-labelledby="indicators-list-title">
        <h2 id="indicators-list-title">{t("indicators.list.title")}</h2>
        {d.indicators.length === 0 ? (
          <p className="muted">{t("indicators.empty")}</p>
        ) : (
          d.indicators.map((i) => <IndicatorCard key={i.id} indicator={i} />)
        )}
      </section>
      {d.canEdit ? <IndicatorForm /> : null}
      <p>
        <Link to={projectPath}>{t("indicators.action.back")}</Link>
      </p>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
