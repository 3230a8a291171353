/**
 * Active flags of one project or of the projects of one plan, for the
 * project and plan pages (highest severity, then most money, first). Group
 * flags (same_project / same_solution) show on every member project.
 * `own` limits the list to flags of the caller's organisations (planners):
 * a flag filed under one of them, or a group with a member of one of them;
 * null means everything (coordinators, leaders, auditors).
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
  /** Epoch ms of the last triage change. */
  stateChangedAt: number | null;
  moneyAtStake: number;
  /** JSON evidence incl. `explanationKey` (namespace `flags`). */
  evidence: string;
  /** The project of a project flag; null for a group flag. */
  projectCode: string | null;
  subjectType: "project" | "plan" | "organisation" | "group";
  /** Group flags: the first member projects (code, titles), at most MEMBERS_SHOWN. */
  members: { code: string; titleVi: string; titleEn: string | null }[];
}

const SEVERITY_ORDER = "CASE f.severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END";
const COLUMNS = `f.id, f.rule_code AS ruleCode, f.severity, f.state, f.state_reason AS stateReason,
  f.state_changed_at AS stateChangedAt, f.money_at_stake AS moneyAtStake, f.evidence,
  p.code AS projectCode, f.subject_type AS subjectType`;
const OWN = `(:own IS NULL OR f.organisation_id IN (SELECT value FROM json_each(:own))
  OR EXISTS (SELECT 1 FROM flag_members om JOIN projects op ON op.id = om.project_id
              WHERE om.flag_id = f.id AND op.organisation_id IN (SELECT value FROM json_each(:own))))`;

type Row = Omit<ProjectFlag, "members">;

/** Members listed per group flag (the evidence has the count and every code). */
export const MEMBERS_SHOWN = 12;

function withMembers(db: Db, rows: Row[]): ProjectFlag[] {
  const groups = rows.filter((r) => r.subjectType === "group").map((r) => r.id);
  const members = new Map<number, ProjectFlag["members"]>();
  if (groups.length) {
    const all = prepared(
      db,
      `SELECT flagId, code, titleVi, titleEn FROM (
         SELECT m.flag_id AS flagId, p.code, p.title_vi AS titleVi, p.title_en AS titleEn,
                ROW_NUMBER() OVER (PARTITION BY m.flag_id ORDER BY p.code) AS rn
           FROM flag_members m JOIN projects p ON p.id = m.project_id
          WHERE m.flag_id IN (SELECT value FROM json_each(?)))
        WHERE rn <= ${MEMBERS_SHOWN} ORDER BY flagId, code`,
    ).all(JSON.stringify(groups)) as ({ flagId: number } & ProjectFlag["members"][number])[];
    for (const { flagId, ...m } of all) (members.get(flagId) ?? members.set(flagId, []).get(flagId)!).push(m);
  }
  return rows.map((r) => ({ ...r, members: members.get(r.id) ?? [] }));
}

const ownParam = (own: readonly number[] | null | undefined) => (own ? JSON.stringify(own) : null);

export function flagsOfProject(db: Db, projectId: number, own: readonly number[] | null = null): ProjectFlag[] {
  const rows = prepared(
    db,
    `SELECT ${COLUMNS} FROM flags f LEFT JOIN projects p ON p.id = f.project_id
      WHERE f.active = 1
        AND (f.project_id = :pid OR f.id IN (SELECT flag_id FROM flag_members WHERE project_id = :pid))
        AND ${OWN}
      ORDER BY ${SEVERITY_ORDER} DESC, f.money_at_stake DESC, f.id`,
  ).all({ pid: projectId, own: ownParam(own) }) as Row[];
  return withMembers(db, rows);
}

export function flagsOfPlan(db: Db, planId: number, own: readonly number[] | null = null): ProjectFlag[] {
  const rows = prepared(
    db,
    `SELECT ${COLUMNS} FROM flags f LEFT JOIN projects p ON p.id = f.project_id
      WHERE f.active = 1
        AND (p.plan_id = :plan OR f.id IN (
              SELECT m.flag_id FROM flag_members m JOIN projects mp ON mp.id = m.project_id WHERE mp.plan_id = :plan))
        AND ${OWN}
      ORDER BY ${SEVERITY_ORDER} DESC, f.money_at_stake DESC, f.id`,
  ).all({ plan: planId, own: ownParam(own) }) as Row[];
  return withMembers(db, rows);
}
