/** Read model of the audit log page: latest events, paged, and the chain check. */
import type { Db } from "#db/client.server";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { containsPattern, memoByDataVersion, prepared } from "~/modules/db/sql.server";
import { clampPage, limitOffset, type TableState } from "~/modules/table/params";
import type { AuditFilters, AuditSort } from "./audit";

export interface AuditRow {
  id: number;
  at: number;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  organisationId: number | null;
  organisationNameVi: string | null;
  organisationNameEn: string | null;
  ipAddress: string | null;
  hash: string;
  /** JSON snapshots (for describing events in plain language; not sent to the page as is). */
  before: string | null;
  after: string | null;
}

export type ChainCheck = { ok: true; count: number } | { ok: false; brokenAt: number };

function where(filters: AuditFilters): { sql: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  if (filters.q) {
    params.like = containsPattern(filters.q.toLowerCase());
    clauses.push(`(lower(a.action) LIKE :like ESCAPE '\\' OR lower(a.actor_label) LIKE :like ESCAPE '\\')`);
  }
  if (filters.entity) {
    params.entity = filters.entity;
    clauses.push("a.entity_type = :entity");
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
}

export function listAuditEvents(
  db: Db,
  query: { table: TableState<AuditSort>; filters: AuditFilters },
): { rows: AuditRow[]; total: number; table: TableState<AuditSort>; entityTypes: string[] } {
  const w = where(query.filters);
  const total = (
    prepared(db, `SELECT COUNT(*) AS n FROM audit_events a ${w.sql}`).get(w.params) as { n: number }
  ).n;
  const table = { ...query.table, page: clampPage(query.table.page, total, query.table.pageSize) };
  const d = table.dir === "asc" ? "ASC" : "DESC";
  const rows = prepared(
    db,
    `SELECT a.id, a.at, a.actor_user_id AS actorUserId, a.actor_label AS actorLabel, a.action,
            a.entity_type AS entityType, a.entity_id AS entityId, a.organisation_id AS organisationId,
            o.name_vi AS organisationNameVi, o.name_en AS organisationNameEn, a.ip_address AS ipAddress, a.hash,
            a.before, a.after
       FROM audit_events a LEFT JOIN organisations o ON o.id = a.organisation_id
       ${w.sql}
      ORDER BY a.id ${d}
      LIMIT :limit OFFSET :offset`,
  ).all({ ...w.params, ...limitOffset(table) }) as AuditRow[];
  const entityTypes = (
    prepared(db, "SELECT DISTINCT entity_type AS t FROM audit_events ORDER BY entity_type").all() as {
      t: string;
    }[]
  ).map((r) => r.t);
  return { rows, total, table, entityTypes };
}

/**
 * Walk the whole hash chain (see `verifyAuditChain`). The result depends
 * only on the stored rows, so it is reused until the next write.
 */
export function checkAuditChain(db: Db): ChainCheck {
  return memoByDataVersion(db, "audit:chain", () => verifyAuditChain(db));
}
