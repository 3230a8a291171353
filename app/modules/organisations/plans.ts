/** URL contract of an organisation's plan list (pure). */
import type { TableSpec } from "~/modules/table/params";

export const PLAN_SORTS = ["code", "title", "period", "status", "revision"] as const;
export type PlanSort = (typeof PLAN_SORTS)[number];

export const PLAN_TABLE: TableSpec<PlanSort> = {
  sortable: PLAN_SORTS,
  defaultSort: "period",
  defaultDir: "desc",
  initialDir: { period: "desc", revision: "desc" },
  defaultPageSize: 25,
};
