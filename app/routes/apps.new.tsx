import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { can, forbidden, requirePermission } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { AppForm } from "~/modules/apps/app-form";
import { createApp, ownerProblem } from "~/modules/apps/apps.server";
import { APP_SCOPES, AppCreateSchema, mayWriteApp } from "~/modules/apps/register";
import { ownerChoicesFor, writeScope } from "~/modules/apps/route.server";
import { isProjectCodeParam } from "~/modules/projects/code";
import { findProjectByCode } from "~/modules/projects/project.server";
import { actorOf } from "~/modules/projects/route.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "apps.title.new");

/** The project to link (`?project=CODE`), if the user may record its register entries. */
function projectToLink(request: Request, raw: string | null | undefined) {
  if (!raw) return null;
  const db = getDb();
  const project = isProjectCodeParam(raw) ? findProjectByCode(db, raw) : null;
  if (!project) throw new Response("Not Found", { status: 404 });
  const user = requirePermission(request, "update", "register", project.organisationId);
  return { project, user };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "create", "register");
  const db = getDb();
  const linked = projectToLink(request, new URL(request.url).searchParams.get("project"));
  const scopes = writeScope(user, "create") === "any" ? APP_SCOPES : (["provincial"] as const);
  const p = linked?.project;
  return {
    owners: ownerChoicesFor(db, user, "create"),
    scopes,
    project: p ? { code: p.code, titleVi: p.titleVi, titleEn: p.titleEn } : null,
    defaultValue: {
      scope: scopes.length === 1 ? "provincial" : "",
      status: "live",
      ownerOrganisationId: p
        ? String(p.organisationId)
        : user.primaryOrganisationId && scopes.length === 1
          ? String(user.primaryOrganisationId)
          : "",
      nameVi: p?.citizenAppName ?? "",
      domain: p?.domain ?? "",
      platforms: p?.citizenAppPlatforms ?? [],
      project: p?.code ?? "",
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requirePermission(request, "create", "register");
  const db = getDb();
  const submission = parseWithZod(await request.formData(), { schema: AppCreateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const input = submission.value;
  // Scope and owner are checked against the user's permissions here, whatever the form offered.
  if (!mayWriteApp(user, "create", input)) throw forbidden();
  const problem = ownerProblem(db, input);
  if (problem) {
    return data(submission.reply({ fieldErrors: { ownerOrganisationId: [problem] } }), { status: 400 });
  }
  const linked = projectToLink(request, input.project);
  if (linked && !can(user, "update", "register", linked.project.organisationId)) throw forbidden();
  const { project: _project, ...fields } = input;
  const id = createApp(
    db,
    actorOf(user, context),
    fields,
    linked
      ? {
          id: linked.project.id,
          code: linked.project.code,
          organisationId: linked.project.organisationId,
          appId: linked.project.appId,
        }
      : undefined,
  );
  throw redirect(`/apps/${id}?saved=created`);
}

export default function NewApp() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, locale } = useT();
  return (
    <div className="form-page">
      <p className="breadcrumb">
        <Link to="/apps">{t("apps.title.list")}</Link>
      </p>
      <h1>{t("apps.title.new")}</h1>
      {d.project ? (
        <p className="lead" data-testid="app-new-project">
          {t("apps.new.forProject", {
            code: d.project.code,
            title: localized(locale, d.project.titleVi, d.project.titleEn),
          })}
        </p>
      ) : (
        <p className="lead">{t("apps.new.intro")}</p>
      )}
      <AppForm
        mode="create"
        lastResult={lastResult}
        defaultValue={d.defaultValue}
        owners={d.owners}
        scopes={d.scopes}
        cancelTo={d.project ? `/projects/${encodeURIComponent(d.project.code)}/data` : "/apps"}
      />
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
