/**
 * Plan commands. Each one runs in a single transaction, checks who may do it
 * (`policy.ts`) and what the workflow allows (`workflow.ts`) against the row
 * as it is inside the transaction, refuses a stale `version`, and writes an
 * audit event before committing. Refusals are `PlanCommandError`s.
 */
import type { Db } from "#db/client.server";
import type { PlanStatus } from "#db/enums";
import { can, type Principal } from "~/auth/permissions";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";
import { assertVersionedUpdate, StaleVersionError } from "~/modules/db/concurrency";
import { pendingDecisions, planSimilarity, type PendingDecision } from "~/modules/similar/similar.server";
import { todayIso } from "~/utils/today";
import { canCreatePlanFor, planPermissions } from "./policy";
import type { PlanCreateInput, PlanEditInput } from "./schemas";
import { buildPlanSnapshot } from "./snapshot.server";
import { countPlanProjects, getPlanRef, planOrganisationScope, type PlanRef } from "./queries.server";
import {
  isPlanContentEditable,
  isPlanOpenForComments,
  nextPlanStatus,
  nextRevisionNumber,
  submitProblems,
  type PlanEvent,
  type SubmitProblem,
} from "./workflow";

/** The person acting: permissions plus what the audit trail records. */
export interface PlanActor extends Principal {
  id: number;
  email: string;
  ipAddress?: string | null;
}

export type PlanProblem =
  /** Not allowed for this person (403). */
  | "forbidden"
  /** No such plan, project or comment in this plan (404). */
  | "notFound"
  /** Someone changed the plan since the form was loaded. */
  | "stale"
  /** The plan's status does not allow this now. */
  | "status"
  /** Submission requirements not met (see `submitProblems`). */
  | "incomplete"
  | "codeTaken"
  | "organisationInvalid"
  /** The project cannot go into this plan (other organisation, or already in a plan). */
  | "projectNotEligible"
  | "alreadyResolved"
  /** Similar existing proposals still need the planner's decision (see `similarPending`). */
  | "similarUndecided";

export class PlanCommandError extends Error {
  constructor(
    readonly problem: PlanProblem,
    readonly details: {
      status?: PlanStatus;
      submitProblems?: SubmitProblem[];
      otherPlanCode?: string;
      similarPending?: PendingDecision[];
    } = {},
  ) {
    super(`plan command refused: ${problem}`);
    this.name = "PlanCommandError";
  }
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

function actorOf(a: PlanActor): Actor {
  return { userId: a.id, label: a.email, ipAddress: a.ipAddress ?? null };
}

/** The plan as it is inside the transaction (the caller's version is checked after its permission). */
function loadPlan(db: Db, planId: number): PlanRef {
  const plan = getPlanRef(db, planId);
  if (!plan) throw new PlanCommandError("notFound");
  return plan;
}

function requireVersion(plan: PlanRef, expectedVersion: number): void {
  if (plan.version !== expectedVersion) throw new PlanCommandError("stale", { status: plan.status });
}

/**
 * `UPDATE plans SET … , version = version + 1 WHERE id = ? AND version = ?`
 * (`set` null: only the version moves, e.g. when its list of projects
 * changed); refuses as stale when no row matched.
 */
function versionedPlanUpdate(
  db: Db,
  plan: PlanRef,
  set: string | null,
  args: (string | number | null)[] = [],
): void {
  const assignments = set ? `${set}, ` : "";
  const result = db.$client
    .prepare(
      `UPDATE plans SET ${assignments}version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
    )
    .run(...args, Date.now(), plan.id, plan.version);
  try {
    assertVersionedUpdate(result, "plan", plan.id, plan.version);
  } catch (e) {
    if (e instanceof StaleVersionError) throw new PlanCommandError("stale", { status: plan.status });
    throw e;
  }
}

function requireEvent(plan: PlanRef, event: PlanEvent): PlanStatus {
  const next = nextPlanStatus(plan.status, event);
  if (next === null) throw new PlanCommandError("status", { status: plan.status });
  return next;
}

/** Run `fn` in one transaction; `db` inside is the same connection, so prepared statements join it. */
function inTransaction<T>(db: Db, fn: (tx: Tx) => T): T {
  return db.transaction((tx) => fn(tx));
}

const PLAN_OWNER_KINDS = new Set(["province", "ministry", "city"]);

// ---------------------------------------------------------------------------
// Create and edit
// ---------------------------------------------------------------------------

export function createPlan(
  db: Db,
  actor: PlanActor,
  input: PlanCreateInput,
  asOf: string = todayIso(),
): { id: number } {
  if (!canCreatePlanFor(actor, input.organisationId)) throw new PlanCommandError("forbidden");
  try {
    return insertPlan(db, actor, input, asOf);
  } catch (e) {
    // Another process took the code between our check and the insert.
    if (e instanceof Error && /UNIQUE constraint failed: plans\.code/.test(e.message)) {
      throw new PlanCommandError("codeTaken");
    }
    throw e;
  }
}

function insertPlan(db: Db, actor: PlanActor, input: PlanCreateInput, asOf: string): { id: number } {
  return inTransaction(db, (tx) => {
    const org = db.$client
      .prepare("SELECT kind, valid_from AS validFrom, valid_to AS validTo FROM organisations WHERE id = ?")
      .get(input.organisationId) as
      { kind: string; validFrom: string | null; validTo: string | null } | undefined;
    const current = org && (!org.validFrom || org.validFrom <= asOf) && (!org.validTo || org.validTo >= asOf);
    if (!org || !current || !PLAN_OWNER_KINDS.has(org.kind))
      throw new PlanCommandError("organisationInvalid");
    if (db.$client.prepare("SELECT 1 FROM plans WHERE code = ?").get(input.code)) {
      throw new PlanCommandError("codeTaken");
    }
    const now = Date.now();
    const row = {
      code: input.code,
      organisationId: input.organisationId,
      titleVi: input.titleVi,
      titleEn: input.titleEn ?? null,
      summaryVi: input.summaryVi ?? null,
      summaryEn: input.summaryEn ?? null,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
    };
    const id = Number(
      db.$client
        .prepare(
          `INSERT INTO plans (code, organisation_id, title_vi, title_en, summary_vi, summary_en, period_start,
             period_end, status, revision, created_by, version, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', 1, ?, 1, ?, ?)`,
        )
        .run(
          row.code,
          row.organisationId,
          row.titleVi,
          row.titleEn,
          row.summaryVi,
          row.summaryEn,
          row.periodStart,
          row.periodEnd,
          actor.id,
          now,
          now,
        ).lastInsertRowid,
    );
    recordAudit(tx, actorOf(actor), {
      action: "plan.create",
      entityType: "plan",
      entityId: id,
      organisationId: input.organisationId,
      after: { ...row, status: "draft", revision: 1 },
    });
    return { id };
  });
}

const EDITABLE_FIELDS = ["titleVi", "titleEn", "summaryVi", "summaryEn", "periodStart", "periodEnd"] as const;

export function updatePlan(db: Db, actor: PlanActor, planId: number, input: PlanEditInput): void {
  inTransaction(db, (tx) => {
    const plan = loadPlan(db, planId);
    if (!planPermissions(actor, plan.organisationId).edit) throw new PlanCommandError("forbidden");
    requireVersion(plan, input.version);
    if (!isPlanContentEditable(plan.status)) throw new PlanCommandError("status", { status: plan.status });
    const before = db.$client
      .prepare(
        `SELECT title_vi AS titleVi, title_en AS titleEn, summary_vi AS summaryVi, summary_en AS summaryEn,
                period_start AS periodStart, period_end AS periodEnd FROM plans WHERE id = ?`,
      )
      .get(planId) as Record<(typeof EDITABLE_FIELDS)[number], string | number | null>;
    const after = {
      titleVi: input.titleVi,
      titleEn: input.titleEn ?? null,
      summaryVi: input.summaryVi ?? null,
      summaryEn: input.summaryEn ?? null,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
    };
    versionedPlanUpdate(
      db,
      plan,
      "title_vi = ?, title_en = ?, summary_vi = ?, summary_en = ?, period_start = ?, period_end = ?",
      [after.titleVi, after.titleEn, after.summaryVi, after.summaryEn, after.periodStart, after.periodEnd],
    );
    const changedBefore: Record<string, unknown> = {};
    const changedAfter: Record<string, unknown> = {};
    for (const f of EDITABLE_FIELDS) {
      if (before[f] !== after[f]) {
        changedBefore[f] = before[f];
        changedAfter[f] = after[f];
      }
    }
    recordAudit(tx, actorOf(actor), {
      action: "plan.update",
      entityType: "plan",
      entityId: planId,
      organisationId: plan.organisationId,
      before: { ...changedBefore, version: plan.version },
      after: { ...changedAfter, version: plan.version + 1 },
    });
  });
}

// ---------------------------------------------------------------------------
// Projects of a plan
// ---------------------------------------------------------------------------

interface ProjectLink {
  id: number;
  code: string;
  organisationId: number;
  planId: number | null;
}

function loadProject(db: Db, projectId: number): ProjectLink | null {
  return (
    (db.$client
      .prepare(
        "SELECT id, code, organisation_id AS organisationId, plan_id AS planId FROM projects WHERE id = ?",
      )
      .get(projectId) as ProjectLink | undefined) ?? null
  );
}

function requireEditable(actor: PlanActor, plan: PlanRef): void {
  if (!planPermissions(actor, plan.organisationId).edit) throw new PlanCommandError("forbidden");
}

/** Put a project of the plan's organisation that is in no plan yet into this plan. */
export function addProjectToPlan(
  db: Db,
  actor: PlanActor,
  planId: number,
  input: { version: number; projectId: number },
): void {
  inTransaction(db, (tx) => {
    const plan = loadPlan(db, planId);
    requireEditable(actor, plan);
    requireVersion(plan, input.version);
    if (!isPlanContentEditable(plan.status)) throw new PlanCommandError("status", { status: plan.status });
    const project = loadProject(db, input.projectId);
    if (!project || !can(actor, "read", "project", project.organisationId))
      throw new PlanCommandError("notFound");
    if (!planOrganisationScope(db, plan.organisationId).has(project.organisationId)) {
      throw new PlanCommandError("projectNotEligible");
    }
    if (!can(actor, "update", "project", project.organisationId)) throw new PlanCommandError("forbidden");
    if (project.planId !== null) {
      const other = getPlanRef(db, project.planId);
      throw new PlanCommandError("projectNotEligible", { otherPlanCode: other?.code });
    }
    const linked = db.$client
      .prepare("UPDATE projects SET plan_id = ?, updated_at = ? WHERE id = ? AND plan_id IS NULL")
      .run(planId, Date.now(), project.id);
    if (linked.changes !== 1) throw new PlanCommandError("projectNotEligible");
    versionedPlanUpdate(db, plan, null);
    const audit = { projectId: project.id, projectCode: project.code, planId, planCode: plan.code };
    recordAudit(tx, actorOf(actor), {
      action: "plan.addProject",
      entityType: "plan",
      entityId: planId,
      organisationId: plan.organisationId,
      after: audit,
    });
    recordAudit(tx, actorOf(actor), {
      action: "project.addToPlan",
      entityType: "project",
      entityId: project.id,
      organisationId: project.organisationId,
      before: { planId: null },
      after: { planId, planCode: plan.code },
    });
  });
}

/** Take a project out of a plan that is still being prepared; the project itself stays. */
export function removeProjectFromPlan(
  db: Db,
  actor: PlanActor,
  planId: number,
  input: { version: number; projectId: number },
): void {
  inTransaction(db, (tx) => {
    const plan = loadPlan(db, planId);
    requireEditable(actor, plan);
    requireVersion(plan, input.version);
    if (!isPlanContentEditable(plan.status)) throw new PlanCommandError("status", { status: plan.status });
    const project = loadProject(db, input.projectId);
    if (!project || project.planId !== planId) throw new PlanCommandError("notFound");
    db.$client
      .prepare("UPDATE projects SET plan_id = NULL, updated_at = ? WHERE id = ? AND plan_id = ?")
      .run(Date.now(), project.id, planId);
    versionedPlanUpdate(db, plan, null);
    recordAudit(tx, actorOf(actor), {
      action: "plan.removeProject",
      entityType: "plan",
      entityId: planId,
      organisationId: plan.organisationId,
      before: { projectId: project.id, projectCode: project.code, planId, planCode: plan.code },
    });
    recordAudit(tx, actorOf(actor), {
      action: "project.removeFromPlan",
      entityType: "project",
      entityId: project.id,
      organisationId: project.organisationId,
      before: { planId, planCode: plan.code },
      after: { planId: null },
    });
  });
}

// ---------------------------------------------------------------------------
// Workflow
// ---------------------------------------------------------------------------

function lastRecordedRevision(db: Db, planId: number): number | null {
  const row = db.$client
    .prepare("SELECT MAX(revision) AS r FROM plan_revisions WHERE plan_id = ?")
    .get(planId) as {
    r: number | null;
  };
  return row.r;
}

/**
 * Send the plan for review: status → submitted, and a new numbered revision
 * with a snapshot of the plan and its projects as they are now.
 */
export function submitPlan(
  db: Db,
  actor: PlanActor,
  planId: number,
  input: { version: number },
): { revision: number } {
  return inTransaction(db, (tx) => {
    const plan = loadPlan(db, planId);
    if (!planPermissions(actor, plan.organisationId).submit) throw new PlanCommandError("forbidden");
    requireVersion(plan, input.version);
    const next = requireEvent(plan, "submit");
    const snapshot = buildPlanSnapshot(db, planId)!;
    const problems = submitProblems({
      status: plan.status,
      titleVi: snapshot.plan.titleVi,
      summaryVi: snapshot.plan.summaryVi,
      periodStart: snapshot.plan.periodStart,
      periodEnd: snapshot.plan.periodEnd,
      projectCount: countPlanProjects(db, planId),
    });
    if (problems.length > 0) throw new PlanCommandError("incomplete", { submitProblems: problems });
    // Every similar existing proposal above the threshold needs a decision first (issue 5).
    const similarPending = pendingDecisions(planSimilarity(db, planId, null));
    if (similarPending.length > 0) throw new PlanCommandError("similarUndecided", { similarPending });
    const revision = nextRevisionNumber(plan.revision, lastRecordedRevision(db, planId));
    const now = Date.now();
    versionedPlanUpdate(db, plan, "status = ?, revision = ?, submitted_at = ?", [next, revision, now]);
    db.$client
      .prepare(
        `INSERT INTO plan_revisions (plan_id, revision, status, snapshot, created_by, created_at)
         VALUES (?, ?, 'submitted', ?, ?, ?)`,
      )
      .run(planId, revision, JSON.stringify(snapshot), actor.id, now);
    recordAudit(tx, actorOf(actor), {
      action: "plan.submit",
      entityType: "plan",
      entityId: planId,
      organisationId: plan.organisationId,
      before: { status: plan.status, revision: plan.revision },
      after: { status: next, revision, projectCount: snapshot.projects.length },
    });
    return { revision };
  });
}

/** The revision row under review (the latest), which a decision closes. */
function decideRevision(
  db: Db,
  planId: number,
  status: PlanStatus,
  actorId: number,
  reason: string | null,
  at: number,
): number | null {
  const row = db.$client
    .prepare(
      "SELECT id, revision FROM plan_revisions WHERE plan_id = ? ORDER BY revision DESC, id DESC LIMIT 1",
    )
    .get(planId) as { id: number; revision: number } | undefined;
  if (!row) return null;
  db.$client
    .prepare("UPDATE plan_revisions SET status = ?, reason = ?, decided_by = ?, decided_at = ? WHERE id = ?")
    .run(status, reason, actorId, at, row.id);
  return row.revision;
}

/** Send a submitted plan back to its planners with a reason (also kept as a review comment). */
export function returnPlan(
  db: Db,
  actor: PlanActor,
  planId: number,
  input: { version: number; reason: string },
): void {
  inTransaction(db, (tx) => {
    const plan = loadPlan(db, planId);
    if (!planPermissions(actor, plan.organisationId).review) throw new PlanCommandError("forbidden");
    requireVersion(plan, input.version);
    const next = requireEvent(plan, "return");
    const now = Date.now();
    versionedPlanUpdate(db, plan, "status = ?", [next]);
    const revision = decideRevision(db, planId, next, actor.id, input.reason, now) ?? plan.revision;
    db.$client
      .prepare(
        `INSERT INTO review_comments (plan_id, project_id, revision, author_id, body, created_at)
         VALUES (?, NULL, ?, ?, ?, ?)`,
      )
      .run(planId, revision, actor.id, input.reason, now);
    recordAudit(tx, actorOf(actor), {
      action: "plan.return",
      entityType: "plan",
      entityId: planId,
      organisationId: plan.organisationId,
      before: { status: plan.status },
      after: { status: next, revision, reason: input.reason },
    });
  });
}

/** Approve a submitted plan: it is frozen until someone starts a new revision. */
export function approvePlan(db: Db, actor: PlanActor, planId: number, input: { version: number }): void {
  inTransaction(db, (tx) => {
    const plan = loadPlan(db, planId);
    if (!planPermissions(actor, plan.organisationId).review) throw new PlanCommandError("forbidden");
    requireVersion(plan, input.version);
    const next = requireEvent(plan, "approve");
    const now = Date.now();
    versionedPlanUpdate(db, plan, "status = ?, approved_at = ?, approved_by = ?", [next, now, actor.id]);
    const revision = decideRevision(db, planId, next, actor.id, null, now) ?? plan.revision;
    recordAudit(tx, actorOf(actor), {
      action: "plan.approve",
      entityType: "plan",
      entityId: planId,
      organisationId: plan.organisationId,
      before: { status: plan.status },
      after: { status: next, revision },
    });
  });
}

/** Reopen an approved plan as the next revision (a draft that goes through review again). */
export function startPlanRevision(
  db: Db,
  actor: PlanActor,
  planId: number,
  input: { version: number },
): { revision: number } {
  return inTransaction(db, (tx) => {
    const plan = loadPlan(db, planId);
    if (!planPermissions(actor, plan.organisationId).startRevision) throw new PlanCommandError("forbidden");
    requireVersion(plan, input.version);
    const next = requireEvent(plan, "startRevision");
    const revision = Math.max(plan.revision, lastRecordedRevision(db, planId) ?? 0) + 1;
    versionedPlanUpdate(db, plan, "status = ?, revision = ?, submitted_at = NULL", [next, revision]);
    recordAudit(tx, actorOf(actor), {
      action: "plan.startRevision",
      entityType: "plan",
      entityId: planId,
      organisationId: plan.organisationId,
      before: { status: plan.status, revision: plan.revision },
      after: { status: next, revision },
    });
    return { revision };
  });
}

// ---------------------------------------------------------------------------
// Review comments
// ---------------------------------------------------------------------------

/** A review comment on the plan, or on one of its projects, against the revision under review. */
export function addReviewComment(
  db: Db,
  actor: PlanActor,
  planId: number,
  input: { body: string; projectId?: number },
): { id: number } {
  return inTransaction(db, (tx) => {
    const plan = loadPlan(db, planId);
    if (!planPermissions(actor, plan.organisationId).comment) throw new PlanCommandError("forbidden");
    if (!isPlanOpenForComments(plan.status)) throw new PlanCommandError("status", { status: plan.status });
    let projectCode: string | null = null;
    if (input.projectId !== undefined) {
      const project = loadProject(db, input.projectId);
      if (!project || project.planId !== planId) throw new PlanCommandError("notFound");
      projectCode = project.code;
    }
    const revision = lastRecordedRevision(db, planId) ?? plan.revision;
    const id = Number(
      db.$client
        .prepare(
          `INSERT INTO review_comments (plan_id, project_id, revision, author_id, body, created_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(planId, input.projectId ?? null, revision, actor.id, input.body, Date.now()).lastInsertRowid,
    );
    recordAudit(tx, actorOf(actor), {
      action: "reviewComment.create",
      entityType: "review_comment",
      entityId: id,
      organisationId: plan.organisationId,
      after: {
        planId,
        planCode: plan.code,
        projectId: input.projectId ?? null,
        projectCode,
        revision,
        body: input.body,
      },
    });
    return { id };
  });
}

/** Mark a review comment as dealt with. */
export function resolveReviewComment(
  db: Db,
  actor: PlanActor,
  planId: number,
  input: { commentId: number },
): void {
  inTransaction(db, (tx) => {
    const plan = loadPlan(db, planId);
    if (!planPermissions(actor, plan.organisationId).resolveComments) throw new PlanCommandError("forbidden");
    const comment = db.$client
      .prepare("SELECT id, resolved_at AS resolvedAt FROM review_comments WHERE id = ? AND plan_id = ?")
      .get(input.commentId, planId) as { id: number; resolvedAt: number | null } | undefined;
    if (!comment) throw new PlanCommandError("notFound");
    const now = Date.now();
    const result = db.$client
      .prepare("UPDATE review_comments SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL")
      .run(now, comment.id);
    if (result.changes !== 1) throw new PlanCommandError("alreadyResolved");
    recordAudit(tx, actorOf(actor), {
      action: "reviewComment.resolve",
      entityType: "review_comment",
      entityId: comment.id,
      organisationId: plan.organisationId,
      before: { resolvedAt: null },
      after: { resolvedAt: now, planId, planCode: plan.code },
    });
  });
}
