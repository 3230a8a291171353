/**
 * Reading one project: the record the commands work on (with its strategy
 * nodes and cooperators) and the read model of the project page.
 */
import { eq } from "drizzle-orm";
import type { Db } from "#db/client.server";
import type { OrganisationKind, PlanStatus, ProjectPhase } from "#db/enums";
import { projects } from "#db/schema";
import { placeholders, prepared } from "~/modules/db/sql.server";
import { successorIdOf } from "~/modules/organisations/succession.server";
import { todayIso } from "~/utils/today";
import type { ProjectSnapshot } from "./fields";
import type { HistoryEvent } from "./history";

type ProjectRow = typeof projects.$inferSelect;

export interface ProjectRecord extends ProjectRow {
  primaryNodeId: number | null;
  otherNodeIds: number[];
  cooperatorIds: number[];
  plan: { id: number; code: string; organisationId: number; status: PlanStatus } | null;
}

function loadRecord(db: Db, row: ProjectRow | undefined): ProjectRecord | null {
  if (!row) return null;
  const nodes = prepared(
    db,
    "SELECT node_id AS id, is_primary AS isPrimary FROM project_strategy_nodes WHERE project_id = ? ORDER BY is_primary DESC, node_id",
  ).all(row.id) as { id: number; isPrimary: number }[];
  const coops = prepared(
    db,
    "SELECT organisation_id AS id FROM project_cooperators WHERE project_id = ? ORDER BY organisation_id",
  ).all(row.id) as { id: number }[];
  const plan =
    row.planId === null
      ? null
      : ((prepared(
          db,
          "SELECT id, code, organisation_id AS organisationId, status FROM plans WHERE id = ?",
        ).get(row.planId) as ProjectRecord["plan"] | undefined) ?? null);
  const primary = nodes.find((n) => n.isPrimary === 1) ?? nodes[0];
  return {
    ...row,
    primaryNodeId: primary?.id ?? null,
    otherNodeIds: nodes.filter((n) => n !== primary).map((n) => n.id),
    cooperatorIds: coops.map((c) => c.id),
    plan,
  };
}

export function findProjectByCode(db: Db, code: string): ProjectRecord | null {
  return loadRecord(db, db.select().from(projects).where(eq(projects.code, code)).get());
}

export function findProjectById(db: Db, id: number): ProjectRecord | null {
  return loadRecord(db, db.select().from(projects).where(eq(projects.id, id)).get());
}

/** The editable fields of a stored project. */
export function snapshotOf(p: ProjectRecord): ProjectSnapshot {
  return {
    organisationId: p.organisationId,
    titleVi: p.titleVi,
    titleEn: p.titleEn,
    descriptionVi: p.descriptionVi,
    descriptionEn: p.descriptionEn,
    domain: p.domain,
    primaryNodeId: p.primaryNodeId,
    otherNodeIds: [...p.otherNodeIds].sort((a, b) => a - b),
    provinceId: p.provinceId,
    cityId: p.cityId,
    cooperatorIds: [...p.cooperatorIds].sort((a, b) => a - b),
    hostingModel: p.hostingModel,
    handlesPersonalData: p.handlesPersonalData,
    personalDataCategories: p.personalDataCategories,
    operatorType: p.operatorType,
    operatorName: p.operatorName,
    citizenAppName: p.citizenAppName,
    citizenAppPlatforms: p.citizenAppPlatforms,
    startDate: p.startDate,
    endDate: p.endDate,
    components: p.components,
  };
}

// ---------------------------------------------------------------------------
// The project page
// ---------------------------------------------------------------------------

export interface OrgRef {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
  kind: OrganisationKind;
  validTo: string | null;
}

/** An organisation, and the unit that carries it on today when it has ended. */
export interface OrgWithSuccessor extends OrgRef {
  successor: OrgRef | null;
}

export interface NodeRef {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  primary: boolean;
  archived: boolean;
}

export interface LessonView {
  id: number;
  recordedOn: string;
  bodyVi: string;
  bodyEn: string | null;
  authorName: string | null;
}

export interface PhaseChangeView {
  id: number;
  fromPhase: ProjectPhase | null;
  toPhase: ProjectPhase;
  reason: string | null;
  changedOn: string;
  changedByName: string | null;
}

export interface LinkedProject {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  phase: ProjectPhase;
  organisation: OrgRef;
  /** Province-level location, followed to today's unit. */
  province: OrgRef | null;
}

export interface ReviewCommentView {
  id: number;
  planCode: string;
  revision: number;
  body: string;
  authorName: string;
  createdAt: number;
  resolvedAt: number | null;
}

export interface ProjectPage {
  project: ProjectRecord;
  owner: OrgWithSuccessor;
  province: OrgWithSuccessor | null;
  city: OrgRef | null;
  cooperators: OrgRef[];
  nodes: NodeRef[];
  plan: {
    id: number;
    code: string;
    titleVi: string;
    titleEn: string | null;
    status: PlanStatus;
    revision: number;
  } | null;
  phaseHistory: PhaseChangeView[];
  lessons: LessonView[];
  source: (LinkedProject & { lessons: LessonView[] }) | null;
  replications: LinkedProject[];
  reviewComments: ReviewCommentView[];
  history: HistoryEvent[];
}

const ORG_COLS = "id, code, name_vi AS nameVi, name_en AS nameEn, kind, valid_to AS validTo";

export function orgRefs(db: Db, ids: readonly number[]): Map<number, OrgRef> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = prepared(
    db,
    `SELECT ${ORG_COLS} FROM organisations WHERE id IN (${placeholders(unique.length)})`,
  ).all(...unique) as OrgRef[];
  return new Map(rows.map((r) => [r.id, r]));
}

function withSuccessor(db: Db, org: OrgRef, asOf: string): OrgWithSuccessor {
  if (org.validTo === null || org.validTo >= asOf) return { ...org, successor: null };
  const sid = successorIdOf(db, org.id, asOf);
  const successor = sid !== null && sid !== org.id ? (orgRefs(db, [sid]).get(sid) ?? null) : null;
  return { ...org, successor };
}

/** Today's province for a (possibly legacy) province id. */
export function currentProvince(db: Db, provinceId: number | null, asOf: string): number | null {
  if (provinceId === null) return null;
  return successorIdOf(db, provinceId, asOf) ?? provinceId;
}

export function lessonsOf(db: Db, projectId: number): LessonView[] {
  return prepared(
    db,
    `SELECT l.id, l.recorded_on AS recordedOn, l.body_vi AS bodyVi, l.body_en AS bodyEn, u.name AS authorName
       FROM lessons_learned l LEFT JOIN users u ON u.id = l.author_id
      WHERE l.project_id = ? ORDER BY l.recorded_on DESC, l.id DESC`,
  ).all(projectId) as LessonView[];
}

export function lessonCount(db: Db, projectId: number): number {
  return (
    prepared(db, "SELECT COUNT(*) AS n FROM lessons_learned WHERE project_id = ?").get(projectId) as {
      n: number;
    }
  ).n;
}

const LINKED_SQL = `SELECT id, code, title_vi AS titleVi, title_en AS titleEn, phase,
       organisation_id AS organisationId, province_id AS provinceId
  FROM projects`;

interface LinkedRaw {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  phase: ProjectPhase;
  organisationId: number;
  provinceId: number | null;
}

function linked(db: Db, rows: LinkedRaw[], asOf: string): LinkedProject[] {
  const provinces = rows.map((r) => currentProvince(db, r.provinceId, asOf));
  const refs = orgRefs(db, [...rows.map((r) => r.organisationId), ...provinces.filter((p) => p !== null)]);
  return rows.map((r, i) => ({
    id: r.id,
    code: r.code,
    titleVi: r.titleVi,
    titleEn: r.titleEn,
    phase: r.phase,
    organisation: refs.get(r.organisationId)!,
    province: provinces[i] === null ? null : (refs.get(provinces[i]!) ?? null),
  }));
}

export function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Everything the project page shows. */
export function getProjectPage(db: Db, project: ProjectRecord, asOf: string = todayIso()): ProjectPage {
  const refs = orgRefs(db, [
    project.organisationId,
    ...(project.provinceId ? [project.provinceId] : []),
    ...(project.cityId ? [project.cityId] : []),
    ...project.cooperatorIds,
  ]);
  const nodeIds = [...(project.primaryNodeId ? [project.primaryNodeId] : []), ...project.otherNodeIds];
  const nodeRows = nodeIds.length
    ? (prepared(
        db,
        `SELECT id, code, title_vi AS titleVi, title_en AS titleEn, archived_at AS archivedAt
           FROM strategy_nodes WHERE id IN (${placeholders(nodeIds.length)})`,
      ).all(...nodeIds) as {
        id: number;
        code: string;
        titleVi: string;
        titleEn: string | null;
        archivedAt: number | null;
      }[])
    : [];
  const nodeById = new Map(nodeRows.map((n) => [n.id, n]));
  const nodes: NodeRef[] = nodeIds
    .filter((id) => nodeById.has(id))
    .map((id) => {
      const n = nodeById.get(id)!;
      return {
        id: n.id,
        code: n.code,
        titleVi: n.titleVi,
        titleEn: n.titleEn,
        primary: id === project.primaryNodeId,
        archived: n.archivedAt !== null,
      };
    });

  const plan =
    project.planId === null
      ? null
      : ((prepared(
          db,
          `SELECT id, code, title_vi AS titleVi, title_en AS titleEn, status, revision FROM plans WHERE id = ?`,
        ).get(project.planId) as ProjectPage["plan"] | undefined) ?? null);

  const phaseHistory = prepared(
    db,
    `SELECT c.id, c.from_phase AS fromPhase, c.to_phase AS toPhase, c.reason, c.changed_on AS changedOn,
            u.name AS changedByName
       FROM project_phase_changes c LEFT JOIN users u ON u.id = c.changed_by
      WHERE c.project_id = ? ORDER BY c.changed_on, c.id`,
  ).all(project.id) as PhaseChangeView[];

  let source: ProjectPage["source"] = null;
  if (project.replicatesProjectId !== null) {
    const raw = prepared(db, `${LINKED_SQL} WHERE id = ?`).get(project.replicatesProjectId) as
      LinkedRaw | undefined;
    if (raw) source = { ...linked(db, [raw], asOf)[0], lessons: lessonsOf(db, raw.id) };
  }
  const replications = linked(
    db,
    prepared(db, `${LINKED_SQL} WHERE replicates_project_id = ? ORDER BY code`).all(
      project.id,
    ) as LinkedRaw[],
    asOf,
  );

  const reviewComments = prepared(
    db,
    `SELECT c.id, pl.code AS planCode, c.revision, c.body, u.name AS authorName, c.created_at AS createdAt,
            c.resolved_at AS resolvedAt
       FROM review_comments c JOIN plans pl ON pl.id = c.plan_id JOIN users u ON u.id = c.author_id
      WHERE c.project_id = ? ORDER BY c.created_at DESC, c.id DESC`,
  ).all(project.id) as ReviewCommentView[];

  const history = (
    prepared(
      db,
      `SELECT a.id, a.at, a.action, COALESCE(u.name, a.actor_label) AS actorName, a.before, a.after
         FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id
        WHERE a.entity_type = 'project' AND a.entity_id = ? ORDER BY a.at DESC, a.id DESC`,
    ).all(String(project.id)) as (Omit<HistoryEvent, "before" | "after"> & {
      before: string | null;
      after: string | null;
    })[]
  ).map((e) => ({ ...e, before: parseJson(e.before), after: parseJson(e.after) }));

  return {
    project,
    owner: withSuccessor(db, refs.get(project.organisationId)!, asOf),
    province: project.provinceId ? withSuccessor(db, refs.get(project.provinceId)!, asOf) : null,
    city: project.cityId ? (refs.get(project.cityId) ?? null) : null,
    cooperators: project.cooperatorIds.map((id) => refs.get(id)!).filter(Boolean),
    nodes,
    plan,
    phaseHistory,
    lessons: lessonsOf(db, project.id),
    source,
    replications,
    reviewComments,
    history,
  };
}
