/**
 * The project phase machine (pure):
 * proposed → approved → pilot → evaluation → scaling → operational,
 * and cancelled from any phase (a reason is required). A project may also go
 * straight from approved to operational when it is not a pilot, and from
 * evaluation to operational when the pilot is kept but not scaled.
 */
import type { ProjectPhase } from "#db/enums";

const FORWARD: Record<ProjectPhase, ProjectPhase[]> = {
  proposed: ["approved"],
  approved: ["pilot", "operational"],
  pilot: ["evaluation"],
  evaluation: ["scaling", "operational"],
  scaling: ["operational"],
  operational: [],
  cancelled: [],
};

export function allowedNextPhases(from: ProjectPhase): ProjectPhase[] {
  if (from === "cancelled") return [];
  return [...FORWARD[from], "cancelled"];
}

export type PhaseChangeProblem = "notAllowed" | "reasonRequired" | "lessonRequired";

/**
 * Check a phase change. Cancelling needs a reason; a pilot leaving evaluation
 * needs at least one lesson learned on record.
 */
export function checkPhaseChange(
  from: ProjectPhase,
  to: ProjectPhase,
  opts: { reason?: string | null; lessonCount: number },
): PhaseChangeProblem | null {
  if (!allowedNextPhases(from).includes(to)) return "notAllowed";
  if (to === "cancelled" && !opts.reason?.trim()) return "reasonRequired";
  if (from === "evaluation" && to !== "cancelled" && opts.lessonCount === 0) return "lessonRequired";
  return null;
}

/** Phases in which a project is under way (money and milestones are expected to move). */
export const ACTIVE_PHASES: readonly ProjectPhase[] = ["approved", "pilot", "evaluation", "scaling"];
