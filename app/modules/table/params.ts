/**
 * URL state of a server-driven data table (pure: no Remix, no database).
 *
 * A table's sort column, direction, page and page size live in the query
 * string (`?sort=name&dir=asc&page=2&size=25`) next to its filters, so every
 * view is a shareable link and works without JavaScript. Bad or unknown
 * values never fail a request: they fall back to the table's defaults.
 */
import { z } from "zod";

export type SortDirection = "asc" | "desc";

export interface TableSpec<S extends string = string> {
  /** Column ids the server knows how to sort by. */
  sortable: readonly S[];
  defaultSort: S;
  defaultDir: SortDirection;
  /** Direction used when a column is first chosen (default ascending). */
  initialDir?: Partial<Record<S, SortDirection>>;
  pageSizes?: readonly number[];
  defaultPageSize?: number;
}

export interface TableState<S extends string = string> {
  sort: S;
  dir: SortDirection;
  /** 1-based page, at least 1 (clamp to the page count with `clampPage`). */
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
/** Pages beyond this are treated as the last page anyway; it keeps OFFSET sane. */
export const MAX_PAGE = 100_000;

/** Reserved query-string names used by the table itself. */
export const TABLE_PARAMS = ["sort", "dir", "page", "size"] as const;

const pageSchema = z.coerce.number().int().min(1).max(MAX_PAGE);
const dirSchema = z.enum(["asc", "desc"]);

function first(params: URLSearchParams, name: string): string | null {
  const v = params.get(name);
  return v === null ? null : v.trim();
}

/** Parse and validate the table part of a query string. */
export function parseTableParams<S extends string>(
  input: URLSearchParams | string,
  spec: TableSpec<S>,
): TableState<S> {
  const params = typeof input === "string" ? new URLSearchParams(input) : input;
  const sizes = spec.pageSizes ?? DEFAULT_PAGE_SIZES;
  const defaultSize = spec.defaultPageSize ?? DEFAULT_PAGE_SIZE;

  const rawSort = first(params, "sort");
  const sortKnown = rawSort !== null && (spec.sortable as readonly string[]).includes(rawSort);
  const sort = (sortKnown ? rawSort : spec.defaultSort) as S;

  const dirParsed = dirSchema.safeParse(first(params, "dir")?.toLowerCase());
  const dir: SortDirection = dirParsed.success
    ? dirParsed.data
    : sortKnown
      ? (spec.initialDir?.[sort] ?? "asc")
      : spec.defaultDir;

  const rawPage = first(params, "page");
  const pageParsed = pageSchema.safeParse(rawPage === "" ? undefined : (rawPage ?? undefined));
  let page = 1;
  if (pageParsed.success) page = pageParsed.data;
  else if (rawPage !== null && /^\s*\d+\s*$/.test(rawPage) && Number(rawPage) > MAX_PAGE) page = MAX_PAGE;

  const sizeParsed = z.coerce
    .number()
    .int()
    .safeParse(first(params, "size") ?? undefined);
  const pageSize = sizeParsed.success && sizes.includes(sizeParsed.data) ? sizeParsed.data : defaultSize;

  return { sort, dir, page, pageSize };
}

/** Number of pages for `total` rows (at least 1, so an empty table is "page 1 of 1"). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(Math.max(0, total) / pageSize));
}

/** Keep the page within 1…pageCount (a stale link to page 9 of 3 shows page 3). */
export function clampPage(page: number, total: number, pageSize: number): number {
  return Math.min(Math.max(1, Math.trunc(page) || 1), pageCount(total, pageSize));
}

/** SQL LIMIT/OFFSET for a (clamped) page. */
export function limitOffset(state: Pick<TableState, "page" | "pageSize">): { limit: number; offset: number } {
  return { limit: state.pageSize, offset: (state.page - 1) * state.pageSize };
}

/**
 * Parse filter fields with a zod object schema, field by field: a field that
 * fails validation takes its default instead of failing the whole request.
 * Empty strings count as absent.
 */
export function parseFilters<T extends z.ZodRawShape>(
  input: URLSearchParams | string,
  shape: T,
): { [K in keyof T]: z.infer<T[K]> } {
  const params = typeof input === "string" ? new URLSearchParams(input) : input;
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(shape)) {
    const raw = params.get(name);
    const value = raw === null || raw.trim() === "" ? undefined : raw.trim();
    const parsed = (schema as z.ZodTypeAny).safeParse(value);
    out[name] = parsed.success ? parsed.data : (schema as z.ZodTypeAny).safeParse(undefined).data;
  }
  return out as { [K in keyof T]: z.infer<T[K]> };
}

/**
 * A query string with some parameters changed (`null` removes one). Any
 * change other than `page` itself goes back to page 1, so a new sort or
 * filter never lands on an empty page.
 */
export function withParams(
  current: URLSearchParams | string,
  changes: Record<string, string | number | null | undefined>,
): string {
  const next = new URLSearchParams(typeof current === "string" ? current : current.toString());
  let resetPage = false;
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (name !== "page") resetPage = true;
    if (value === null || value === "") next.delete(name);
    else next.set(name, String(value));
  }
  if (resetPage && !("page" in changes)) next.delete("page");
  if (next.get("page") === "1") next.delete("page");
  const s = next.toString();
  return s ? `?${s}` : "?";
}

/** Query string that sorts by `column`: toggles the direction if it is the current sort. */
export function sortParams<S extends string>(
  current: URLSearchParams | string,
  state: Pick<TableState<S>, "sort" | "dir">,
  column: S,
  initialDir: SortDirection = "asc",
): string {
  const dir: SortDirection = state.sort === column ? (state.dir === "asc" ? "desc" : "asc") : initialDir;
  return withParams(current, { sort: column, dir });
}
