/**
 * URL contract of the plan list `/plans` (pure): sort, page and filters
 * (status, organisation, period) in the query string.
 */
import { z } from "zod";
import { PLAN_STATUSES } from "#db/enums";
import { parseFilters, parseTableParams, type TableSpec, type TableState } from "~/modules/table/params";

export const PLAN_LIST_SORTS = [
  "code",
  "title",
  "organisation",
  "period",
  "status",
  "revision",
  "updated",
] as const;
export type PlanListSort = (typeof PLAN_LIST_SORTS)[number];

export const PLAN_LIST_TABLE: TableSpec<PlanListSort> = {
  sortable: PLAN_LIST_SORTS,
  defaultSort: "updated",
  defaultDir: "desc",
  initialDir: { period: "desc", revision: "desc", updated: "desc" },
  defaultPageSize: 25,
};

/** `2026-2030`: first and last year of a plan period. */
export const PERIOD_PATTERN = /^(\d{4})-(\d{4})$/;

export const PLAN_LIST_FILTERS = {
  status: z.enum(PLAN_STATUSES).optional(),
  org: z.coerce.number().int().positive().optional(),
  period: z.string().regex(PERIOD_PATTERN).optional(),
};

export interface PlanListFilters {
  status?: (typeof PLAN_STATUSES)[number];
  org?: number;
  period?: string;
}

export interface PlanListQuery {
  table: TableState<PlanListSort>;
  filters: PlanListFilters;
}

export function parsePlanListQuery(input: URLSearchParams | string): PlanListQuery {
  const params = typeof input === "string" ? new URLSearchParams(input) : input;
  return {
    table: parseTableParams(params, PLAN_LIST_TABLE),
    filters: parseFilters(params, PLAN_LIST_FILTERS),
  };
}

/** `{ start, end }` of a `2026-2030` period filter, or null. */
export function parsePeriod(period: string | undefined): { start: number; end: number } | null {
  const m = period ? PERIOD_PATTERN.exec(period) : null;
  return m ? { start: Number(m[1]), end: Number(m[2]) } : null;
}
