/**
 * The organisation register's URL contract (pure): which columns sort, which
 * filters exist and how bad values fall back.
 */
import { z } from "zod";
import { ORGANISATION_KINDS } from "#db/enums";
import { parseFilters, parseTableParams, type TableSpec, type TableState } from "~/modules/table/params";

export const REGISTER_SORTS = [
  "name",
  "kind",
  "region",
  "population",
  "validFrom",
  "validTo",
  "projects",
] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];

export const REGISTER_STATUSES = ["current", "legacy", "all"] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

export const REGISTER_TABLE: TableSpec<RegisterSort> = {
  sortable: REGISTER_SORTS,
  defaultSort: "name",
  defaultDir: "asc",
  initialDir: { population: "desc", projects: "desc", validFrom: "desc", validTo: "desc" },
  defaultPageSize: 25,
};

const filterShape = {
  q: z.string().max(100).optional(),
  kind: z.enum(ORGANISATION_KINDS).optional(),
  region: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .optional(),
  status: z.enum(REGISTER_STATUSES).optional(),
};

export interface RegisterFilters {
  q: string;
  kind: (typeof ORGANISATION_KINDS)[number] | null;
  region: string | null;
  /**
   * Current units by default; a text search without an explicit status looks
   * at legacy units too, so "Bình Dương" still finds the merged province.
   */
  status: RegisterStatus;
  /** The status as given in the URL (null: automatic, as above). */
  statusParam: RegisterStatus | null;
}

export interface RegisterQuery {
  table: TableState<RegisterSort>;
  filters: RegisterFilters;
}

export function parseRegisterQuery(search: URLSearchParams | string): RegisterQuery {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const f = parseFilters(params, filterShape);
  const q = (f.q ?? "").trim();
  return {
    table: parseTableParams(params, REGISTER_TABLE),
    filters: {
      q,
      kind: f.kind ?? null,
      region: f.region ?? null,
      status: f.status ?? (q ? "all" : "current"),
      statusParam: f.status ?? null,
    },
  };
}
