/**
 * Similar existing proposals (issue 5, "at submission"): a draft or a project
 * against every non-cancelled project of every organisation, through the
 * dedupe corpus (prepared once per state of the projects, see `getIndex`).
 */
import type { Db } from "#db/client.server";
import { can, type Principal } from "~/auth/permissions";
import type { PairKind, Proposal } from "~/modules/dedupe";
import { prepareCorpus } from "~/modules/dedupe";
import {
  loadProposal,
  loadProposals,
  placeResolver,
  type ProjectProposal,
} from "~/modules/dedupe/proposals.server";
import { memoByDataVersion, placeholders, prepared, readModelMaxStaleMs } from "~/modules/db/sql.server";
import { todayIso } from "~/utils/today";
import { SIMILAR_CONFIG } from "./config";
import type { SimilarQuery } from "./schema";
import {
  indexCorpus,
  matchDraft,
  matchExisting,
  needsDecision,
  type Match,
  type MatchExplanation,
  type SimilarIndex,
} from "./match";

// ---------------------------------------------------------------------------
// The prepared corpus, cached
// ---------------------------------------------------------------------------

interface CachedIndex {
  key: string;
  index: SimilarIndex;
  proposals: ProjectProposal[];
  /** Each project's version when the corpus was built. */
  versions: Map<number, number>;
  /** When a reader first saw that the projects had changed since (0: not yet). */
  changeSeenAt: number;
}

export interface IndexOptions {
  /**
   * For what is only shown (the lists beside a form), the last corpus may be
   * used for up to this long after the projects change (ADR 0015). A project
   * whose own version differs from the corpus's is then matched from its
   * current text (`similarToProject`).
   */
  maxStaleMs?: number;
}
const cache = new WeakMap<object, CachedIndex>();

/**
 * A fingerprint of everything the corpus is built from (projects, their
 * place and text; organisations and successions). Read once per database
 * state (`memoByDataVersion`), so a burst of keystrokes costs one lookup.
 */
function corpusKey(db: Db, asOf: string): string {
  return memoByDataVersion(db, "similar:corpusKey", () => {
    const p = prepared(
      db,
      "SELECT COUNT(*) AS n, COALESCE(MAX(updated_at), 0) AS u, TOTAL(version) AS v, COALESCE(MAX(id), 0) AS m FROM projects",
    ).get() as { n: number; u: number; v: number; m: number };
    const o = prepared(
      db,
      "SELECT (SELECT COUNT(*) FROM organisations) AS n, (SELECT COALESCE(MAX(updated_at), 0) FROM organisations) AS u, (SELECT COUNT(*) FROM organisation_successions) AS s",
    ).get() as { n: number; u: number; s: number };
    return `${p.n}:${p.u}:${p.v}:${p.m}|${o.n}:${o.u}:${o.s}|${asOf}`;
  });
}

/** The corpus of every non-cancelled project, prepared and indexed (rebuilt when projects change). */
/** How old the corpus shown beside a form may be: SIMILAR_CONFIG.corpusMaxStaleMs where stale read models are allowed, else 0. */
export function corpusMaxStaleMs(): number {
  return readModelMaxStaleMs() > 0 ? SIMILAR_CONFIG.corpusMaxStaleMs : 0;
}

export function getIndex(db: Db, asOf: string = todayIso(), opts: IndexOptions = {}): CachedIndex {
  const key = corpusKey(db, asOf);
  const hit = cache.get(db.$client);
  if (hit && hit.key === key) return hit;
  if (hit && opts.maxStaleMs && hit.key.endsWith(`|${asOf}`)) {
    const now = Date.now();
    if (hit.changeSeenAt === 0) hit.changeSeenAt = now;
    if (now - hit.changeSeenAt < opts.maxStaleMs) return hit;
  }
  // Versions first: a project saved while the corpus is read looks changed (rebuilt next time), never current.
  const versions = new Map(
    (prepared(db, "SELECT id, version FROM projects").all() as { id: number; version: number }[]).map((r) => [
      r.id,
      r.version,
    ]),
  );
  const proposals = loadProposals(db, { asOf });
  const entry = { key, index: indexCorpus(prepareCorpus(proposals)), proposals, versions, changeSeenAt: 0 };
  cache.set(db.$client, entry);
  return entry;
}

// ---------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------

export interface SimilarProposal {
  projectId: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  phase: string;
  organisationId: number;
  organisationNameVi: string;
  organisationNameEn: string;
  provinceNameVi: string | null;
  provinceNameEn: string | null;
  kind: PairKind;
  score: number;
  explanation: MatchExplanation;
  /** May the viewer open the project (a link is shown only then)? */
  canRead: boolean;
}

export interface DraftInput {
  titleVi: string;
  titleEn?: string | null;
  descriptionVi?: string | null;
  descriptionEn?: string | null;
  organisationId?: number | null;
  provinceId?: number | null;
  cityId?: number | null;
  domain?: string | null;
  components?: readonly string[] | null;
}

/** The draft a similar-proposals query describes (the live list's parameters, or the form's fields). */
export function draftOf(q: SimilarQuery): DraftInput {
  return {
    titleVi: q.titleVi,
    titleEn: q.titleEn,
    descriptionVi: q.descriptionVi,
    descriptionEn: q.descriptionEn,
    organisationId: q.organisationId,
    provinceId: q.provinceId,
    cityId: q.cityId,
    domain: q.domain,
    components: q.components,
  };
}

/** The draft as a dedupe proposal, placed the way stored projects are. */
export function draftProposal(db: Db, draft: DraftInput, asOf: string = todayIso()): Proposal {
  const place =
    draft.organisationId || draft.provinceId || draft.cityId
      ? placeResolver(
          db,
          asOf,
        )({
          organisationId: draft.organisationId ?? 0,
          provinceId: draft.provinceId ?? null,
          cityId: draft.cityId ?? null,
        })
      : null;
  return {
    id: "draft",
    title: draft.titleVi.trim() || draft.titleEn?.trim() || "",
    description: draft.descriptionVi?.trim() || draft.descriptionEn?.trim() || "",
    province: place?.provinceCode ?? null,
    city: place?.cityCode ?? null,
    domain: draft.domain ?? null,
    components: draft.components ?? [],
  };
}

function describe(db: Db, viewer: Principal | null, entry: CachedIndex, matches: Match[]): SimilarProposal[] {
  if (matches.length === 0) return [];
  const byId = new Map(entry.proposals.map((p) => [p.projectId, p]));
  const ids = matches.map((m) => Number(m.id));
  const rows = db.$client
    .prepare(
      `SELECT p.id, p.code, p.title_vi AS titleVi, p.title_en AS titleEn, p.phase, p.organisation_id AS organisationId,
              o.name_vi AS organisationNameVi, o.name_en AS organisationNameEn
         FROM projects p JOIN organisations o ON o.id = p.organisation_id
        WHERE p.id IN (${placeholders(ids.length)})`,
    )
    .all(...ids) as {
    id: number;
    code: string;
    titleVi: string;
    titleEn: string | null;
    phase: string;
    organisationId: number;
    organisationNameVi: string;
    organisationNameEn: string;
  }[];
  const rowById = new Map(rows.map((r) => [r.id, r]));
  const provinceIds = [...new Set(ids.map((id) => byId.get(id)?.provinceId).filter((x): x is number => !!x))];
  const provinces = new Map(
    (
      db.$client
        .prepare(
          `SELECT id, name_vi AS vi, name_en AS en FROM organisations WHERE id IN (${placeholders(provinceIds.length)})`,
        )
        .all(...provinceIds) as { id: number; vi: string; en: string }[]
    ).map((r) => [r.id, r]),
  );
  const out: SimilarProposal[] = [];
  for (const m of matches) {
    const r = rowById.get(Number(m.id));
    if (!r) continue; // deleted since the corpus was built
    const prov = provinces.get(byId.get(r.id)?.provinceId ?? -1);
    out.push({
      projectId: r.id,
      code: r.code,
      titleVi: r.titleVi,
      titleEn: r.titleEn,
      phase: r.phase,
      organisationId: r.organisationId,
      organisationNameVi: r.organisationNameVi,
      organisationNameEn: r.organisationNameEn,
      provinceNameVi: prov?.vi ?? null,
      provinceNameEn: prov?.en ?? null,
      kind: m.kind,
      score: m.score,
      explanation: m.explanation,
      canRead: viewer ? can(viewer, "read", "project", r.organisationId) : false,
    });
  }
  return out;
}

export interface FindSimilarOptions {
  /** Whose view (decides which results are linked). */
  viewer?: Principal | null;
  /** The project being edited (left out). */
  excludeProjectId?: number;
  limit?: number;
  asOf?: string;
  /** The live list beside the form may use a corpus this old after others' edits (IndexOptions). */
  maxStaleMs?: number;
}

/**
 * Existing proposals of every organisation similar to `draft`, same_project
 * first, strongest first, each with its explanation and who owns it.
 */
export function findSimilar(db: Db, draft: DraftInput, opts: FindSimilarOptions = {}): SimilarProposal[] {
  const asOf = opts.asOf ?? todayIso();
  const proposal = draftProposal(db, draft, asOf);
  if (!proposal.title) return [];
  const entry = getIndex(db, asOf, { maxStaleMs: opts.maxStaleMs });
  const exclude = new Set<number>();
  if (opts.excludeProjectId !== undefined) {
    const i = entry.index.indexOf.get(opts.excludeProjectId);
    if (i !== undefined) exclude.add(i);
  }
  const matches = matchDraft(entry.index, proposal, { exclude, limit: opts.limit });
  return describe(db, opts.viewer ?? null, entry, matches);
}

/** Existing proposals similar to a stored project (as it is saved). */
export function similarToProject(
  db: Db,
  projectId: number,
  opts: Omit<FindSimilarOptions, "excludeProjectId"> & {
    needingDecision?: boolean;
    /** Leave these projects out (e.g. the other projects of the plan being submitted). */
    excludeProjectIds?: readonly number[];
    /** Shown only (not a check): the corpus may lag others' edits (IndexOptions), never this project's. */
    shownOnly?: { version: number };
  } = {},
): SimilarProposal[] {
  const asOf = opts.asOf ?? todayIso();
  const entry = getIndex(db, asOf, opts.shownOnly ? { maxStaleMs: corpusMaxStaleMs() } : {});
  const exclude = new Set<number>();
  for (const id of opts.excludeProjectIds ?? []) {
    const i = entry.index.indexOf.get(id);
    if (i !== undefined) exclude.add(i);
  }
  const matchOpts = {
    exclude,
    limit: opts.needingDecision ? SIMILAR_CONFIG.maxDecisionsPerProject : opts.limit,
    filter: opts.needingDecision ? needsDecision : undefined,
  };
  let matches: Match[];
  if (!opts.shownOnly || entry.versions.get(projectId) === opts.shownOnly.version) {
    matches = matchExisting(entry.index, projectId, matchOpts);
  } else {
    // The corpus predates this project's last change (or the project itself): match its text as
    // it is now against the others, leaving out its own old entry.
    const current = loadProposal(db, projectId, asOf);
    if (!current) return [];
    const self = entry.index.indexOf.get(projectId);
    if (self !== undefined) exclude.add(self);
    matches = matchDraft(entry.index, current, matchOpts);
  }
  return describe(db, opts.viewer ?? null, entry, matches);
}

// ---------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------

export type SimilarDecision = "replication" | "withdrawn" | "not_duplicate";
export const SIMILAR_DECISIONS: readonly SimilarDecision[] = ["replication", "withdrawn", "not_duplicate"];

export interface SimilarityReview {
  id: number;
  projectId: number;
  otherProjectId: number;
  otherCode: string;
  kind: PairKind;
  score: number;
  decision: SimilarDecision;
  statement: string | null;
  decidedByName: string | null;
  decidedAt: number;
}

/** Decisions recorded on these projects, by project id. */
export function reviewsOf(db: Db, projectIds: readonly number[]): Map<number, SimilarityReview[]> {
  const out = new Map<number, SimilarityReview[]>();
  if (projectIds.length === 0) return out;
  const rows = db.$client
    .prepare(
      `SELECT r.id, r.project_id AS projectId, r.other_project_id AS otherProjectId, o.code AS otherCode,
              r.kind, r.score, r.decision, r.statement, u.name AS decidedByName, r.decided_at AS decidedAt
         FROM similarity_reviews r
         JOIN projects o ON o.id = r.other_project_id
         LEFT JOIN users u ON u.id = r.decided_by
        WHERE r.project_id IN (${placeholders(projectIds.length)})
        ORDER BY r.project_id, r.decided_at DESC, r.id DESC`,
    )
    .all(...projectIds) as SimilarityReview[];
  for (const r of rows) (out.get(r.projectId) ?? out.set(r.projectId, []).get(r.projectId)!).push(r);
  return out;
}

export interface ProjectSimilarity {
  projectId: number;
  code: string;
  titleVi: string;
  titleEn: string | null;
  /** Matches that need a decision at submission (strongest first), with the decision when there is one. */
  matches: (SimilarProposal & { review: SimilarityReview | null })[];
  /** Every decision recorded on the project (also on matches no longer reported). */
  reviews: SimilarityReview[];
}

/**
 * For each non-cancelled project of a plan: the similar existing proposals
 * above the decision threshold (at most `maxDecisionsPerProject`), each with
 * its decision if one was recorded. "Existing" means outside this plan: the
 * plan's own projects are submitted together, side by side, in front of the
 * same reviewer. Computed once per database state; `viewer` only decides
 * which of them are linked.
 */
export function planSimilarity(
  db: Db,
  planId: number,
  viewer: Principal | null,
  asOf: string = todayIso(),
  opts: { reviewsOnly?: boolean } = {},
): ProjectSimilarity[] {
  const reviewsOnly = opts.reviewsOnly ?? false;
  const shared = memoByDataVersion(db, `similar:plan:${planId}:${asOf}:${reviewsOnly}`, () => {
    const projects = db.$client
      .prepare(
        `SELECT id, code, title_vi AS titleVi, title_en AS titleEn FROM projects
          WHERE plan_id = ? AND phase <> 'cancelled' ORDER BY code`,
      )
      .all(planId) as { id: number; code: string; titleVi: string; titleEn: string | null }[];
    return projectsSimilarity(db, projects, null, asOf, { reviewsOnly });
  });
  return shared.map((p) => ({
    ...p,
    matches: p.matches.map((m) => ({
      ...m,
      canRead: viewer ? can(viewer, "read", "project", m.organisationId) : false,
    })),
  }));
}

/**
 * The same for a list of projects submitted together (not cached); their
 * matches among themselves are left out, and so are the projects linked by
 * replication (the source pilot, its other replications).
 */
export function projectsSimilarity(
  db: Db,
  projects: { id: number; code: string; titleVi: string; titleEn: string | null }[],
  viewer: Principal | null,
  asOf: string = todayIso(),
  opts: { reviewsOnly?: boolean } = {},
): ProjectSimilarity[] {
  const ids = projects.map((p) => p.id);
  const reviews = reviewsOf(db, ids);
  // A replication and its source pilot (or two replications of one pilot) are linked on purpose.
  const linked = db.$client.prepare(
    `SELECT id FROM projects
      WHERE id = (SELECT replicates_project_id FROM projects WHERE id = :id)
         OR replicates_project_id = :id
         OR replicates_project_id = (SELECT replicates_project_id FROM projects WHERE id = :id)`,
  );
  return projects.map((p) => {
    const mine = reviews.get(p.id) ?? [];
    const byOther = new Map(mine.map((r) => [r.otherProjectId, r]));
    if (opts.reviewsOnly) {
      return {
        projectId: p.id,
        code: p.code,
        titleVi: p.titleVi,
        titleEn: p.titleEn,
        matches: [],
        reviews: mine,
      };
    }
    const matches = similarToProject(db, p.id, {
      viewer,
      asOf,
      needingDecision: true,
      excludeProjectIds: [...ids, ...(linked.all({ id: p.id }) as { id: number }[]).map((r) => r.id)],
    }).map((m) => ({
      ...m,
      review: byOther.get(m.projectId) ?? null,
    }));
    return { projectId: p.id, code: p.code, titleVi: p.titleVi, titleEn: p.titleEn, matches, reviews: mine };
  });
}

export interface PendingDecision {
  projectCode: string;
  otherCode: string;
  kind: PairKind;
  score: number;
}

/** What still needs a decision before the plan can be submitted. */
export function pendingDecisions(similarity: ProjectSimilarity[]): PendingDecision[] {
  return similarity.flatMap((p) =>
    p.matches
      .filter((m) => m.review === null)
      .map((m) => ({ projectCode: p.code, otherCode: m.code, kind: m.kind, score: m.score })),
  );
}

/** One project's similar proposals (the strongest, whether or not they need a decision) with its decisions. */
export function projectDecisionView(
  db: Db,
  project: { id: number; code: string; titleVi: string; titleEn: string | null; version?: number },
  viewer: Principal | null,
  asOf: string = todayIso(),
): ProjectSimilarity {
  const mine = reviewsOf(db, [project.id]).get(project.id) ?? [];
  const byOther = new Map(mine.map((r) => [r.otherProjectId, r]));
  const shownOnly = project.version === undefined ? undefined : { version: project.version };
  const matches = similarToProject(db, project.id, { viewer, asOf, shownOnly }).map((m) => ({
    ...m,
    review: byOther.get(m.projectId) ?? null,
  }));
  return {
    projectId: project.id,
    code: project.code,
    titleVi: project.titleVi,
    titleEn: project.titleEn,
    matches,
    reviews: mine,
  };
}
