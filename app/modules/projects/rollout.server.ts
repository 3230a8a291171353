/**
 * The rollout read model: every pilot (a project in pilot or evaluation, or
 * one that has been replicated) with its lessons learned and its
 * replications grouped by today's province. Shared knowledge: every signed-in
 * role reads it; links to full project pages are the caller's business.
 */
import type { Db } from "#db/client.server";
import { PROJECT_PHASES, type Domain, type ProjectPhase } from "#db/enums";
import { memoByDataVersion, placeholders, prepared } from "~/modules/db/sql.server";
import { familyIds } from "~/modules/organisations/succession.server";
import { clampPage, limitOffset, type TableState } from "~/modules/table/params";
import { buildFtsQuery, codePrefix, prefixUpperBound } from "~/modules/search/fts";
import { todayIso } from "~/utils/today";
import { isReplicable } from "./replication";
import { currentProvince, lessonsOf, orgRefs, type LessonView, type OrgRef } from "./project.server";
import { groupByCurrentProvince, PILOT_PHASES, type RolloutFilters, type RolloutSort } from "./rollout";

export interface ReplicationItem {
  id: number;
  code: string;
  phase: ProjectPhase;
  organisationId: number;
  provinceId: number | null;
}

export interface RolloutRow {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  phase: ProjectPhase;
  domain: Domain;
  organisation: OrgRef;
  /** Today's province of the pilot. */
  province: OrgRef | null;
  lessonCount: number;
  lessons: LessonView[];
  replicationCount: number;
  replicationsByProvince: { province: OrgRef | null; items: ReplicationItem[] }[];
  replicable: boolean;
}

export interface RolloutSummary {
  pilots: number;
  replicatedPilots: number;
  replications: number;
  /** Distinct current provinces with at least one replication. */
  provincesReached: number;
}

const PHASE_ORDER = `CASE p.phase ${PROJECT_PHASES.map((ph, i) => `WHEN '${ph}' THEN ${i}`).join(" ")} END`;

function orderBy(sort: RolloutSort, dir: "asc" | "desc"): string {
  const d = dir === "desc" ? "DESC" : "ASC";
  switch (sort) {
    case "code":
      return `p.code ${d}`;
    case "phase":
      return `${PHASE_ORDER} ${d}, p.code`;
    case "lessons":
      return `lessonCount ${d}, p.code`;
    case "replications":
      return `replicationCount ${d}, p.code`;
  }
}

const PILOT_BASE = `WITH reps AS (
    SELECT replicates_project_id AS pid, COUNT(*) AS n FROM projects
     WHERE replicates_project_id IS NOT NULL GROUP BY replicates_project_id
  )
  SELECT p.id, p.code, p.title_vi AS titleVi, p.title_en AS titleEn, p.phase, p.domain,
         p.organisation_id AS organisationId, p.province_id AS provinceId,
         COALESCE(reps.n, 0) AS replicationCount,
         (SELECT COUNT(*) FROM lessons_learned l WHERE l.project_id = p.id) AS lessonCount
    FROM projects p LEFT JOIN reps ON reps.pid = p.id
   WHERE (p.phase IN (${PILOT_PHASES.map((p) => `'${p}'`).join(", ")}) OR reps.n IS NOT NULL)`;

interface PilotRaw {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  phase: ProjectPhase;
  domain: Domain;
  organisationId: number;
  provinceId: number | null;
  replicationCount: number;
  lessonCount: number;
}

function whereClause(db: Db, f: RolloutFilters): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  if (f.q) {
    // The register's full-text index (diacritics and case ignored), or a code prefix.
    const match = buildFtsQuery(f.q);
    const code = codePrefix(f.q);
    const alternatives: string[] = [];
    if (match) {
      alternatives.push("p.id IN (SELECT rowid FROM projects_fts WHERE projects_fts MATCH ?)");
      args.push(match);
    }
    if (code) {
      alternatives.push("(p.code >= ? AND p.code < ?)");
      args.push(code, prefixUpperBound(code));
    }
    parts.push(alternatives.length ? `(${alternatives.join(" OR ")})` : "0");
  }
  if (f.province !== null) {
    const ids = familyIds(db, f.province);
    const list = ids.length ? ids : [f.province];
    parts.push(`p.province_id IN (${placeholders(list.length)})`);
    args.push(...list);
  }
  if (f.domain) {
    parts.push("p.domain = ?");
    args.push(f.domain);
  }
  if (f.phase) {
    parts.push("p.phase = ?");
    args.push(f.phase);
  }
  if (f.replicated === "yes") parts.push("reps.n IS NOT NULL");
  if (f.replicated === "no") parts.push("reps.n IS NULL");
  return { sql: parts.length ? ` AND ${parts.join(" AND ")}` : "", args };
}

export function rolloutSummary(db: Db, asOf: string = todayIso()): RolloutSummary {
  return memoByDataVersion(db, `projects:rollout-summary:${asOf}`, () => {
    const counts = prepared(
      db,
      `SELECT COUNT(*) AS pilots, SUM(replicationCount > 0) AS replicatedPilots,
              COALESCE(SUM(replicationCount), 0) AS replications
         FROM (${PILOT_BASE})`,
    ).get() as { pilots: number; replicatedPilots: number | null; replications: number };
    const provinces = prepared(
      db,
      "SELECT DISTINCT province_id AS id FROM projects WHERE replicates_project_id IS NOT NULL AND province_id IS NOT NULL",
    ).all() as { id: number }[];
    const reached = new Set(provinces.map((p) => currentProvince(db, p.id, asOf)));
    return {
      pilots: counts.pilots,
      replicatedPilots: counts.replicatedPilots ?? 0,
      replications: counts.replications,
      provincesReached: reached.size,
    };
  });
}

/** One page of pilots, filtered and sorted, each with its lessons and replications by province. */
export function listRollout(
  db: Db,
  filters: RolloutFilters,
  table: TableState<RolloutSort>,
  asOf: string = todayIso(),
): { rows: RolloutRow[]; total: number; table: TableState<RolloutSort> } {
  const where = whereClause(db, filters);
  const total = (
    prepared(db, `SELECT COUNT(*) AS n FROM (${PILOT_BASE}${where.sql})`).get(...where.args) as { n: number }
  ).n;
  const page = clampPage(table.page, total, table.pageSize);
  const state = { ...table, page };
  const { limit, offset } = limitOffset(state);
  const pilots = prepared(
    db,
    `${PILOT_BASE}${where.sql} ORDER BY ${orderBy(state.sort, state.dir)} LIMIT ? OFFSET ?`,
  ).all(...where.args, limit, offset) as PilotRaw[];

  const ids = pilots.map((p) => p.id);
  const reps = ids.length
    ? (prepared(
        db,
        `SELECT id, code, phase, organisation_id AS organisationId, province_id AS provinceId,
                replicates_project_id AS sourceId
           FROM projects WHERE replicates_project_id IN (${placeholders(ids.length)}) ORDER BY code`,
      ).all(...ids) as (ReplicationItem & { sourceId: number })[])
    : [];
  const current = new Map<number, number>();
  const currentOf = (id: number) => {
    let c = current.get(id);
    if (c === undefined) current.set(id, (c = currentProvince(db, id, asOf) ?? id));
    return c;
  };
  const orgIds = [
    ...pilots.map((p) => p.organisationId),
    ...pilots.flatMap((p) => (p.provinceId === null ? [] : [currentOf(p.provinceId)])),
    ...reps.flatMap((r) => (r.provinceId === null ? [] : [currentOf(r.provinceId)])),
  ];
  const refs = orgRefs(db, orgIds);
  const nameOf = (id: number) => refs.get(id)?.nameVi ?? "";

  const rows = pilots.map((p): RolloutRow => {
    const mine = reps.filter((r) => r.sourceId === p.id).map(({ sourceId: _s, ...r }) => r);
    return {
      id: p.id,
      code: p.code,
      titleVi: p.titleVi,
      titleEn: p.titleEn,
      phase: p.phase,
      domain: p.domain,
      organisation: refs.get(p.organisationId)!,
      province: p.provinceId === null ? null : (refs.get(currentOf(p.provinceId)) ?? null),
      lessonCount: p.lessonCount,
      lessons: p.lessonCount ? lessonsOf(db, p.id) : [],
      replicationCount: p.replicationCount,
      replicationsByProvince: groupByCurrentProvince(mine, currentOf, nameOf).map((g) => ({
        province: g.provinceId === null ? null : (refs.get(g.provinceId) ?? null),
        items: g.items,
      })),
      replicable: isReplicable(p.phase),
    };
  });
  return { rows, total, table: state };
}

/** Current provinces for the filter, by name. */
export function provinceChoices(db: Db, asOf: string = todayIso()): OrgRef[] {
  return prepared(
    db,
    `SELECT id, code, name_vi AS nameVi, name_en AS nameEn, kind, valid_to AS validTo FROM organisations
      WHERE kind = 'province' AND (valid_to IS NULL OR valid_to >= ?) ORDER BY search_name`,
  ).all(asOf) as OrgRef[];
}
