/** URL contract of the list of projects beneath a strategy node (pure). */
import { z } from "zod";
import { PROJECT_PHASES } from "#db/enums";
import { parseFilters, parseTableParams, type TableSpec, type TableState } from "~/modules/table/params";

export const NODE_PROJECT_SORTS = ["code", "title", "organisation", "phase"] as const;
export type NodeProjectSort = (typeof NODE_PROJECT_SORTS)[number];

export const NODE_PROJECT_TABLE: TableSpec<NodeProjectSort> = {
  sortable: NODE_PROJECT_SORTS,
  defaultSort: "code",
  defaultDir: "asc",
  defaultPageSize: 25,
};

export interface NodeProjectQuery {
  table: TableState<NodeProjectSort>;
  phase: (typeof PROJECT_PHASES)[number] | null;
}

export function parseNodeProjectQuery(input: URLSearchParams | string): NodeProjectQuery {
  const filters = parseFilters(input, { phase: z.enum(PROJECT_PHASES).nullable().default(null) });
  return { table: parseTableParams(input, NODE_PROJECT_TABLE), phase: filters.phase };
}
