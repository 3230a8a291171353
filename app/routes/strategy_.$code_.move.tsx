import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { ErrorSummary, Field, useErrorText } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { pageTitle } from "~/modules/shell/meta";
import { moveNode } from "~/modules/strategy/commands.server";
import { countSubtree, getNodeView, listParentChoices } from "~/modules/strategy/node.server";
import { actorOf, refusalOf, replyWith, requireNodeDetail } from "~/modules/strategy/route.server";
import { MoveNodeSchema, TOP_LEVEL } from "~/modules/strategy/schemas";
import { isInSubtree } from "~/modules/strategy/tree";
import { Notice, StaleNotice, summaryErrors } from "~/modules/strategy/ui";
import { localized } from "~/utils/localized";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "strategy.move.title", { code: data?.node.code ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  requirePermission(request, "update", "strategy");
  const db = getDb();
  const node = requireNodeDetail(db, params.code);
  const view = getNodeView(db, node.code)!;
  const subtreeSize = countSubtree(db, node.path);
  // The form offers only parents the move can go to: not the node itself nor anything beneath it.
  const choices = listParentChoices(db)
    .filter((c) => !isInSubtree(c.path, node.path))
    .map(({ code, titleVi, titleEn, level }) => ({ code, titleVi, titleEn, level }));
  const parent = view.ancestors.at(-1) ?? null;
  return { node, parent, choices, subtreeSize };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "update", "strategy");
  const db = getDb();
  const node = requireNodeDetail(db, params.code);
  const submission = parseWithZod(await request.formData(), { schema: MoveNodeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { moved } = moveNode(db, actorOf(user, context), node.code, submission.value);
    return redirect(`/strategy/${encodeURIComponent(node.code)}?done=moved&count=${moved}`);
  } catch (e) {
    const refusal = refusalOf(e, localeFromRequest(request, user.locale));
    if (!refusal) throw e;
    return data(replyWith(submission, refusal), { status: refusal.status });
  }
}

export default function MoveStrategyNode() {
  const { node, parent, choices, subtreeSize } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale, num } = useT();
  const text = useErrorText();
  const [form, fields] = useForm({
    id: `strategy-move-${node.id}`,
    lastResult,
    constraint: getZodConstraint(MoveNodeSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { version: String(node.version), parent: parent?.code ?? TOP_LEVEL, position: "last" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MoveNodeSchema }),
  });
  const f = fields;
  const stale = Boolean(lastResult && "stale" in lastResult && lastResult.stale);
  const errors = stale ? [] : summaryErrors(form.errors, [f.parent, f.position], f.parent.id);
  const here = `/strategy/${encodeURIComponent(node.code)}`;
  const positionId = `${f.position.id}-first`;
  return (
    <div className="narrow-wide">
      <p className="breadcrumb">
        <Link to="/strategy">{t("strategy.title")}</Link> › <Link to={here}>{node.code}</Link>
      </p>
      {stale ? <StaleNotice code={node.code} reloadTo={`${here}/move`} /> : <ErrorSummary errors={errors} />}
      <h1>{t("strategy.move.title", { code: node.code })}</h1>
      <p className="lead">{t("strategy.move.intro", { count: num(subtreeSize) })}</p>
      <p>
        {t("strategy.move.current", {
          parent: parent
            ? `${parent.code} ${localized(locale, parent.titleVi, parent.titleEn)}`
            : t("strategy.node.topLevel"),
        })}
      </p>
      {node.archivedAt !== null ? <Notice kind="error">{t("strategy.error.archivedReadOnly")}</Notice> : null}
      <Form method="post" {...getFormProps(form)} noValidate>
        <input {...getInputProps(f.version, { type: "hidden" })} />
        <Field id={f.parent.id} label={t("strategy.move.parent")} errors={f.parent.errors}>
          <select
            {...getSelectProps(f.parent)}
            className={f.parent.errors?.length ? "input--error" : undefined}
          >
            <option value={TOP_LEVEL}>{t("strategy.move.topLevel")}</option>
            {choices.map((c) => (
              <option key={c.code} value={c.code}>
                {"\u00a0\u00a0".repeat(c.level)}
                {c.code} {localized(locale, c.titleVi, c.titleEn)}
              </option>
            ))}
          </select>
        </Field>
        <fieldset
          className={f.position.errors?.length ? "fieldset form-group--error" : "fieldset"}
          id={f.position.id}
          aria-describedby={f.position.errors?.length ? `${f.position.id}-error` : undefined}
        >
          <legend>{t("strategy.move.position")}</legend>
          {f.position.errors?.length ? (
            <span className="field-error" id={`${f.position.id}-error`}>
              {f.position.errors.map(text).join(" ")}
            </span>
          ) : null}
          {(["first", "last"] as const).map((p) => (
            <div className="radio" key={p}>
              <input
                type="radio"
                id={p === "first" ? positionId : `${f.position.id}-last`}
                name={f.position.name}
                value={p}
                defaultChecked={(f.position.initialValue ?? "last") === p}
              />
              <label htmlFor={p === "first" ? positionId : `${f.position.id}-last`}>
                {t(`strategy.move.${p}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button" data-testid="move-submit">
            {t("strategy.move.submit")}
          </button>{" "}
          <Link to={here}>{t("strategy.form.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
