/**
 * Choices offered by the project forms, and the server-side checks that a
 * submitted choice is one of them (organisations in force, provinces, cities
 * inside the province, live strategy nodes, the plan of the same organisation).
 */
import type { Db } from "#db/client.server";
import type { OrganisationKind } from "#db/enums";
import type { NodeOption, OrgOption, PlanOption, ProjectFormOptions } from "./types";

export type { NodeOption, OrgOption, PlanOption, ProjectFormOptions };
import { can, type Principal } from "~/auth/permissions";
import { placeholders, prepared } from "~/modules/db/sql.server";
import { successorIdOf } from "~/modules/organisations/succession.server";
import { isPlanContentEditable } from "~/modules/plans/workflow";
import type { MessageKey } from "~/i18n/i18n";

/** Kinds of organisation that own projects. */
export const OWNER_KINDS: readonly OrganisationKind[] = ["province", "ministry", "city"];

const ORG_SQL = `SELECT id, code, abbr, name_vi AS nameVi, name_en AS nameEn, kind, parent_id AS parentId,
       valid_to AS validTo, search_name AS searchName
  FROM organisations`;

export function isCurrent(org: { validTo: string | null }, asOf: string): boolean {
  return org.validTo === null || org.validTo >= asOf;
}

export function getOrgOption(db: Db, id: number): OrgOption | null {
  return (prepared(db, `${ORG_SQL} WHERE id = ?`).get(id) as OrgOption | undefined) ?? null;
}

function orgOptions(db: Db, ids: readonly number[]): OrgOption[] {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  return prepared(db, `${ORG_SQL} WHERE id IN (${placeholders(unique.length)})`).all(
    ...unique,
  ) as OrgOption[];
}

const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });
const byName = (a: OrgOption, b: OrgOption) => collator.compare(a.searchName, b.searchName);

/** Organisations in force on `asOf`, by name. */
export function currentOrganisations(db: Db, asOf: string): OrgOption[] {
  return (prepared(db, `${ORG_SQL} WHERE valid_to IS NULL OR valid_to >= ?`).all(asOf) as OrgOption[]).sort(
    byName,
  );
}

/** May the user make `org` the owner of a new project (in force, an owning kind, and theirs unless they act for any)? */
export function mayOwnNewProject(user: Principal, org: OrgOption, asOf: string): boolean {
  return OWNER_KINDS.includes(org.kind) && isCurrent(org, asOf) && can(user, "create", "project", org.id);
}

export function nodeOptions(db: Db): NodeOption[] {
  const rows = prepared(
    db,
    `SELECT id, code, title_vi AS titleVi, title_en AS titleEn, depth, archived_at IS NOT NULL AS archived
       FROM strategy_nodes ORDER BY path`,
  ).all() as (Omit<NodeOption, "archived"> & { archived: number })[];
  return rows
    .map((r) => ({ ...r, archived: r.archived === 1 }))
    .sort((a, b) => collator.compare(a.code, b.code));
}

export function getPlanOption(db: Db, id: number): PlanOption | null {
  return (
    (prepared(
      db,
      `SELECT id, code, title_vi AS titleVi, title_en AS titleEn, organisation_id AS organisationId, status,
              period_start AS periodStart, period_end AS periodEnd
         FROM plans WHERE id = ?`,
    ).get(id) as PlanOption | undefined) ?? null
  );
}

/** Values already on the project stay selectable even if they have ended or been archived since. */
export interface KeepValues {
  organisationId?: number;
  provinceId?: number | null;
  cityId?: number | null;
  cooperatorIds?: number[];
  nodeIds?: number[];
}

export function projectFormOptions(
  db: Db,
  user: Principal,
  asOf: string,
  keep: KeepValues = {},
): ProjectFormOptions {
  const current = currentOrganisations(db, asOf);
  const kept = orgOptions(db, [
    ...(keep.organisationId ? [keep.organisationId] : []),
    ...(keep.provinceId ? [keep.provinceId] : []),
    ...(keep.cityId ? [keep.cityId] : []),
    ...(keep.cooperatorIds ?? []),
  ]).filter((o) => !isCurrent(o, asOf));
  const withKept = (list: OrgOption[], ids: (number | null | undefined)[]) => {
    const extra = kept.filter((o) => ids.includes(o.id) && !list.some((l) => l.id === o.id));
    return [...list, ...extra].sort(byName);
  };
  const keepNodes = new Set(keep.nodeIds ?? []);
  return {
    leadOrganisations: withKept(
      current.filter((o) => mayOwnNewProject(user, o, asOf)),
      [keep.organisationId],
    ),
    provinces: withKept(
      current.filter((o) => o.kind === "province"),
      [keep.provinceId],
    ),
    cities: withKept(
      current.filter((o) => o.kind === "city"),
      [keep.cityId],
    ),
    cooperators: withKept(current, keep.cooperatorIds ?? []),
    nodes: nodeOptions(db).filter((n) => !n.archived || keepNodes.has(n.id)),
  };
}

export interface FieldProblem {
  field: string;
  message: MessageKey;
}

export interface ReferenceInput {
  organisationId: number;
  provinceId: number | null;
  cityId: number | null;
  primaryNodeId: number;
  otherNodeIds: number[];
  cooperatorIds: number[];
}

/**
 * Check the submitted references against the database. On an edit, values the
 * project already has stay acceptable (an ended province, an archived node);
 * new choices must be in force. Permission to own the project is the
 * route's business (it answers 403); here only what the form offered.
 */
export function checkReferences(
  db: Db,
  input: ReferenceInput,
  asOf: string,
  existing: KeepValues = {},
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const owner = getOrgOption(db, input.organisationId);
  if (
    !owner ||
    !OWNER_KINDS.includes(owner.kind) ||
    (!isCurrent(owner, asOf) && owner.id !== existing.organisationId)
  ) {
    problems.push({ field: "organisationId", message: "projects.error.organisationInvalid" });
  }
  let province: OrgOption | null = null;
  if (input.provinceId !== null) {
    province = getOrgOption(db, input.provinceId);
    if (
      !province ||
      province.kind !== "province" ||
      (!isCurrent(province, asOf) && province.id !== existing.provinceId)
    ) {
      problems.push({ field: "provinceId", message: "projects.error.provinceInvalid" });
      province = null;
    }
  }
  if (input.cityId !== null) {
    const city = getOrgOption(db, input.cityId);
    const inside =
      city !== null &&
      province !== null &&
      city.parentId !== null &&
      (successorIdOf(db, city.parentId, asOf) ?? city.parentId) ===
        (successorIdOf(db, province.id, asOf) ?? province.id);
    if (!city || city.kind !== "city" || (!isCurrent(city, asOf) && city.id !== existing.cityId)) {
      problems.push({ field: "cityId", message: "projects.error.cityInvalid" });
    } else if (!inside) {
      problems.push({ field: "cityId", message: "projects.error.cityOutsideProvince" });
    }
  }
  const nodeIds = [input.primaryNodeId, ...input.otherNodeIds];
  const nodes = new Map(
    (
      prepared(
        db,
        `SELECT id, archived_at IS NOT NULL AS archived FROM strategy_nodes WHERE id IN (${placeholders(nodeIds.length)})`,
      ).all(...nodeIds) as { id: number; archived: number }[]
    ).map((n) => [n.id, n.archived === 1]),
  );
  const keptNodes = new Set(existing.nodeIds ?? []);
  const nodeOk = (id: number) => nodes.has(id) && (!nodes.get(id) || keptNodes.has(id));
  if (!nodeOk(input.primaryNodeId))
    problems.push({ field: "primaryNodeId", message: "projects.error.nodeInvalid" });
  if (!input.otherNodeIds.every(nodeOk))
    problems.push({ field: "otherNodeIds", message: "projects.error.nodeInvalid" });
  if (input.cooperatorIds.length) {
    const coops = orgOptions(db, input.cooperatorIds);
    const keptCoops = new Set(existing.cooperatorIds ?? []);
    const ok =
      coops.length === input.cooperatorIds.length &&
      coops.every((o) => isCurrent(o, asOf) || keptCoops.has(o.id));
    if (!ok) problems.push({ field: "cooperatorIds", message: "projects.error.cooperatorInvalid" });
  }
  return problems;
}

/**
 * A plan a new project may join: the same organisation's, and open for edits
 * (draft or returned). Null when fine, else the problem.
 */
export function planProblem(plan: PlanOption | null, organisationId: number): MessageKey | null {
  if (!plan) return "projects.error.planInvalid";
  if (plan.organisationId !== organisationId) return "projects.error.planOtherOrganisation";
  if (!isPlanContentEditable(plan.status)) return "projects.error.planLocked";
  return null;
}
