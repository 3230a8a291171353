/**
 * Active flags of one project or of the projects of one plan, for the
 * project and plan pages (newest first within severity).
 */
import type { Db } from "#db/client.server";
import type { FlagSeverity, FlagState } from "#db/enums";
import { prepared } from "~/modules/db/sql.server";

export interface ProjectFlag {
  id: number;
  ruleCode: string;
  severity: FlagSeverity;
  state: FlagState;
  stateReason: string | null;
  moneyAtStake: number;
  /** JSON evidence incl. `explanationKey` (namespace `flags`). */
  evidence: string;
  projectCode: string | null;
}

const SEVERITY_ORDER = "CASE f.severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END";
const COLUMNS = `f.id, f.rule_code AS ruleCode, f.severity, f.state, f.state_reason AS stateReason,
  f.money_at_stake AS moneyAtStake, f.evidence, p.code AS projectCode`;

export function flagsOfProject(db: Db, projectId: number): ProjectFlag[] {
  return prepared(
    db,
    `SELECT ${COLUMNS} FROM flags f JOIN projects p ON p.id = f.project_id
      WHERE f.project_id = ? AND f.active = 1
      ORDER BY ${SEVERITY_ORDER} DESC, f.money_at_stake DESC, f.id`,
  ).all(projectId) as ProjectFlag[];
}

export function flagsOfPlan(db: Db, planId: number): ProjectFlag[] {
  return prepared(
    db,
    `SELECT ${COLUMNS} FROM flags f JOIN projects p ON p.id = f.project_id
      WHERE p.plan_id = ? AND f.active = 1
      ORDER BY ${SEVERITY_ORDER} DESC, f.money_at_stake DESC, f.id`,
  ).all(planId) as ProjectFlag[];
}
