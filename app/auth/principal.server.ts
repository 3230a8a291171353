import type { Db } from "#db/client.server";
import type { Role } from "#db/enums";
import { prepared } from "~/modules/db/sql.server";

export interface MembershipView {
  organisationId: number;
  organisationCode: string;
  organisationNameVi: string;
  organisationNameEn: string;
  role: Role;
}

/**
 * The organisations a member acts for: each membership's unit, every unit it
 * succeeded or was succeeded by (mergers), and the cities inside any of them.
 * One recursive query.
 */
export function ownOrganisationIds(db: Db, organisationIds: number[]): Set<number> {
  if (organisationIds.length === 0) return new Set();
  const placeholders = organisationIds.map(() => "(?)").join(",");
  const rows = prepared(
    db,
    `WITH RECURSIVE fam(id) AS (
         VALUES ${placeholders}
         UNION SELECT s.predecessor_id FROM organisation_successions s JOIN fam ON s.successor_id = fam.id
         UNION SELECT s.successor_id FROM organisation_successions s JOIN fam ON s.predecessor_id = fam.id
       )
       SELECT id FROM fam
       UNION SELECT o.id FROM organisations o JOIN fam ON o.parent_id = fam.id`,
  ).all(...organisationIds) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}

export function loadMemberships(db: Db, userId: number): MembershipView[] {
  return prepared(
    db,
    `SELECT m.organisation_id AS organisationId, o.code AS organisationCode,
              o.name_vi AS organisationNameVi, o.name_en AS organisationNameEn, m.role AS role
         FROM memberships m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.user_id = ? ORDER BY m.id`,
  ).all(userId) as MembershipView[];
}
