/**
 * `/public/data`: the public transparency page (no login). Every project that
 * processes personal data and is approved or running (or published) — see
 * `isListedPublicly` — with who operates each data use, why, on what legal
 * basis, for how long, and whether only aggregated data is shared. The loader
 * returns the public fields of `transparencyPage` and nothing else.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/forms";
import { useT } from "~/i18n/useT";
import { provinceOptions } from "~/modules/apps/apps.server";
import { DATA_CATEGORIES, isPersonalCategory } from "~/modules/data-register/categories";
import { transparencyPage } from "~/modules/data-register/data-register.server";
import { pageTitle } from "~/modules/shell/meta";
import { pageCount, parseFilters, parseTableParams, withParams } from "~/modules/table/params";
import { localized } from "~/utils/localized";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "dataRegister.public.title");

const PAGE_SIZE = 20;
const FILTERS = {
  q: z.string().max(100).optional(),
  province: z.coerce.number().int().positive().optional(),
  category: z.enum(DATA_CATEGORIES).optional(),
};

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const params = new URL(request.url).searchParams;
  const filters = parseFilters(params, FILTERS);
  const table = parseTableParams(params, {
    sortable: ["code"] as const,
    defaultSort: "code",
    defaultDir: "asc",
    pageSizes: [PAGE_SIZE],
    defaultPageSize: PAGE_SIZE,
  });
  const page = transparencyPage(db, filters, table);
  // Only these fields leave the server (public names of provinces; the page's public read model).
  return {
    projects: page.projects,
    total: page.total,
    privateOperated: page.privateOperated,
    page: page.table.page,
    pages: pageCount(page.total, PAGE_SIZE),
    filters: { q: filters.q ?? "", province: filters.province ?? null, category: filters.category ?? null },
    provinces: provinceOptions(db).map((p) => ({ id: p.id, nameVi: p.nameVi, nameEn: p.nameEn })),
  };
}

export default function PublicDataPage() {
  const d = useLoaderData<typeof loader>();
  const { t, locale, num } = useT();
  const location = useLocation();
  const search = new URLSearchParams(location.search);
  return (
    <div className="transparency">
      <h1>{t("dataRegister.public.title")}</h1>
      <p className="lead">{t("dataRegister.public.lead")}</p>
      <p className="hint">{t("dataRegister.public.which")}</p>

      <Form method="get" className="filters" role="search" aria-label={t("dataRegister.public.filters")}>
        <div className="form-group">
          <label htmlFor="td-q">{t("dataRegister.public.q")}</label>
          <span className="hint" id="td-q-hint">
            {t("dataRegister.public.qHint")}
          </span>
          <input
            type="search"
            id="td-q"
            name="q"
            defaultValue={d.filters.q}
            key={d.filters.q}
            aria-describedby="td-q-hint"
          />
        </div>
        <FilterSelect
          id="td-province"
          name="province"
          label={t("dataRegister.public.province")}
          value={d.filters.province}
          choices={d.provinces.map((p) => ({
            value: String(p.id),
            label: localized(locale, p.nameVi, p.nameEn),
          }))}
        />
        <FilterSelect
          id="td-category"
          name="category"
          label={t("dataRegister.field.category")}
          value={d.filters.category}
          choices={DATA_CATEGORIES.map((c) => ({ value: c, label: t(`dataRegister.category.${c}`) }))}
        />
        <div className="filters__actions">
          <button type="submit" className="button">
            {t("common.form.filter")}
          </button>{" "}
          <Link to="/public/data">{t("common.form.clear")}</Link>
        </div>
      </Form>

      <p data-testid="transparency-summary" role="status">
        {t("dataRegister.public.summary", { n: num(d.total), priv: num(d.privateOperated) })}
      </p>

      {d.projects.length === 0 ? <p>{t("dataRegister.public.none")}</p> : null}
      <ul className="transparency-list" data-testid="transparency-list">
        {d.projects.map((p) => {
          const title = localized(locale, p.titleVi, p.titleEn);
          return (
            <li key={p.code} className="transparency-card" data-testid={`transparency-${p.code}`}>
              <article aria-labelledby={`tp-${p.code}`}>
                <h2 id={`tp-${p.code}`} className="transparency-card__title">
                  {p.published ? (
                    <Link to={`/public/projects/${encodeURIComponent(p.code)}`}>{title}</Link>
                  ) : (
                    title
                  )}{" "}
                  <span className="muted org-code">{p.code}</span>
                </h2>
                <p className="muted">
                  {t("dataRegister.public.responsible", {
                    name: localized(locale, p.responsibleVi, p.responsibleEn),
                  })}
                  {p.provinceVi ? ` · ${localized(locale, p.provinceVi, p.provinceEn)}` : ""}
                  {` · ${t(`enums.phase.${p.phase}`)}`}
                </p>
                <ul className="transparency-uses">
                  {p.uses.map((u, i) => (
                    <li key={i}>
                      <h3 className="transparency-use__title">
                        {t(`dataRegister.category.${u.category}`)}
                        {isPersonalCategory(u.category) ? ` (${t("dataRegister.personal")})` : ""}
                      </h3>
                      <dl className="summary summary--compact">
                        <dt>{t("dataRegister.col.purpose")}</dt>
                        <dd lang={locale === "en" && u.purposeEn ? "en" : "vi"}>
                          {localized(locale, u.purposeVi, u.purposeEn)}
                        </dd>
                        <dt>{t("dataRegister.col.operator")}</dt>
                        <dd>
                          {t(`projects.operator.${u.operatorType}`)}
                          {u.operatorName ? ` — ${u.operatorName}` : null}
                        </dd>
                        <dt>{t("dataRegister.col.legalBasis")}</dt>
                        <dd>{u.legalBasis ?? "—"}</dd>
                        <dt>{t("dataRegister.col.retention")}</dt>
                        <dd>{u.retention ?? "—"}</dd>
                        <dt>{t("dataRegister.col.sharing")}</dt>
                        <dd>
                          {u.aggregatedOnly
                            ? t("dataRegister.sharing.aggregated")
                            : t("dataRegister.sharing.notOnly")}
                        </dd>
                      </dl>
                    </li>
                  ))}
                </ul>
              </article>
            </li>
          );
        })}
      </ul>

      <nav className="pagination" aria-label={t("common.table.pagination")}>
        {d.page > 1 ? (
          <Link to={withParams(search, { page: d.page - 1 })} rel="prev">
            ← {t("common.table.previous")}
          </Link>
        ) : null}
        <span className="pagination__status">
          {t("common.table.pageOf", { page: num(d.page), pages: num(d.pages) })}
        </span>
        {d.page < d.pages ? (
          <Link to={withParams(search, { page: d.page + 1 })} rel="next">
            {t("common.table.next")} →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
