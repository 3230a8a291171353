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
  if (f.province) {
    params.province = f.province;
    conds.push(`COALESCE(p.province_id, p.city_id, f.organisation_id) IN (
      SELECT id FROM organisations WHERE code = :province
      UNION SELECT s.predecessor_id FROM organisation_successions s JOIN organisations o ON o.id = s.successor_id WHERE o.code = :province
      UNION SELECT c.id FROM organisations c JOIN organisations o ON o.id = c.parent_id WHERE o.code = :province AND c.kind = 'city')`);
  }
  if (ownOrganisationIds) {
    params.own = JSON.stringify(ownOrganisationIds);
    conds.push("f.organisation_id IN (SELECT value FROM json_each(:own))");
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
            o.name_vi AS orgNameVi, o.name_en AS orgNameEn
       ${from} ${where}
      ORDER BY ${ORDER[table.sort]} ${dir}, f.money_at_stake DESC, f.id
      LIMIT :limit OFFSET :offset`,
  ).all({ ...params, ...limitOffset(table) }) as FlagRow[];
  return { rows, total, table };
}

/** Current provinces for the filter. */
export function provinceOptions(db: Db): { code: string; nameVi: string; nameEn: string }[] {
  return prepared(
    db,
    `SELECT code, name_vi AS nameVi, name_en AS nameEn FROM organisations
      WHERE kind = 'province' AND valid_to IS NULL ORDER BY search_name`,
  ).all() as { code: string; nameVi: string; nameEn: string }[];
}
