/**
 * `/public/provinces/:id`: today's province, its facts, the totals of its
 * published projects (legacy provinces merged into it included) and the
 * projects. A legacy province's address moves to the province it merged into.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { notFound } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { localeFromRequest } from "~/i18n/locales";
import { getPublicProvince } from "~/modules/public/queries.server";
import { FeedbackCountsList, ProjectCards } from "~/modules/public/ui";
import { titleWith } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  titleWith(matches, data ? data.title : null, "public.list.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = /^\d{1,9}$/.test(params.id ?? "") ? Number(params.id) : null;
  if (id === null) throw notFound();
  const result = getPublicProvince(getDb(), id);
  if (result.kind === "missing") throw notFound();
  if (result.kind === "moved") throw redirect(`/public/provinces/${result.to}`);
  const p = result.page.province;
  return { ...result.page, title: localized(localeFromRequest(request), p.nameVi, p.nameEn) };
}

export default function PublicProvince() {
  const d = useLoaderData<typeof loader>();
  const { t, locale, num, money } = useT();
  const p = d.province;
  const none = t("common.common.none");
  return (
    <>
      <p className="breadcrumb">
        <Link to="/public">{t("public.page.all")}</Link>
      </p>
      <h1>{t("public.province.title", { name: localized(locale, p.nameVi, p.nameEn) })}</h1>
      <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t("public.province.facts")}</h2>
        <dl className="summary" data-testid="province-facts">
          <dt>{t("public.province.region")}</dt>
          <dd>{p.regionVi ? localized(locale, p.regionVi, p.regionEn) : none}</dd>
          <dt>{t("public.province.population")}</dt>
          <dd>{p.population === null ? none : num(p.population)}</dd>
          <dt>{t("public.province.area")}</dt>
          <dd>{p.areaKm2 === null ? none : t("public.province.areaValue", { n: num(p.areaKm2) })}</dd>
          <dt>{t("public.province.seat")}</dt>
          <dd>{p.seatName ?? none}</dd>
          <dt>{t("public.province.predecessors")}</dt>
          <dd>
            {p.predecessors.length
              ? p.predecessors.map((x) => localized(locale, x.nameVi, x.nameEn)).join(", ")
              : none}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading">{t("public.province.totals")}</h2>
        <dl className="summary" data-testid="province-totals">
          <dt>{t("public.province.projects")}</dt>
          <dd>{num(d.projects.length)}</dd>
          <dt>{t("public.page.approved")}</dt>
          <dd>{money(d.totals.approved)}</dd>
          <dt>{t("public.page.disbursed")}</dt>
          <dd>{money(d.totals.disbursed)}</dd>
        </dl>
        <FeedbackCountsList counts={d.totals} />
      </section>
      <section aria-labelledby="projects-heading">
        <h2 id="projects-heading">{t("public.province.projects")}</h2>
        {d.projects.length ? (
          <ProjectCards projects={d.projects} />
        ) : (
          <p className="muted">{t("public.province.noProjects")}</p>
        )}
      </section>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
