/**
 * The frozen picture of a plan kept with each submitted revision
 * (`plan_revisions.snapshot`): the plan's fields and the reviewable fields of
 * every project in it. Pure types and a tolerant reader; the builder that
 * reads the database is in `snapshot.server.ts`.
 */

export const SNAPSHOT_FORMAT = 1;

export interface PlanSnapshotPlan {
  code: string;
  organisationId: number;
  titleVi: string;
  titleEn: string | null;
  summaryVi: string | null;
  summaryEn: string | null;
  periodStart: number;
  periodEnd: number;
}

export interface PlanSnapshotProject {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  descriptionVi: string;
  descriptionEn: string | null;
  domain: string;
  components: string[];
  phase: string;
  organisationId: number;
  provinceId: number | null;
  cityId: number | null;
  hostingModel: string;
  hardwareCapex: number;
  handlesPersonalData: boolean;
  personalDataCategories: string[];
  operatorType: string;
  operatorName: string | null;
  citizenAppName: string | null;
  citizenAppPlatforms: string[];
  appId: number | null;
  replicatesProjectId: number | null;
  startDate: string | null;
  endDate: string | null;
  /** Strategy nodes the project hangs on (sorted ids). */
  strategyNodeIds: number[];
  /** Cooperating organisations (sorted ids). */
  cooperatingOrganisationIds: number[];
  /** Sum of the approved amounts of its budget lines, integer VND. */
  budgetTotal: number;
}

export interface PlanSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  plan: PlanSnapshotPlan;
  /** Sorted by project code. */
  projects: PlanSnapshotProject[];
}

/** A value that may appear in a snapshot field. */
export type SnapshotValue = string | number | boolean | null | readonly (string | number)[];
export type SnapshotRecord = Record<string, SnapshotValue | undefined>;

/**
 * What the diff works on: any snapshot, including the shorter ones recorded
 * before this format (the demo's early revisions keep only a few fields).
 * A field missing from a record was not recorded, which is not the same as
 * an empty value.
 */
export interface LooseSnapshot {
  plan: SnapshotRecord;
  projects: SnapshotRecord[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function cleanValue(v: unknown): SnapshotValue | undefined {
  if (v === undefined) return undefined;
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v))
    return v.filter((x): x is string | number => typeof x === "string" || typeof x === "number");
  return JSON.stringify(v);
}

function cleanRecord(v: unknown): SnapshotRecord {
  const out: SnapshotRecord = {};
  if (!isRecord(v)) return out;
  for (const [k, value] of Object.entries(v)) {
    const c = cleanValue(value);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/** Read a stored snapshot (JSON text or parsed) of any format; never throws. */
export function readSnapshot(stored: unknown): LooseSnapshot {
  let v = stored;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      v = null;
    }
  }
  if (!isRecord(v)) return { plan: {}, projects: [] };
  const projects = Array.isArray(v.projects) ? v.projects.filter(isRecord).map(cleanRecord) : [];
  return { plan: cleanRecord(v.plan), projects };
}
