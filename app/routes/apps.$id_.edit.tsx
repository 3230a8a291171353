import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { forbidden } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { AppForm } from "~/modules/apps/app-form";
import { ownerProblem, StaleVersionError, updateApp } from "~/modules/apps/apps.server";
import { APP_SCOPES, AppEditSchema, mayWriteApp } from "~/modules/apps/register";
import { ownerChoicesFor, requireAppWriter, writeScope } from "~/modules/apps/route.server";
import { actorOf } from "~/modules/projects/route.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "apps.title.edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { app, user } = requireAppWriter(request, db, params.id);
  const owners = ownerChoicesFor(db, user, "update");
  // Keep the stored owner selectable even if it has since ended (merged unit).
  if (!owners.some((o) => o.id === app.ownerOrganisationId)) {
    owners.unshift({
      id: app.ownerOrganisationId,
      code: "",
      nameVi: app.ownerNameVi,
      nameEn: app.ownerNameEn,
      kind: app.ownerKind,
    });
  }
  return {
    app: { id: app.id, nameVi: app.nameVi, nameEn: app.nameEn },
    owners,
    scopes: writeScope(user, "update") === "any" ? APP_SCOPES : (["provincial"] as const),
    defaultValue: {
      nameVi: app.nameVi,
      nameEn: app.nameEn ?? "",
      scope: app.scope,
      ownerOrganisationId: String(app.ownerOrganisationId),
      domain: app.domain,
      platforms: app.platforms,
      status: app.status,
      url: app.url ?? "",
      launchedOn: app.launchedOn ?? "",
      version: String(app.version),
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const { app, user } = requireAppWriter(request, db, params.id);
  const submission = parseWithZod(await request.formData(), { schema: AppEditSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply(), stale: false }, { status: 400 });
  const { version, ...input } = submission.value;
  // The new owner and scope must be the user's too (a planner cannot hand an entry to another province).
  if (!mayWriteApp(user, "update", input)) throw forbidden();
  const problem = ownerProblem(db, input);
  if (problem) {
    return data(
      { result: submission.reply({ fieldErrors: { ownerOrganisationId: [problem] } }), stale: false },
      { status: 400 },
    );
  }
  try {
    updateApp(db, actorOf(user, context), app.id, version, input);
  } catch (e) {
    if (!(e instanceof StaleVersionError)) throw e;
    return data(
      { result: submission.reply({ formErrors: ["apps.error.stale"] }), stale: true },
      { status: 409 },
    );
  }
  throw redirect(`/apps/${app.id}?saved=updated`);
}

export default function EditApp() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  return (
    <div className="form-page">
      <p className="breadcrumb">
        <Link to="/apps">{t("apps.title.list")}</Link> ›{" "}
        <Link to={`/apps/${d.app.id}`}>{localized(locale, d.app.nameVi, d.app.nameEn)}</Link>
      </p>
      <h1>{t("apps.title.edit")}</h1>
      <AppForm
        mode="edit"
        lastResult={actionData?.result}
        defaultValue={d.defaultValue}
        owners={d.owners}
        scopes={d.scopes}
        cancelTo={`/apps/${d.app.id}`}
        stale={actionData?.stale}
      />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
