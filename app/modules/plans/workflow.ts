/**
 * The plan workflow (pure): draft → submitted → returned | approved.
 * A returned plan is edited and submitted again; an approved plan is frozen
 * and changes only through a new revision, which starts as a draft.
 */
import type { PlanStatus } from "#db/enums";

export type PlanEvent = "submit" | "return" | "approve" | "startRevision";

const TRANSITIONS: Record<PlanStatus, Partial<Record<PlanEvent, PlanStatus>>> = {
  draft: { submit: "submitted" },
  returned: { submit: "submitted" },
  submitted: { return: "returned", approve: "approved" },
  approved: { startRevision: "draft" },
};

/** The status after `event`, or null when the event is not allowed from `status`. */
export function nextPlanStatus(status: PlanStatus, event: PlanEvent): PlanStatus | null {
  return TRANSITIONS[status][event] ?? null;
}

export function allowedPlanEvents(status: PlanStatus): PlanEvent[] {
  return Object.keys(TRANSITIONS[status]) as PlanEvent[];
}

/**
 * May the plan's content (its fields and its projects' fields) be edited?
 * Only while it is a draft or returned; submitted plans are under review and
 * approved plans are frozen. Projects outside any plan are always editable.
 */
export function isPlanContentEditable(status: PlanStatus | null | undefined): boolean {
  return status === undefined || status === null || status === "draft" || status === "returned";
}

/** Why a plan may not be submitted yet (message keys `plans.submit.problem.<key>`). */
export type SubmitProblem = "status" | "noProjects" | "titleMissing" | "summaryMissing" | "periodInvalid";

export interface SubmitCheckInput {
  status: PlanStatus;
  titleVi: string | null | undefined;
  summaryVi: string | null | undefined;
  periodStart: number | null | undefined;
  periodEnd: number | null | undefined;
  projectCount: number;
}

/**
 * Everything that stands between a plan and its submission, in the order a
 * planner should fix it. Empty when the plan may be submitted. The reviewer
 * needs a title, a summary, a valid period and at least one project.
 */
export function submitProblems(input: SubmitCheckInput): SubmitProblem[] {
  const problems: SubmitProblem[] = [];
  if (nextPlanStatus(input.status, "submit") === null) problems.push("status");
  if (!input.titleVi?.trim()) problems.push("titleMissing");
  if (!input.summaryVi?.trim()) problems.push("summaryMissing");
  const { periodStart: start, periodEnd: end } = input;
  if (!Number.isInteger(start) || !Number.isInteger(end) || (end as number) < (start as number)) {
    problems.push("periodInvalid");
  }
  if (input.projectCount < 1) problems.push("noProjects");
  return problems;
}

/**
 * The number a submission is recorded under. Every submission is a numbered
 * revision of the plan: the first is 1; resubmitting a returned plan records
 * the next number; a revision started after approval has already been
 * numbered (the plan's `revision` moved on when it was started).
 */
export function nextRevisionNumber(planRevision: number, lastRecordedRevision: number | null): number {
  return Math.max(planRevision, (lastRecordedRevision ?? 0) + 1);
}

/** Review comments are written while a plan is under review or back with its planners. */
export function isPlanOpenForComments(status: PlanStatus): boolean {
  return status === "submitted" || status === "returned";
}
