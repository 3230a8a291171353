/**
 * Build the snapshot of a plan as it stands (two statements: the plan, then
 * all its projects with their strategy nodes, cooperating organisations and
 * approved budget totals aggregated in SQL).
 */
import type { Db } from "#db/client.server";
import { prepared } from "~/modules/db/sql.server";
import {
  SNAPSHOT_FORMAT,
  type PlanSnapshot,
  type PlanSnapshotPlan,
  type PlanSnapshotProject,
} from "./snapshot";

const PLAN_SQL = `SELECT code, organisation_id AS organisationId, title_vi AS titleVi, title_en AS titleEn,
         summary_vi AS summaryVi, summary_en AS summaryEn, period_start AS periodStart, period_end AS periodEnd
    FROM plans WHERE id = ?`;

const PROJECTS_SQL = `SELECT p.id, p.code, p.title_vi AS titleVi, p.title_en AS titleEn,
         p.description_vi AS descriptionVi, p.description_en AS descriptionEn, p.domain,
         p.components, p.phase, p.organisation_id AS organisationId, p.province_id AS provinceId,
         p.city_id AS cityId, p.hosting_model AS hostingModel, p.hardware_capex AS hardwareCapex,
         p.handles_personal_data AS handlesPersonalData, p.personal_data_categories AS personalDataCategories,
         p.operator_type AS operatorType, p.operator_name AS operatorName,
         p.citizen_app_name AS citizenAppName, p.citizen_app_platforms AS citizenAppPlatforms,
         p.app_id AS appId, p.replicates_project_id AS replicatesProjectId,
         p.start_date AS startDate, p.end_date AS endDate,
         (SELECT json_group_array(node_id) FROM (SELECT node_id FROM project_strategy_nodes
            WHERE project_id = p.id ORDER BY node_id)) AS strategyNodeIds,
         (SELECT json_group_array(organisation_id) FROM (SELECT organisation_id FROM project_cooperators
            WHERE project_id = p.id ORDER BY organisation_id)) AS cooperatingOrganisationIds,
         (SELECT COALESCE(SUM(approved_amount), 0) FROM budget_lines WHERE project_id = p.id) AS budgetTotal
    FROM projects p WHERE p.plan_id = ? ORDER BY p.code`;

type RawProject = Omit<
  PlanSnapshotProject,
  | "components"
  | "personalDataCategories"
  | "citizenAppPlatforms"
  | "strategyNodeIds"
  | "cooperatingOrganisationIds"
  | "handlesPersonalData"
> & {
  components: string;
  personalDataCategories: string;
  citizenAppPlatforms: string;
  strategyNodeIds: string;
  cooperatingOrganisationIds: string;
  handlesPersonalData: number;
};

function jsonList<T>(text: string | null): T[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

/** The plan and its projects as they stand now; null for an unknown plan. */
export function buildPlanSnapshot(db: Db, planId: number): PlanSnapshot | null {
  const plan = prepared(db, PLAN_SQL).get(planId) as PlanSnapshotPlan | undefined;
  if (!plan) return null;
  const projects = (prepared(db, PROJECTS_SQL).all(planId) as RawProject[]).map((p): PlanSnapshotProject => ({
    ...p,
    components: jsonList<string>(p.components).sort(),
    handlesPersonalData: Boolean(p.handlesPersonalData),
    personalDataCategories: jsonList<string>(p.personalDataCategories).sort(),
    citizenAppPlatforms: jsonList<string>(p.citizenAppPlatforms).sort(),
    strategyNodeIds: jsonList<number>(p.strategyNodeIds),
    cooperatingOrganisationIds: jsonList<number>(p.cooperatingOrganisationIds),
  }));
  return { format: SNAPSHOT_FORMAT, plan, projects };
}
