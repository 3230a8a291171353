/**
 * Server-driven data table on @tanstack/react-table: the server sorts,
 * filters and pages (manual* modes); the table only renders the page it is
 * given. Sort, page, page size and filters live in the URL, so headers are
 * plain links, filters a GET form, and everything works without JavaScript.
 */
import { Form, Link, useLocation } from "@remix-run/react";
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowData,
} from "@tanstack/react-table";
import type { ReactNode } from "react";
import { useT } from "~/i18n/useT";
import {
  DEFAULT_PAGE_SIZES,
  TABLE_PARAMS,
  pageCount,
  sortParams,
  withParams,
  type SortDirection,
  type TableState,
} from "~/modules/table/params";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-aligned, tabular figures. */
    numeric?: boolean;
    /** Direction used when the column is first chosen for sorting. */
    initialDir?: SortDirection;
    /** Render the cell as the row header (`<th scope="row">`). */
    rowHeader?: boolean;
  }
}

export type { ColumnDef };

export interface DataTableProps<T> {
  /** Visible table caption (what the table lists). */
  caption: string;
  columns: ColumnDef<T, unknown>[];
  data: T[];
  /** Rows matching the filters, over all pages. */
  total: number;
  state: TableState;
  getRowId?: (row: T, index: number) => string;
  /** Extra text under the caption, e.g. which filters are active. */
  captionDetail?: ReactNode;
  /** Offer a page-size choice under the table. */
  pageSizes?: readonly number[];
  /** Prefix for ids, when a page shows more than one table. */
  id?: string;
  testId?: string;
}

/** The current query string (server and client alike). */
function useSearch(): URLSearchParams {
  const location = useLocation();
  return new URLSearchParams(location.search);
}

export function DataTable<T>({
  caption,
  captionDetail,
  columns,
  data,
  total,
  state,
  getRowId,
  pageSizes = DEFAULT_PAGE_SIZES,
  id = "table",
  testId,
}: DataTableProps<T>) {
  const { t, num } = useT();
  const search = useSearch();
  const pages = pageCount(total, state.pageSize);

  const table = useReactTable<T>({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    enableSortingRemoval: false,
    rowCount: total,
    state: {
      sorting: [{ id: state.sort, desc: state.dir === "desc" }],
      pagination: { pageIndex: state.page - 1, pageSize: state.pageSize },
    },
  });

  return (
    <div className="data-table-block" id={id} data-testid={testId}>
      <div className="table-wrap">
        <table className="data-table">
          <caption>
            {caption}
            <span className="data-table__count"> ({t("common.table.rows", { count: num(total) })})</span>
            {captionDetail ? <span className="data-table__detail">{captionDetail}</span> : null}
          </caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const column = header.column;
                  const meta = column.columnDef.meta;
                  const sortable = column.getCanSort() && column.columnDef.enableSorting !== false;
                  const sorted = column.getIsSorted();
                  const label = header.isPlaceholder
                    ? null
                    : flexRender(column.columnDef.header, header.getContext());
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={meta?.numeric ? "num" : undefined}
                      aria-sort={
                        sortable
                          ? sorted === "asc"
                            ? "ascending"
                            : sorted === "desc"
                              ? "descending"
                              : "none"
                          : undefined
                      }
                    >
                      {sortable ? (
                        <Link
                          className="sort-link"
                          to={sortParams(search, state, column.id, meta?.initialDir ?? "asc")}
                          preventScrollReset
                          data-sort={column.id}
                        >
                          {label}
                          <span aria-hidden="true" className="sort-indicator">
                            {sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : " ↕"}
                          </span>
                          <span className="visually-hidden">
                            {" "}
                            (
                            {sorted === "asc"
                              ? t("common.table.sortAscending")
                              : sorted === "desc"
                                ? t("common.table.sortDescending")
                                : t("common.table.sortable")}
                            )
                          </span>
                        </Link>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="data-table__empty">
                  {t("common.table.noRows")}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                    return meta?.rowHeader ? (
                      <th key={cell.id} scope="row" className={meta?.numeric ? "num" : undefined}>
                        {content}
                      </th>
                    ) : (
                      <td key={cell.id} className={meta?.numeric ? "num" : undefined}>
                        {content}
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pagination state={state} total={total} pages={pages} search={search} pageSizes={pageSizes} id={id} />
    </div>
  );
}

function Pagination({
  state,
  total,
  pages,
  search,
  pageSizes,
  id,
}: {
  state: TableState;
  total: number;
  pages: number;
  search: URLSearchParams;
  pageSizes: readonly number[];
  id: string;
}) {
  const { t, num } = useT();
  const hasPrev = state.page > 1;
  const hasNext = state.page < pages;
  const preserved = [...search.entries()].filter(([name]) => name !== "size" && name !== "page");
  return (
    <nav className="pagination" aria-label={t("common.table.pagination")} data-testid="pagination">
      {hasPrev ? (
        <Link to={withParams(search, { page: state.page - 1 })} rel="prev" preventScrollReset>
          ← {t("common.table.previous")}
        </Link>
      ) : (
        <span className="pagination__disabled" aria-hidden="true">
          ← {t("common.table.previous")}
        </span>
      )}
      <span className="pagination__status">
        {t("common.table.pageOf", { page: num(state.page), pages: num(pages) })}
      </span>
      {hasNext ? (
        <Link to={withParams(search, { page: state.page + 1 })} rel="next" preventScrollReset>
          {t("common.table.next")} →
        </Link>
      ) : (
        <span className="pagination__disabled" aria-hidden="true">
          {t("common.table.next")} →
        </span>
      )}
      <span className="pagination__total">{t("common.table.rows", { count: num(total) })}</span>
      {pageSizes.length > 1 ? (
        <Form method="get" className="pagination__size" preventScrollReset>
          {preserved.map(([name, value], i) => (
            <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
          ))}
          <label htmlFor={`${id}-size`}>{t("table.pageSize")}</label>
          <select id={`${id}-size`} name="size" defaultValue={String(state.pageSize)} key={state.pageSize}>
            {pageSizes.map((s) => (
              <option key={s} value={s}>
                {num(s)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary button--small">
            {t("table.apply")}
          </button>
        </Form>
      ) : null}
    </nav>
  );
}

/**
 * A GET filter form for a data table: keeps the sort and page size, goes
 * back to page 1, and offers a link that clears every filter.
 */
export function TableFilters({
  children,
  label,
  clearTo,
}: {
  children: ReactNode;
  /** Accessible name of the filter region. */
  label: string;
  /** Where "clear filters" goes (defaults to the bare path with sort kept). */
  clearTo?: string;
}) {
  const { t } = useT();
  const search = useSearch();
  const location = useLocation();
  const keep: [string, string][] = [];
  for (const name of TABLE_PARAMS) {
    const value = search.get(name);
    if (name !== "page" && value !== null) keep.push([name, value]);
  }
  const cleared = withParams(new URLSearchParams(keep), {});
  const clear = clearTo ?? location.pathname + (cleared === "?" ? "" : cleared);
  return (
    <Form method="get" className="filters" role="search" aria-label={label} preventScrollReset>
      {keep.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <div className="filters__actions">
        <button type="submit" className="button">
          {t("common.form.filter")}
        </button>{" "}
        <Link to={clear}>{t("common.form.clear")}</Link>
      </div>
    </Form>
  );
}
