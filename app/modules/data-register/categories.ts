/**
 * The data register's fixed vocabulary (pure). The personal categories are the
 * data model's `PERSONAL_DATA_CATEGORIES` (the project form uses the same
 * words); the others are data about places and things, not people. Labels:
 * `dataRegister.category.<value>`.
 */
import {
  OPERATOR_TYPES,
  PERSONAL_DATA_CATEGORIES,
  PROJECT_PHASES,
  type PlanStatus,
  type ProjectPhase,
} from "#db/enums";

export const NON_PERSONAL_DATA_CATEGORIES = [
  "environmental_sensors",
  "traffic_flows",
  "energy_use",
  "water_network",
  "geospatial",
  "aggregate_statistics",
] as const;

export const DATA_CATEGORIES = [...PERSONAL_DATA_CATEGORIES, ...NON_PERSONAL_DATA_CATEGORIES] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export { OPERATOR_TYPES };

export function isDataCategory(v: string): v is DataCategory {
  return (DATA_CATEGORIES as readonly string[]).includes(v);
}

/** Does this category identify or concern a person? */
export function isPersonalCategory(v: string): boolean {
  return (PERSONAL_DATA_CATEGORIES as readonly string[]).includes(v);
}

/**
 * Which projects the public transparency page lists (the decision, in one place):
 * a project that processes personal data and that the task force has approved or
 * that runs (approved, pilot, evaluation, scaling, operational), or that a
 * coordinator published. An unpublished project must also sit in an approved
 * plan (or in none): nothing of a plan still being drafted, submitted or
 * returned (internal) appears. Proposals stay internal unless published;
 * cancelled projects are listed only if they were published.
 */
export const TRANSPARENCY_PHASES = [
  "approved",
  "pilot",
  "evaluation",
  "scaling",
  "operational",
] as const satisfies readonly ProjectPhase[];

export function isListedPublicly(p: {
  phase: ProjectPhase;
  published: boolean;
  /** Status of the project's plan; null when it belongs to no plan. */
  planStatus: PlanStatus | null;
  personalRows: number;
}): boolean {
  if (p.personalRows === 0) return false;
  if (p.published) return true;
  return (
    (TRANSPARENCY_PHASES as readonly string[]).includes(p.phase) &&
    (p.planStatus === null || p.planStatus === "approved")
  );
}

/** Does the project record disagree with its register (personal data flag vs personal categories)? */
export function registerMismatch(
  handlesPersonalData: boolean,
  rows: readonly { category: string }[],
): boolean {
  return rows.some((r) => isPersonalCategory(r.category)) !== handlesPersonalData;
}

export { PROJECT_PHASES };
