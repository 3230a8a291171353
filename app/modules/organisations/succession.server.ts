/**
 * Succession graph loaded from the database, cached per connection.
 * Call `invalidateSuccession(db)` after changing organisations or successions.
 */
import type { Db } from "#db/client.server";
import { ORGANISATION_ALIASES } from "#seeds/organisation-aliases";
import {
  createSuccessionIndex,
  todayIso,
  type SuccessionEdge,
  type SuccessionIndex,
  type SuccessionOrg,
} from "./succession";

const cache = new WeakMap<object, SuccessionIndex>();

/** The succession index of this database (loaded once, then cached). */
export function getSuccessionIndex(db: Db): SuccessionIndex {
  const key = db.$client;
  let index = cache.get(key);
  if (!index) {
    const orgs = db.$client
      .prepare(
        `SELECT id, code, kind, abbr, name_vi AS nameVi, name_en AS nameEn, search_name AS searchName,
                gso_code AS gsoCode, valid_from AS validFrom, valid_to AS validTo
           FROM organisations ORDER BY id`,
      )
      .all() as SuccessionOrg[];
    const edges = db.$client
      .prepare(
        `SELECT predecessor_id AS predecessorId, successor_id AS successorId, effective_date AS effectiveDate
           FROM organisation_successions`,
      )
      .all() as SuccessionEdge[];
    index = createSuccessionIndex(orgs, edges, ORGANISATION_ALIASES);
    cache.set(key, index);
  }
  return index;
}

/** Drop the cached graph (after organisations or successions change). */
export function invalidateSuccession(db: Db): void {
  cache.delete(db.$client);
}

/**
 * The organisation meant by a name, code, abbreviation or id, followed to the
 * unit in force at `asOf` (default today). "Bình Dương", "binh duong", "LP-74"
 * → Hồ Chí Minh; "MIC" → Bộ Khoa học và Công nghệ. Null when nothing matches.
 */
export function resolveOrganisation(
  db: Db,
  nameOrCodeOrId: string | number,
  asOf: string = todayIso(),
): SuccessionOrg | null {
  const index = getSuccessionIndex(db);
  const id = index.lookup(nameOrCodeOrId, asOf);
  return id === null ? null : (index.get(id) ?? null);
}

/** Id of the unit that carries on `id` today (itself if still in force); null if unknown. */
export function successorIdOf(db: Db, id: number, asOf: string = todayIso()): number | null {
  return getSuccessionIndex(db).resolveCurrent(id, asOf);
}

/** The unit, all its predecessors and all its successors (sorted ids; empty if unknown). */
export function familyIds(db: Db, id: number): number[] {
  return getSuccessionIndex(db).familyOf(id);
}
