import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { notFound, requirePermission } from "~/auth/guard.server";
import { ErrorSummary, Field } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { pageTitle } from "~/modules/shell/meta";
import { listAgencyOptions } from "~/modules/strategy/agencies.server";
import { createNode } from "~/modules/strategy/commands.server";
import { getNodeDetail } from "~/modules/strategy/node.server";
import { actorOf, refusalOf, replyWith } from "~/modules/strategy/route.server";
import { CreateNodeSchema } from "~/modules/strategy/schemas";
import { NodeFormFieldset, summaryErrors } from "~/modules/strategy/ui";
import { localized } from "~/utils/localized";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "strategy.form.new.title");

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "create", "strategy");
  const db = getDb();
  const parentCode = new URL(request.url).searchParams.get("parent");
  const parent = parentCode ? getNodeDetail(db, parentCode) : null;
  if (parentCode && !parent) throw notFound();
  return {
    parent: parent
      ? {
          code: parent.code,
          titleVi: parent.titleVi,
          titleEn: parent.titleEn,
          archived: parent.archivedAt !== null,
        }
      : null,
    agencies: listAgencyOptions(db),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "create", "strategy");
  const submission = parseWithZod(await request.formData(), { schema: CreateNodeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { code } = createNode(getDb(), actorOf(user, context), submission.value);
    return redirect(`/strategy/${encodeURIComponent(code)}?done=created`);
  } catch (e) {
    const refusal = refusalOf(e, localeFromRequest(request, user.locale));
    if (!refusal) throw e;
    // The parent is a hidden field: its problems go to the top of the form.
    const field = refusal.field === "parent" ? undefined : refusal.field;
    return data(replyWith(submission, { ...refusal, field }), { status: refusal.status });
  }
}

export default function NewStrategyNode() {
  const { parent, agencies } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  const [form, fields] = useForm({
    id: "strategy-new",
    lastResult,
    constraint: getZodConstraint(CreateNodeSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { parent: parent?.code ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateNodeSchema }),
  });
  const f = fields;
  const errors = summaryErrors(
    form.errors,
    [
      f.code,
      f.titleVi,
      f.titleEn,
      f.descriptionVi,
      f.descriptionEn,
      f.periodStart,
      f.periodEnd,
      f.lead,
      f.cooperators,
    ],
    f.code.id,
  );
  const back = parent ? `/strategy/${encodeURIComponent(parent.code)}` : "/strategy";
  return (
    <div className="narrow-wide">
      <p className="breadcrumb">
        <Link to="/strategy">{t("strategy.title")}</Link>
        {parent ? (
          <>
            {" › "}
            <Link to={back}>{parent.code}</Link>
          </>
        ) : null}
      </p>
      <ErrorSummary errors={errors} />
      <h1>
        {parent ? t("strategy.form.new.titleUnder", { code: parent.code }) : t("strategy.form.new.title")}
      </h1>
      <p className="lead">{t("strategy.form.new.intro")}</p>
      <Form method="post" {...getFormProps(form)} noValidate>
        <input {...getInputProps(f.parent, { type: "hidden" })} />
        <dl className="summary">
          <dt>{t("strategy.form.parent")}</dt>
          <dd>
            {parent ? (
              <>
                <span className="org-code">{parent.code}</span>{" "}
                {localized(locale, parent.titleVi, parent.titleEn)}
              </>
            ) : (
              t("strategy.node.topLevel")
            )}
          </dd>
        </dl>
        <Field
          id={f.code.id}
          label={t("strategy.form.code")}
          hint={t("strategy.form.codeHint")}
          errors={f.code.errors}
        >
          <input
            {...getInputProps(f.code, { type: "text" })}
            autoComplete="off"
            spellCheck={false}
            className={f.code.errors?.length ? "input--error" : undefined}
            aria-describedby={[`${f.code.id}-hint`, f.code.errors?.length ? `${f.code.id}-error` : null]
              .filter(Boolean)
              .join(" ")}
          />
        </Field>
        <NodeFormFieldset
          fields={{
            titleVi: f.titleVi,
            titleEn: f.titleEn,
            descriptionVi: f.descriptionVi,
            descriptionEn: f.descriptionEn,
            periodStart: f.periodStart,
            periodEnd: f.periodEnd,
            lead: f.lead,
            cooperators: f.cooperators,
          }}
          agencies={agencies}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            {t("strategy.form.new.submit")}
          </button>{" "}
          <Link to={back}>{t("strategy.form.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
