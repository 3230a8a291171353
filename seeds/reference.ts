/**
 * Reference data seed: regions, organisations (current and legacy provinces
 * and ministries, the task force, cities, agencies), successions, the
 * strategy tree of Decision 950 and the national app register.
 *
 * Idempotent: does nothing when organisations already exist.
 */
import type { Db } from "#db/client.server";
import { buildReferenceSet, buildStrategyRows, NATIONAL_APPS, STRATEGY_TARGETS } from "./reference-data";

/** Fixed creation instant for reference rows (2025-07-01T00:00:00Z), so reseeding is byte-identical. */
export const REFERENCE_CREATED_AT = Date.UTC(2025, 6, 1);

export interface ReferenceCounts {
  regions: number;
  organisations: number;
  successions: number;
  strategyNodes: number;
  strategyTargets: number;
  apps: number;
}

export function seedReference(db: Db): ReferenceCounts | null {
  const c = db.$client;
  const existing = c.prepare("SELECT COUNT(*) AS n FROM organisations").get() as { n: number };
  if (existing.n > 0) return null;

  const ref = buildReferenceSet();
  const strategy = buildStrategyRows();
  const at = REFERENCE_CREATED_AT;

  const run = c.transaction((): ReferenceCounts => {
    const insRegion = c.prepare(
      "INSERT INTO regions (code, name_vi, name_en, disadvantaged) VALUES (?, ?, ?, ?)",
    );
    for (const r of ref.regions) insRegion.run(r.code, r.nameVi, r.nameEn, r.disadvantaged ? 1 : 0);

    const insOrg = c.prepare(
      `INSERT INTO organisations (id, code, kind, abbr, name_vi, name_en, search_name, municipality,
         parent_id, region_code, gso_code, population, area_km2, seat_name, seat_lat, seat_lon,
         valid_from, valid_to, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const idOf = new Map(ref.organisations.map((o) => [o.code, o.id]));
    const need = (code: string) => {
      const id = idOf.get(code);
      if (id === undefined) throw new Error(`Unknown organisation code ${code}`);
      return id;
    };
    for (const o of ref.organisations) {
      insOrg.run(
        o.id,
        o.code,
        o.kind,
        o.abbr,
        o.nameVi,
        o.nameEn,
        o.searchName,
        o.municipality ? 1 : 0,
        o.parentCode ? need(o.parentCode) : null,
        o.regionCode,
        o.gsoCode,
        o.population,
        o.areaKm2,
        o.seatName,
        o.seatLat,
        o.seatLon,
        o.validFrom,
        o.validTo,
        at,
        at,
      );
    }

    const insSucc = c.prepare(
      `INSERT INTO organisation_successions (predecessor_id, successor_id, effective_date, legal_basis)
       VALUES (?, ?, ?, ?)`,
    );
    for (const s of ref.successions) {
      insSucc.run(need(s.predecessorCode), need(s.successorCode), s.effectiveDate, s.legalBasis);
    }

    const insNode = c.prepare(
      `INSERT INTO strategy_nodes (parent_id, code, path, depth, sort_order, title_vi, title_en,
         lead_organisation_id, period_start, period_end, created_at, updated_at)
       VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const setPath = c.prepare("UPDATE strategy_nodes SET path = ? WHERE id = ?");
    const insCoop = c.prepare(
      "INSERT INTO strategy_node_cooperators (node_id, organisation_id) VALUES (?, ?)",
    );
    const nodeIds = new Map<string, { id: number; path: string }>();
    for (const n of strategy) {
      const parent = n.parentCode ? nodeIds.get(n.parentCode) : undefined;
      const id = Number(
        insNode.run(
          parent?.id ?? null,
          n.code,
          n.depth,
          n.sortOrder,
          n.titleVi,
          n.titleEn,
          n.leadCode ? need(n.leadCode) : null,
          n.periodStart,
          n.periodEnd,
          at,
          at,
        ).lastInsertRowid,
      );
      const path = `${parent?.path ?? "/"}${id}/`;
      setPath.run(path, id);
      nodeIds.set(n.code, { id, path });
      for (const co of n.cooperatorCodes) insCoop.run(id, need(co));
    }

    const insTarget = c.prepare(
      `INSERT INTO strategy_targets (node_id, name_vi, name_en, unit, baseline, target, target_year)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const t of STRATEGY_TARGETS) {
      const node = nodeIds.get(t.nodeCode);
      if (!node) throw new Error(`Unknown strategy node ${t.nodeCode}`);
      insTarget.run(node.id, t.nameVi, t.nameEn, t.unit, t.baseline, t.target, t.targetYear);
    }

    const insApp = c.prepare(
      `INSERT INTO app_register (name_vi, name_en, owner_organisation_id, scope, domain, platforms,
         status, url, launched_on, created_at)
       VALUES (?, ?, ?, 'national', ?, ?, ?, ?, ?, ?)`,
    );
    for (const a of NATIONAL_APPS) {
      insApp.run(
        a.nameVi,
        a.nameEn,
        need(a.owner),
        a.domain,
        JSON.stringify(a.platforms),
        a.status,
        a.url,
        a.launchedOn,
        at,
      );
    }

    return {
      regions: ref.regions.length,
      organisations: ref.organisations.length,
      successions: ref.successions.length,
      strategyNodes: strategy.length,
      strategyTargets: STRATEGY_TARGETS.length,
      apps: NATIONAL_APPS.length,
    };
  });
  return run();
}
