/** Read model of the user administration page: users with their memberships. */
import type { Db } from "#db/client.server";
import type { Role } from "#db/enums";
import { containsPattern, prepared } from "~/modules/db/sql.server";
import { clampPage, limitOffset, type TableState } from "~/modules/table/params";
import type { UserFilters, UserSort } from "./users";

export interface MembershipItem {
  role: Role;
  organisationId: number;
  organisationCode: string;
  organisationNameVi: string;
  organisationNameEn: string;
}

export interface UserRow {
  id: number;
  name: string;
  email: string;
  active: boolean;
  locale: string;
  createdAt: number;
  memberships: MembershipItem[];
  /** Open sessions now. */
  sessionCount: number;
}

function orderBy(sort: UserSort, dir: "asc" | "desc"): string {
  const d = dir === "desc" ? "DESC" : "ASC";
  switch (sort) {
    case "name":
      return `u.name COLLATE NOCASE ${d}, u.id`;
    case "email":
      return `u.email ${d}`;
    case "createdAt":
      return `u.created_at ${d}, u.id ${d}`;
  }
}

function where(filters: UserFilters): { sql: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (filters.q) {
    params.like = containsPattern(filters.q.toLowerCase());
    clauses.push(`(lower(u.name) LIKE :like ESCAPE '\\' OR lower(u.email) LIKE :like ESCAPE '\\')`);
  }
  if (filters.role) {
    params.role = filters.role;
    clauses.push("EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.role = :role)");
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

export function listUsers(
  db: Db,
  query: { table: TableState<UserSort>; filters: UserFilters },
): { rows: UserRow[]; total: number; table: TableState<UserSort> } {
  const w = where(query.filters);
  const total = (prepared(db, `SELECT COUNT(*) AS n FROM users u ${w.sql}`).get(w.params) as { n: number }).n;
  const table = { ...query.table, page: clampPage(query.table.page, total, query.table.pageSize) };
  const rows = prepared(
    db,
    `SELECT u.id, u.name, u.email, u.active, u.locale, u.created_at AS createdAt,
            (SELECT json_group_array(json_object('role', m.role, 'organisationId', o.id, 'organisationCode', o.code,
                      'organisationNameVi', o.name_vi, 'organisationNameEn', o.name_en))
               FROM memberships m JOIN organisations o ON o.id = m.organisation_id
              WHERE m.user_id = u.id) AS memberships,
            (SELECT COUNT(*) FROM sessions s WHERE s.user_id = u.id) AS sessionCount
       FROM users u ${w.sql}
      ORDER BY ${orderBy(table.sort, table.dir)}
      LIMIT :limit OFFSET :offset`,
  ).all({ ...w.params, ...limitOffset(table) }) as (Omit<UserRow, "active" | "memberships"> & {
    active: number;
    memberships: string;
  })[];
  return {
    total,
    table,
    rows: rows.map((r) => ({
      ...r,
      active: r.active === 1,
      memberships: JSON.parse(r.memberships) as MembershipItem[],
    })),
  };
}
