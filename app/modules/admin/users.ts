/** URL contract of the user list (pure). */
import { z } from "zod";
import { ROLES } from "#db/enums";
import { parseFilters, parseTableParams, type TableSpec, type TableState } from "~/modules/table/params";

export const USER_SORTS = ["name", "email", "createdAt"] as const;
export type UserSort = (typeof USER_SORTS)[number];

export const USER_TABLE: TableSpec<UserSort> = {
  sortable: USER_SORTS,
  defaultSort: "name",
  defaultDir: "asc",
  initialDir: { createdAt: "desc" },
  defaultPageSize: 25,
};

export interface UserFilters {
  q: string;
  role: (typeof ROLES)[number] | null;
}

export function parseUserQuery(search: URLSearchParams | string): {
  table: TableState<UserSort>;
  filters: UserFilters;
} {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const f = parseFilters(params, { q: z.string().max(100).optional(), role: z.enum(ROLES).optional() });
  return {
    table: parseTableParams(params, USER_TABLE),
    filters: { q: (f.q ?? "").trim(), role: f.role ?? null },
  };
}
