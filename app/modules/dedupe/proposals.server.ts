/**
 * Projects of the database as duplicate-detection proposals (the bridge
 * between the pure dedupe module and the data model). Used by the similar-
 * proposals check at submission and by the same_project / same_solution flags.
 *
 * Place: the project's own province (`province_id`, e.g. a ministry proposing
 * for a province) or, when it has none, the province of its organisation (a
 * province itself, or the parent province of a city). Either is followed
 * through successions to the unit in force at `asOf`, so a project of former
 * Bình Dương is in Hồ Chí Minh City. The proposal carries the organisation
 * codes ("P-HCM", "C-NTG"), which the dedupe place resolver knows.
 */
import type { Db } from "#db/client.server";
import { getSuccessionIndex } from "~/modules/organisations/succession.server";
import { todayIso } from "~/utils/today";
import type { Proposal } from "./detect";

export interface ProjectProposal extends Proposal {
  id: number;
  projectId: number;
  code: string;
  organisationId: number;
  phase: string;
  /** Sum of the approved budget lines, integer VND. */
  approved: number;
  /** Current province (id, Vietnamese name) the proposal is placed in; null for national scope. */
  provinceId: number | null;
  provinceName: string | null;
  cityId: number | null;
  titleVi: string;
  titleEn: string | null;
}

export interface LoadProposalsOptions {
  /** Leave this project out (the one being checked). */
  excludeProjectId?: number;
  /** Resolve provinces as of this ISO date (default today). */
  asOf?: string;
}

interface Row {
  id: number;
  code: string;
  organisationId: number;
  orgKind: string;
  orgParentId: number | null;
  provinceId: number | null;
  cityId: number | null;
  titleVi: string;
  titleEn: string | null;
  descriptionVi: string;
  descriptionEn: string | null;
  domain: string;
  components: string | null;
  phase: string;
  approved: number;
}

const SQL = `
  SELECT p.id, p.code, p.organisation_id AS organisationId, o.kind AS orgKind, o.parent_id AS orgParentId,
         p.province_id AS provinceId, p.city_id AS cityId,
         p.title_vi AS titleVi, p.title_en AS titleEn, p.description_vi AS descriptionVi,
         p.description_en AS descriptionEn, p.domain, p.components, p.phase,
         COALESCE((SELECT SUM(b.approved_amount) FROM budget_lines b WHERE b.project_id = p.id), 0) AS approved
    FROM projects p
    JOIN organisations o ON o.id = p.organisation_id
   WHERE p.phase <> 'cancelled'
   ORDER BY p.id`;

function parseComponents(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** Place of a project: current province and (when known) city, as organisations. */
export interface PlaceResolution {
  provinceId: number | null;
  provinceCode: string | null;
  provinceName: string | null;
  cityId: number | null;
  cityCode: string | null;
}

/**
 * Resolve a project's place from its province/city columns and its owner.
 * Exported for drafts (a project not yet saved) so they are placed the same way.
 */
export function placeResolver(db: Db, asOf: string = todayIso()) {
  const index = getSuccessionIndex(db);
  const parents = new Map<number, number | null>();
  const parentOf = (id: number): number | null => {
    if (!parents.has(id)) {
      const r = db.$client.prepare("SELECT parent_id AS p FROM organisations WHERE id = ?").get(id) as
        { p: number | null } | undefined;
      parents.set(id, r?.p ?? null);
    }
    return parents.get(id) ?? null;
  };
  const cache = new Map<string, PlaceResolution>();
  return (input: {
    organisationId: number;
    provinceId?: number | null;
    cityId?: number | null;
  }): PlaceResolution => {
    const key = `${input.organisationId}:${input.provinceId ?? ""}:${input.cityId ?? ""}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const owner = index.get(input.organisationId);
    let cityId = input.cityId ?? null;
    if (cityId === null && owner?.kind === "city") cityId = owner.id;
    let provinceId = input.provinceId ?? null;
    if (provinceId === null && owner) {
      if (owner.kind === "province") provinceId = owner.id;
      else if (owner.kind === "city") provinceId = parentOf(owner.id);
    }
    if (provinceId === null && cityId !== null) provinceId = parentOf(cityId);
    const currentId = provinceId === null ? null : (index.resolveCurrent(provinceId, asOf) ?? provinceId);
    const province = currentId === null ? undefined : index.get(currentId);
    const city = cityId === null ? undefined : index.get(cityId);
    const result: PlaceResolution = {
      provinceId: province?.id ?? null,
      provinceCode: province?.code ?? null,
      provinceName: province?.nameVi ?? null,
      cityId: city?.id ?? null,
      cityCode: city?.code ?? null,
    };
    cache.set(key, result);
    return result;
  };
}

/**
 * Every non-cancelled project as a dedupe proposal (id = project id), with
 * its code, organisation, phase and approved budget.
 */
export function loadProposals(db: Db, opts: LoadProposalsOptions = {}): ProjectProposal[] {
  return toProposals(db, db.$client.prepare(SQL).all() as Row[], opts);
}

/** One project as a proposal, as `loadProposals` gives it (undefined if cancelled or unknown). */
export function loadProposal(db: Db, projectId: number, asOf?: string): ProjectProposal | undefined {
  const rows = db.$client
    .prepare(SQL.replace("ORDER BY p.id", "AND p.id = ? ORDER BY p.id"))
    .all(projectId) as Row[];
  return toProposals(db, rows, { asOf })[0];
}

function toProposals(db: Db, rows: Row[], opts: LoadProposalsOptions): ProjectProposal[] {
  const place = placeResolver(db, opts.asOf);
  const out: ProjectProposal[] = [];
  for (const r of rows) {
    if (opts.excludeProjectId !== undefined && r.id === opts.excludeProjectId) continue;
    const where = place({ organisationId: r.organisationId, provinceId: r.provinceId, cityId: r.cityId });
    out.push({
      id: r.id,
      projectId: r.id,
      code: r.code,
      organisationId: r.organisationId,
      phase: r.phase,
      approved: r.approved,
      title: r.titleVi || r.titleEn || "",
      description: r.descriptionVi || r.descriptionEn || "",
      province: where.provinceCode,
      city: where.cityCode,
      domain: r.domain,
      components: parseComponents(r.components),
      provinceId: where.provinceId,
      provinceName: where.provinceName,
      cityId: where.cityId,
      titleVi: r.titleVi,
      titleEn: r.titleEn,
    });
  }
  return out;
}
