/**
 * The app register (pure: no Remix, no database): vocabularies, the URL state
 * of the register table, the create/edit schema shared by form and action,
 * and who may write which entry.
 */
import { z } from "zod";
import { DOMAINS } from "#db/enums";
import { can, scopeOf, type Principal } from "~/auth/permissions";
import { isIsoDate } from "~/modules/milestones/schema";
import { APP_PLATFORMS } from "~/modules/projects/schema";
import { parseFilters, parseTableParams, type TableSpec, type TableState } from "~/modules/table/params";

export { APP_PLATFORMS };
export const APP_SCOPES = ["national", "provincial"] as const;
export type AppScope = (typeof APP_SCOPES)[number];
export const APP_STATUSES = ["planned", "live", "retired"] as const;
export type AppStatus = (typeof APP_STATUSES)[number];

export const APP_SORTS = ["name", "scope", "owner", "domain", "status", "launched", "projects"] as const;
export type AppSort = (typeof APP_SORTS)[number];

export const APP_TABLE: TableSpec<AppSort> = {
  sortable: APP_SORTS,
  defaultSort: "name",
  defaultDir: "asc",
  initialDir: { launched: "desc", projects: "desc" },
};

const id = z.coerce.number().int().positive().optional();
export const APP_FILTERS = {
  q: z.string().max(100).optional(),
  scope: z.enum(APP_SCOPES).optional(),
  owner: id,
  province: id,
  domain: z.enum(DOMAINS).optional(),
  status: z.enum(APP_STATUSES).optional(),
  platform: z.enum(APP_PLATFORMS).optional(),
};
export type AppFilters = { [K in keyof typeof APP_FILTERS]: z.infer<(typeof APP_FILTERS)[K]> };

export interface AppQuery {
  filters: AppFilters;
  table: TableState<AppSort>;
}

/** Filters, sort and page of the register from the query string; bad values fall back to defaults. */
export function parseAppQuery(params: URLSearchParams | string): AppQuery {
  return { filters: parseFilters(params, APP_FILTERS), table: parseTableParams(params, APP_TABLE) };
}

/**
 * May the principal create or update an entry with this scope and owner?
 * Coordinators (`…:register:any`) any entry; planners (`…:register:own`) only
 * provincial entries owned by their own organisation (or its merged units and
 * cities). National services are the task force's to record.
 */
export function mayWriteApp(
  principal: Principal,
  action: "create" | "update",
  entry: { scope: AppScope; ownerOrganisationId: number },
): boolean {
  const scope = scopeOf(principal, action, "register");
  if (scope === "any") return true;
  if (scope !== "own" || entry.scope !== "provincial") return false;
  return can(principal, action, "register", entry.ownerOrganisationId);
}

/**
 * A provincial entry belongs to a province or a city (current or merged);
 * a national one to a ministry, an agency or the task force.
 */
export function scopeFitsOwner(scope: AppScope, ownerKind: string): boolean {
  const local = ownerKind === "province" || ownerKind === "city";
  return scope === "provincial" ? local : !local;
}

const required = (message: string) =>
  z.string({ required_error: message, invalid_type_error: message }).trim().min(1, message);

/** http(s) addresses only (no javascript: links on the register pages). */
export function isWebAddress(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === "https:" || u.protocol === "http:") && u.hostname.includes(".");
  } catch {
    return false;
  }
}

/** One register entry as typed in the form; messages are `apps.error.*` keys. */
export const AppFields = z.object({
  nameVi: required("apps.error.nameViRequired").pipe(z.string().max(200, "apps.error.nameTooLong")),
  nameEn: z.string().trim().max(200, "apps.error.nameTooLong").optional(),
  scope: z.enum(APP_SCOPES, { errorMap: () => ({ message: "apps.error.scopeRequired" }) }),
  ownerOrganisationId: z
    .number({
      required_error: "apps.error.ownerRequired",
      invalid_type_error: "apps.error.ownerRequired",
    })
    .int()
    .positive("apps.error.ownerRequired"),
  domain: z.enum(DOMAINS, { errorMap: () => ({ message: "apps.error.domainRequired" }) }),
  platforms: z
    .array(z.enum(APP_PLATFORMS, { errorMap: () => ({ message: "apps.error.platformInvalid" }) }), {
      required_error: "apps.error.platformsRequired",
    })
    .min(1, "apps.error.platformsRequired"),
  status: z.enum(APP_STATUSES, { errorMap: () => ({ message: "apps.error.statusRequired" }) }),
  url: z
    .string()
    .trim()
    .max(500, "apps.error.urlInvalid")
    .refine(isWebAddress, "apps.error.urlInvalid")
    .optional(),
  launchedOn: z.string().trim().refine(isIsoDate, "apps.error.dateInvalid").optional(),
});
export type AppInput = z.infer<typeof AppFields>;

export const AppCreateSchema = AppFields.extend({
  /** Optional: link this project (by code) to the new entry in the same transaction. */
  project: z.string().trim().max(40).optional(),
});
export const AppEditSchema = AppFields.extend({
  version: z
    .number({ required_error: "apps.error.stale", invalid_type_error: "apps.error.stale" })
    .int()
    .positive(),
});

/** Link a project to a register entry, or unlink it (no `appId`), from the project's data page. */
export const LinkSchema = z.object({
  intent: z.literal("link"),
  appId: z
    .number({ invalid_type_error: "apps.error.appInvalid" })
    .int()
    .positive("apps.error.appInvalid")
    .optional(),
  /** The entry the project pointed to when the page was loaded (absent: none): a compare-and-set. */
  expectedAppId: z.number().int().positive().optional(),
});
