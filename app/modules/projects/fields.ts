/**
 * The editable fields of a project as one comparable snapshot (pure): what
 * the audit trail records, what an edit changed, and the folded search text.
 */
import type { Domain, HostingModel, OperatorType } from "#db/enums";
import { projectSearchText } from "~/modules/search/fts";

export interface ProjectSnapshot {
  organisationId: number;
  titleVi: string;
  titleEn: string | null;
  descriptionVi: string;
  descriptionEn: string | null;
  domain: Domain;
  primaryNodeId: number | null;
  /** Secondary strategy nodes, ascending ids. */
  otherNodeIds: number[];
  provinceId: number | null;
  cityId: number | null;
  /** Ascending ids. */
  cooperatorIds: number[];
  hostingModel: HostingModel;
  handlesPersonalData: boolean;
  personalDataCategories: string[];
  operatorType: OperatorType;
  operatorName: string | null;
  citizenAppName: string | null;
  citizenAppPlatforms: string[];
  startDate: string | null;
  endDate: string | null;
  components: string[];
}

export type SnapshotField = keyof ProjectSnapshot;

export const SNAPSHOT_FIELDS: readonly SnapshotField[] = [
  "organisationId",
  "titleVi",
  "titleEn",
  "descriptionVi",
  "descriptionEn",
  "domain",
  "primaryNodeId",
  "otherNodeIds",
  "provinceId",
  "cityId",
  "cooperatorIds",
  "hostingModel",
  "handlesPersonalData",
  "personalDataCategories",
  "operatorType",
  "operatorName",
  "citizenAppName",
  "citizenAppPlatforms",
  "startDate",
  "endDate",
  "components",
];

/** The text the register searches (the register's one definition, written on every insert and update). */
export { projectSearchText };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface SnapshotDiff {
  /** Changed fields, in form order. */
  fields: SnapshotField[];
  before: Partial<ProjectSnapshot>;
  after: Partial<ProjectSnapshot>;
}

/** The fields that differ between two snapshots, with their old and new values only. */
export function diffSnapshots(before: ProjectSnapshot, after: ProjectSnapshot): SnapshotDiff {
  const fields = SNAPSHOT_FIELDS.filter((f) => !same(before[f], after[f]));
  const pick = (s: ProjectSnapshot) =>
    Object.fromEntries(fields.map((f) => [f, s[f]])) as Partial<ProjectSnapshot>;
  return { fields, before: pick(before), after: pick(after) };
}

/**
 * Field groups as people name them ("the title", "the location"): the
 * history says "changed the title" whether the Vietnamese or English title changed.
 */
export const FIELD_GROUPS = [
  "leadOrganisation",
  "title",
  "description",
  "domain",
  "strategyNodes",
  "location",
  "cooperators",
  "hostingModel",
  "personalData",
  "operator",
  "citizenApp",
  "dates",
  "components",
  "plan",
] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

const GROUP_OF: Record<string, FieldGroup> = {
  organisationId: "leadOrganisation",
  titleVi: "title",
  titleEn: "title",
  descriptionVi: "description",
  descriptionEn: "description",
  domain: "domain",
  primaryNodeId: "strategyNodes",
  otherNodeIds: "strategyNodes",
  provinceId: "location",
  cityId: "location",
  cooperatorIds: "cooperators",
  hostingModel: "hostingModel",
  handlesPersonalData: "personalData",
  personalDataCategories: "personalData",
  operatorType: "operator",
  operatorName: "operator",
  citizenAppName: "citizenApp",
  citizenAppPlatforms: "citizenApp",
  startDate: "dates",
  endDate: "dates",
  components: "components",
  planId: "plan",
};

/** The groups of the given field names, once each, in form order; unknown names are skipped. */
export function fieldGroups(fieldNames: Iterable<string>): FieldGroup[] {
  const found = new Set<FieldGroup>();
  for (const f of fieldNames) {
    const g = GROUP_OF[f];
    if (g) found.add(g);
  }
  return FIELD_GROUPS.filter((g) => found.has(g));
}
