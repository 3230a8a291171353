import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { can } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { linkedProjects } from "~/modules/apps/apps.server";
import { APP_PLATFORMS, mayWriteApp } from "~/modules/apps/register";
import { requireAppReader } from "~/modules/apps/route.server";
import { titleWith } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  titleWith(matches, data?.title, "apps.title.detail");

const SAVED = ["created", "updated"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const { app, user } = requireAppReader(request, db, params.id);
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    app,
    title: localized(localeFromRequest(request, user.locale), app.nameVi, app.nameEn),
    // Every role reads the register; projects the user may not read (planners: other
    // organisations') are only counted, never named.
    ...splitReadable(linkedProjects(db, app.id), (p) => can(user, "read", "project", p.organisationId)),
    canEdit: mayWriteApp(user, "update", app),
    saved: (SAVED as readonly string[]).includes(saved ?? "") ? (saved as (typeof SAVED)[number]) : null,
  };
}

function splitReadable<T>(all: T[], readable: (p: T) => boolean) {
  const projects = all.filter(readable);
  return { projects, hiddenProjects: all.length - projects.length };
}

export default function AppDetail() {
  const d = useLoaderData<typeof loader>();
  const { t, locale, date } = useT();
  const a = d.app;
  const none = t("common.common.none");
  return (
    <>
      <p className="breadcrumb">
        <Link to="/apps">{t("apps.title.list")}</Link>
      </p>
      <h1 data-testid="app-title">{d.title}</h1>
      {d.saved ? (
        <p className="notice notice--ok" role="status">
          {t(`apps.saved.${d.saved}`)}
        </p>
      ) : null}
      {d.canEdit ? (
        <nav className="actions" aria-label={t("apps.detail.actions")}>
          <Link to={`/apps/${a.id}/edit`} className="button" data-testid="app-edit">
            {t("apps.action.edit")}
          </Link>
        </nav>
      ) : null}
      <section aria-labelledby="app-overview">
        <h2 id="app-overview">{t("apps.detail.overview")}</h2>
        <dl className="summary" data-testid="app-summary">
          <dt>{t("apps.field.nameVi")}</dt>
          <dd lang="vi">{a.nameVi}</dd>
          <dt>{t("apps.field.nameEn")}</dt>
          <dd lang="en">{a.nameEn ?? none}</dd>
          <dt>{t("apps.col.scope")}</dt>
          <dd>{t(`apps.scope.${a.scope}`)}</dd>
          <dt>{t("apps.col.owner")}</dt>
          <dd data-testid="app-owner">
            <Link to={`/organisations/${a.ownerOrganisationId}`}>
              {localized(locale, a.ownerNameVi, a.ownerNameEn)}
            </Link>
          </dd>
          <dt>{t("apps.col.domain")}</dt>
          <dd>{t(`projects.domain.${a.domain}`)}</dd>
          <dt>{t("apps.col.platforms")}</dt>
          <dd>
            {a.platforms
              .filter((p): p is (typeof APP_PLATFORMS)[number] =>
                (APP_PLATFORMS as readonly string[]).includes(p),
              )
              .map((p) => t(`projects.platform.${p}`))
              .join(", ") || none}
          </dd>
          <dt>{t("apps.col.status")}</dt>
          <dd>{t(`apps.status.${a.status}`)}</dd>
          <dt>{t("apps.field.url")}</dt>
          <dd>
            {a.url ? (
              <a href={a.url} rel="noreferrer noopener">
                {a.url}
              </a>
            ) : (
              none
            )}
          </dd>
          <dt>{t("apps.field.launchedOn")}</dt>
          <dd>{a.launchedOn ? date(a.launchedOn) : none}</dd>
        </dl>
      </section>
      <section aria-labelledby="app-projects">
        <h2 id="app-projects">{t("apps.detail.projects")}</h2>
        {d.projects.length === 0 ? (
          d.hiddenProjects === 0 ? (
            <p className="muted">{t("apps.detail.noProjects")}</p>
          ) : null
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="app-projects">
              <caption>{t("apps.detail.projectsCaption", { name: d.title })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("apps.col.project")}</th>
                  <th scope="col">{t("apps.col.projectTitle")}</th>
                  <th scope="col">{t("apps.col.projectOwner")}</th>
                  <th scope="col">{t("apps.col.phase")}</th>
                </tr>
              </thead>
              <tbody>
                {d.projects.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/projects/${encodeURIComponent(p.code)}`}>{p.code}</Link>
                    </th>
                    <td>{localized(locale, p.titleVi, p.titleEn)}</td>
                    <td>{localized(locale, p.organisationNameVi, p.organisationNameEn)}</td>
                    <td>{t(`enums.phase.${p.phase}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {d.hiddenProjects > 0 ? (
          <p data-testid="app-hidden-projects">{t("apps.detail.hiddenProjects", { n: d.hiddenProjects })}</p>
        ) : null}
        <p className="hint">{t("apps.detail.linkHint")}</p>
      </section>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
