/** URL contract of the audit log (pure). */
import { z } from "zod";
import { parseFilters, parseTableParams, type TableSpec, type TableState } from "~/modules/table/params";

export const AUDIT_SORTS = ["at"] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];

export const AUDIT_TABLE: TableSpec<AuditSort> = {
  sortable: AUDIT_SORTS,
  defaultSort: "at",
  defaultDir: "desc",
  initialDir: { at: "desc" },
  pageSizes: [25, 50, 100],
  defaultPageSize: 50,
};

export interface AuditFilters {
  q: string;
  entity: string | null;
}

export function parseAuditQuery(search: URLSearchParams | string): {
  table: TableState<AuditSort>;
  filters: AuditFilters;
} {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const f = parseFilters(params, {
    q: z.string().max(100).optional(),
    entity: z
      .string()
      .regex(/^[a-z_]{1,40}$/)
      .optional(),
  });
  return {
    table: parseTableParams(params, AUDIT_TABLE),
    filters: { q: (f.q ?? "").trim(), entity: f.entity ?? null },
  };
}
