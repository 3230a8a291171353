/**
 * Milestone queries and commands. Every command runs in one transaction with
 * its audit event; edits are optimistic-locked on `version`. Progress and
 * overdue counts for lists are computed in SQL (same rules as progress.ts).
 */
import type { Db } from "#db/client.server";
import type { Actor } from "~/modules/audit/audit.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { refreshProjectFlags } from "~/modules/flags/hooks.server";
import { assertVersionedUpdate, StaleVersionError } from "~/modules/db/concurrency";
import { prepared } from "~/modules/db/sql.server";
import type { MilestoneInput } from "./schema";

export { StaleVersionError };

export interface MilestoneRow {
  id: number;
  projectId: number;
  nameVi: string;
  nameEn: string | null;
  dueDate: string;
  doneDate: string | null;
  weight: number;
  evidence: string | null;
  sortOrder: number;
  version: number;
  /** 1 when not done and due before `today`. */
  overdue: number;
}

const COLUMNS = `id, project_id AS projectId, name_vi AS nameVi, name_en AS nameEn, due_date AS dueDate,
  done_date AS doneDate, weight, evidence, sort_order AS sortOrder, version`;

const LIST_SQL = `SELECT ${COLUMNS}, (done_date IS NULL AND due_date < @today) AS overdue
    FROM milestones WHERE project_id = @projectId ORDER BY sort_order, due_date, id`;

export function listMilestones(db: Db, projectId: number, today: string): MilestoneRow[] {
  return prepared(db, LIST_SQL).all({ projectId, today }) as MilestoneRow[];
}

export function getMilestone(db: Db, id: number): MilestoneRow | null {
  return (
    (prepared(db, `SELECT ${COLUMNS}, 0 AS overdue FROM milestones WHERE id = ?`).get(id) as
      MilestoneRow | undefined) ?? null
  );
}

/** The SQL form of `physicalProgress` + `overdueCount` over a milestones alias `m`. */
export const PROGRESS_SQL_COLUMNS = `COALESCE(SUM(CASE WHEN m.done_date IS NOT NULL THEN m.weight END), 0) AS doneWeight,
  COALESCE(SUM(m.weight), 0) AS totalWeight,
  CAST(SUM(CASE WHEN m.done_date IS NOT NULL THEN m.weight ELSE 0 END) AS REAL) / NULLIF(SUM(m.weight), 0) AS ratio,
  COALESCE(SUM(m.done_date IS NULL AND m.due_date < @today), 0) AS overdueCount,
  COUNT(m.id) AS milestoneCount`;

export interface ProgressRow {
  doneWeight: number;
  totalWeight: number;
  ratio: number | null;
  overdueCount: number;
  milestoneCount: number;
}

const PROJECT_PROGRESS_SQL = `SELECT ${PROGRESS_SQL_COLUMNS} FROM milestones m WHERE m.project_id = @projectId`;

export function projectProgress(db: Db, projectId: number, today: string): ProgressRow {
  return prepared(db, PROJECT_PROGRESS_SQL).get({ projectId, today }) as ProgressRow;
}

// ---------------------------------------------------------------------------
// Plan Gantt: two statements for all projects of a plan
// ---------------------------------------------------------------------------

export interface PlanGanttProject extends ProgressRow {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  startDate: string | null;
  endDate: string | null;
}

export const PLAN_GANTT_PROJECTS_SQL = `SELECT p.id, p.code, p.title_vi AS titleVi, p.title_en AS titleEn,
         p.start_date AS startDate, p.end_date AS endDate, ${PROGRESS_SQL_COLUMNS}
    FROM projects p
    LEFT JOIN milestones m ON m.project_id = p.id
   WHERE p.plan_id = @planId
   GROUP BY p.id
   ORDER BY p.start_date IS NULL, p.start_date, p.code`;

export const PLAN_GANTT_MILESTONES_SQL = `SELECT m.id, m.project_id AS projectId, m.name_vi AS nameVi, m.name_en AS nameEn,
         m.due_date AS dueDate, m.done_date AS doneDate, m.weight,
         (m.done_date IS NULL AND m.due_date < @today) AS overdue
    FROM milestones m
    JOIN projects p ON p.id = m.project_id
   WHERE p.plan_id = @planId
   ORDER BY m.project_id, m.sort_order, m.due_date, m.id`;

export interface PlanGanttMilestone {
  id: number;
  projectId: number;
  nameVi: string;
  nameEn: string | null;
  dueDate: string;
  doneDate: string | null;
  weight: number;
  overdue: number;
}

export interface PlanGanttData {
  projects: (PlanGanttProject & { milestones: PlanGanttMilestone[] })[];
}

export function planGanttData(db: Db, planId: number, today: string): PlanGanttData {
  const projects = prepared(db, PLAN_GANTT_PROJECTS_SQL).all({ planId, today }) as PlanGanttProject[];
  const milestones = prepared(db, PLAN_GANTT_MILESTONES_SQL).all({ planId, today }) as PlanGanttMilestone[];
  const byProject = new Map<number, PlanGanttMilestone[]>();
  for (const m of milestones) {
    const list = byProject.get(m.projectId);
    if (list) list.push(m);
    else byProject.set(m.projectId, [m]);
  }
  return { projects: projects.map((p) => ({ ...p, milestones: byProject.get(p.id) ?? [] })) };
}

// ---------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------

export interface ProjectRef {
  id: number;
  code: string;
  organisationId: number;
}

export type CommandResult = { ok: true; id: number } | { ok: false; problem: "notFound" | "notDeletable" };

const snapshot = (m: MilestoneRow | null) =>
  m && {
    nameVi: m.nameVi,
    nameEn: m.nameEn,
    dueDate: m.dueDate,
    doneDate: m.doneDate,
    weight: m.weight,
    evidence: m.evidence,
    sortOrder: m.sortOrder,
    version: m.version,
  };

const blank = (v: string | undefined | null) => (v && v.trim() !== "" ? v.trim() : null);

function nextSortOrder(db: Db, projectId: number): number {
  const r = prepared(db, "SELECT COALESCE(MAX(sort_order), 0) AS n FROM milestones WHERE project_id = ?").get(
    projectId,
  ) as { n: number };
  return r.n + 10;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/*
 * Reads and writes inside a transaction go through `db` (prepared statements on
 * the same better-sqlite3 connection join the transaction); the audit goes through `tx`.
 */
function insertOne(
  db: Db,
  tx: Tx,
  actor: Actor,
  project: ProjectRef,
  input: MilestoneInput,
  action: string,
): number {
  const sortOrder = input.sortOrder ?? nextSortOrder(db, project.id);
  const res = prepared(
    db,
    `INSERT INTO milestones (project_id, name_vi, name_en, due_date, weight, evidence, sort_order)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    project.id,
    input.nameVi,
    blank(input.nameEn),
    input.dueDate,
    input.weight,
    blank(input.evidence),
    sortOrder,
  );
  const id = Number(res.lastInsertRowid);
  recordAudit(tx, actor, {
    action,
    entityType: "milestone",
    entityId: id,
    organisationId: project.organisationId,
    after: { projectCode: project.code, ...snapshot(getMilestone(db, id)) },
  });
  refreshProjectFlags(db, actor, project.id);
  return id;
}

export function addMilestone(db: Db, actor: Actor, project: ProjectRef, input: MilestoneInput): number {
  return db.transaction((tx) => insertOne(db, tx, actor, project, input, "milestone.create"), {
    behavior: "immediate",
  });
}

/** All rows or none: one transaction, one audit event per milestone. */
export function addMilestones(db: Db, actor: Actor, project: ProjectRef, inputs: MilestoneInput[]): number[] {
  return db.transaction(
    (tx) => inputs.map((input) => insertOne(db, tx, actor, project, input, "milestone.create")),
    { behavior: "immediate" },
  );
}

/** Load the milestone inside the transaction; it must belong to this project. */
function own(db: Db, project: ProjectRef, id: number): MilestoneRow | null {
  const m = getMilestone(db, id);
  return m && m.projectId === project.id ? m : null;
}

function versioned(
  db: Db,
  actor: Actor,
  project: ProjectRef,
  id: number,
  version: number,
  action: string,
  sql: string,
  args: unknown[],
  guard?: (m: MilestoneRow) => "notDeletable" | null,
): CommandResult {
  return db.transaction(
    (tx) => {
      const t = db;
      const before = own(t, project, id);
      if (!before) return { ok: false, problem: "notFound" } as const;
      if (before.version !== version) throw new StaleVersionError("milestone", id, version);
      const problem = guard?.(before);
      if (problem) return { ok: false, problem } as const;
      assertVersionedUpdate(prepared(t, sql).run(...args, id, version), "milestone", id, version);
      const after = action === "milestone.delete" ? null : getMilestone(t, id);
      recordAudit(tx, actor, {
        action,
        entityType: "milestone",
        entityId: id,
        organisationId: project.organisationId,
        before: { projectCode: project.code, ...snapshot(before) },
        after: after && { projectCode: project.code, ...snapshot(after) },
      });
      refreshProjectFlags(db, actor, project.id);
      return { ok: true, id } as const;
    },
    { behavior: "immediate" },
  );
}

const SET_VERSION = "version = version + 1, updated_at = unixepoch('subsec') * 1000";

export function editMilestone(
  db: Db,
  actor: Actor,
  project: ProjectRef,
  id: number,
  version: number,
  input: MilestoneInput,
): CommandResult {
  return versioned(
    db,
    actor,
    project,
    id,
    version,
    "milestone.update",
    `UPDATE milestones SET name_vi = ?, name_en = ?, due_date = ?, weight = ?, evidence = ?,
            sort_order = COALESCE(?, sort_order), ${SET_VERSION}
      WHERE id = ? AND version = ?`,
    [
      input.nameVi,
      blank(input.nameEn),
      input.dueDate,
      input.weight,
      blank(input.evidence),
      input.sortOrder ?? null,
    ],
  );
}

export function markDone(
  db: Db,
  actor: Actor,
  project: ProjectRef,
  id: number,
  version: number,
  doneDate: string,
): CommandResult {
  return versioned(
    db,
    actor,
    project,
    id,
    version,
    "milestone.done",
    `UPDATE milestones SET done_date = ?, ${SET_VERSION} WHERE id = ? AND version = ?`,
    [doneDate],
  );
}

export function undoDone(
  db: Db,
  actor: Actor,
  project: ProjectRef,
  id: number,
  version: number,
): CommandResult {
  return versioned(
    db,
    actor,
    project,
    id,
    version,
    "milestone.undone",
    `UPDATE milestones SET done_date = NULL, ${SET_VERSION} WHERE id = ? AND version = ?`,
    [],
  );
}

export function deleteMilestone(
  db: Db,
  actor: Actor,
  project: ProjectRef,
  id: number,
  version: number,
): CommandResult {
  return versioned(
    db,
    actor,
    project,
    id,
    version,
    "milestone.delete",
    "DELETE FROM milestones WHERE done_date IS NULL AND id = ? AND version = ?",
    [],
    (m) => (m.doneDate ? "notDeletable" : null),
  );
}
