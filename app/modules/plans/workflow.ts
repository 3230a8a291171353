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
