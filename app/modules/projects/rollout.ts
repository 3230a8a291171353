/**
 * The rollout page's URL contract and grouping (pure): which pilots, in
 * which order, and each pilot's replications grouped by today's province.
 */
import { z } from "zod";
import { DOMAINS, PROJECT_PHASES, type Domain, type ProjectPhase } from "#db/enums";
import { parseFilters, parseTableParams, type TableSpec, type TableState } from "~/modules/table/params";

export const ROLLOUT_SORTS = ["replications", "code", "phase", "lessons"] as const;
export type RolloutSort = (typeof ROLLOUT_SORTS)[number];

export const ROLLOUT_TABLE: TableSpec<RolloutSort> = {
  sortable: ROLLOUT_SORTS,
  defaultSort: "replications",
  defaultDir: "desc",
  initialDir: { replications: "desc", lessons: "desc" },
  pageSizes: [10, 25, 50],
  defaultPageSize: 25,
};

/** Phases in which a project counts as a pilot on the rollout page (besides having replications). */
export const PILOT_PHASES: readonly ProjectPhase[] = ["pilot", "evaluation"];

export interface RolloutFilters {
  /** Free text (code, title, description), diacritics optional. */
  q: string;
  /** A current province: pilots located there or in its predecessors. */
  province: number | null;
  domain: Domain | null;
  phase: ProjectPhase | null;
  /** Only pilots that have (yes) or have not (no) been replicated. */
  replicated: "yes" | "no" | null;
}

export function parseRolloutQuery(search: URLSearchParams | string): {
  table: TableState<RolloutSort>;
  filters: RolloutFilters;
} {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const f = parseFilters(params, {
    q: z.string().max(100).optional(),
    province: z.coerce.number().int().positive().optional(),
    domain: z.enum(DOMAINS).optional(),
    phase: z.enum(PROJECT_PHASES).optional(),
    replicated: z.enum(["yes", "no"]).optional(),
  });
  return {
    table: parseTableParams(params, ROLLOUT_TABLE),
    filters: {
      q: (f.q ?? "").trim(),
      province: f.province ?? null,
      domain: f.domain ?? null,
      phase: f.phase ?? null,
      replicated: f.replicated ?? null,
    },
  };
}

export interface ProvinceGroup<T> {
  /** Today's province (legacy provinces already followed to their successor), null for national scope. */
  provinceId: number | null;
  items: T[];
}

/**
 * Group items by today's province: `currentOf` maps a stored (possibly
 * legacy) province to the unit in force. Groups are ordered by `nameOf`
 * (national scope last); items keep their order.
 */
export function groupByCurrentProvince<T extends { provinceId: number | null }>(
  items: readonly T[],
  currentOf: (provinceId: number) => number,
  nameOf: (provinceId: number) => string,
): ProvinceGroup<T>[] {
  const groups = new Map<number | null, T[]>();
  for (const item of items) {
    const key = item.provinceId === null ? null : currentOf(item.provinceId);
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(item);
  }
  const collator = new Intl.Collator("vi", { sensitivity: "base" });
  return [...groups.entries()]
    .map(([provinceId, list]) => ({ provinceId, items: list }))
    .sort((a, b) =>
      a.provinceId === null
        ? 1
        : b.provinceId === null
          ? -1
          : collator.compare(nameOf(a.provinceId), nameOf(b.provinceId)),
    );
}
