/**
 * Read models of the public portal. Every statement names the public columns
 * it reads — never `SELECT *`, never a spread project row — and only
 * published projects are ever read (`published = 1`). Nothing internal
 * (review comments, flags, plans and their status, users, audit, evidence
 * links, citizen keys) is selected here.
 */
import type { Db } from "#db/client.server";
import type { Domain, OperatorType, ProjectPhase } from "#db/enums";
import { prepared } from "~/modules/db/sql.server";
import { projectFigures } from "~/modules/finance/figures.server";
import {
  feedbackCounts,
  feedbackCountsByProject,
  NO_FEEDBACK,
  publishedComments,
  type FeedbackCounts,
  type PublicComment,
} from "~/modules/feedback/queries.server";
import { familyIds, successorIdOf } from "~/modules/organisations/succession.server";
import { todayIso } from "~/utils/today";
import { PUBLIC_PAGE_SIZE, type PublicQuery } from "./params";

export interface PublicName {
  id: number;
  nameVi: string;
  nameEn: string;
}

export interface PublicProjectCard {
  code: string;
  titleVi: string;
  titleEn: string | null;
  domain: Domain;
  phase: ProjectPhase;
  ownerNameVi: string;
  ownerNameEn: string;
  /** Today's province (a legacy province is shown as the one it merged into); null = national. */
  province: PublicName | null;
  feedback: Pick<FeedbackCounts, "support" | "oppose" | "comments">;
}

interface CardRaw {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  domain: Domain;
  phase: ProjectPhase;
  ownerNameVi: string;
  ownerNameEn: string;
  provinceId: number | null;
}

const CARD_COLUMNS = `p.id, p.code, p.title_vi AS titleVi, p.title_en AS titleEn, p.domain, p.phase,
  o.name_vi AS ownerNameVi, o.name_en AS ownerNameEn, p.province_id AS provinceId`;

function names(db: Db, ids: readonly number[]): Map<number, PublicName> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = db.$client
    .prepare(
      "SELECT id, name_vi AS nameVi, name_en AS nameEn FROM organisations WHERE id IN (SELECT value FROM json_each(?))",
    )
    .all(JSON.stringify(unique)) as PublicName[];
  return new Map(rows.map((r) => [r.id, r]));
}

const publicCounts = (c: FeedbackCounts) => ({ support: c.support, oppose: c.oppose, comments: c.comments });

function toCards(db: Db, rows: CardRaw[], asOf: string): PublicProjectCard[] {
  const current = rows.map((r) => (r.provinceId === null ? null : (successorIdOf(db, r.provinceId, asOf) ?? r.provinceId)));
  const refs = names(db, current.filter((x): x is number => x !== null));
  const counts = feedbackCountsByProject(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r, i) => ({
    code: r.code,
    titleVi: r.titleVi,
    titleEn: r.titleEn,
    domain: r.domain,
    phase: r.phase,
    ownerNameVi: r.ownerNameVi,
    ownerNameEn: r.ownerNameEn,
    province: current[i] === null ? null : (refs.get(current[i]!) ?? null),
    feedback: publicCounts(counts.get(r.id) ?? NO_FEEDBACK),
  }));
}

export interface PublicProvinceOption extends PublicName {
  projects: number;
}

export interface PublicList {
  rows: PublicProjectCard[];
  total: number;
  page: number;
  pages: number;
  /** Today's provinces with their number of published projects (for the filter and the map of links). */
  provinces: PublicProvinceOption[];
  domains: { domain: Domain; projects: number }[];
}

/** Today's provinces, by Vietnamese name. */
export function currentProvinces(db: Db, asOf: string = todayIso()): PublicName[] {
  return prepared(
    db,
    `SELECT id, name_vi AS nameVi, name_en AS nameEn FROM organisations
      WHERE kind = 'province' AND (valid_to IS NULL OR valid_to >= ?) ORDER BY search_name, id`,
  ).all(asOf) as PublicName[];
}

export function listPublicProjects(db: Db, q: PublicQuery, asOf: string = todayIso()): PublicList {
  const all = prepared(
    db,
    "SELECT province_id AS provinceId, domain FROM projects WHERE published = 1",
  ).all() as { provinceId: number | null; domain: Domain }[];
  const perProvince = new Map<number, number>();
  const perDomain = new Map<Domain, number>();
  for (const r of all) {
    if (r.provinceId !== null) {
      const cur = successorIdOf(db, r.provinceId, asOf) ?? r.provinceId;
      perProvince.set(cur, (perProvince.get(cur) ?? 0) + 1);
    }
    perDomain.set(r.domain, (perDomain.get(r.domain) ?? 0) + 1);
  }

  const clauses = ["p.published = 1"];
  const params: Record<string, string | number> = {};
  if (q.province) {
    clauses.push("p.province_id IN (SELECT value FROM json_each(@provinces))");
    params.provinces = JSON.stringify(familyIds(db, q.province));
  }
  if (q.domain) {
    clauses.push("p.domain = @domain");
    params.domain = q.domain;
  }
  if (q.phase) {
    clauses.push("p.phase = @phase");
    params.phase = q.phase;
  }
  const where = clauses.join(" AND ");
  const total = (
    db.$client.prepare(`SELECT COUNT(*) AS n FROM projects p WHERE ${where}`).get(params) as { n: number }
  ).n;
  const pages = Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const rows = db.$client
    .prepare(
      `SELECT ${CARD_COLUMNS} FROM projects p JOIN organisations o ON o.id = p.organisation_id
        WHERE ${where} ORDER BY p.published_at DESC, p.code LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: PUBLIC_PAGE_SIZE, offset: (page - 1) * PUBLIC_PAGE_SIZE }) as CardRaw[];

  return {
    rows: toCards(db, rows, asOf),
    total,
    page,
    pages,
    provinces: currentProvinces(db, asOf).map((p) => ({ ...p, projects: perProvince.get(p.id) ?? 0 })),
    domains: [...perDomain.entries()]
      .map(([domain, projects]) => ({ domain, projects }))
      .sort((a, b) => a.domain.localeCompare(b.domain)),
  };
}

export interface PublicMilestone {
  nameVi: string;
  nameEn: string | null;
  dueDate: string;
  doneDate: string | null;
}

export interface PublicDataUse {
  category: string;
  purposeVi: string;
  purposeEn: string | null;
  legalBasis: string | null;
  retention: string | null;
  operatorType: OperatorType;
  operatorName: string | null;
  aggregatedOnly: boolean;
}

export interface PublicLesson {
  recordedOn: string;
  bodyVi: string;
  bodyEn: string | null;
}

export interface PublicProjectPage {
  /** Internal id, needed by the feedback action; not shown. */
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  descriptionVi: string;
  descriptionEn: string | null;
  domain: Domain;
  phase: ProjectPhase;
  startDate: string | null;
  endDate: string | null;
  publishedAt: number | null;
  owner: { nameVi: string; nameEn: string; currentNameVi: string | null; currentNameEn: string | null };
  province: PublicName | null;
  city: PublicName | null;
  cooperators: { nameVi: string; nameEn: string }[];
  hostingModel: string;
  operatorType: OperatorType;
  operatorName: string | null;
  handlesPersonalData: boolean;
  personalDataCategories: string[];
  app: { nameVi: string; nameEn: string | null; url: string | null; platforms: string[] } | null;
  money: {
    approved: number;
    disbursed: number;
    disbursementRate: number | null;
    progress: number | null;
    milestonesDone: number;
    milestonesTotal: number;
  };
  milestones: PublicMilestone[];
  dataUse: PublicDataUse[];
  lessons: PublicLesson[];
  feedback: Pick<FeedbackCounts, "support" | "oppose" | "comments">;
  comments: PublicComment[];
}

interface ProjectRaw {
  id: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  descriptionVi: string;
  descriptionEn: string | null;
  domain: Domain;
  phase: ProjectPhase;
  startDate: string | null;
  endDate: string | null;
  publishedAt: number | null;
  organisationId: number;
  provinceId: number | null;
  cityId: number | null;
  hostingModel: string;
  operatorType: OperatorType;
  operatorName: string | null;
  handlesPersonalData: number;
  personalDataCategories: string;
  citizenAppName: string | null;
  citizenAppPlatforms: string;
  appId: number | null;
}

const PROJECT_SQL = `SELECT id, code, title_vi AS titleVi, title_en AS titleEn, description_vi AS descriptionVi,
    description_en AS descriptionEn, domain, phase, start_date AS startDate, end_date AS endDate,
    published_at AS publishedAt, organisation_id AS organisationId, province_id AS provinceId, city_id AS cityId,
    hosting_model AS hostingModel, operator_type AS operatorType, operator_name AS operatorName,
    handles_personal_data AS handlesPersonalData, personal_data_categories AS personalDataCategories,
    citizen_app_name AS citizenAppName, citizen_app_platforms AS citizenAppPlatforms, app_id AS appId
  FROM projects WHERE code = ? AND published = 1`;

const stringArray = (json: string | null): string[] => {
  try {
    const v: unknown = JSON.parse(json ?? "[]");
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
};

/** The id of a published project, or null (unpublished and unknown codes look the same). */
export function publishedProjectId(db: Db, code: string): number | null {
  const row = prepared(db, "SELECT id FROM projects WHERE code = ? AND published = 1").get(code) as
    | { id: number }
    | undefined;
  return row?.id ?? null;
}

/** Everything the public page of a project shows, or null when it is not published. */
export function getPublicProject(db: Db, code: string, asOf: string = todayIso()): PublicProjectPage | null {
  const p = prepared(db, PROJECT_SQL).get(code) as ProjectRaw | undefined;
  if (!p) return null;
  const ownerNow = successorIdOf(db, p.organisationId, asOf);
  const provinceNow = p.provinceId === null ? null : (successorIdOf(db, p.provinceId, asOf) ?? p.provinceId);
  const cooperatorIds = (
    prepared(db, "SELECT organisation_id AS id FROM project_cooperators WHERE project_id = ?").all(p.id) as {
      id: number;
    }[]
  ).map((r) => r.id);
  const refs = names(db, [
    p.organisationId,
    ...(ownerNow !== null ? [ownerNow] : []),
    ...(provinceNow !== null ? [provinceNow] : []),
    ...(p.cityId !== null ? [p.cityId] : []),
    ...cooperatorIds,
  ]);
  const owner = refs.get(p.organisationId)!;
  const ownerCurrent = ownerNow !== null && ownerNow !== p.organisationId ? (refs.get(ownerNow) ?? null) : null;

  const app =
    p.appId !== null
      ? ((prepared(db, "SELECT name_vi AS nameVi, name_en AS nameEn, url, platforms FROM app_register WHERE id = ?").get(
          p.appId,
        ) as { nameVi: string; nameEn: string | null; url: string | null; platforms: string } | undefined) ?? null)
      : null;

  const figures = projectFigures(db, p.id, asOf);
  const milestones = prepared(
    db,
    `SELECT name_vi AS nameVi, name_en AS nameEn, due_date AS dueDate, done_date AS doneDate
       FROM milestones WHERE project_id = ? ORDER BY sort_order, due_date, id`,
  ).all(p.id) as PublicMilestone[];
  const dataUse = (
    prepared(
      db,
      `SELECT category, purpose_vi AS purposeVi, purpose_en AS purposeEn, legal_basis AS legalBasis, retention,
              operator_type AS operatorType, operator_name AS operatorName, aggregated_only AS aggregatedOnly
         FROM data_register WHERE project_id = ? ORDER BY id`,
    ).all(p.id) as (Omit<PublicDataUse, "aggregatedOnly"> & { aggregatedOnly: number })[]
  ).map((r) => ({ ...r, aggregatedOnly: r.aggregatedOnly === 1 }));
  const lessons = prepared(
    db,
    `SELECT recorded_on AS recordedOn, body_vi AS bodyVi, body_en AS bodyEn
       FROM lessons_learned WHERE project_id = ? ORDER BY recorded_on DESC, id DESC`,
  ).all(p.id) as PublicLesson[];

  return {
    id: p.id,
    code: p.code,
    titleVi: p.titleVi,
    titleEn: p.titleEn,
    descriptionVi: p.descriptionVi,
    descriptionEn: p.descriptionEn,
    domain: p.domain,
    phase: p.phase,
    startDate: p.startDate,
    endDate: p.endDate,
    publishedAt: p.publishedAt,
    owner: {
      nameVi: owner.nameVi,
      nameEn: owner.nameEn,
      currentNameVi: ownerCurrent?.nameVi ?? null,
      currentNameEn: ownerCurrent?.nameEn ?? null,
    },
    province: provinceNow === null ? null : (refs.get(provinceNow) ?? null),
    city: p.cityId === null ? null : (refs.get(p.cityId) ?? null),
    cooperators: cooperatorIds.map((id) => refs.get(id)).filter((x): x is PublicName => Boolean(x)).map((c) => ({ nameVi: c.nameVi, nameEn: c.nameEn })),
    hostingModel: p.hostingModel,
    operatorType: p.operatorType,
    operatorName: p.operatorName,
    handlesPersonalData: p.handlesPersonalData === 1,
    personalDataCategories: stringArray(p.personalDataCategories),
    app: app
      ? { nameVi: app.nameVi, nameEn: app.nameEn, url: app.url, platforms: stringArray(app.platforms) }
      : p.citizenAppName
        ? { nameVi: p.citizenAppName, nameEn: null, url: null, platforms: stringArray(p.citizenAppPlatforms) }
        : null,
    money: {
      approved: figures.approved,
      disbursed: figures.disbursed,
      disbursementRate: figures.disbursementRate,
      progress: figures.progress,
      milestonesDone: milestones.filter((m) => m.doneDate !== null).length,
      milestonesTotal: milestones.length,
    },
    milestones,
    dataUse,
    lessons,
    feedback: publicCounts(feedbackCounts(db, p.id)),
    comments: publishedComments(db, p.id),
  };
}

export interface PublicProvincePage {
  province: PublicName & {
    regionVi: string | null;
    regionEn: string | null;
    population: number | null;
    areaKm2: number | null;
    seatName: string | null;
    /** Legacy provinces merged into it (their projects count here). */
    predecessors: { nameVi: string; nameEn: string }[];
  };
  projects: PublicProjectCard[];
  totals: { approved: number; disbursed: number; support: number; oppose: number; comments: number };
}

export type PublicProvinceResult =
  | { kind: "page"; page: PublicProvincePage }
  | { kind: "moved"; to: number }
  | { kind: "missing" };

/** A province's public page; a legacy province moves to the one it merged into. */
export function getPublicProvince(db: Db, id: number, asOf: string = todayIso()): PublicProvinceResult {
  const org = prepared(
    db,
    `SELECT o.id, o.name_vi AS nameVi, o.name_en AS nameEn, o.population, o.area_km2 AS areaKm2, o.seat_name AS seatName,
            o.valid_to AS validTo, r.name_vi AS regionVi, r.name_en AS regionEn
       FROM organisations o LEFT JOIN regions r ON r.code = o.region_code
      WHERE o.id = ? AND o.kind = 'province'`,
  ).get(id) as
    | (PublicProvincePage["province"] & { validTo: string | null })
    | undefined;
  if (!org) return { kind: "missing" };
  if (org.validTo !== null && org.validTo < asOf) {
    const to = successorIdOf(db, id, asOf);
    return to !== null && to !== id ? { kind: "moved", to } : { kind: "missing" };
  }
  const family = familyIds(db, id);
  const predecessors = names(
    db,
    family.filter((f) => f !== id),
  );
  const rows = db.$client
    .prepare(
      `SELECT ${CARD_COLUMNS} FROM projects p JOIN organisations o ON o.id = p.organisation_id
        WHERE p.published = 1 AND p.province_id IN (SELECT value FROM json_each(?))
        ORDER BY p.published_at DESC, p.code`,
    )
    .all(JSON.stringify(family)) as CardRaw[];
  const projects = toCards(db, rows, asOf);
  // Same sums as the finance figures (approved budget lines, net disbursements), in one statement.
  const ids = JSON.stringify(rows.map((r) => r.id));
  const { approved, disbursed } = prepared(
    db,
    `SELECT (SELECT COALESCE(SUM(approved_amount), 0) FROM budget_lines
              WHERE project_id IN (SELECT value FROM json_each(@ids))) AS approved,
            (SELECT COALESCE(SUM(amount), 0) FROM transactions
              WHERE kind = 'disbursement' AND project_id IN (SELECT value FROM json_each(@ids))) AS disbursed`,
  ).get({ ids }) as { approved: number; disbursed: number };
  const { validTo: _validTo, ...province } = org;
  return {
    kind: "page",
    page: {
      province: {
        id: province.id,
        nameVi: province.nameVi,
        nameEn: province.nameEn,
        regionVi: province.regionVi,
        regionEn: province.regionEn,
        population: province.population,
        areaKm2: province.areaKm2,
        seatName: province.seatName,
        predecessors: [...predecessors.values()]
          .map((p) => ({ nameVi: p.nameVi, nameEn: p.nameEn }))
          .sort((a, b) => a.nameVi.localeCompare(b.nameVi, "vi")),
      },
      projects,
      totals: {
        approved,
        disbursed,
        support: projects.reduce((s, p) => s + p.feedback.support, 0),
        oppose: projects.reduce((s, p) => s + p.feedback.oppose, 0),
        comments: projects.reduce((s, p) => s + p.feedback.comments, 0),
      },
    },
  };
}
