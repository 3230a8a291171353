/** Read model of the flag triage page: filtered, sorted, paged in SQL. */
import type { Db } from "#db/client.server";
import type { FlagSeverity, FlagState } from "#db/enums";
import { prepared } from "~/modules/db/sql.server";
import { clampPage, limitOffset, type TableState } from "~/modules/table/params";
import type { FlagFilters, FlagSort } from "./query";

export interface FlagRow {
  id: number;
  ruleCode: string;
  severity: FlagSeverity;
  state: FlagState;
  stateReason: string | null;
  active: number;
  moneyAtStake: number;
  evidence: string;
  lastSeenAt: number;
  projectCode: string | null;
  projectTitleVi: string | null;
  projectTitleEn: string | null;
  orgNameVi: string | null;
  orgNameEn: string | null;
  subjectType: "project" | "plan" | "organisation" | "group";
}

const ORDER: Record<FlagSort, string> = {
  severity:
    "CASE f.severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END",
  money: "f.money_at_stake",
  lastSeen: "f.last_seen_at",
};

/**
 * Flags matching the filters. `ownOrganisationIds` limits the list to the
 * caller's organisations (planners); null means all.
 */
export function listFlags(
  db: Db,
  query: { table: TableState<FlagSort>; filters: FlagFilters },
  ownOrganisationIds: readonly number[] | null,
): { rows: FlagRow[]; total: number; table: TableState<FlagSort> } {
  const f = query.filters;
  const conds: string[] = [];
  const params: Record<string, unknown> = {};
  if (!f.inactive) conds.push("f.active = 1");
  for (const [name, column] of [
    ["rule", "f.rule_code"],
    ["severity", "f.severity"],
    ["state", "f.state"],
  ] as const) {
    if (f[name] === null) continue;
    conds.push(`${column} = :${name}`);
    params[name] = f[name];
  }
  // A flag is in a place / of an organisation through its project, its own organisation, or any
  // member of its group.
  const members = (test: string) =>
    `EXISTS (SELECT 1 FROM flag_members m JOIN projects mp ON mp.id = m.project_id
              WHERE m.flag_id = f.id AND ${test})`;
  if (f.province) {
    params.province = f.province;
    const inProvince = `IN (
      SELECT id FROM organisations WHERE code = :province
      UNION SELECT s.predecessor_id FROM organisation_successions s JOIN organisations o ON o.id = s.successor_id WHERE o.code = :province
      UNION SELECT c.id FROM organisations c JOIN organisations o ON o.id = c.parent_id WHERE o.code = :province AND c.kind = 'city')`;
    conds.push(`(COALESCE(p.province_id, p.city_id, f.organisation_id) ${inProvince}
      OR ${members(`COALESCE(mp.province_id, mp.city_id, mp.organisation_id) ${inProvince}`)})`);
  }
  if (f.ministry) {
    params.ministry = f.ministry;
    const ofMinistry = `IN (
      SELECT id FROM organisations WHERE code = :ministry
      UNION SELECT s.predecessor_id FROM organisation_successions s JOIN organisations o ON o.id = s.successor_id WHERE o.code = :ministry)`;
    conds.push(`(f.organisation_id ${ofMinistry} OR p.organisation_id ${ofMinistry}
      OR ${members(`mp.organisation_id ${ofMinistry}`)})`);
  }
  if (f.project) {
    params.project = f.project;
    conds.push(`(p.code = :project OR ${members("mp.code = :project")})`);
  }
  if (f.plan) {
    params.plan = f.plan;
    conds.push(`(p.plan_id = :plan OR ${members("mp.plan_id = :plan")})`);
  }
  if (ownOrganisationIds) {
    params.own = JSON.stringify(ownOrganisationIds);
    conds.push(`(f.organisation_id IN (SELECT value FROM json_each(:own))
      OR ${members("mp.organisation_id IN (SELECT value FROM json_each(:own))")})`);
  }
  const where = conds.length ? `WHERE ${conds.join(" AND ")}` : "";
  const from = `FROM flags f LEFT JOIN projects p ON p.id = f.project_id
                LEFT JOIN organisations o ON o.id = f.organisation_id`;
  const total = (prepared(db, `SELECT COUNT(*) AS n ${from} ${where}`).get(params) as { n: number }).n;
  const table = { ...query.table, page: clampPage(query.table.page, total, query.table.pageSize) };
  const dir = table.dir === "asc" ? "ASC" : "DESC";
  const rows = prepared(
    db,
    `SELECT f.id, f.rule_code AS ruleCode, f.severity, f.state, f.state_reason AS stateReason, f.active,
            f.money_at_stake AS moneyAtStake, f.evidence, f.last_seen_at AS lastSeenAt,
            p.code AS projectCode, p.title_vi AS projectTitleVi, p.title_en AS projectTitleEn,
            o.name_vi AS orgNameVi, o.name_en AS orgNameEn, f.subject_type AS subjectType
       ${from} ${where}
      ORDER BY ${ORDER[table.sort]} ${dir}, f.money_at_stake DESC, f.id
      LIMIT :limit OFFSET :offset`,
  ).all({ ...params, ...limitOffset(table) }) as FlagRow[];
  return { rows, total, table };
}

/** Current ministries for the filter. */
export function ministryOptions(db: Db): { code: string; nameVi: string; nameEn: string }[] {
  return prepared(
    db,
    `SELECT code, name_vi AS nameVi, name_en AS nameEn FROM organisations
      WHERE kind = 'ministry' AND valid_to IS NULL ORDER BY search_name`,
  ).all() as { code: string; nameVi: string; nameEn: string }[];
}

/** Current provinces for the filter. */
export function provinceOptions(db: Db): { code: string; nameVi: string; nameEn: string }[] {
  return prepared(
    db,
    `SELECT code, name_vi AS nameVi, name_en AS nameEn FROM organisations
      WHERE kind = 'province' AND valid_to IS NULL ORDER BY search_name`,
  ).all() as { code: string; nameVi: string; nameEn: string }[];
}
