/**
 * Read models of the JSON API (plain JSON shapes, ids and codes side by
 * side): project lists with keyset pagination, one project with its budget
 * lines, planned disbursements, milestones, indicators and flags, and a
 * project's ledger. Scoping by organisation is the caller's permission scope.
 */
import type { Db } from "#db/client.server";
import { PROJECT_PHASES, DOMAINS, type Domain, type ProjectPhase } from "#db/enums";
import { scopeOf, type Principal } from "~/auth/permissions";
import { budgetLinesOf } from "~/modules/budget/budget.server";
import { prepared } from "~/modules/db/sql.server";
import { flagsOfProject } from "~/modules/flags/project-flags.server";
import { getMilestone, listMilestones, type MilestoneRow } from "~/modules/milestones/milestones.server";
import type { ProjectRecord } from "~/modules/projects/project.server";
import { todayIso } from "~/utils/today";
import { validationError } from "./http.server";

export interface ProjectListFilters {
  organisation: string | null;
  province: string | null;
  phase: ProjectPhase | null;
  domain: Domain | null;
  plan: string | null;
  updatedSince: number | null;
}

/** Query-string filters; unknown values are a 422, not silently ignored. */
export function parseProjectFilters(params: URLSearchParams): ProjectListFilters {
  const errors: Record<string, string[]> = {};
  const phase = params.get("phase");
  const domain = params.get("domain");
  const since = params.get("updatedSince");
  if (phase && !(PROJECT_PHASES as readonly string[]).includes(phase)) errors.phase = [`One of ${PROJECT_PHASES.join(", ")}.`];
  if (domain && !(DOMAINS as readonly string[]).includes(domain)) errors.domain = [`One of ${DOMAINS.join(", ")}.`];
  const sinceMs = since ? Date.parse(since) : NaN;
  if (since && Number.isNaN(sinceMs)) errors.updatedSince = ["An ISO date or date-time."];
  if (Object.keys(errors).length) throw validationError(errors);
  return {
    organisation: params.get("organisation") || null,
    province: params.get("province") || null,
    phase: (phase as ProjectPhase) || null,
    domain: (domain as Domain) || null,
    plan: params.get("plan") || null,
    updatedSince: since ? sinceMs : null,
  };
}

export interface ApiProjectSummary {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  organisation: { id: number; code: string };
  province: { id: number; code: string } | null;
  city: { id: number; code: string } | null;
  plan: { id: number; code: string } | null;
  domain: Domain;
  phase: ProjectPhase;
  hostingModel: string;
  startDate: string | null;
  endDate: string | null;
  published: boolean;
  version: number;
  updatedAt: string;
}

const SUMMARY_SQL = `SELECT p.id, p.code, p.title_vi AS titleVi, p.title_en AS titleEn,
    p.organisation_id AS organisationId, o.code AS organisationCode,
    p.province_id AS provinceId, pr.code AS provinceCode, p.city_id AS cityId, c.code AS cityCode,
    p.plan_id AS planId, pl.code AS planCode, p.domain, p.phase, p.hosting_model AS hostingModel,
    p.start_date AS startDate, p.end_date AS endDate, p.published, p.version, p.updated_at AS updatedAt
  FROM projects p
  JOIN organisations o ON o.id = p.organisation_id
  LEFT JOIN organisations pr ON pr.id = p.province_id
  LEFT JOIN organisations c ON c.id = p.city_id
  LEFT JOIN plans pl ON pl.id = p.plan_id`;

interface SummaryRow {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  organisationId: number;
  organisationCode: string;
  provinceId: number | null;
  provinceCode: string | null;
  cityId: number | null;
  cityCode: string | null;
  planId: number | null;
  planCode: string | null;
  domain: Domain;
  phase: ProjectPhase;
  hostingModel: string;
  startDate: string | null;
  endDate: string | null;
  published: number;
  version: number;
  updatedAt: number;
}

function toSummary(r: SummaryRow): ApiProjectSummary {
  return {
    id: r.id,
    code: r.code,
    titleVi: r.titleVi,
    titleEn: r.titleEn,
    organisation: { id: r.organisationId, code: r.organisationCode },
    province: r.provinceId === null ? null : { id: r.provinceId, code: r.provinceCode! },
    city: r.cityId === null ? null : { id: r.cityId, code: r.cityCode! },
    plan: r.planId === null ? null : { id: r.planId, code: r.planCode! },
    domain: r.domain,
    phase: r.phase,
    hostingModel: r.hostingModel,
    startDate: r.startDate,
    endDate: r.endDate,
    published: r.published === 1,
    version: r.version,
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

/**
 * One page of the projects the principal may read, by id ascending after
 * `afterId`. `organisation`/`province` filters take codes and include the
 * unit's merged predecessors and successors (as the web register does not
 * need to: the API has no legacy toggle).
 */
export function listApiProjects(
  db: Db,
  principal: Principal,
  filters: ProjectListFilters,
  afterId: number | null,
  limit: number,
): { rows: ApiProjectSummary[]; hasMore: boolean; total: number } {
  const scope = scopeOf(principal, "read", "project");
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (scope === "own") {
    where.push("p.organisation_id IN (SELECT value FROM json_each(:own))");
    params.own = JSON.stringify([...principal.ownOrganisationIds]);
  } else if (scope === null) {
    where.push("0");
  }
  const family = (name: string, code: string, column: string) => {
    where.push(`${column} IN (
      WITH RECURSIVE fam(id) AS (
        SELECT id FROM organisations WHERE code = :${name}
        UNION SELECT s.predecessor_id FROM organisation_successions s JOIN fam ON s.successor_id = fam.id
        UNION SELECT s.successor_id FROM organisation_successions s JOIN fam ON s.predecessor_id = fam.id)
      SELECT id FROM fam)`);
    params[name] = code;
  };
  if (filters.organisation) family("org", filters.organisation, "p.organisation_id");
  if (filters.province) family("prov", filters.province, "p.province_id");
  if (filters.phase) {
    where.push("p.phase = :phase");
    params.phase = filters.phase;
  }
  if (filters.domain) {
    where.push("p.domain = :domain");
    params.domain = filters.domain;
  }
  if (filters.plan) {
    where.push("pl.code = :plan");
    params.plan = filters.plan;
  }
  if (filters.updatedSince !== null) {
    where.push("p.updated_at >= :since");
    params.since = filters.updatedSince;
  }
  const base = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const total = (
    prepared(db, `SELECT COUNT(*) AS n FROM projects p LEFT JOIN plans pl ON pl.id = p.plan_id ${base}`).get(
      params,
    ) as { n: number }
  ).n;
  const pageWhere = [...where, ...(afterId !== null ? ["p.id > :after"] : [])];
  const rows = prepared(
    db,
    `${SUMMARY_SQL} ${pageWhere.length ? `WHERE ${pageWhere.join(" AND ")}` : ""} ORDER BY p.id LIMIT :limit`,
  ).all({ ...params, ...(afterId !== null ? { after: afterId } : {}), limit: limit + 1 }) as SummaryRow[];
  return { rows: rows.slice(0, limit).map(toSummary), hasMore: rows.length > limit, total };
}

export function projectSummary(db: Db, projectId: number): ApiProjectSummary {
  return toSummary(prepared(db, `${SUMMARY_SQL} WHERE p.id = ?`).get(projectId) as SummaryRow);
}

/** The full project: fields, links, budget lines with booked sums, plans, milestones, indicators, flags. */
export function projectDetail(
  db: Db,
  project: ProjectRecord,
  opts: { includeBudget: boolean; includeFlags: boolean },
  today: string = todayIso(),
) {
  const nodes = prepared(
    db,
    `SELECT n.id, n.code, l.is_primary AS isPrimary FROM project_strategy_nodes l JOIN strategy_nodes n ON n.id = l.node_id
      WHERE l.project_id = ? ORDER BY l.is_primary DESC, n.code`,
  ).all(project.id) as { id: number; code: string; isPrimary: number }[];
  const cooperators = prepared(
    db,
    `SELECT o.id, o.code FROM project_cooperators c JOIN organisations o ON o.id = c.organisation_id
      WHERE c.project_id = ? ORDER BY o.code`,
  ).all(project.id) as { id: number; code: string }[];
  const detail = {
    ...projectSummary(db, project.id),
    descriptionVi: project.descriptionVi,
    descriptionEn: project.descriptionEn,
    components: project.components,
    strategyNodes: nodes.map((n) => ({ id: n.id, code: n.code, primary: n.isPrimary === 1 })),
    cooperators,
    handlesPersonalData: project.handlesPersonalData,
    personalDataCategories: project.personalDataCategories,
    operatorType: project.operatorType,
    operatorName: project.operatorName,
    citizenAppName: project.citizenAppName,
    citizenAppPlatforms: project.citizenAppPlatforms,
    cancellationReason: project.cancellationReason,
  };
  if (!opts.includeBudget) return detail;
  const lines = budgetLinesOf(db, project.id).map((l) => ({
    id: l.id,
    fiscalYear: l.fiscalYear,
    fundingSource: l.fundingSource,
    category: l.category,
    approvedAmount: l.approvedAmount,
    originalAmount: l.originalAmount,
    committed: l.committed,
    disbursed: l.disbursed,
    planned: l.planned,
    version: l.version,
  }));
  const plannedDisbursements = prepared(
    db,
    `SELECT id, budget_line_id AS budgetLineId, fiscal_year AS fiscalYear, quarter, amount
       FROM planned_disbursements WHERE project_id = ? ORDER BY fiscal_year, quarter, id`,
  ).all(project.id);
  const milestones = listMilestones(db, project.id, today).map(({ overdue, projectId: _p, ...m }) => ({
    ...m,
    overdue: overdue === 1,
  }));
  const indicators = prepared(
    db,
    `SELECT i.id, i.name_vi AS nameVi, i.name_en AS nameEn, i.unit, i.baseline, i.baseline_year AS baselineYear,
            i.target, i.target_year AS targetYear,
            (SELECT json_group_array(json_object('period', v.period, 'periodStart', v.period_start,
                     'periodEnd', v.period_end, 'value', v.value))
               FROM (SELECT * FROM indicator_values WHERE indicator_id = i.id ORDER BY period_start) v) AS vals
       FROM indicators i WHERE i.project_id = ? ORDER BY i.id`,
  )
    .all(project.id)
    .map((r) => {
      const { vals, ...rest } = r as { vals: string } & Record<string, unknown>;
      return { ...rest, values: JSON.parse(vals) as unknown[] };
    });
  const flags = opts.includeFlags
    ? flagsOfProject(db, project.id).map((f) => ({
        id: f.id,
        rule: f.ruleCode,
        severity: f.severity,
        state: f.state,
        stateReason: f.stateReason,
        moneyAtStake: f.moneyAtStake,
        evidence: JSON.parse(f.evidence) as unknown,
      }))
    : undefined;
  return { ...detail, budgetLines: lines, plannedDisbursements, milestones, indicators, flags };
}

export interface ApiTransaction {
  id: number;
  budgetLineId: number;
  kind: string;
  date: string;
  amount: number;
  documentRef: string | null;
  note: string | null;
  reversesId: number | null;
  origin: string;
  externalRef: string | null;
}

const TX_SQL = `SELECT id, budget_line_id AS budgetLineId, kind, date, amount, document_ref AS documentRef, note,
   reverses_id AS reversesId, origin, external_ref AS externalRef FROM transactions`;

export function listApiTransactions(
  db: Db,
  projectId: number,
  afterId: number | null,
  limit: number,
): { rows: ApiTransaction[]; hasMore: boolean } {
  const rows = prepared(db, `${TX_SQL} WHERE project_id = ? AND id > ? ORDER BY id LIMIT ?`).all(
    projectId,
    afterId ?? 0,
    limit + 1,
  ) as ApiTransaction[];
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}

export function apiTransaction(db: Db, id: number): ApiTransaction {
  return prepared(db, `${TX_SQL} WHERE id = ?`).get(id) as ApiTransaction;
}

/** Plans the principal may read, by id. */
export function listApiPlans(db: Db, principal: Principal, afterId: number | null, limit: number) {
  const scope = scopeOf(principal, "read", "plan");
  const own = scope === "own" ? JSON.stringify([...principal.ownOrganisationIds]) : null;
  const rows = prepared(
    db,
    `SELECT pl.id, pl.code, pl.title_vi AS titleVi, pl.title_en AS titleEn, pl.organisation_id AS organisationId,
            o.code AS organisationCode, pl.period_start AS periodStart, pl.period_end AS periodEnd, pl.status,
            pl.revision, pl.version,
            (SELECT json_group_array(code) FROM (SELECT code FROM projects WHERE plan_id = pl.id ORDER BY code)) AS projects
       FROM plans pl JOIN organisations o ON o.id = pl.organisation_id
      WHERE pl.id > :after AND (:scope = 'any' OR (:scope = 'own' AND pl.organisation_id IN (SELECT value FROM json_each(:own))))
      ORDER BY pl.id LIMIT :limit`,
  ).all({ after: afterId ?? 0, scope: scope ?? "none", own: own ?? "[]", limit: limit + 1 }) as ({
    projects: string;
    organisationId: number;
    organisationCode: string;
  } & Record<string, unknown>)[];
  return {
    rows: rows.slice(0, limit).map(({ projects, organisationId, organisationCode, ...r }) => ({
      ...r,
      organisation: { id: organisationId, code: organisationCode },
      projectCodes: JSON.parse(projects) as string[],
    })),
    hasMore: rows.length > limit,
  };
}

/** A milestone as the API shows it (by row or by id). */
export function apiMilestone(m: MilestoneRow | number, db?: Db) {
  const row = typeof m === "number" ? getMilestone(db!, m)! : m;
  const { projectId: _p, overdue, ...rest } = row;
  return { ...rest, overdue: row.doneDate === null && row.dueDate < todayIso() ? true : overdue === 1 };
}
