import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { ErrorSummary, Field } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { translator } from "~/i18n/i18n";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { pageTitle } from "~/modules/shell/meta";
import { removeTarget, saveTarget } from "~/modules/strategy/commands.server";
import { getNodeView } from "~/modules/strategy/node.server";
import { actorOf, refusalOf, replyWith, requireNodeDetail } from "~/modules/strategy/route.server";
import { RemoveTargetSchema, TargetSchema } from "~/modules/strategy/schemas";
import { Notice, StaleNotice, summaryErrors } from "~/modules/strategy/ui";
import { localized } from "~/utils/localized";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "strategy.targets.title", { code: data?.node.code ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  requirePermission(request, "update", "strategy");
  const db = getDb();
  const node = requireNodeDetail(db, params.code);
  const { targets } = getNodeView(db, node.code)!;
  const url = new URL(request.url);
  const editId = Number(url.searchParams.get("edit"));
  const editing = targets.find((x) => x.id === editId) ?? null;
  const done = url.searchParams.get("done");
  return {
    node: {
      id: node.id,
      code: node.code,
      titleVi: node.titleVi,
      titleEn: node.titleEn,
      version: node.version,
      archived: node.archivedAt !== null,
    },
    targets,
    editing,
    done: done === "saved" || done === "removed" ? (done as "saved" | "removed") : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "update", "strategy");
  const db = getDb();
  const node = requireNodeDetail(db, params.code);
  const locale = localeFromRequest(request, user.locale);
  const formData = await request.formData();
  const here = `/strategy/${encodeURIComponent(node.code)}/targets`;
  const actor = actorOf(user, context);
  if (formData.get("intent") === "remove") {
    const submission = parseWithZod(formData, { schema: RemoveTargetSchema });
    if (submission.status !== "success") {
      return data(
        { removeError: translator(locale)("strategy.error.version"), stale: false },
        { status: 400 },
      );
    }
    try {
      removeTarget(db, actor, node.code, submission.value);
      return redirect(`${here}?done=removed`);
    } catch (e) {
      const refusal = refusalOf(e, locale);
      if (!refusal) throw e;
      return data({ removeError: refusal.message, stale: refusal.stale }, { status: refusal.status });
    }
  }
  const submission = parseWithZod(formData, { schema: TargetSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    saveTarget(db, actor, node.code, submission.value);
    return redirect(`${here}?done=saved`);
  } catch (e) {
    const refusal = refusalOf(e, locale);
    if (!refusal) throw e;
    return data(replyWith(submission, refusal), { status: refusal.status });
  }
}

function TargetForm() {
  const { node, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && !("removeError" in actionData) ? actionData : undefined;
  const { t } = useT();
  const here = `/strategy/${encodeURIComponent(node.code)}/targets`;
  const [form, fields] = useForm({
    // A new id per target so switching between "add" and "edit" starts from that target's values.
    id: `target-${editing?.id ?? "new"}`,
    lastResult,
    constraint: getZodConstraint(TargetSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      version: String(node.version),
      targetId: editing ? String(editing.id) : undefined,
      nameVi: editing?.nameVi ?? "",
      nameEn: editing?.nameEn ?? "",
      unit: editing?.unit ?? "",
      baseline: editing?.baseline == null ? "" : String(editing.baseline),
      target: editing ? String(editing.target) : "",
      targetYear: editing?.targetYear == null ? "" : String(editing.targetYear),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TargetSchema }),
  });
  const f = fields;
  const stale = Boolean(lastResult && "stale" in lastResult && lastResult.stale);
  const errors = stale
    ? []
    : summaryErrors(
        form.errors,
        [f.nameVi, f.nameEn, f.unit, f.baseline, f.target, f.targetYear],
        f.nameVi.id,
      );
  const cls = (e?: string[]) => (e?.length ? "input--error" : undefined);
  return (
    <section aria-labelledby="target-form-title">
      {stale ? <StaleNotice code={node.code} reloadTo={here} /> : <ErrorSummary errors={errors} />}
      <h2 id="target-form-title">{editing ? t("strategy.targets.editing") : t("strategy.targets.add")}</h2>
      <Form method="post" {...getFormProps(form)} noValidate key={form.id}>
        <input {...getInputProps(f.version, { type: "hidden" })} />
        {editing ? <input {...getInputProps(f.targetId, { type: "hidden" })} /> : null}
        <Field id={f.nameVi.id} label={t("strategy.targets.nameVi")} errors={f.nameVi.errors}>
          <input {...getInputProps(f.nameVi, { type: "text" })} className={cls(f.nameVi.errors)} />
        </Field>
        <Field id={f.nameEn.id} label={t("strategy.targets.nameEn")} errors={f.nameEn.errors}>
          <input {...getInputProps(f.nameEn, { type: "text" })} lang="en" className={cls(f.nameEn.errors)} />
        </Field>
        <Field
          id={f.unit.id}
          label={t("strategy.targets.unit")}
          hint={t("strategy.targets.unitHint")}
          errors={f.unit.errors}
        >
          <input {...getInputProps(f.unit, { type: "text" })} size={12} className={cls(f.unit.errors)} />
        </Field>
        <Field
          id={f.baseline.id}
          label={t("strategy.targets.baseline")}
          hint={t("strategy.targets.numberHint")}
          errors={f.baseline.errors}
        >
          <input
            {...getInputProps(f.baseline, { type: "text" })}
            inputMode="decimal"
            size={12}
            className={cls(f.baseline.errors)}
          />
        </Field>
        <Field id={f.target.id} label={t("strategy.targets.target")} errors={f.target.errors}>
          <input
            {...getInputProps(f.target, { type: "text" })}
            inputMode="decimal"
            size={12}
            className={cls(f.target.errors)}
          />
        </Field>
        <Field id={f.targetYear.id} label={t("strategy.targets.targetYear")} errors={f.targetYear.errors}>
          <input
            {...getInputProps(f.targetYear, { type: "text" })}
            inputMode="numeric"
            size={6}
            className={cls(f.targetYear.errors)}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button" data-testid="target-submit">
            {editing ? t("strategy.targets.save") : t("strategy.targets.add")}
          </button>
          {editing ? (
            <>
              {" "}
              <Link to={here}>{t("strategy.form.cancel")}</Link>
            </>
          ) : null}
        </div>
      </Form>
    </section>
  );
}

export default function StrategyTargets() {
  const { node, targets, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale, num } = useT();
  const nodePage = `/strategy/${encodeURIComponent(node.code)}`;
  const value = (v: number | null) =>
    v === null ? t("common.common.none") : num(v, Number.isInteger(v) ? 0 : 2);
  const removeError = actionData && "removeError" in actionData ? actionData.removeError : null;
  return (
    <div className="narrow-wide">
      <p className="breadcrumb">
        <Link to="/strategy">{t("strategy.title")}</Link> › <Link to={nodePage}>{node.code}</Link>
      </p>
      <h1>{t("strategy.targets.title", { code: node.code })}</h1>
      <p className="lead">{localized(locale, node.titleVi, node.titleEn)}</p>
      <p>{t("strategy.targets.intro")}</p>
      {done ? <Notice>{t(`strategy.targets.done.${done}`)}</Notice> : null}
      {removeError ? <Notice kind="error">{removeError}</Notice> : null}
      {node.archived ? <Notice kind="error">{t("strategy.error.archivedReadOnly")}</Notice> : null}
      {targets.length === 0 ? (
        <p className="muted">{t("strategy.node.targets.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="targets-table">
            <caption>{t("strategy.node.targets.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("strategy.node.targets.name")}</th>
                <th scope="col">{t("strategy.node.targets.unit")}</th>
                <th scope="col" className="num">
                  {t("strategy.node.targets.baseline")}
                </th>
                <th scope="col" className="num">
                  {t("strategy.node.targets.target")}
                </th>
                <th scope="col" className="num">
                  {t("strategy.node.targets.year")}
                </th>
                <th scope="col">{t("strategy.targets.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {targets.map((x) => {
                const name = localized(locale, x.nameVi, x.nameEn);
                return (
                  <tr key={x.id}>
                    <th scope="row">{name}</th>
                    <td>{x.unit}</td>
                    <td className="num">{value(x.baseline)}</td>
                    <td className="num">{value(x.target)}</td>
                    <td className="num">{x.targetYear ?? t("common.common.none")}</td>
                    <td>
                      <Link to={`?edit=${x.id}`} aria-label={t("strategy.targets.editLabel", { name })}>
                        {t("strategy.targets.edit")}
                      </Link>{" "}
                      {x.indicators > 0 ? (
                        <span className="muted">
                          {t("strategy.targets.inUse", { count: num(x.indicators) })}
                        </span>
                      ) : (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="targetId" value={x.id} />
                          <input type="hidden" name="version" value={node.version} />
                          <button
                            type="submit"
                            className="link-button"
                            aria-label={t("strategy.targets.removeLabel", { name })}
                          >
                            {t("strategy.targets.remove")}
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {node.archived ? null : <TargetForm />}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
