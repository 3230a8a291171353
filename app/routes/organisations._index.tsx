import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { ORGANISATION_KINDS } from "#db/enums";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { DataTable, TableFilters } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/forms";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { parseRegisterQuery, REGISTER_STATUSES } from "~/modules/organisations/register";
import { listOrganisations, listRegions, type RegisterRow } from "~/modules/organisations/register.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";
import { DownloadLinks } from "~/modules/export/download-links";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "org.register.title");

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "read", "organisation");
  const db = getDb();
  const url = new URL(request.url);
  const query = parseRegisterQuery(url.searchParams);
  const locale = localeFromRequest(request);
  return { ...listOrganisations(db, query, locale), regions: listRegions(db, locale) };
}

const col = createColumnHelper<RegisterRow>();

export default function OrganisationRegister() {
  const data = useLoaderData<typeof loader>();
  const { t, locale, num, date } = useT();
  const { filters } = data;

  const columns = useMemo(
    () => [
      col.accessor("nameVi", {
        id: "name",
        header: () => t("org.col.name"),
        meta: { rowHeader: true },
        cell: ({ row: { original: o } }) => (
          <>
            <Link to={`/organisations/${o.id}`}>{localized(locale, o.nameVi, o.nameEn)}</Link>{" "}
            <span className="muted org-code">{o.code}</span>
            {o.legacy ? (
              <>
                {" "}
                <span className="tag tag--legacy">{t("org.legacy")}</span>
              </>
            ) : null}
          </>
        ),
      }),
      col.accessor("kind", {
        header: () => t("org.col.kind"),
        cell: (c) => t(`enums.orgKind.${c.getValue()}`),
      }),
      col.accessor("regionCode", {
        id: "region",
        header: () => t("org.col.region"),
        cell: ({ row: { original: o } }) =>
          o.regionNameVi ? localized(locale, o.regionNameVi, o.regionNameEn) : t("common.common.none"),
      }),
      col.accessor("population", {
        header: () => t("org.col.population"),
        meta: { numeric: true, initialDir: "desc" },
        cell: (c) => (c.getValue() === null ? t("common.common.none") : num(c.getValue()!)),
      }),
      col.accessor("validFrom", {
        header: () => t("org.col.validFrom"),
        meta: { initialDir: "desc" },
        cell: (c) => date(c.getValue()),
      }),
      col.accessor("validTo", {
        header: () => t("org.col.validTo"),
        meta: { initialDir: "desc" },
        cell: ({ row: { original: o } }) =>
          o.validTo ? (
            <>
              {date(o.validTo)}
              {o.successors.length ? (
                <span className="successor-links">
                  {" → "}
                  {o.successors.map((s, i) => (
                    <span key={s.id}>
                      {i > 0 ? ", " : null}
                      <Link
                        to={`/organisations/${s.id}`}
                        aria-label={t("org.successorLink", { name: localized(locale, s.nameVi, s.nameEn) })}
                      >
                        {localized(locale, s.nameVi, s.nameEn)}
                      </Link>
                    </span>
                  ))}
                </span>
              ) : null}
            </>
          ) : (
            t("common.common.none")
          ),
      }),
      col.accessor("projectCount", {
        id: "projects",
        header: () => t("org.col.projects"),
        meta: { numeric: true, initialDir: "desc" },
        cell: (c) => num(c.getValue()),
      }),
    ],
    [t, locale, num, date],
  );

  const statusLabel = t(`org.status.${filters.status}`);
  return (
    <>
      <h1>{t("org.register.title")}</h1>
      <p className="lead">{t("org.register.intro")}</p>
      <TableFilters label={t("org.filters.label")}>
        <div className="form-group">
          <label htmlFor="org-q">{t("org.filters.q")}</label>
          <span className="hint" id="org-q-hint">
            {t("org.filters.qHint")}
          </span>
          <input
            type="search"
            id="org-q"
            name="q"
            defaultValue={filters.q}
            aria-describedby="org-q-hint"
            key={filters.q}
          />
        </div>
        <FilterSelect
          id="org-kind"
          name="kind"
          label={t("org.col.kind")}
          value={filters.kind}
          choices={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`enums.orgKind.${k}`) }))}
        />
        <FilterSelect
          id="org-region"
          name="region"
          label={t("org.col.region")}
          value={filters.region}
          choices={data.regions.map((r) => ({ value: r.code, label: localized(locale, r.nameVi, r.nameEn) }))}
        />
        <div className="form-group">
          <label htmlFor="org-status">{t("org.filters.status")}</label>
          <select
            id="org-status"
            name="status"
            defaultValue={filters.statusParam ?? ""}
            key={filters.statusParam ?? ""}
          >
            <option value="">{t("org.status.auto")}</option>
            {REGISTER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`org.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </TableFilters>
      {filters.q && filters.status === "current" && data.total === 0 ? (
        <p className="notice" data-testid="search-legacy-hint">
          {t("org.register.noCurrentMatch")}{" "}
          <Link to={`?${new URLSearchParams({ q: filters.q, status: "all" })}`}>
            {t("org.register.searchAll")}
          </Link>
        </p>
      ) : null}
      <DownloadLinks base="/organisations" />
      <DataTable
        id="organisations"
        testId="organisation-register"
        caption={t("org.register.caption")}
        captionDetail={
          <span className="visually-hidden"> {t("org.register.captionStatus", { status: statusLabel })}</span>
        }
        columns={columns}
        data={data.rows}
        total={data.total}
        state={data.table}
        getRowId={(r) => String(r.id)}
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
