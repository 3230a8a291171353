/** URL contract of the flag triage page `/flags` (pure). */
import { z } from "zod";
import { FLAG_SEVERITIES, FLAG_STATES } from "#db/enums";
import { parseFilters, parseTableParams, type TableSpec, type TableState } from "~/modules/table/params";
import { isProjectCodeParam } from "~/modules/projects/code";
import { ALL_RULE_CODES } from "./rules";

export const FLAG_SORTS = ["severity", "money", "lastSeen"] as const;
export type FlagSort = (typeof FLAG_SORTS)[number];

export const FLAGS_TABLE: TableSpec<FlagSort> = {
  sortable: FLAG_SORTS,
  defaultSort: "severity",
  defaultDir: "desc",
  initialDir: { severity: "desc", money: "desc", lastSeen: "desc" },
  pageSizes: [25, 50, 100],
  defaultPageSize: 50,
};

export interface FlagFilters {
  rule: (typeof ALL_RULE_CODES)[number] | null;
  severity: (typeof FLAG_SEVERITIES)[number] | null;
  state: (typeof FLAG_STATES)[number] | null;
  /** Current province by organisation code (its legacy predecessors and cities included). */
  province: string | null;
  /** Ministry by organisation code (its predecessors included); matches the flag's, its project's or any group member's organisation. */
  ministry: string | null;
  /** One project by code: its own flags and the groups it is a member of. */
  project: string | null;
  /** One plan by id: the flags of its projects (own and groups). */
  plan: number | null;
  /** Include flags whose condition no longer holds. */
  inactive: boolean;
}

export function parseFlagsQuery(search: URLSearchParams | string): { table: TableState<FlagSort>; filters: FlagFilters } {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const f = parseFilters(params, {
    rule: z.enum(ALL_RULE_CODES).optional(),
    severity: z.enum(FLAG_SEVERITIES).optional(),
    state: z.enum(FLAG_STATES).optional(),
    province: z
      .string()
      .regex(/^P-[A-Z]{1,6}$/)
      .optional(),
    ministry: z
      .string()
      .regex(/^M-[A-Z0-9]{1,10}$/)
      .optional(),
    project: z.string().refine(isProjectCodeParam).optional(),
    plan: z.coerce.number().int().positive().optional(),
    inactive: z.enum(["1"]).optional(),
  });
  return {
    table: parseTableParams(params, FLAGS_TABLE),
    filters: {
      rule: f.rule ?? null,
      severity: f.severity ?? null,
      state: f.state ?? null,
      province: f.province ?? null,
      ministry: f.ministry ?? null,
      project: f.project ?? null,
      plan: f.plan ?? null,
      inactive: f.inactive === "1",
    },
  };
}

/**
 * The triage command a form submission of the /flags page asks for: a row
 * button `row=<intent>:<id>` (with that row's `reason-<id>`), or the bulk
 * button `intent=bulk-acknowledge` with the checked `flagIds`.
 */
export function triageInputFromForm(form: {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
}): Record<string, unknown> {
  const row = form.get("row");
  if (typeof row === "string" && /^[a-z-]+:\d+$/.test(row)) {
    const [intent, id] = row.split(":");
    const reason = form.get(`reason-${id}`);
    return { intent, flagId: id, reason: typeof reason === "string" ? reason : undefined };
  }
  return { intent: form.get("intent"), flagIds: form.getAll("flagIds").filter((v) => typeof v === "string") };
}
