import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { can, requirePermission } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { getOrganisationView, type OrgRef, type SuccessionStep } from "~/modules/organisations/detail.server";
import { parseId } from "~/modules/organisations/params";
import { titleWith } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  titleWith(matches, data?.title, "org.detail.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requirePermission(request, "read", "organisation");
  const id = parseId(params.id);
  const view = id === null ? null : getOrganisationView(getDb(), id);
  if (!view) throw new Response(null, { status: 404 });
  const locale = localeFromRequest(request);
  return {
    ...view,
    title: localized(locale, view.organisation.nameVi, view.organisation.nameEn),
    canReadPlans: can(user, "read", "plan", view.organisation.id),
  };
}

function OrgLink({ org }: { org: Pick<OrgRef, "id" | "nameVi" | "nameEn"> }) {
  const { locale } = useT();
  return <Link to={`/organisations/${org.id}`}>{localized(locale, org.nameVi, org.nameEn)}</Link>;
}

function SuccessionTable({
  id,
  caption,
  steps,
  viaLabel,
  self,
  selfName,
}: {
  id: string;
  caption: string;
  steps: SuccessionStep[];
  viaLabel: string;
  self: number;
  selfName: string;
}) {
  const { t, date, locale } = useT();
  const names = new Map(steps.map((s) => [s.id, localized(locale, s.nameVi, s.nameEn)]));
  return (
    <div className="table-wrap">
      <table className="data-table" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("org.col.name")}</th>
            <th scope="col">{t("org.succession.effective")}</th>
            <th scope="col">{viaLabel}</th>
            <th scope="col">{t("org.col.validTo")}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr key={s.id} data-org-code={s.code}>
              <th scope="row">
                <OrgLink org={s} /> <span className="muted org-code">{s.code}</span>
                {s.validTo ? (
                  <>
                    {" "}
                    <span className="tag tag--legacy">{t("org.legacy")}</span>
                  </>
                ) : null}
              </th>
              <td>{date(s.effectiveDate)}</td>
              <td>{s.viaId === self ? selfName : (names.get(s.viaId) ?? t("common.common.none"))}</td>
              <td>{s.validTo ? date(s.validTo) : t("org.succession.inForce")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function OrganisationPage() {
  const data = useLoaderData<typeof loader>();
  const { t, locale, num, date } = useT();
  const o = data.organisation;
  const otherName = locale === "vi" ? o.nameEn : o.nameVi;
  const current = data.successors.filter((s) => s.validTo === null);

  return (
    <article>
      <p className="breadcrumb">
        <Link to="/organisations">{t("org.register.title")}</Link>
      </p>
      <h1>
        {data.title} {o.legacy ? <span className="tag tag--legacy">{t("org.legacy")}</span> : null}
      </h1>
      <p className="lead" lang={locale === "vi" ? "en" : "vi"}>
        {otherName}
      </p>

      {o.legacy && current.length > 0 ? (
        <p className="notice" data-testid="legacy-notice">
          {t("org.detail.legacyNotice", { date: date(o.validTo) })}{" "}
          {current.map((s, i) => (
            <span key={s.id}>
              {i > 0 ? ", " : null}
              <OrgLink org={s} /> ({t("org.detail.since", { date: date(s.effectiveDate) })})
            </span>
          ))}
        </p>
      ) : null}

      <dl className="summary">
        <dt>{t("org.col.code")}</dt>
        <dd>{o.code}</dd>
        <dt>{t("org.detail.nameVi")}</dt>
        <dd lang="vi">{o.nameVi}</dd>
        <dt>{t("org.detail.nameEn")}</dt>
        <dd lang="en">{o.nameEn}</dd>
        <dt>{t("org.col.kind")}</dt>
        <dd>
          {t(`enums.orgKind.${o.kind}`)}
          {o.municipality ? ` · ${t("org.detail.municipality")}` : null}
        </dd>
        <dt>{t("org.col.region")}</dt>
        <dd>
          {o.regionNameVi ? localized(locale, o.regionNameVi, o.regionNameEn) : t("common.common.none")}
        </dd>
        <dt>{t("org.detail.parent")}</dt>
        <dd>{o.parent ? <OrgLink org={o.parent} /> : t("common.common.none")}</dd>
        <dt>{t("org.detail.seat")}</dt>
        <dd>{o.seatName ?? t("common.common.none")}</dd>
        <dt>{t("org.col.population")}</dt>
        <dd>{o.population === null ? t("common.common.none") : num(o.population)}</dd>
        <dt>{t("org.detail.area")}</dt>
        <dd>
          {o.areaKm2 === null
            ? t("common.common.none")
            : t("org.detail.areaValue", { area: num(o.areaKm2, 1) })}
        </dd>
        {o.gsoCode ? (
          <>
            <dt>{t("org.detail.gso")}</dt>
            <dd>{o.gsoCode}</dd>
          </>
        ) : null}
        <dt>{t("org.detail.validity")}</dt>
        <dd data-testid="validity">
          {o.validFrom
            ? t("org.detail.validityRange", {
                from: date(o.validFrom),
                to: o.validTo ? date(o.validTo) : t("org.succession.inForce"),
              })
            : o.validTo
              ? t("org.detail.validityUntil", { to: date(o.validTo) })
              : t("org.succession.inForce")}
        </dd>
      </dl>

      <section aria-labelledby="succession-heading">
        <h2 id="succession-heading">{t("org.succession.title")}</h2>
        {data.predecessors.length === 0 && data.successors.length === 0 ? (
          <p>{t("org.succession.none")}</p>
        ) : null}
        {data.successors.length > 0 ? (
          <SuccessionTable
            id="successors"
            caption={t("org.succession.successorsCaption", { name: data.title })}
            steps={data.successors}
            viaLabel={t("org.succession.from")}
            self={o.id}
            selfName={data.title}
          />
        ) : null}
        {data.predecessors.length > 0 ? (
          <SuccessionTable
            id="predecessors"
            caption={t("org.succession.predecessorsCaption", {
              name: data.title,
              count: num(data.predecessors.length),
            })}
            steps={data.predecessors}
            viaLabel={t("org.succession.into")}
            self={o.id}
            selfName={data.title}
          />
        ) : null}
      </section>

      {data.children.length > 0 ? (
        <section aria-labelledby="children-heading">
          <h2 id="children-heading">{t("org.children.title")}</h2>
          <ul className="plain-list" data-testid="child-cities">
            {data.children.map((c) => (
              <li key={c.id}>
                <OrgLink org={c} />{" "}
                <span className="muted">{t("org.children.projects", { count: num(c.projectCount) })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="projects-heading">
        <h2 id="projects-heading">{t("org.projects.title")}</h2>
        <div className="table-wrap">
          <table
            className="data-table data-table--compact"
            id="projects-by-phase"
            data-testid="projects-by-phase"
          >
            <caption>{t("org.projects.caption", { name: data.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("org.projects.phase")}</th>
                <th scope="col" className="num">
                  {t("org.projects.own")}
                </th>
                {data.predecessors.length > 0 ? (
                  <th scope="col" className="num">
                    {t("org.projects.inherited")}
                  </th>
                ) : null}
                {data.predecessors.length > 0 ? (
                  <th scope="col" className="num">
                    {t("org.projects.total")}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {data.projectsByPhase.map((p) => (
                <tr key={p.phase} data-phase={p.phase}>
                  <th scope="row">{t(`enums.phase.${p.phase}`)}</th>
                  <td className="num">{num(p.own)}</td>
                  {data.predecessors.length > 0 ? <td className="num">{num(p.inherited)}</td> : null}
                  {data.predecessors.length > 0 ? <td className="num">{num(p.own + p.inherited)}</td> : null}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("org.projects.total")}</th>
                <td className="num">{num(data.totals.own)}</td>
                {data.predecessors.length > 0 ? <td className="num">{num(data.totals.inherited)}</td> : null}
                {data.predecessors.length > 0 ? (
                  <td className="num">{num(data.totals.own + data.totals.inherited)}</td>
                ) : null}
              </tr>
            </tfoot>
          </table>
        </div>
        <p className="hint">
          {data.predecessors.length > 0 ? t("org.projects.inheritedHint") : t("org.projects.ownHint")}
        </p>
      </section>

      <section aria-labelledby="plans-heading">
        <h2 id="plans-heading">{t("org.plans.title")}</h2>
        <p>
          {t("org.plans.count", { count: num(data.planCount) })}{" "}
          {data.canReadPlans ? (
            <Link to={`/organisations/${o.id}/plans`} data-testid="plans-link">
              {t("org.plans.open")}
            </Link>
          ) : (
            <span className="muted">{t("org.plans.restricted")}</span>
          )}
        </p>
      </section>
    </article>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
