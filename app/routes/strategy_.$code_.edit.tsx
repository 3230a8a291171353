import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { pageTitle } from "~/modules/shell/meta";
import { agencyChoicesFor } from "~/modules/strategy/agencies.server";
import { updateNode } from "~/modules/strategy/commands.server";
import { actorOf, refusalOf, replyWith, requireNodeDetail } from "~/modules/strategy/route.server";
import { EditNodeSchema } from "~/modules/strategy/schemas";
import { NodeFormFieldset, Notice, StaleNotice, summaryErrors } from "~/modules/strategy/ui";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "strategy.form.edit.title", { code: data?.node.code ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  requirePermission(request, "update", "strategy");
  const db = getDb();
  const node = requireNodeDetail(db, params.code);
  const current = [node.lead, ...node.cooperators].filter((a): a is NonNullable<typeof a> => a !== null);
  return { node, agencies: agencyChoicesFor(db, current) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "update", "strategy");
  const db = getDb();
  const node = requireNodeDetail(db, params.code);
  const submission = parseWithZod(await request.formData(), { schema: EditNodeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    updateNode(db, actorOf(user, context), node.code, submission.value);
    return redirect(`/strategy/${encodeURIComponent(node.code)}?done=saved`);
  } catch (e) {
    const refusal = refusalOf(e, localeFromRequest(request, user.locale));
    if (!refusal) throw e;
    return data(replyWith(submission, refusal), { status: refusal.status });
  }
}

export default function EditStrategyNode() {
  const { node, agencies } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  const [form, fields] = useForm({
    id: `strategy-edit-${node.id}`,
    lastResult,
    constraint: getZodConstraint(EditNodeSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      version: String(node.version),
      titleVi: node.titleVi,
      titleEn: node.titleEn ?? "",
      descriptionVi: node.descriptionVi ?? "",
      descriptionEn: node.descriptionEn ?? "",
      periodStart: node.periodStart === null ? "" : String(node.periodStart),
      periodEnd: node.periodEnd === null ? "" : String(node.periodEnd),
      lead: node.lead ? String(node.lead.id) : "",
      cooperators: node.cooperators.map((c) => String(c.id)),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditNodeSchema }),
  });
  const f = fields;
  const stale = Boolean(lastResult && "stale" in lastResult && lastResult.stale);
  const errors = stale
    ? []
    : summaryErrors(
        form.errors,
        [
          f.titleVi,
          f.titleEn,
          f.descriptionVi,
          f.descriptionEn,
          f.periodStart,
          f.periodEnd,
          f.lead,
          f.cooperators,
        ],
        f.titleVi.id,
      );
  const here = `/strategy/${encodeURIComponent(node.code)}`;
  return (
    <div className="narrow-wide">
      <p className="breadcrumb">
        <Link to="/strategy">{t("strategy.title")}</Link> › <Link to={here}>{node.code}</Link>
      </p>
      {stale ? <StaleNotice code={node.code} reloadTo={`${here}/edit`} /> : <ErrorSummary errors={errors} />}
      <h1>{t("strategy.form.edit.title", { code: node.code })}</h1>
      <p className="lead">{t("strategy.form.edit.intro")}</p>
      {node.archivedAt !== null ? <Notice kind="error">{t("strategy.error.archivedReadOnly")}</Notice> : null}
      <Form method="post" {...getFormProps(form)} noValidate>
        <input {...getInputProps(f.version, { type: "hidden" })} />
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
          <button type="submit" className="button" data-testid="save-node">
            {t("strategy.form.edit.submit")}
          </button>{" "}
          <Link to={here}>{t("strategy.form.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
