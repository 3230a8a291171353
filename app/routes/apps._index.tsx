import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { DOMAINS } from "#db/enums";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { scopeOf } from "~/auth/permissions";
import { DataTable, TableFilters } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/forms";
import { localeFromRequest } from "~/i18n/locales";
import { useT } from "~/i18n/useT";
import { appOwnerOptions, listApps, provinceOptions, type AppRow } from "~/modules/apps/apps.server";
import { APP_PLATFORMS, APP_SCOPES, APP_STATUSES, parseAppQuery } from "~/modules/apps/register";
import { ownerChoicesFor } from "~/modules/apps/route.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "apps.title.list");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "read", "register");
  const db = getDb();
  const query = parseAppQuery(new URL(request.url).searchParams);
  const locale = localeFromRequest(request, user.locale);
  return {
    ...listApps(db, query, locale),
    owners: appOwnerOptions(db),
    provinces: provinceOptions(db),
    // Planners of a ministry record no provincial app: no button for them.
    canCreate:
      scopeOf(user, "create", "register") === "any" ||
      (scopeOf(user, "create", "register") === "own" && ownerChoicesFor(db, user, "create").length > 0),
  };
}

const col = createColumnHelper<AppRow>();

export default function AppRegister() {
  const d = useLoaderData<typeof loader>();
  const { t, locale, num, date } = useT();
  const f = d.filters;
  const none = t("common.common.none");

  const columns = useMemo(
    () => [
      col.accessor("nameVi", {
        id: "name",
        header: () => t("apps.col.name"),
        meta: { rowHeader: true },
        cell: ({ row: { original: a } }) => (
          <Link to={`/apps/${a.id}`}>{localized(locale, a.nameVi, a.nameEn)}</Link>
        ),
      }),
      col.accessor("scope", {
        header: () => t("apps.col.scope"),
        cell: (c) => t(`apps.scope.${c.getValue()}`),
      }),
      col.accessor("ownerNameVi", {
        id: "owner",
        header: () => t("apps.col.owner"),
        cell: ({ row: { original: a } }) => (
          <Link to={`/organisations/${a.ownerOrganisationId}`}>
            {localized(locale, a.ownerNameVi, a.ownerNameEn)}
          </Link>
        ),
      }),
      col.accessor("domain", {
        header: () => t("apps.col.domain"),
        cell: (c) => t(`projects.domain.${c.getValue()}`),
      }),
      col.accessor("platforms", {
        header: () => t("apps.col.platforms"),
        enableSorting: false,
        cell: (c) =>
          c
            .getValue()
            .filter((p): p is (typeof APP_PLATFORMS)[number] =>
              (APP_PLATFORMS as readonly string[]).includes(p),
            )
            .map((p) => t(`projects.platform.${p}`))
            .join(", ") || none,
      }),
      col.accessor("status", {
        header: () => t("apps.col.status"),
        cell: (c) => (
          <span className={`tag tag--app-${c.getValue()}`}>{t(`apps.status.${c.getValue()}`)}</span>
        ),
      }),
      col.accessor("launchedOn", {
        id: "launched",
        header: () => t("apps.col.launched"),
        meta: { initialDir: "desc" },
        cell: (c) => (c.getValue() ? date(c.getValue()) : none),
      }),
      col.accessor("projectCount", {
        id: "projects",
        header: () => t("apps.col.projects"),
        meta: { numeric: true, initialDir: "desc" },
        cell: (c) => num(c.getValue()),
      }),
    ],
    [t, locale, num, date, none],
  );

  return (
    <>
      <h1>{t("apps.title.list")}</h1>
      <p className="lead">{t("apps.list.intro")}</p>
      {d.canCreate ? (
        <nav className="actions" aria-label={t("apps.list.actions")}>
          <Link to="/apps/new" className="button" data-testid="app-new">
            {t("apps.action.new")}
          </Link>
        </nav>
      ) : null}
      <TableFilters label={t("apps.filters.label")}>
        <div className="form-group">
          <label htmlFor="apps-q">{t("apps.filters.q")}</label>
          <span className="hint" id="apps-q-hint">
            {t("apps.filters.qHint")}
          </span>
          <input
            type="search"
            id="apps-q"
            name="q"
            defaultValue={f.q ?? ""}
            key={f.q ?? ""}
            aria-describedby="apps-q-hint"
          />
        </div>
        <FilterSelect
          id="apps-scope"
          name="scope"
          label={t("apps.col.scope")}
          value={f.scope}
          choices={APP_SCOPES.map((s) => ({ value: s, label: t(`apps.scope.${s}`) }))}
        />
        <FilterSelect
          id="apps-owner"
          name="owner"
          label={t("apps.col.owner")}
          value={f.owner}
          choices={d.owners.map((o) => ({
            value: String(o.id),
            label: localized(locale, o.nameVi, o.nameEn),
          }))}
        />
        <FilterSelect
          id="apps-province"
          name="province"
          label={t("apps.filters.province")}
          hint={t("apps.filters.provinceHint")}
          value={f.province}
          choices={d.provinces.map((o) => ({
            value: String(o.id),
            label: localized(locale, o.nameVi, o.nameEn),
          }))}
        />
        <FilterSelect
          id="apps-domain"
          name="domain"
          label={t("apps.col.domain")}
          value={f.domain}
          choices={DOMAINS.map((x) => ({ value: x, label: t(`projects.domain.${x}`) }))}
        />
        <FilterSelect
          id="apps-status"
          name="status"
          label={t("apps.col.status")}
          value={f.status}
          choices={APP_STATUSES.map((s) => ({ value: s, label: t(`apps.status.${s}`) }))}
        />
        <FilterSelect
          id="apps-platform"
          name="platform"
          label={t("apps.filters.platform")}
          value={f.platform}
          choices={APP_PLATFORMS.map((p) => ({ value: p, label: t(`projects.platform.${p}`) }))}
        />
      </TableFilters>
      <DataTable
        id="apps"
        testId="app-register"
        caption={t("apps.list.caption")}
        columns={columns}
        data={d.rows}
        total={d.total}
        state={d.table}
        getRowId={(r) => String(r.id)}
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
