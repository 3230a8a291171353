/**
 * Replication rules (pure): which projects can be replicated, and where.
 */
import type { OrganisationKind, ProjectPhase } from "#db/enums";

/** A pilot under way or done can be replicated; a proposal, an approved plan or a cancelled project cannot. */
export const REPLICABLE_PHASES: readonly ProjectPhase[] = ["pilot", "evaluation", "scaling", "operational"];

export function isReplicable(phase: ProjectPhase): boolean {
  return REPLICABLE_PHASES.includes(phase);
}

/** Kinds of organisation a replication can be owned by (a province, or a city inside one). */
export const TARGET_KINDS: readonly OrganisationKind[] = ["province", "city"];

export type TargetProblem = "targetKind" | "targetEnded" | "sameProvince";

/**
 * Can `target` own a replication of a pilot located in `sourceProvinceId`
 * (both provinces already followed to today's unit)? Null when it can.
 */
export function targetProblem(
  target: { kind: OrganisationKind; ended: boolean; provinceId: number | null },
  sourceProvinceId: number | null,
): TargetProblem | null {
  if (!TARGET_KINDS.includes(target.kind) || target.provinceId === null) return "targetKind";
  if (target.ended) return "targetEnded";
  if (sourceProvinceId !== null && sourceProvinceId === target.provinceId) return "sameProvince";
  return null;
}
