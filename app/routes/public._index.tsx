/**
 * `/public`: the published projects, filtered by province, domain and phase
 * (all in the URL), with links to each province's page. No login.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DOMAINS } from "#db/enums";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/forms";
import { useT } from "~/i18n/useT";
import { parsePublicQuery, PUBLIC_PHASES, publicQueryString } from "~/modules/public/params";
import { listPublicProjects } from "~/modules/public/queries.server";
import { ProjectCards } from "~/modules/public/ui";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "public.list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const query = parsePublicQuery(new URL(request.url).searchParams);
  const list = listPublicProjects(getDb(), query);
  return { query, ...list };
}

export default function PublicProjects() {
  const d = useLoaderData<typeof loader>();
  const { t, locale, num } = useT();
  const filtered = Boolean(d.query.province || d.query.domain || d.query.phase);
  const domainCount = new Map(d.domains.map((x) => [x.domain, x.projects]));
  const withProjects = d.provinces.filter((p) => p.projects > 0);
  return (
    <>
      <h1>{t("public.list.title")}</h1>
      <p className="lead">{t("public.list.lead")}</p>

      <Form
        method="get"
        className="filters"
        aria-label={t("public.list.filters")}
        data-testid="public-filters"
      >
        <FilterSelect
          id="f-province"
          name="province"
          label={t("public.list.province")}
          value={d.query.province}
          choices={d.provinces.map((p) => ({
            value: String(p.id),
            label: t("public.list.option", { name: localized(locale, p.nameVi, p.nameEn), n: p.projects }),
          }))}
        />
        <FilterSelect
          id="f-domain"
          name="domain"
          label={t("public.list.domain")}
          value={d.query.domain}
          choices={DOMAINS.map((x) => ({
            value: x,
            label: t("public.list.option", { name: t(`projects.domain.${x}`), n: domainCount.get(x) ?? 0 }),
          }))}
        />
        <FilterSelect
          id="f-phase"
          name="phase"
          label={t("public.list.phase")}
          value={d.query.phase}
          choices={PUBLIC_PHASES.map((x) => ({ value: x, label: t(`enums.phase.${x}`) }))}
        />
        <div className="filters__actions">
          <button type="submit" className="button">
            {t("public.list.apply")}
          </button>
          {filtered ? <Link to="/public">{t("public.list.clear")}</Link> : null}
        </div>
      </Form>

      <p className="data-table__count" role="status" data-testid="public-count">
        {t("public.list.count", { count: num(d.total) })}
      </p>
      {d.rows.length ? <ProjectCards projects={d.rows} /> : <p className="muted">{t("public.list.empty")}</p>}

      {d.pages > 1 ? (
        <nav className="pagination" aria-label={t("public.list.pagination")}>
          {d.page > 1 ? (
            <Link to={`/public${publicQueryString({ ...d.query, page: d.page - 1 })}`} rel="prev">
              {t("public.list.previous")}
            </Link>
          ) : null}
          <span className="pagination__status">
            {t("public.list.pageOf", { page: d.page, pages: d.pages })}
          </span>
          {d.page < d.pages ? (
            <Link to={`/public${publicQueryString({ ...d.query, page: d.page + 1 })}`} rel="next">
              {t("public.list.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}

      {withProjects.length ? (
        <section aria-labelledby="by-province-heading">
          <h2 id="by-province-heading">{t("public.list.provinces")}</h2>
          <ul className="public-provinces" data-testid="public-provinces">
            {withProjects.map((p) => (
              <li key={p.id}>
                <Link to={`/public/provinces/${p.id}`}>
                  {t("public.list.option", { name: localized(locale, p.nameVi, p.nameEn), n: p.projects })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
