/**
 * One organisation: its facts, its succession history (transitively, both
 * ways), the cities inside it, project counts by phase (its own and those
 * inherited from predecessors) and its plans.
 */
import type { Db } from "#db/client.server";
import type { OrganisationKind, PlanStatus, ProjectPhase } from "#db/enums";
import { PROJECT_PHASES } from "#db/enums";
import type { Locale } from "~/i18n/locales";
import { memoByDataVersion, placeholders, prepared } from "~/modules/db/sql.server";
import { clampPage, limitOffset, type TableState } from "~/modules/table/params";
import { projectCountsByOrganisation } from "./register.server";
import { todayIso } from "~/utils/today";
import type { PlanSort } from "./plans";

export interface OrgRef {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
  kind: OrganisationKind;
  validTo: string | null;
}

export interface OrganisationDetail {
  id: number;
  code: string;
  kind: OrganisationKind;
  abbr: string;
  nameVi: string;
  nameEn: string;
  municipality: boolean;
  regionCode: string | null;
  regionNameVi: string | null;
  regionNameEn: string | null;
  parent: OrgRef | null;
  gsoCode: string | null;
  population: number | null;
  areaKm2: number | null;
  seatName: string | null;
  validFrom: string | null;
  validTo: string | null;
  legacy: boolean;
}

export interface SuccessionStep extends OrgRef {
  /** When this step took effect. */
  effectiveDate: string;
  /** 1 = direct predecessor/successor, 2 = one further, … */
  distance: number;
  /** The unit on the other side of this edge (towards the organisation shown). */
  viaId: number;
}

export interface PhaseCount {
  phase: ProjectPhase;
  /** Projects of the organisation itself (owner, location or city). */
  own: number;
  /** Projects recorded against its predecessors (legacy units). */
  inherited: number;
}

export interface OrganisationView {
  organisation: OrganisationDetail;
  predecessors: SuccessionStep[];
  successors: SuccessionStep[];
  children: (OrgRef & { projectCount: number })[];
  projectsByPhase: PhaseCount[];
  totals: { own: number; inherited: number };
  planCount: number;
}

const ORG_SQL = `SELECT o.id, o.code, o.kind, o.abbr, o.name_vi AS nameVi, o.name_en AS nameEn,
         o.municipality, o.region_code AS regionCode, r.name_vi AS regionNameVi, r.name_en AS regionNameEn,
         o.gso_code AS gsoCode, o.population, o.area_km2 AS areaKm2, o.seat_name AS seatName,
         o.valid_from AS validFrom, o.valid_to AS validTo,
         p.id AS parentId, p.code AS parentCode, p.name_vi AS parentNameVi, p.name_en AS parentNameEn,
         p.kind AS parentKind, p.valid_to AS parentValidTo
    FROM organisations o
    LEFT JOIN regions r ON r.code = o.region_code
    LEFT JOIN organisations p ON p.id = o.parent_id
   WHERE o.id = ?`;

/** Walk the succession graph from one unit; `dir` picks the direction. */
function chainSql(dir: "pred" | "succ"): string {
  const [from, to] = dir === "pred" ? ["successor_id", "predecessor_id"] : ["predecessor_id", "successor_id"];
  return `WITH RECURSIVE chain(id, via, effective_date, distance) AS (
      SELECT s.${to}, s.${from}, s.effective_date, 1 FROM organisation_successions s WHERE s.${from} = ?
      UNION
      SELECT s.${to}, s.${from}, s.effective_date, chain.distance + 1
        FROM organisation_successions s JOIN chain ON s.${from} = chain.id
       WHERE chain.distance < 20
    )
    SELECT o.id, o.code, o.name_vi AS nameVi, o.name_en AS nameEn, o.kind, o.valid_to AS validTo,
           MIN(chain.distance) AS distance, chain.via AS viaId, chain.effective_date AS effectiveDate
      FROM chain JOIN organisations o ON o.id = chain.id
     GROUP BY o.id
     ORDER BY distance, effectiveDate, o.search_name`;
}

const CHILDREN_SQL = `SELECT o.id, o.code, o.name_vi AS nameVi, o.name_en AS nameEn, o.kind, o.valid_to AS validTo
    FROM organisations o WHERE o.parent_id = ? ORDER BY o.search_name`;

/**
 * Projects touching the organisation's own units or its predecessors (as
 * owner, province-level location or city), each counted once, by phase.
 * Id sets come in as JSON arrays.
 */
const PHASE_COUNT_SQL = `WITH own(id) AS (SELECT value FROM json_each(:own)),
       inh(id) AS (SELECT value FROM json_each(:inherited)),
       anyorg(id) AS (SELECT id FROM own UNION SELECT id FROM inh),
       touched(id) AS (
         SELECT id FROM projects WHERE organisation_id IN (SELECT id FROM anyorg)
         UNION SELECT id FROM projects WHERE province_id IN (SELECT id FROM anyorg)
         UNION SELECT id FROM projects WHERE city_id IN (SELECT id FROM anyorg)
       )
  SELECT p.phase,
         SUM(p.organisation_id IN (SELECT id FROM own) OR p.province_id IN (SELECT id FROM own)
             OR p.city_id IN (SELECT id FROM own)) AS own,
         COUNT(*) AS total
    FROM touched JOIN projects p ON p.id = touched.id
   GROUP BY p.phase`;

interface RawOrg extends Omit<OrganisationDetail, "parent" | "legacy" | "municipality"> {
  municipality: number;
  parentId: number | null;
  parentCode: string | null;
  parentNameVi: string | null;
  parentNameEn: string | null;
  parentKind: OrganisationKind | null;
  parentValidTo: string | null;
}

export function getOrganisationRef(db: Db, id: number): OrgRef | null {
  return (
    (prepared(
      db,
      "SELECT id, code, name_vi AS nameVi, name_en AS nameEn, kind, valid_to AS validTo FROM organisations WHERE id = ?",
    ).get(id) as OrgRef | undefined) ?? null
  );
}

/**
 * Everything the organisation page shows, or null for an unknown id.
 * Counting the projects of a unit, its cities and its predecessors scans
 * the projects table, so the view is kept until the next write.
 */
export function getOrganisationView(db: Db, id: number, asOf: string = todayIso()): OrganisationView | null {
  return memoByDataVersion(db, `organisations:view:${id}:${asOf}`, () =>
    computeOrganisationView(db, id, asOf),
  );
}

function computeOrganisationView(db: Db, id: number, asOf: string): OrganisationView | null {
  const raw = prepared(db, ORG_SQL).get(id) as RawOrg | undefined;
  if (!raw) return null;
  const {
    parentId,
    parentCode,
    parentNameVi,
    parentNameEn,
    parentKind,
    parentValidTo,
    municipality,
    ...rest
  } = raw;
  const organisation: OrganisationDetail = {
    ...rest,
    municipality: municipality === 1,
    legacy: rest.validTo !== null && rest.validTo < asOf,
    parent:
      parentId !== null
        ? {
            id: parentId,
            code: parentCode!,
            nameVi: parentNameVi!,
            nameEn: parentNameEn!,
            kind: parentKind!,
            validTo: parentValidTo,
          }
        : null,
  };
  const predecessors = prepared(db, chainSql("pred")).all(id) as SuccessionStep[];
  const successors = prepared(db, chainSql("succ")).all(id) as SuccessionStep[];
  const projectCounts = projectCountsByOrganisation(db);
  const children = (prepared(db, CHILDREN_SQL).all(id) as OrgRef[]).map((c) => ({
    ...c,
    projectCount: projectCounts.get(c.id) ?? 0,
  }));

  // Own: the unit and the cities inside it. Inherited: its predecessors and their cities.
  const childIds = children.map((c) => c.id);
  const ownIds = [id, ...childIds];
  const predIds = predecessors.map((p) => p.id);
  const inheritedIds = predIds.length
    ? [
        ...predIds,
        ...(
          prepared(
            db,
            `SELECT id FROM organisations WHERE parent_id IN (${placeholders(predIds.length)})`,
          ).all(...predIds) as { id: number }[]
        ).map((r) => r.id),
      ]
    : [];
  const counts = new Map<string, { own: number; inherited: number }>();
  const rows = prepared(db, PHASE_COUNT_SQL).all({
    own: JSON.stringify(ownIds),
    inherited: JSON.stringify(inheritedIds),
  }) as { phase: string; own: number; total: number }[];
  for (const r of rows) counts.set(r.phase, { own: r.own, inherited: r.total - r.own });
  const projectsByPhase = PROJECT_PHASES.map((phase) => ({
    phase,
    own: counts.get(phase)?.own ?? 0,
    inherited: counts.get(phase)?.inherited ?? 0,
  }));
  const totals = projectsByPhase.reduce(
    (acc, r) => ({ own: acc.own + r.own, inherited: acc.inherited + r.inherited }),
    { own: 0, inherited: 0 },
  );
  const planCount = (
    prepared(
      db,
      `SELECT COUNT(*) AS n FROM plans WHERE organisation_id IN (${placeholders(predIds.length + 1)})`,
    ).get(id, ...predIds) as { n: number }
  ).n;
  return { organisation, predecessors, successors, children, projectsByPhase, totals, planCount };
}

// ---------------------------------------------------------------------------
// Plans of an organisation
// ---------------------------------------------------------------------------

export interface PlanRow {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  periodStart: number;
  periodEnd: number;
  status: PlanStatus;
  revision: number;
  organisationId: number;
  /** Set when the plan belongs to a predecessor of the organisation. */
  fromPredecessor: { id: number; nameVi: string; nameEn: string } | null;
  projectCount: number;
}

function planOrderBy(sort: PlanSort, dir: "asc" | "desc", locale: Locale): string {
  const d = dir === "desc" ? "DESC" : "ASC";
  const title = locale === "en" ? "COALESCE(pl.title_en, pl.title_vi)" : "pl.title_vi";
  switch (sort) {
    case "code":
      return `pl.code ${d}`;
    case "title":
      return `${title} COLLATE NOCASE ${d}, pl.code`;
    case "period":
      return `pl.period_start ${d}, pl.period_end ${d}, pl.code`;
    case "status":
      return `CASE pl.status WHEN 'draft' THEN 0 WHEN 'submitted' THEN 1 WHEN 'returned' THEN 2 ELSE 3 END ${d}, pl.code`;
    case "revision":
      return `pl.revision ${d}, pl.code`;
  }
}

/**
 * Plans of the organisation and of its predecessors (flagged as such),
 * sorted and paged.
 */
export function listOrganisationPlans(
  db: Db,
  organisationId: number,
  table: TableState<PlanSort>,
  locale: Locale,
): { rows: PlanRow[]; total: number; table: TableState<PlanSort> } {
  const preds = (prepared(db, chainSql("pred")).all(organisationId) as SuccessionStep[]).map((p) => p.id);
  const ids = [organisationId, ...preds];
  const inList = placeholders(ids.length);
  const total = (
    prepared(db, `SELECT COUNT(*) AS n FROM plans WHERE organisation_id IN (${inList})`).get(...ids) as {
      n: number;
    }
  ).n;
  const page = clampPage(table.page, total, table.pageSize);
  const t = { ...table, page };
  const { limit, offset } = limitOffset(t);
  const rows = prepared(
    db,
    `SELECT pl.id, pl.code, pl.title_vi AS titleVi, pl.title_en AS titleEn, pl.period_start AS periodStart,
            pl.period_end AS periodEnd, pl.status, pl.revision, pl.organisation_id AS organisationId,
            o.name_vi AS orgNameVi, o.name_en AS orgNameEn,
            (SELECT COUNT(*) FROM projects p WHERE p.plan_id = pl.id) AS projectCount
       FROM plans pl JOIN organisations o ON o.id = pl.organisation_id
      WHERE pl.organisation_id IN (${inList})
      ORDER BY ${planOrderBy(t.sort, t.dir, locale)}
      LIMIT ? OFFSET ?`,
  ).all(...ids, limit, offset) as (Omit<PlanRow, "fromPredecessor"> & {
    orgNameVi: string;
    orgNameEn: string;
  })[];
  return {
    total,
    table: t,
    rows: rows.map(({ orgNameVi, orgNameEn, ...r }) => ({
      ...r,
      fromPredecessor:
        r.organisationId === organisationId
          ? null
          : { id: r.organisationId, nameVi: orgNameVi, nameEn: orgNameEn },
    })),
  };
}
