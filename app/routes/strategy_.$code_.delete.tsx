import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { can, requirePermission } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { translator } from "~/i18n/i18n";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { pageTitle } from "~/modules/shell/meta";
import { deleteBlockers, deleteNode } from "~/modules/strategy/commands.server";
import { actorOf, refusalOf, requireNodeDetail } from "~/modules/strategy/route.server";
import { DeleteNodeSchema } from "~/modules/strategy/schemas";
import { localized } from "~/utils/localized";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "strategy.delete.title", { code: data?.node.code ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requirePermission(request, "delete", "strategy");
  const db = getDb();
  const node = requireNodeDetail(db, params.code);
  return {
    node: {
      code: node.code,
      titleVi: node.titleVi,
      titleEn: node.titleEn,
      version: node.version,
      archived: node.archivedAt !== null,
    },
    blockers: deleteBlockers(db, node.path),
    canArchive: can(user, "update", "strategy"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "delete", "strategy");
  const db = getDb();
  const node = requireNodeDetail(db, params.code);
  const locale = localeFromRequest(request, user.locale);
  const submission = parseWithZod(await request.formData(), { schema: DeleteNodeSchema });
  if (submission.status !== "success") {
    return data({ error: translator(locale)("strategy.error.version"), stale: false }, { status: 400 });
  }
  try {
    const { deleted } = deleteNode(db, actorOf(user, context), node.code, submission.value.version);
    return redirect(`/strategy?deleted=${deleted.length}`);
  } catch (e) {
    const refusal = refusalOf(e, locale);
    if (!refusal) throw e;
    return data({ error: refusal.message, stale: refusal.stale }, { status: refusal.status });
  }
}

export default function DeleteStrategyNode() {
  const { node, blockers, canArchive } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale, num } = useT();
  const here = `/strategy/${encodeURIComponent(node.code)}`;
  const blocked = blockers.projects > 0 || blockers.indicators > 0;
  return (
    <div className="narrow-wide">
      <p className="breadcrumb">
        <Link to="/strategy">{t("strategy.title")}</Link> › <Link to={here}>{node.code}</Link>
      </p>
      <h1>{t("strategy.delete.title", { code: node.code })}</h1>
      <p className="lead">{localized(locale, node.titleVi, node.titleEn)}</p>
      {actionData ? (
        <div className="notice notice--error" role="alert" data-testid="action-error">
          <p>{actionData.error}</p>
          {actionData.stale ? (
            <p>
              <Link to={`${here}/delete`} reloadDocument>
                {t("strategy.form.staleReload")}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {blocked ? (
        <>
          <div className="notice notice--error" role="alert" data-testid="delete-blocked">
            {blockers.projects > 0 ? (
              <p>{t("strategy.delete.blockedProjects", { count: num(blockers.projects) })}</p>
            ) : null}
            {blockers.indicators > 0 ? (
              <p>{t("strategy.delete.blockedIndicators", { count: num(blockers.indicators) })}</p>
            ) : null}
          </div>
          <div className="form-actions">
            {canArchive && !node.archived ? (
              <Form method="post" action={here} className="inline-form">
                <input type="hidden" name="version" value={node.version} />
                <button
                  type="submit"
                  name="intent"
                  value="archive"
                  className="button"
                  data-testid="archive-instead"
                >
                  {t("strategy.delete.archiveInstead")}
                </button>
              </Form>
            ) : null}{" "}
            <Link to={here}>{t("strategy.delete.back")}</Link>
          </div>
        </>
      ) : (
        <>
          <p className="notice">
            {t("strategy.delete.confirm", {
              descendants: num(blockers.descendants),
              targets: num(blockers.targets),
            })}
          </p>
          <Form method="post" className="form-actions">
            <input type="hidden" name="version" value={node.version} />
            <button type="submit" className="button button--danger" data-testid="delete-submit">
              {t("strategy.delete.submit")}
            </button>{" "}
            <Link to={here}>{t("strategy.delete.back")}</Link>
          </Form>
        </>
      )}
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
