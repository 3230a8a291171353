import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo } from "react";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { DataTable, TableFilters } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { parseAuditQuery } from "~/modules/admin/audit";
import { checkAuditChain, listAuditEvents, type AuditRow } from "~/modules/admin/audit.server";
import { describeFlagEvent, flagEventText, type FlagEventText } from "~/modules/flags/audit";
import { pageTitle } from "~/modules/shell/meta";
import { localized } from "~/utils/localized";
import { DownloadLinks } from "~/modules/export/download-links";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.audit.title");

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "read", "audit");
  const db = getDb();
  const query = parseAuditQuery(new URL(request.url).searchParams);
  const list = listAuditEvents(db, query);
  // Snapshots stay on the server; flag events get a plain-language description.
  const rows = list.rows.map(({ before, after, ...r }) => ({ ...r, flag: describeFlagEvent({ ...r, before, after }) }));
  return { ...list, rows, filters: query.filters, chain: checkAuditChain(db) };
}

type Row = Omit<AuditRow, "before" | "after"> & { flag: FlagEventText | null };
const col = createColumnHelper<Row>();

export default function AuditLog() {
  const data = useLoaderData<typeof loader>();
  const { t, locale, dateTime, num } = useT();
  const columns = useMemo(
    () => [
      col.accessor("at", {
        header: () => t("admin.audit.col.at"),
        meta: { rowHeader: true, initialDir: "desc" },
        cell: ({ row: { original: e } }) => (
          <>
            {dateTime(e.at)} <span className="muted">#{e.id}</span>
          </>
        ),
      }),
      col.accessor("actorLabel", { header: () => t("admin.audit.col.actor"), enableSorting: false }),
      col.accessor("action", {
        header: () => t("admin.audit.col.action"),
        enableSorting: false,
        cell: ({ row: { original: e } }) => (
          <>
            <code>{e.action}</code>
            {e.flag ? <p className="muted">{flagEventText(e.flag, t)}</p> : null}
          </>
        ),
      }),
      col.accessor("entityType", {
        header: () => t("admin.audit.col.entity"),
        enableSorting: false,
        cell: ({ row: { original: e } }) => (
          <>
            {e.entityType}
            {e.entityId ? <span className="muted"> #{e.entityId}</span> : null}
          </>
        ),
      }),
      col.accessor("organisationId", {
        header: () => t("admin.audit.col.organisation"),
        enableSorting: false,
        cell: ({ row: { original: e } }) =>
          e.organisationId && e.organisationNameVi ? (
            <Link to={`/organisations/${e.organisationId}`}>
              {localized(locale, e.organisationNameVi, e.organisationNameEn)}
            </Link>
          ) : (
            t("common.common.none")
          ),
      }),
      col.accessor("hash", {
        header: () => t("admin.audit.col.hash"),
        enableSorting: false,
        cell: (c) => (
          <code className="hash" title={c.getValue()}>
            {c.getValue().slice(0, 12)}…
          </code>
        ),
      }),
    ],
    [t, locale, dateTime],
  );
  return (
    <>
      <h1>{t("admin.audit.title")}</h1>
      <p className="lead">{t("admin.audit.intro")}</p>
      {data.chain.ok ? (
        <p className="notice notice--ok" role="status" data-testid="chain-status" data-ok="true">
          {t("admin.audit.chainOk", { count: num(data.chain.count) })}
        </p>
      ) : (
        <p className="notice notice--error" role="alert" data-testid="chain-status" data-ok="false">
          {t("admin.audit.chainBroken", { id: data.chain.brokenAt })}
        </p>
      )}
      <TableFilters label={t("admin.audit.filters")}>
        <div className="form-group">
          <label htmlFor="audit-q">{t("admin.audit.q")}</label>
          <input type="search" id="audit-q" name="q" defaultValue={data.filters.q} key={data.filters.q} />
        </div>
        <div className="form-group">
          <label htmlFor="audit-entity">{t("admin.audit.col.entity")}</label>
          <select
            id="audit-entity"
            name="entity"
            defaultValue={data.filters.entity ?? ""}
            key={data.filters.entity ?? ""}
          >
            <option value="">{t("common.form.all")}</option>
            {data.entityTypes.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </div>
      </TableFilters>
      <DownloadLinks base="/audit" />
      <DataTable
        id="audit"
        testId="audit-table"
        caption={t("admin.audit.caption")}
        columns={columns}
        data={data.rows}
        total={data.total}
        state={data.table}
        pageSizes={[25, 50, 100]}
        getRowId={(r) => String(r.id)}
      />
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
