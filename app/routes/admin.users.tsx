import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { ROLES } from "#db/enums";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { DataTable, TableFilters } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { parseUserQuery } from "~/modules/admin/users";
import { listUsers, type UserRow } from "~/modules/admin/users.server";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.users.title");

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "read", "user");
  const query = parseUserQuery(new URL(request.url).searchParams);
  return { ...listUsers(getDb(), query), filters: query.filters };
}

const col = createColumnHelper<UserRow>();

export default function AdminUsers() {
  const data = useLoaderData<typeof loader>();
  const { t, locale, dateTime, num } = useT();
  const columns = useMemo(
    () => [
      col.accessor("name", {
        header: () => t("admin.users.col.name"),
        meta: { rowHeader: true },
        cell: ({ row: { original: u } }) => (
          <>
            {u.name}
            {!u.active ? (
              <>
                {" "}
                <span className="tag tag--legacy">{t("admin.users.inactive")}</span>
              </>
            ) : null}
          </>
        ),
      }),
      col.accessor("email", { header: () => t("admin.users.col.email") }),
      col.accessor("memberships", {
        id: "memberships",
        header: () => t("admin.users.col.memberships"),
        enableSorting: false,
        cell: (c) =>
          c.getValue().length === 0 ? (
            t("admin.users.noMembership")
          ) : (
            <ul className="plain-list">
              {c.getValue().map((m) => (
                <li key={`${m.organisationId}-${m.role}`}>
                  {t(`enums.role.${m.role}`)} ·{" "}
                  <Link to={`/organisations/${m.organisationId}`}>
                    {localized(locale, m.organisationNameVi, m.organisationNameEn)}
                  </Link>
                </li>
              ))}
            </ul>
          ),
      }),
      col.accessor("locale", {
        header: () => t("admin.users.col.locale"),
        enableSorting: false,
        cell: (c) => t(c.getValue() === "en" ? "admin.users.locale.en" : "admin.users.locale.vi"),
      }),
      col.accessor("sessionCount", {
        header: () => t("admin.users.col.sessions"),
        enableSorting: false,
        meta: { numeric: true },
        cell: (c) => num(c.getValue()),
      }),
      col.accessor("createdAt", {
        header: () => t("admin.users.col.createdAt"),
        meta: { initialDir: "desc" },
        cell: (c) => dateTime(c.getValue()),
      }),
    ],
    [t, locale, dateTime, num],
  );
  return (
    <>
      <h1>{t("admin.users.title")}</h1>
      <p className="lead">{t("admin.users.intro")}</p>
      <TableFilters label={t("admin.users.filters")}>
        <div className="form-group">
          <label htmlFor="users-q">{t("admin.users.q")}</label>
          <input type="search" id="users-q" name="q" defaultValue={data.filters.q} key={data.filters.q} />
        </div>
        <div className="form-group">
          <label htmlFor="users-role">{t("admin.users.role")}</label>
          <select
            id="users-role"
            name="role"
            defaultValue={data.filters.role ?? ""}
            key={data.filters.role ?? ""}
          >
            <option value="">{t("common.form.all")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`enums.role.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </TableFilters>
      <DataTable
        id="users"
        testId="users-table"
        caption={t("admin.users.caption")}
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
