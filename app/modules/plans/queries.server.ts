/**
 * Read models of plans: one plan with its projects, comments and revisions;
 * the paged plan list; what is waiting for the signed-in user; the labels a
 * revision diff needs.
 */
import type { Db } from "#db/client.server";
import type { PlanStatus } from "#db/enums";
import { ownOrganisationIds } from "~/auth/principal.server";
import { scopeOf, type Principal } from "~/auth/permissions";
import { placeholders, prepared } from "~/modules/db/sql.server";
import { clampPage, limitOffset } from "~/modules/table/params";
import type { Locale } from "~/i18n/locales";
import { todayIso } from "~/utils/today";
import { parsePeriod, type PlanListQuery, type PlanListSort } from "./list";
import type { FieldChange, SnapshotDiff } from "./diff";

export interface PlanRef {
  id: number;
  code: string;
  organisationId: number;
  status: PlanStatus;
  revision: number;
  version: number;
  titleVi: string;
  titleEn: string | null;
}

export interface OrgName {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
}

export interface PlanDetail extends PlanRef {
  summaryVi: string | null;
  summaryEn: string | null;
  periodStart: number;
  periodEnd: number;
  organisation: OrgName;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  approvedAt: number | null;
  createdByName: string | null;
  approvedByName: string | null;
}

const REF_SQL = `SELECT id, code, organisation_id AS organisationId, status, revision, version,
         title_vi AS titleVi, title_en AS titleEn
    FROM plans WHERE id = ?`;

/** The few facts every plan guard needs, or null for an unknown id. */
export function getPlanRef(db: Db, id: number): PlanRef | null {
  return (prepared(db, REF_SQL).get(id) as PlanRef | undefined) ?? null;
}

const DETAIL_SQL = `SELECT p.id, p.code, p.organisation_id AS organisationId, p.status, p.revision, p.version,
         p.title_vi AS titleVi, p.title_en AS titleEn, p.summary_vi AS summaryVi, p.summary_en AS summaryEn,
         p.period_start AS periodStart, p.period_end AS periodEnd, p.created_at AS createdAt,
         p.updated_at AS updatedAt, p.submitted_at AS submittedAt, p.approved_at AS approvedAt,
         o.code AS orgCode, o.name_vi AS orgNameVi, o.name_en AS orgNameEn,
         cu.name AS createdByName, au.name AS approvedByName
    FROM plans p
    JOIN organisations o ON o.id = p.organisation_id
    LEFT JOIN users cu ON cu.id = p.created_by
    LEFT JOIN users au ON au.id = p.approved_by
   WHERE p.id = ?`;

export function getPlanDetail(db: Db, id: number): PlanDetail | null {
  const row = prepared(db, DETAIL_SQL).get(id) as
    | (Omit<PlanDetail, "organisation"> & { orgCode: string; orgNameVi: string; orgNameEn: string })
    | undefined;
  if (!row) return null;
  const { orgCode, orgNameVi, orgNameEn, ...plan } = row;
  return {
    ...plan,
    organisation: { id: plan.organisationId, code: orgCode, nameVi: orgNameVi, nameEn: orgNameEn },
  };
}

/** The organisations whose projects may go into a plan of `organisationId`: the unit, its predecessors and successors, and its cities. */
export function planOrganisationScope(db: Db, organisationId: number): Set<number> {
  return ownOrganisationIds(db, [organisationId]);
}

// ---------------------------------------------------------------------------
// Projects of a plan
// ---------------------------------------------------------------------------

export interface PlanProjectRow {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  domain: string;
  phase: string;
  provinceNameVi: string | null;
  provinceNameEn: string | null;
  cityNameVi: string | null;
  cityNameEn: string | null;
  budgetTotal: number;
  openComments: number;
}

const PLAN_PROJECTS_SQL = `SELECT p.id, p.code, p.title_vi AS titleVi, p.title_en AS titleEn, p.domain, p.phase,
         pr.name_vi AS provinceNameVi, pr.name_en AS provinceNameEn,
         ci.name_vi AS cityNameVi, ci.name_en AS cityNameEn,
         (SELECT COALESCE(SUM(approved_amount), 0) FROM budget_lines b WHERE b.project_id = p.id) AS budgetTotal,
         (SELECT COUNT(*) FROM review_comments c
           WHERE c.plan_id = p.plan_id AND c.project_id = p.id AND c.resolved_at IS NULL) AS openComments
    FROM projects p
    LEFT JOIN organisations pr ON pr.id = p.province_id
    LEFT JOIN organisations ci ON ci.id = p.city_id
   WHERE p.plan_id = ?
   ORDER BY p.code`;

export function listPlanProjects(db: Db, planId: number): PlanProjectRow[] {
  return prepared(db, PLAN_PROJECTS_SQL).all(planId) as PlanProjectRow[];
}

export function countPlanProjects(db: Db, planId: number): number {
  return (prepared(db, "SELECT COUNT(*) AS n FROM projects WHERE plan_id = ?").get(planId) as { n: number })
    .n;
}

export interface EligibleProject {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
}

/** At most this many candidates are offered in the "add a project" list. */
export const ELIGIBLE_LIMIT = 500;

/**
 * Projects that may be added to a plan of `organisationId`: owned by the
 * organisation (or its predecessors, successors, cities) and in no plan yet.
 */
export function listEligibleProjects(db: Db, organisationId: number): EligibleProject[] {
  const scope = [...planOrganisationScope(db, organisationId)];
  return db.$client
    .prepare(
      `SELECT id, code, title_vi AS titleVi, title_en AS titleEn FROM projects
        WHERE plan_id IS NULL AND organisation_id IN (${placeholders(scope.length)})
        ORDER BY code LIMIT ${ELIGIBLE_LIMIT}`,
    )
    .all(...scope) as EligibleProject[];
}

// ---------------------------------------------------------------------------
// Comments and revisions
// ---------------------------------------------------------------------------

export interface CommentRow {
  id: number;
  projectId: number | null;
  projectCode: string | null;
  projectTitleVi: string | null;
  projectTitleEn: string | null;
  revision: number;
  authorName: string;
  body: string;
  resolvedAt: number | null;
  createdAt: number;
}

const COMMENTS_SQL = `SELECT c.id, c.project_id AS projectId, pj.code AS projectCode,
         pj.title_vi AS projectTitleVi, pj.title_en AS projectTitleEn, c.revision,
         u.name AS authorName, c.body, c.resolved_at AS resolvedAt, c.created_at AS createdAt
    FROM review_comments c
    JOIN users u ON u.id = c.author_id
    LEFT JOIN projects pj ON pj.id = c.project_id
   WHERE c.plan_id = ?
   ORDER BY c.resolved_at IS NOT NULL, c.created_at DESC, c.id DESC`;

/** Open comments first, newest first within each group. */
export function listPlanComments(db: Db, planId: number): CommentRow[] {
  return prepared(db, COMMENTS_SQL).all(planId) as CommentRow[];
}

export interface RevisionRow {
  id: number;
  revision: number;
  status: PlanStatus;
  reason: string | null;
  createdAt: number;
  createdByName: string | null;
  decidedAt: number | null;
  decidedByName: string | null;
}

const REVISIONS_SQL = `SELECT r.id, r.revision, r.status, r.reason, r.created_at AS createdAt, cu.name AS createdByName,
         r.decided_at AS decidedAt, du.name AS decidedByName
    FROM plan_revisions r
    LEFT JOIN users cu ON cu.id = r.created_by
    LEFT JOIN users du ON du.id = r.decided_by
   WHERE r.plan_id = ?
   ORDER BY r.revision DESC, r.id DESC`;

/** Every recorded revision, newest first. */
export function listPlanRevisions(db: Db, planId: number): RevisionRow[] {
  return prepared(db, REVISIONS_SQL).all(planId) as RevisionRow[];
}

/** The stored snapshot (JSON text) of one revision, or null. */
export function getRevisionSnapshot(db: Db, planId: number, revision: number): string | null {
  const row = prepared(
    db,
    "SELECT snapshot FROM plan_revisions WHERE plan_id = ? AND revision = ? ORDER BY id DESC LIMIT 1",
  ).get(planId, revision) as { snapshot: string } | undefined;
  return row?.snapshot ?? null;
}

// ---------------------------------------------------------------------------
// Labels for a diff
// ---------------------------------------------------------------------------

export interface DiffLabels {
  organisations: Record<number, { code: string; nameVi: string; nameEn: string }>;
  strategyNodes: Record<number, { code: string; titleVi: string; titleEn: string | null }>;
  apps: Record<number, { nameVi: string; nameEn: string | null }>;
  projects: Record<number, { code: string }>;
}

const ORG_FIELDS = new Set(["organisationId", "provinceId", "cityId", "cooperatingOrganisationIds"]);

function idsOf(changes: FieldChange[], fields: Set<string>, into: Set<number>): void {
  for (const c of changes) {
    if (!fields.has(c.field)) continue;
    for (const v of [c.before, c.after]) {
      for (const x of Array.isArray(v) ? v : [v]) if (typeof x === "number") into.add(x);
    }
  }
}

/** Names for every organisation, strategy node, app and project id a diff mentions (four statements at most). */
export function labelsForDiff(db: Db, diff: SnapshotDiff): DiffLabels {
  const all = [...diff.plan, ...diff.changed.flatMap((p) => p.changes)];
  const orgIds = new Set<number>();
  const nodeIds = new Set<number>();
  const appIds = new Set<number>();
  const projectIds = new Set<number>();
  idsOf(all, ORG_FIELDS, orgIds);
  idsOf(all, new Set(["strategyNodeIds"]), nodeIds);
  idsOf(all, new Set(["appId"]), appIds);
  idsOf(all, new Set(["replicatesProjectId"]), projectIds);
  const fetch = <T extends { id: number }>(ids: Set<number>, sql: (ph: string) => string): T[] =>
    ids.size === 0 ? [] : (db.$client.prepare(sql(placeholders(ids.size))).all(...ids) as T[]);
  const labels: DiffLabels = { organisations: {}, strategyNodes: {}, apps: {}, projects: {} };
  for (const o of fetch<{ id: number; code: string; nameVi: string; nameEn: string }>(
    orgIds,
    (ph) => `SELECT id, code, name_vi AS nameVi, name_en AS nameEn FROM organisations WHERE id IN (${ph})`,
  ))
    labels.organisations[o.id] = o;
  for (const n of fetch<{ id: number; code: string; titleVi: string; titleEn: string | null }>(
    nodeIds,
    (ph) =>
      `SELECT id, code, title_vi AS titleVi, title_en AS titleEn FROM strategy_nodes WHERE id IN (${ph})`,
  ))
    labels.strategyNodes[n.id] = n;
  for (const a of fetch<{ id: number; nameVi: string; nameEn: string | null }>(
    appIds,
    (ph) => `SELECT id, name_vi AS nameVi, name_en AS nameEn FROM app_register WHERE id IN (${ph})`,
  ))
    labels.apps[a.id] = a;
  for (const p of fetch<{ id: number; code: string }>(
    projectIds,
    (ph) => `SELECT id, code FROM projects WHERE id IN (${ph})`,
  ))
    labels.projects[p.id] = p;
  return labels;
}

// ---------------------------------------------------------------------------
// The plan list
// ---------------------------------------------------------------------------

export interface PlanListRow {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  organisationId: number;
  orgNameVi: string;
  orgNameEn: string;
  orgLegacy: boolean;
  periodStart: number;
  periodEnd: number;
  status: PlanStatus;
  revision: number;
  projectCount: number;
  openComments: number;
  updatedAt: number;
}

const ORDER: Record<PlanListSort, (locale: Locale) => string> = {
  code: () => "p.code",
  title: (l) =>
    l === "en" ? "COALESCE(p.title_en, p.title_vi) COLLATE NOCASE" : "p.title_vi COLLATE NOCASE",
  organisation: () => "o.search_name",
  period: () => "p.period_start, p.period_end",
  status: () => "p.status",
  revision: () => "p.revision",
  updated: () => "p.updated_at",
};

/**
 * Visible organisations for a reader of plans: null = every organisation
 * (`read:plan:any`); otherwise the reader's own units with their family.
 */
export function planReadScope(principal: Principal): Set<number> | null {
  const scope = scopeOf(principal, "read", "plan");
  if (scope === "any") return null;
  if (scope === "own") return new Set(principal.ownOrganisationIds);
  return new Set();
}

export interface PlanListResult {
  rows: PlanListRow[];
  total: number;
  table: PlanListQuery["table"];
}

/** One page of plans, filtered and sorted in SQL. */
export function listPlans(
  db: Db,
  scope: Set<number> | null,
  query: PlanListQuery,
  locale: Locale,
): PlanListResult {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (scope !== null) {
    if (scope.size === 0) return { rows: [], total: 0, table: { ...query.table, page: 1 } };
    where.push(`p.organisation_id IN (${placeholders(scope.size)})`);
    args.push(...scope);
  }
  const { status, org, period } = query.filters;
  if (status) {
    where.push("p.status = ?");
    args.push(status);
  }
  if (org) {
    // An organisation also finds what its predecessors, successors and cities planned.
    const family = [...planOrganisationScope(db, org)];
    where.push(`p.organisation_id IN (${placeholders(family.length)})`);
    args.push(...family);
  }
  const range = parsePeriod(period);
  if (range) {
    where.push("p.period_start = ? AND p.period_end = ?");
    args.push(range.start, range.end);
  }
  const whereSql = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const total = (
    db.$client.prepare(`SELECT COUNT(*) AS n FROM plans p ${whereSql}`).get(...args) as { n: number }
  ).n;
  const table = { ...query.table, page: clampPage(query.table.page, total, query.table.pageSize) };
  const { limit, offset } = limitOffset(table);
  const dir = table.dir === "desc" ? "DESC" : "ASC";
  const order = ORDER[table.sort](locale)
    .split(", ")
    .map((c) => `${c} ${dir}`)
    .join(", ");
  const rows = db.$client
    .prepare(
      `SELECT p.id, p.code, p.title_vi AS titleVi, p.title_en AS titleEn, p.organisation_id AS organisationId,
              o.name_vi AS orgNameVi, o.name_en AS orgNameEn,
              (o.valid_to IS NOT NULL AND o.valid_to < ?) AS orgLegacy,
              p.period_start AS periodStart, p.period_end AS periodEnd, p.status, p.revision,
              (SELECT COUNT(*) FROM projects pj WHERE pj.plan_id = p.id) AS projectCount,
              (SELECT COUNT(*) FROM review_comments c WHERE c.plan_id = p.id AND c.resolved_at IS NULL) AS openComments,
              p.updated_at AS updatedAt
         FROM plans p JOIN organisations o ON o.id = p.organisation_id
         ${whereSql}
        ORDER BY ${order}, p.id ${dir}
        LIMIT ? OFFSET ?`,
    )
    .all(todayIso(), ...args, limit, offset) as (Omit<PlanListRow, "orgLegacy"> & { orgLegacy: number })[];
  return { rows: rows.map((r) => ({ ...r, orgLegacy: Boolean(r.orgLegacy) })), total, table };
}

export interface PlanFilterOptions {
  organisations: (OrgName & { legacy: boolean })[];
  periods: { start: number; end: number }[];
}

/** Organisations that own plans and the periods plans cover, within the reader's scope. */
export function planFilterOptions(db: Db, scope: Set<number> | null): PlanFilterOptions {
  const ids = scope === null ? null : [...scope];
  if (ids !== null && ids.length === 0) return { organisations: [], periods: [] };
  const where = ids === null ? "" : `WHERE p.organisation_id IN (${placeholders(ids.length)})`;
  const args = ids ?? [];
  const organisations = (
    db.$client
      .prepare(
        `SELECT DISTINCT o.id, o.code, o.name_vi AS nameVi, o.name_en AS nameEn,
                (o.valid_to IS NOT NULL AND o.valid_to < ?) AS legacy
           FROM plans p JOIN organisations o ON o.id = p.organisation_id ${where}
          ORDER BY legacy, o.search_name`,
      )
      .all(todayIso(), ...args) as (OrgName & { legacy: number })[]
  ).map((o) => ({ ...o, legacy: Boolean(o.legacy) }));
  const periods = db.$client
    .prepare(
      `SELECT DISTINCT p.period_start AS start, p.period_end AS end FROM plans p ${where}
        ORDER BY p.period_start DESC, p.period_end DESC`,
    )
    .all(...args) as { start: number; end: number }[];
  return { organisations, periods };
}

// ---------------------------------------------------------------------------
// Waiting for you
// ---------------------------------------------------------------------------

export interface WaitingPlan {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  orgNameVi: string;
  orgNameEn: string;
  revision: number;
  /** When it was submitted (review queue) or returned (planners). */
  since: number | null;
  reason: string | null;
  projectCount: number;
}

export interface WaitingComment {
  id: number;
  planId: number;
  planCode: string;
  projectCode: string | null;
  revision: number;
  authorName: string;
  body: string;
  createdAt: number;
}

export interface WaitingForYou {
  /** Coordinators: submitted plans, oldest first. */
  toReview: WaitingPlan[] | null;
  /** Planners: their organisation's returned plans. */
  returned: WaitingPlan[] | null;
  /** Planners: open review comments on their organisation's plans (newest first, at most 20). */
  openComments: WaitingComment[] | null;
  openCommentCount: number;
}

export const WAITING_COMMENT_LIMIT = 20;

const WAITING_PLAN_COLUMNS = `p.id, p.code, p.title_vi AS titleVi, p.title_en AS titleEn,
       o.name_vi AS orgNameVi, o.name_en AS orgNameEn, p.revision,
       (SELECT COUNT(*) FROM projects pj WHERE pj.plan_id = p.id) AS projectCount`;

/** What the signed-in user should act on: the review queue, or returned plans and open comments. */
export function waitingFor(db: Db, principal: Principal): WaitingForYou {
  const out: WaitingForYou = { toReview: null, returned: null, openComments: null, openCommentCount: 0 };
  if (scopeOf(principal, "approve", "plan") === "any") {
    out.toReview = prepared(
      db,
      `SELECT ${WAITING_PLAN_COLUMNS}, p.submitted_at AS since, NULL AS reason
         FROM plans p JOIN organisations o ON o.id = p.organisation_id
        WHERE p.status = 'submitted'
        ORDER BY p.submitted_at IS NULL, p.submitted_at, p.id`,
    ).all() as WaitingPlan[];
  }
  if (scopeOf(principal, "update", "plan") === "own") {
    const ids = [...principal.ownOrganisationIds];
    if (ids.length === 0) return { ...out, returned: [], openComments: [] };
    const ph = placeholders(ids.length);
    out.returned = db.$client
      .prepare(
        `SELECT ${WAITING_PLAN_COLUMNS},
                r.decided_at AS since, r.reason
           FROM plans p JOIN organisations o ON o.id = p.organisation_id
           LEFT JOIN plan_revisions r ON r.id = (
             SELECT id FROM plan_revisions WHERE plan_id = p.id ORDER BY revision DESC, id DESC LIMIT 1)
          WHERE p.status = 'returned' AND p.organisation_id IN (${ph})
          ORDER BY r.decided_at DESC, p.id`,
      )
      .all(...ids) as WaitingPlan[];
    out.openCommentCount = (
      db.$client
        .prepare(
          `SELECT COUNT(*) AS n FROM review_comments c JOIN plans p ON p.id = c.plan_id
            WHERE c.resolved_at IS NULL AND p.organisation_id IN (${ph})`,
        )
        .get(...ids) as { n: number }
    ).n;
    out.openComments = db.$client
      .prepare(
        `SELECT c.id, c.plan_id AS planId, p.code AS planCode, pj.code AS projectCode, c.revision,
                u.name AS authorName, c.body, c.created_at AS createdAt
           FROM review_comments c
           JOIN plans p ON p.id = c.plan_id
           JOIN users u ON u.id = c.author_id
           LEFT JOIN projects pj ON pj.id = c.project_id
          WHERE c.resolved_at IS NULL AND p.organisation_id IN (${ph})
          ORDER BY c.created_at DESC, c.id DESC
          LIMIT ${WAITING_COMMENT_LIMIT}`,
      )
      .all(...ids) as WaitingComment[];
  }
  return out;
}

// ---------------------------------------------------------------------------
// Organisations a plan may be created for
// ---------------------------------------------------------------------------

export interface PlanOwnerOption extends OrgName {
  kind: "province" | "ministry" | "city";
}

/** Current provinces, ministries and cities (the units that make plans), by kind then name. */
export function listPlanOwnerOrganisations(db: Db, asOf: string = todayIso()): PlanOwnerOption[] {
  return prepared(
    db,
    `SELECT id, code, name_vi AS nameVi, name_en AS nameEn, kind FROM organisations
      WHERE kind IN ('province', 'ministry', 'city')
        AND (valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?)
      ORDER BY CASE kind WHEN 'province' THEN 0 WHEN 'ministry' THEN 1 ELSE 2 END, search_name`,
  ).all(asOf, asOf) as PlanOwnerOption[];
}
