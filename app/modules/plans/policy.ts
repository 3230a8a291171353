/**
 * Who may do what to a plan (pure): the permission strings of
 * `~/auth/permissions` applied to one plan, combined with the workflow's
 * status rules. Routes use `planAbilities` to show only the buttons that will
 * work; commands check the same functions again on the server.
 */
import type { PlanStatus } from "#db/enums";
import { can, scopeOf, type Principal } from "~/auth/permissions";
import { isPlanContentEditable, isPlanOpenForComments, nextPlanStatus } from "./workflow";

export interface PlanSubject {
  organisationId: number;
  status: PlanStatus;
}

/** Permission-level answers, whatever the plan's status. */
export interface PlanPermissions {
  read: boolean;
  /** Edit the plan's fields and its list of projects. */
  edit: boolean;
  /** Send the plan for review: people who work for the plan's organisation. */
  submit: boolean;
  /** Return or approve: the task force's coordinators. */
  review: boolean;
  /** Write review comments: reviewers, and leaders (DESIGN: "comment on reviews"). */
  comment: boolean;
  /** Mark review comments as dealt with. */
  resolveComments: boolean;
  /** Reopen an approved plan as a new revision. */
  startRevision: boolean;
}

/**
 * May the principal create a plan for this organisation? Planners for their
 * own organisation (`create:plan:own`), coordinators for any (`create:plan:any`).
 */
export function canCreatePlanFor(principal: Principal, organisationId: number): boolean {
  return can(principal, "create", "plan", organisationId);
}

/** May the principal create plans at all (for some organisation)? Shows the "new plan" button. */
export function mayCreatePlans(principal: Principal): boolean {
  return scopeOf(principal, "create", "plan") !== null;
}

export function planPermissions(principal: Principal, organisationId: number): PlanPermissions {
  const read = can(principal, "read", "plan", organisationId);
  const edit = can(principal, "update", "plan", organisationId);
  const review = can(principal, "approve", "plan", organisationId);
  // Submitting is the organisation's own act: a coordinator may edit a plan,
  // but the unit that owns it sends it for review.
  const worksForOrganisation = principal.ownOrganisationIds.has(organisationId);
  return {
    read,
    edit,
    submit: edit && worksForOrganisation,
    review,
    comment: read && can(principal, "comment", "plan", organisationId),
    resolveComments: edit,
    startRevision: edit,
  };
}

/** What the principal can do to this plan now (permission and status together). */
export interface PlanAbilities extends PlanPermissions {
  addProjects: boolean;
  removeProjects: boolean;
  approve: boolean;
  return: boolean;
}

export function planAbilities(principal: Principal, plan: PlanSubject): PlanAbilities {
  const p = planPermissions(principal, plan.organisationId);
  const editable = isPlanContentEditable(plan.status);
  const underReview = plan.status === "submitted";
  return {
    read: p.read,
    edit: p.edit && editable,
    addProjects: p.edit && editable,
    removeProjects: p.edit && editable,
    submit: p.submit && nextPlanStatus(plan.status, "submit") !== null,
    review: p.review && underReview,
    approve: p.review && nextPlanStatus(plan.status, "approve") !== null,
    return: p.review && nextPlanStatus(plan.status, "return") !== null,
    comment: p.comment && isPlanOpenForComments(plan.status),
    resolveComments: p.resolveComments,
    startRevision: p.startRevision && nextPlanStatus(plan.status, "startRevision") !== null,
  };
}
