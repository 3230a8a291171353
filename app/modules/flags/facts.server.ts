/**
 * Facts for the flag rules, gathered in a few set-based statements (one for
 * all projects or one project, one for provinces, one for the app register).
 * No per-project queries.
 */
import type { Db } from "#db/client.server";
import type { HostingModel, OperatorType, ProjectPhase } from "#db/enums";
import { prepared } from "~/modules/db/sql.server";
import { FLAG_CONFIG, type FlagConfig } from "./config";
import { addDaysIso, type ProjectFacts, type ProvinceFacts, type RegisterApp } from "./rules";

const inList = (xs: readonly string[]) => xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(", ");

const PROJECT_FACTS_SQL = `
WITH sel AS (SELECT id FROM projects WHERE @pid IS NULL UNION ALL SELECT id FROM projects WHERE id = @pid),
bl AS (
  SELECT b.project_id,
         SUM(b.approved_amount) AS approved,
         SUM(CASE WHEN b.category = 'hardware' THEN b.approved_amount ELSE 0 END) AS hw,
         MAX(b.category = 'security') AS has_sec,
         SUM(CASE WHEN b.fiscal_year = @year THEN b.approved_amount ELSE 0 END) AS year_approved
    FROM budget_lines b WHERE b.project_id IN (SELECT id FROM sel) GROUP BY b.project_id),
raised AS (
  SELECT * FROM (
    SELECT b.project_id, b.id, b.fiscal_year, b.original_amount, b.approved_amount,
           (SELECT COUNT(*) FROM budget_revisions r WHERE r.budget_line_id = b.id) AS revisions,
           ROW_NUMBER() OVER (PARTITION BY b.project_id
                              ORDER BY b.approved_amount * 1.0 / b.original_amount DESC, b.id) AS rn
      FROM budget_lines b
     WHERE b.project_id IN (SELECT id FROM sel) AND b.original_amount > 0 AND b.approved_amount > b.original_amount)
   WHERE rn = 1),
tx AS (
  SELECT t.project_id,
         SUM(CASE WHEN t.kind = 'disbursement' THEN t.amount ELSE 0 END) AS disbursed,
         SUM(CASE WHEN t.kind = 'disbursement' AND b.fiscal_year = @year THEN t.amount ELSE 0 END) AS year_disbursed,
         SUM(CASE WHEN t.kind = 'disbursement' AND t.date > @recentFrom AND t.date <= @asOf THEN t.amount ELSE 0 END) AS recent,
         SUM(CASE WHEN t.kind = 'disbursement' AND t.date > @recentFrom AND t.date <= @asOf AND t.amount > 0 THEN 1 ELSE 0 END) AS recent_n,
         MAX(CASE WHEN t.kind = 'disbursement' AND t.date <= @asOf THEN t.date END) AS last_disb,
         MAX(CASE WHEN t.date <= @asOf THEN t.date END) AS last_tx
    FROM transactions t JOIN budget_lines b ON b.id = t.budget_line_id
   WHERE t.project_id IN (SELECT id FROM sel) GROUP BY t.project_id),
overdue AS (
  SELECT * FROM (
    SELECT m.project_id, m.id, m.name_vi, m.due_date,
           ROW_NUMBER() OVER (PARTITION BY m.project_id ORDER BY m.due_date, m.id) AS rn
      FROM milestones m
     WHERE m.project_id IN (SELECT id FROM sel) AND m.done_date IS NULL AND m.due_date < @asOf)
   WHERE rn = 1),
ms AS (
  SELECT m.project_id,
         MAX(MAX(COALESCE(m.done_date, ''), date(m.updated_at / 1000, 'unixepoch'))) AS last_ms
    FROM milestones m WHERE m.project_id IN (SELECT id FROM sel) GROUP BY m.project_id),
ph AS (
  SELECT c.project_id, MAX(c.changed_on) AS last_change
    FROM project_phase_changes c WHERE c.project_id IN (SELECT id FROM sel) GROUP BY c.project_id),
ev AS (
  SELECT c.project_id, MIN(c.changed_on) AS evaluated_on
    FROM project_phase_changes c
   WHERE c.to_phase IN (${inList(FLAG_CONFIG.evaluatedPhases)})
     AND c.project_id IN (SELECT replicates_project_id FROM projects WHERE id IN (SELECT id FROM sel))
   GROUP BY c.project_id)
SELECT p.id, p.code, p.organisation_id AS organisationId, p.plan_id AS planId, p.phase,
       p.hosting_model AS hostingModel, p.hardware_capex AS hardwareCapex,
       p.handles_personal_data AS handlesPersonalData, p.operator_type AS operatorType,
       p.operator_name AS operatorName, p.citizen_app_name AS citizenAppName, p.components,
       p.start_date AS startDate, p.updated_at AS updatedAt,
       COALESCE(bl.approved, 0) AS approved, COALESCE(tx.disbursed, 0) AS disbursed,
       raised.id AS raisedId, raised.fiscal_year AS raisedYear, raised.original_amount AS raisedOriginal,
       raised.approved_amount AS raisedApproved, raised.revisions AS raisedRevisions,
       COALESCE(bl.hw, 0) AS hardwareApproved, COALESCE(bl.has_sec, 0) AS hasSecurityLine,
       COALESCE(bl.year_approved, 0) AS yearApproved, COALESCE(tx.year_disbursed, 0) AS yearDisbursed,
       COALESCE(tx.recent, 0) AS recentDisbursed, COALESCE(tx.recent_n, 0) AS recentDisbursements,
       tx.last_disb AS lastDisbursementDate, tx.last_tx AS lastTransactionDate,
       overdue.id AS overdueId, overdue.name_vi AS overdueName, overdue.due_date AS overdueDue,
       NULLIF(ms.last_ms, '') AS lastMilestoneActivity, ph.last_change AS lastPhaseChange,
       s.id AS sourceId, s.code AS sourceCode, s.phase AS sourcePhase, ev.evaluated_on AS sourceEvaluatedOn
  FROM projects p
  LEFT JOIN bl ON bl.project_id = p.id
  LEFT JOIN raised ON raised.project_id = p.id
  LEFT JOIN tx ON tx.project_id = p.id
  LEFT JOIN overdue ON overdue.project_id = p.id
  LEFT JOIN ms ON ms.project_id = p.id
  LEFT JOIN ph ON ph.project_id = p.id
  LEFT JOIN projects s ON s.id = p.replicates_project_id
  LEFT JOIN ev ON ev.project_id = s.id
 WHERE p.id IN (SELECT id FROM sel)
 ORDER BY p.id`;

interface ProjectRow {
  id: number;
  code: string;
  organisationId: number;
  planId: number | null;
  phase: ProjectPhase;
  hostingModel: HostingModel;
  hardwareCapex: number;
  handlesPersonalData: number;
  operatorType: OperatorType;
  operatorName: string | null;
  citizenAppName: string | null;
  components: string;
  startDate: string | null;
  updatedAt: number;
  approved: number;
  disbursed: number;
  raisedId: number | null;
  raisedYear: number | null;
  raisedOriginal: number | null;
  raisedApproved: number | null;
  raisedRevisions: number | null;
  hardwareApproved: number;
  hasSecurityLine: number;
  yearApproved: number;
  yearDisbursed: number;
  recentDisbursed: number;
  recentDisbursements: number;
  lastDisbursementDate: string | null;
  lastTransactionDate: string | null;
  overdueId: number | null;
  overdueName: string | null;
  overdueDue: string | null;
  lastMilestoneActivity: string | null;
  lastPhaseChange: string | null;
  sourceId: number | null;
  sourceCode: string | null;
  sourcePhase: ProjectPhase | null;
  sourceEvaluatedOn: string | null;
}

function parseList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** Facts of every project, or of one project when `projectId` is given. */
export function loadProjectFacts(
  db: Db,
  asOf: string,
  projectId: number | null = null,
  config: FlagConfig = FLAG_CONFIG,
): ProjectFacts[] {
  const rows = prepared(db, PROJECT_FACTS_SQL).all({
    pid: projectId,
    year: Number(asOf.slice(0, 4)),
    asOf,
    recentFrom: addDaysIso(asOf, -config.stalledRecentDays),
  }) as ProjectRow[];
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    organisationId: r.organisationId,
    planId: r.planId,
    phase: r.phase,
    hostingModel: r.hostingModel,
    hardwareCapex: r.hardwareCapex,
    handlesPersonalData: !!r.handlesPersonalData,
    operatorType: r.operatorType,
    operatorName: r.operatorName,
    citizenAppName: r.citizenAppName,
    components: parseList(r.components),
    startDate: r.startDate,
    updatedAt: r.updatedAt,
    approved: r.approved,
    disbursed: r.disbursed,
    mostRaisedLine:
      r.raisedId === null
        ? null
        : {
            id: r.raisedId,
            fiscalYear: r.raisedYear ?? 0,
            original: r.raisedOriginal ?? 0,
            approved: r.raisedApproved ?? 0,
            revisions: r.raisedRevisions ?? 0,
          },
    hardwareApproved: r.hardwareApproved,
    hasSecurityLine: !!r.hasSecurityLine,
    yearApproved: r.yearApproved,
    yearDisbursed: r.yearDisbursed,
    recentDisbursed: r.recentDisbursed,
    recentDisbursements: r.recentDisbursements,
    lastDisbursementDate: r.lastDisbursementDate,
    lastTransactionDate: r.lastTransactionDate,
    oldestOverdueMilestone:
      r.overdueId === null ? null : { id: r.overdueId, name: r.overdueName ?? "", dueDate: r.overdueDue ?? "" },
    lastMilestoneActivity: r.lastMilestoneActivity,
    lastPhaseChange: r.lastPhaseChange,
    source:
      r.sourceId === null
        ? null
        : {
            id: r.sourceId,
            code: r.sourceCode ?? "",
            phase: r.sourcePhase ?? "proposed",
            evaluatedOn: r.sourceEvaluatedOn,
          },
  }));
}

const PROVINCE_FACTS_SQL = `
WITH cur AS (
  SELECT o.id, o.code, o.name_vi, o.population, COALESCE(r.disadvantaged, 0) AS disadvantaged
    FROM organisations o LEFT JOIN regions r ON r.code = o.region_code
   WHERE o.kind = 'province' AND o.valid_to IS NULL),
place AS (
  SELECT id AS org_id, id AS prov_id FROM cur
  UNION SELECT s.predecessor_id, s.successor_id FROM organisation_successions s JOIN cur ON cur.id = s.successor_id
  UNION SELECT c.id, c.parent_id FROM organisations c JOIN cur ON cur.id = c.parent_id WHERE c.kind = 'city'),
pp AS (
  SELECT DISTINCT place.prov_id, p.id AS project_id
    FROM projects p JOIN place ON place.org_id = COALESCE(p.province_id, p.city_id, p.organisation_id)
   WHERE p.phase IN (${inList(FLAG_CONFIG.approvedPhases)})),
money AS (
  SELECT pp.prov_id, COUNT(DISTINCT pp.project_id) AS n, COALESCE(SUM(b.approved_amount), 0) AS approved
    FROM pp LEFT JOIN budget_lines b ON b.project_id = pp.project_id GROUP BY pp.prov_id)
SELECT cur.id AS organisationId, cur.code, cur.name_vi AS nameVi, cur.population,
       cur.disadvantaged, COALESCE(money.n, 0) AS approvedProjects, COALESCE(money.approved, 0) AS approvedBudget
  FROM cur LEFT JOIN money ON money.prov_id = cur.id
 ORDER BY cur.code`;

/** Current provinces with their approved projects and budget (legacy predecessors and cities included). */
export function loadProvinceFacts(db: Db): ProvinceFacts[] {
  const rows = prepared(db, PROVINCE_FACTS_SQL).all() as (Omit<ProvinceFacts, "disadvantaged"> & {
    disadvantaged: number;
  })[];
  return rows.map((r) => ({ ...r, disadvantaged: !!r.disadvantaged }));
}

export function loadRegisterApps(db: Db): RegisterApp[] {
  return prepared(
    db,
    "SELECT id, name_vi AS nameVi, scope, status FROM app_register ORDER BY id",
  ).all() as RegisterApp[];
}
