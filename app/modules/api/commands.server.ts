/**
 * The API's writes: each one calls the same command as the web page does
 * (same validation, permission checks on the organisation looked up on the
 * server, audit event in the same transaction, optimistic version) and maps
 * its refusals onto HTTP: 403 (not this token's organisation), 404 (no such
 * record of this project), 409 (stale version, locked plan), 422 (fields).
 */
import type { Db } from "#db/client.server";
import { can } from "~/auth/permissions";
import {
  addMilestone,
  editMilestone,
  getMilestone,
  markDone,
  undoDone,
  StaleVersionError,
} from "~/modules/milestones/milestones.server";
import type { MilestoneInput } from "~/modules/milestones/schema";
import { createProject, PlanLockedError, updateProject } from "~/modules/projects/commands.server";
import { checkReferences, getOrgOption, getPlanOption, planProblem } from "~/modules/projects/options.server";
import { snapshotOf, type ProjectRecord } from "~/modules/projects/project.server";
import { fieldErrors } from "~/modules/projects/route.server";
import {
  ForeignBudgetLineError,
  ForeignTransactionError,
  recordTransaction,
  reverseTransaction,
  type LedgerProject,
} from "~/modules/transactions/ledger.server";
import { todayIso } from "~/utils/today";
import { ApiError, forbiddenError, notFoundError, staleError, validationError } from "./http.server";
import { parseProjectBody, type ProjectBody, type TransactionBodyInput } from "./schemas";
import type { ApiPrincipal } from "./tokens.server";

function planLocked(e: PlanLockedError): ApiError {
  return new ApiError(409, "plan_locked", `Plan ${e.planCode} is ${e.status}: its projects cannot be edited.`);
}

/** Raw field errors (i18n keys) → a 422 ApiError; the route translates them. */
function invalid(errors: Record<string, string[]>): ApiError {
  return validationError(errors);
}

export function apiCreateProject(db: Db, p: ApiPrincipal, body: ProjectBody, asOf: string = todayIso()) {
  if (body.organisationId === undefined) body = { ...body, organisationId: p.organisationId };
  const parsed = parseProjectBody(body);
  if (!parsed.ok) throw invalid(parsed.errors);
  const input = parsed.value;
  const owner = getOrgOption(db, input.organisationId);
  if (owner && !can(p, "create", "project", owner.id)) throw forbiddenError();
  const problems = checkReferences(db, input, asOf);
  if (input.planId !== null) {
    const plan = getPlanOption(db, input.planId);
    if (plan && !can(p, "update", "plan", plan.organisationId)) throw forbiddenError();
    const problem = planProblem(plan, input.organisationId);
    if (problem) problems.push({ field: "planId", message: problem });
  }
  if (problems.length) throw invalid(fieldErrors(problems));
  try {
    return createProject(db, p.actor, input, asOf);
  } catch (e) {
    if (e instanceof PlanLockedError) throw planLocked(e);
    throw e;
  }
}

/** The current project as a JSON body (what a PATCH is laid over). */
function bodyOf(project: ProjectRecord): ProjectBody {
  const s = snapshotOf(project);
  return { ...s, planId: project.planId };
}

export function apiUpdateProject(
  db: Db,
  p: ApiPrincipal,
  project: ProjectRecord,
  patch: ProjectBody,
  version: number,
  asOf: string = todayIso(),
) {
  if (!can(p, "update", "project", project.organisationId)) throw forbiddenError();
  if ("planId" in patch && patch.planId !== project.planId) {
    throw invalid({ planId: ["api.error.planFixed"] });
  }
  const parsed = parseProjectBody({ ...bodyOf(project), ...patch, planId: project.planId });
  if (!parsed.ok) throw invalid(parsed.errors);
  const input = parsed.value;
  if (input.organisationId !== project.organisationId) {
    const owner = getOrgOption(db, input.organisationId);
    if (owner && !can(p, "update", "project", owner.id)) throw forbiddenError();
  }
  const keep = {
    organisationId: project.organisationId,
    provinceId: project.provinceId,
    cityId: project.cityId,
    cooperatorIds: project.cooperatorIds,
    nodeIds: [...(project.primaryNodeId ? [project.primaryNodeId] : []), ...project.otherNodeIds],
  };
  const problems = checkReferences(db, input, asOf, keep);
  if (project.plan && input.organisationId !== project.organisationId) {
    problems.push({ field: "organisationId", message: "projects.error.ownerFixedByPlan" });
  }
  if (problems.length) throw invalid(fieldErrors(problems));
  try {
    return updateProject(db, p.actor, project.id, version, { ...input, planId: project.planId });
  } catch (e) {
    if (e instanceof PlanLockedError) throw planLocked(e);
    if (e instanceof StaleVersionError) throw staleError(e);
    throw e;
  }
}

function ledgerOf(project: ProjectRecord): LedgerProject {
  return {
    id: project.id,
    code: project.code,
    organisationId: project.organisationId,
    startDate: project.startDate,
    endDate: project.endDate,
  };
}

export function apiRecordTransaction(db: Db, p: ApiPrincipal, project: ProjectRecord, input: TransactionBodyInput) {
  if (!can(p, "update", "budget", project.organisationId)) throw forbiddenError();
  try {
    const result = recordTransaction(db, p.actor, ledgerOf(project), input, todayIso(), "api");
    if (!result.ok) throw invalid(fieldErrors(result.problems));
    return result.id;
  } catch (e) {
    if (e instanceof ForeignBudgetLineError) throw invalid({ budgetLineId: ["transactions.error.lineRequired"] });
    throw e;
  }
}

export function apiReverseTransaction(
  db: Db,
  p: ApiPrincipal,
  project: ProjectRecord,
  transactionId: number,
  reason: string,
) {
  if (!can(p, "update", "budget", project.organisationId)) throw forbiddenError();
  try {
    const result = reverseTransaction(db, p.actor, ledgerOf(project), { transactionId, reason }, todayIso(), "api");
    if (!result.ok) {
      const conflict = result.problems.some(
        (x) => x.message === "transactions.error.alreadyReversed" || x.message === "transactions.error.reverseReversal",
      );
      if (conflict) {
        throw new ApiError(409, "already_reversed", "This entry is a reversal or has been reversed already.");
      }
      throw invalid(fieldErrors(result.problems));
    }
    return result.id;
  } catch (e) {
    if (e instanceof ForeignTransactionError) throw notFoundError("transaction of this project");
    throw e;
  }
}

const milestoneRef = (project: ProjectRecord) => ({
  id: project.id,
  code: project.code,
  organisationId: project.organisationId,
});

export function apiAddMilestone(db: Db, p: ApiPrincipal, project: ProjectRecord, input: MilestoneInput): number {
  if (!can(p, "update", "budget", project.organisationId)) throw forbiddenError();
  return addMilestone(db, p.actor, milestoneRef(project), input);
}

export function apiUpdateMilestone(
  db: Db,
  p: ApiPrincipal,
  project: ProjectRecord,
  id: number,
  body: Partial<MilestoneInput> & { version: number; doneDate?: string | null },
): number {
  if (!can(p, "update", "budget", project.organisationId)) throw forbiddenError();
  const current = getMilestone(db, id);
  if (!current || current.projectId !== project.id) throw notFoundError("milestone of this project");
  const { version, doneDate, ...fields } = body;
  try {
    let result;
    if (doneDate !== undefined) {
      if (doneDate !== null && doneDate > todayIso()) throw invalid({ doneDate: ["milestones.error.doneInFuture"] });
      result =
        doneDate === null
          ? undoDone(db, p.actor, milestoneRef(project), id, version)
          : markDone(db, p.actor, milestoneRef(project), id, version, doneDate);
    } else {
      const merged: MilestoneInput = {
        nameVi: fields.nameVi ?? current.nameVi,
        nameEn: fields.nameEn ?? current.nameEn ?? undefined,
        dueDate: fields.dueDate ?? current.dueDate,
        weight: fields.weight ?? current.weight,
        evidence: fields.evidence ?? current.evidence ?? undefined,
        sortOrder: fields.sortOrder ?? current.sortOrder,
      };
      result = editMilestone(db, p.actor, milestoneRef(project), id, version, merged);
    }
    if (!result.ok) throw notFoundError("milestone of this project");
    return id;
  } catch (e) {
    if (e instanceof StaleVersionError) throw staleError(e);
    throw e;
  }
}
