/**
 * Project commands: create, edit, change phase, record a lesson, replicate a
 * pilot. Each is one transaction that writes its audit event alongside the
 * change. Callers (routes) have already checked the user's permission on the
 * organisations involved; these functions re-check the rules that depend on
 * the stored state (version, plan status, phase machine, lessons).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client.server";
import type { PlanStatus, ProjectPhase } from "#db/enums";
import {
  lessonsLearned,
  projectCooperators,
  projectPhaseChanges,
  projects,
  projectStrategyNodes,
} from "#db/schema";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";
import { refreshProjectFlags } from "~/modules/flags/hooks.server";
import { assertVersionedUpdate, StaleVersionError } from "~/modules/db/concurrency";
import { escapeLike } from "~/modules/db/sql.server";
import { isPlanContentEditable } from "~/modules/plans/workflow";
import { todayIso } from "~/utils/today";
import { formatProjectCode, nextProjectNumber, projectCodeYear } from "./code";
import { diffSnapshots, projectSearchText, type ProjectSnapshot } from "./fields";
import { PROJECT_AUDIT_ACTIONS } from "./history";
import { checkPhaseChange, type PhaseChangeProblem } from "./phase";
import { isReplicable } from "./replication";
import { findProjectById, lessonCount, snapshotOf, type ProjectRecord } from "./project.server";
import type { LessonInput, PhaseChangeInput, ProjectInput } from "./schema";

export { StaleVersionError };

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The plan of the project is under review or approved: its content is frozen. */
export class PlanLockedError extends Error {
  constructor(
    readonly planCode: string,
    readonly status: string,
  ) {
    super(`plan ${planCode} is ${status}: its projects cannot be edited`);
    this.name = "PlanLockedError";
  }
}

/** Next free code for the owner's abbreviation and year; call inside the insert transaction. */
export function nextCodeFor(tx: Tx | Db, abbr: string, year: number): string {
  const prefix = `${abbr}-${year}-`;
  const codes = (
    tx.all(sql`SELECT code FROM projects WHERE code LIKE ${`${escapeLike(prefix)}%`} ESCAPE '\\'`) as {
      code: string;
    }[]
  ).map((r) => r.code);
  return formatProjectCode(abbr, year, nextProjectNumber(codes, abbr, year));
}

function ownerAbbr(tx: Tx, organisationId: number): string {
  const row = tx.get(sql`SELECT abbr FROM organisations WHERE id = ${organisationId}`) as
    { abbr: string } | undefined;
  if (!row) throw new Error(`organisation ${organisationId} not found`);
  return row.abbr;
}

function columnsOf(s: ProjectSnapshot) {
  return {
    organisationId: s.organisationId,
    provinceId: s.provinceId,
    cityId: s.cityId,
    titleVi: s.titleVi,
    titleEn: s.titleEn,
    descriptionVi: s.descriptionVi,
    descriptionEn: s.descriptionEn,
    domain: s.domain,
    components: s.components,
    hostingModel: s.hostingModel,
    handlesPersonalData: s.handlesPersonalData,
    personalDataCategories: s.personalDataCategories,
    operatorType: s.operatorType,
    operatorName: s.operatorName,
    citizenAppName: s.citizenAppName,
    citizenAppPlatforms: s.citizenAppPlatforms,
    startDate: s.startDate,
    endDate: s.endDate,
    searchText: projectSearchText(s),
  };
}

function writeLinks(tx: Tx, projectId: number, s: ProjectSnapshot): void {
  tx.delete(projectStrategyNodes).where(eq(projectStrategyNodes.projectId, projectId)).run();
  tx.delete(projectCooperators).where(eq(projectCooperators.projectId, projectId)).run();
  const nodes = [
    ...(s.primaryNodeId ? [{ projectId, nodeId: s.primaryNodeId, primary: true }] : []),
    ...s.otherNodeIds.map((nodeId) => ({ projectId, nodeId, primary: false })),
  ];
  if (nodes.length) tx.insert(projectStrategyNodes).values(nodes).run();
  if (s.cooperatorIds.length) {
    tx.insert(projectCooperators)
      .values(s.cooperatorIds.map((organisationId) => ({ projectId, organisationId })))
      .run();
  }
}

/** The snapshot a validated form describes. */
export function snapshotFromInput(input: ProjectInput): ProjectSnapshot {
  return {
    organisationId: input.organisationId,
    titleVi: input.titleVi,
    titleEn: input.titleEn,
    descriptionVi: input.descriptionVi,
    descriptionEn: input.descriptionEn,
    domain: input.domain,
    primaryNodeId: input.primaryNodeId,
    otherNodeIds: [...input.otherNodeIds].sort((a, b) => a - b),
    provinceId: input.provinceId,
    cityId: input.cityId,
    cooperatorIds: [...input.cooperatorIds].sort((a, b) => a - b),
    hostingModel: input.hostingModel,
    handlesPersonalData: input.handlesPersonalData,
    personalDataCategories: input.personalDataCategories,
    operatorType: input.operatorType,
    operatorName: input.operatorName,
    citizenAppName: input.citizenAppName,
    citizenAppPlatforms: input.citizenAppPlatforms,
    startDate: input.startDate,
    endDate: input.endDate,
    components: input.components,
  };
}

interface InsertOptions {
  planId: number | null;
  replicatesProjectId: number | null;
  createdBy: number | null;
  asOf: string;
}

function insertProject(tx: Tx, s: ProjectSnapshot, o: InsertOptions): { id: number; code: string } {
  const code = nextCodeFor(tx, ownerAbbr(tx, s.organisationId), projectCodeYear(s.startDate, o.asOf));
  const now = Date.now();
  const { id } = tx
    .insert(projects)
    .values({
      ...columnsOf(s),
      code,
      planId: o.planId,
      replicatesProjectId: o.replicatesProjectId,
      phase: "proposed",
      phaseChangedAt: now,
      createdBy: o.createdBy,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: projects.id })
    .get();
  writeLinks(tx, id, s);
  tx.insert(projectPhaseChanges)
    .values({
      projectId: id,
      fromPhase: null,
      toPhase: "proposed",
      changedBy: o.createdBy,
      changedOn: o.asOf,
    })
    .run();
  return { id, code };
}

/** Create a project (phase proposed) with a new code. */
export function createProject(
  db: Db,
  actor: Actor,
  input: ProjectInput,
  asOf: string = todayIso(),
): { id: number; code: string } {
  const s = snapshotFromInput(input);
  return db.transaction(
    (tx) => {
      if (input.planId !== null) {
        const plan = tx.get(sql`SELECT code, status FROM plans WHERE id = ${input.planId}`) as
          { code: string; status: PlanStatus } | undefined;
        if (!plan) throw new Error(`plan ${input.planId} not found`);
        if (!isPlanContentEditable(plan.status)) throw new PlanLockedError(plan.code, plan.status);
      }
      const created = insertProject(tx, s, {
        planId: input.planId,
        replicatesProjectId: null,
        createdBy: actor.userId,
        asOf,
      });
      recordAudit(tx, actor, {
        action: PROJECT_AUDIT_ACTIONS.create,
        entityType: "project",
        entityId: created.id,
        organisationId: s.organisationId,
        after: { code: created.code, planId: input.planId, phase: "proposed", ...s },
      });
      refreshProjectFlags(db, actor, created.id);
      return created;
    },
    { behavior: "immediate" },
  );
}

/*
 * Reads inside a transaction go through `db`: better-sqlite3 runs the
 * transaction on the same connection, so they see its writes.
 */

/**
 * Save an edit made from `expectedVersion`. Throws StaleVersionError when
 * someone saved first (nothing is written) and PlanLockedError when the
 * project's plan is submitted or approved. Returns the changed fields.
 */
export function updateProject(
  db: Db,
  actor: Actor,
  projectId: number,
  expectedVersion: number,
  input: ProjectInput,
): { changed: string[]; version: number } {
  return db.transaction(
    (tx) => {
      const current = findProjectById(db, projectId);
      if (!current) throw new Error(`project ${projectId} not found`);
      if (current.plan && !isPlanContentEditable(current.plan.status)) {
        throw new PlanLockedError(current.plan.code, current.plan.status);
      }
      if (current.version !== expectedVersion)
        throw new StaleVersionError("project", projectId, expectedVersion);
      const next = snapshotFromInput(input);
      const diff = diffSnapshots(snapshotOf(current), next);
      if (diff.fields.length === 0) return { changed: [], version: current.version };
      const result = tx
        .update(projects)
        .set({ ...columnsOf(next), version: sql`${projects.version} + 1`, updatedAt: Date.now() })
        .where(and(eq(projects.id, projectId), eq(projects.version, expectedVersion)))
        .run();
      assertVersionedUpdate(result, "project", projectId, expectedVersion);
      if (diff.fields.some((f) => f === "primaryNodeId" || f === "otherNodeIds" || f === "cooperatorIds")) {
        writeLinks(tx, projectId, next);
      }
      recordAudit(tx, actor, {
        action: PROJECT_AUDIT_ACTIONS.update,
        entityType: "project",
        entityId: projectId,
        organisationId: next.organisationId,
        before: diff.before,
        after: diff.after,
      });
      refreshProjectFlags(db, actor, projectId);
      return { changed: diff.fields, version: expectedVersion + 1 };
    },
    { behavior: "immediate" },
  );
}

export type PhaseChangeResult =
  { ok: true; phase: ProjectPhase } | { ok: false; problem: PhaseChangeProblem };

/**
 * Move a project to another phase (allowed whatever its plan's status: this
 * is execution progress). Cancelling needs a reason; leaving evaluation needs
 * at least one lesson learned. Recorded in project_phase_changes and audited.
 */
export function changePhase(
  db: Db,
  actor: Actor,
  projectId: number,
  expectedVersion: number,
  input: PhaseChangeInput,
  asOf: string = todayIso(),
): PhaseChangeResult {
  return db.transaction(
    (tx) => {
      const row = tx.get(
        sql`SELECT phase, version, organisation_id AS organisationId FROM projects WHERE id = ${projectId}`,
      ) as { phase: ProjectPhase; version: number; organisationId: number } | undefined;
      if (!row) throw new Error(`project ${projectId} not found`);
      if (row.version !== expectedVersion) throw new StaleVersionError("project", projectId, expectedVersion);
      const reason = input.reason?.trim() || null;
      const problem = checkPhaseChange(row.phase, input.toPhase, {
        reason,
        lessonCount: lessonCount(db, projectId),
      });
      if (problem) return { ok: false, problem };
      const now = Date.now();
      const result = tx
        .update(projects)
        .set({
          phase: input.toPhase,
          phaseChangedAt: now,
          ...(input.toPhase === "cancelled" ? { cancellationReason: reason } : {}),
          version: sql`${projects.version} + 1`,
          updatedAt: now,
        })
        .where(and(eq(projects.id, projectId), eq(projects.version, expectedVersion)))
        .run();
      assertVersionedUpdate(result, "project", projectId, expectedVersion);
      tx.insert(projectPhaseChanges)
        .values({
          projectId,
          fromPhase: row.phase,
          toPhase: input.toPhase,
          reason,
          changedBy: actor.userId,
          changedOn: asOf,
        })
        .run();
      recordAudit(tx, actor, {
        action: PROJECT_AUDIT_ACTIONS.phase,
        entityType: "project",
        entityId: projectId,
        organisationId: row.organisationId,
        before: { phase: row.phase },
        after: { phase: input.toPhase, reason, changedOn: asOf },
      });
      refreshProjectFlags(db, actor, projectId);
      return { ok: true, phase: input.toPhase };
    },
    { behavior: "immediate" },
  );
}

/** Record a dated lesson learned on a project. */
export function addLesson(db: Db, actor: Actor, projectId: number, input: LessonInput): { id: number } {
  return db.transaction(
    (tx) => {
      const org = tx.get(
        sql`SELECT organisation_id AS organisationId FROM projects WHERE id = ${projectId}`,
      ) as { organisationId: number } | undefined;
      if (!org) throw new Error(`project ${projectId} not found`);
      const values = {
        projectId,
        recordedOn: input.recordedOn,
        bodyVi: input.bodyVi,
        bodyEn: input.bodyEn || null,
        authorId: actor.userId,
      };
      const { id } = tx.insert(lessonsLearned).values(values).returning({ id: lessonsLearned.id }).get();
      recordAudit(tx, actor, {
        action: PROJECT_AUDIT_ACTIONS.lesson,
        entityType: "project",
        entityId: projectId,
        organisationId: org.organisationId,
        after: { lessonId: id, recordedOn: values.recordedOn, bodyVi: values.bodyVi, bodyEn: values.bodyEn },
      });
      return { id };
    },
    { behavior: "immediate" },
  );
}

/** Where the replication will be: the target's province (a city's province) and city. */
export interface ReplicationTarget {
  organisationId: number;
  provinceId: number;
  cityId: number | null;
}

/**
 * The scope of a pilot as a new project owned by the target: titles,
 * descriptions, domain, components, strategy nodes (live ones), hosting,
 * personal-data handling and operator type, the citizen-facing app. A
 * government operator is local, so its name is not carried over; cooperating
 * organisations are not either.
 */
export function replicaSnapshot(
  source: ProjectRecord,
  target: ReplicationTarget,
  liveNodeIds: ReadonlySet<number>,
  startDate: string | null,
): ProjectSnapshot {
  const nodes = [...(source.primaryNodeId ? [source.primaryNodeId] : []), ...source.otherNodeIds].filter(
    (n) => liveNodeIds.has(n),
  );
  return {
    ...snapshotOf(source),
    organisationId: target.organisationId,
    provinceId: target.provinceId,
    cityId: target.cityId,
    primaryNodeId: nodes[0] ?? null,
    otherNodeIds: nodes.slice(1).sort((a, b) => a - b),
    cooperatorIds: [],
    operatorName: source.operatorType === "government_agency" ? null : source.operatorName,
    startDate,
    endDate: null,
  };
}

/** Create the replication of `source` owned by the target, linked back to it. */
export function replicateProject(
  db: Db,
  actor: Actor,
  source: ProjectRecord,
  target: ReplicationTarget,
  startDate: string | null,
  asOf: string = todayIso(),
): { id: number; code: string } {
  return db.transaction(
    (tx) => {
      const phase = (
        tx.get(sql`SELECT phase FROM projects WHERE id = ${source.id}`) as { phase: ProjectPhase }
      ).phase;
      if (!isReplicable(phase)) throw new Error(`project ${source.code} is ${phase}: not replicable`);
      const live = new Set(
        (tx.all(sql`SELECT id FROM strategy_nodes WHERE archived_at IS NULL`) as { id: number }[]).map(
          (r) => r.id,
        ),
      );
      const s = replicaSnapshot(source, target, live, startDate);
      const created = insertProject(tx, s, {
        planId: null,
        replicatesProjectId: source.id,
        createdBy: actor.userId,
        asOf,
      });
      recordAudit(tx, actor, {
        action: PROJECT_AUDIT_ACTIONS.replicate,
        entityType: "project",
        entityId: created.id,
        organisationId: target.organisationId,
        after: {
          code: created.code,
          replicatesProjectId: source.id,
          replicatesCode: source.code,
          phase: "proposed",
          ...s,
        },
      });
      refreshProjectFlags(db, actor, created.id);
      return created;
    },
    { behavior: "immediate" },
  );
}
