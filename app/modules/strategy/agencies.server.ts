/**
 * Organisations that may lead or cooperate on a strategy node: ministries
 * (and ministry-level agencies), provinces and the task force that are in
 * force today. Dissolved (merged) units are never offered or accepted.
 */
import type { Db } from "#db/client.server";
import type { OrganisationKind } from "#db/enums";
import { placeholders, prepared } from "~/modules/db/sql.server";
import { todayIso } from "~/utils/today";

export const AGENCY_KINDS = [
  "ministry",
  "province",
  "task_force",
] as const satisfies readonly OrganisationKind[];

export interface AgencyOption {
  id: number;
  code: string;
  kind: (typeof AGENCY_KINDS)[number];
  abbr: string;
  nameVi: string;
  nameEn: string;
}

const IN_FORCE = `(o.valid_from IS NULL OR o.valid_from <= :today) AND (o.valid_to IS NULL OR o.valid_to >= :today)`;

const OPTIONS_SQL = `SELECT o.id, o.code, o.kind, o.abbr, o.name_vi AS nameVi, o.name_en AS nameEn
    FROM organisations o
   WHERE o.kind IN (${AGENCY_KINDS.map((k) => `'${k}'`).join(", ")}) AND ${IN_FORCE}
   ORDER BY CASE o.kind WHEN 'task_force' THEN 0 WHEN 'ministry' THEN 1 ELSE 2 END, o.search_name`;

/** Agencies that can be chosen today, task force first, then ministries, then provinces. */
export function listAgencyOptions(db: Db, today: string = todayIso()): AgencyOption[] {
  return prepared(db, OPTIONS_SQL).all({ today }) as AgencyOption[];
}

/** Of `ids`, those that are not an agency in force today (unknown, dissolved, a city or a partner). */
export function invalidAgencyIds(db: Db, ids: readonly number[], today: string = todayIso()): number[] {
  if (ids.length === 0) return [];
  const sql = `SELECT o.id FROM organisations o
    WHERE o.id IN (${placeholders(ids.length)})
      AND o.kind IN (${AGENCY_KINDS.map((k) => `'${k}'`).join(", ")})
      AND (o.valid_from IS NULL OR o.valid_from <= ?) AND (o.valid_to IS NULL OR o.valid_to >= ?)`;
  const ok = new Set(
    (db.$client.prepare(sql).all(...ids, today, today) as { id: number }[]).map((r) => r.id),
  );
  return ids.filter((id) => !ok.has(id));
}

/**
 * The choices for a node's form: today's agencies, plus any unit the node
 * still names that has since been dissolved (shown checked so it can be
 * removed; saving it again is refused).
 */
export function agencyChoicesFor(
  db: Db,
  current: readonly { id: number; abbr: string; nameVi: string; nameEn: string }[],
  today: string = todayIso(),
): AgencyOption[] {
  const options = listAgencyOptions(db, today);
  const known = new Set(options.map((a) => a.id));
  const gone = current
    .filter((a) => !known.has(a.id))
    .map((a) => ({
      id: a.id,
      code: "",
      kind: "ministry" as const,
      abbr: a.abbr,
      nameVi: a.nameVi,
      nameEn: a.nameEn,
    }));
  return [...options, ...gone];
}
