/**
 * Read models of resident feedback: counts per project (public page,
 * internal project page, dashboards), the published comments of a project,
 * and the moderation queue.
 */
import type { Db } from "#db/client.server";
import type { FeedbackState } from "#db/enums";
import { prepared } from "~/modules/db/sql.server";

export interface FeedbackCounts {
  support: number;
  oppose: number;
  /** Published comments (the only ones the public sees). */
  comments: number;
  /** Comments waiting for moderation. */
  pending: number;
}

/** SQL columns of `FeedbackCounts` over a feedback alias `f` (for per-project lists). */
export const FEEDBACK_COUNT_COLUMNS = `COALESCE(SUM(f.kind = 'support' AND f.state = 'published'), 0) AS support,
  COALESCE(SUM(f.kind = 'oppose' AND f.state = 'published'), 0) AS oppose,
  COALESCE(SUM(f.kind = 'comment' AND f.state = 'published'), 0) AS comments,
  COALESCE(SUM(f.kind = 'comment' AND f.state = 'pending'), 0) AS pending`;

export function feedbackCounts(db: Db, projectId: number): FeedbackCounts {
  return prepared(db, `SELECT ${FEEDBACK_COUNT_COLUMNS} FROM feedback f WHERE f.project_id = ?`).get(
    projectId,
  ) as FeedbackCounts;
}

/** Counts for several projects at once (missing ids have no feedback). */
export function feedbackCountsByProject(db: Db, projectIds: readonly number[]): Map<number, FeedbackCounts> {
  const out = new Map<number, FeedbackCounts>();
  if (projectIds.length === 0) return out;
  const rows = db.$client
    .prepare(
      `SELECT f.project_id AS projectId, ${FEEDBACK_COUNT_COLUMNS} FROM feedback f
        WHERE f.project_id IN (SELECT value FROM json_each(?)) GROUP BY f.project_id`,
    )
    .all(JSON.stringify(projectIds)) as (FeedbackCounts & { projectId: number })[];
  for (const { projectId, ...counts } of rows) out.set(projectId, counts);
  return out;
}

export const NO_FEEDBACK: FeedbackCounts = { support: 0, oppose: 0, comments: 0, pending: 0 };

export interface PublicComment {
  id: number;
  body: string;
  /** Epoch ms the comment was written. */
  createdAt: number;
  provinceNameVi: string | null;
  provinceNameEn: string | null;
}

/** Published comments of a project, newest first (no key, no moderator). */
export function publishedComments(db: Db, projectId: number, limit = 100): PublicComment[] {
  return prepared(
    db,
    `SELECT f.id, f.body, f.created_at AS createdAt, o.name_vi AS provinceNameVi, o.name_en AS provinceNameEn
       FROM feedback f LEFT JOIN organisations o ON o.id = f.province_id
      WHERE f.project_id = ? AND f.kind = 'comment' AND f.state = 'published'
      ORDER BY f.created_at DESC, f.id DESC LIMIT ?`,
  ).all(projectId, limit) as PublicComment[];
}

export interface QueueItem {
  id: number;
  body: string;
  createdAt: number;
  state: FeedbackState;
  projectCode: string;
  projectTitleVi: string;
  projectTitleEn: string | null;
  provinceNameVi: string | null;
  provinceNameEn: string | null;
  moderationReason: string | null;
  moderatedAt: number | null;
  moderatorName: string | null;
}

export const QUEUE_PAGE_SIZE = 50;

export interface QueuePage {
  items: QueueItem[];
  total: number;
  page: number;
  pages: number;
  /** Comments per state, for the tabs. */
  byState: Record<FeedbackState, number>;
}

/** Comments in one state: pending oldest first (a queue), decided ones newest first. */
export function moderationQueue(db: Db, state: FeedbackState, page = 1): QueuePage {
  const byStateRows = prepared(
    db,
    "SELECT state, COUNT(*) AS n FROM feedback WHERE kind = 'comment' GROUP BY state",
  ).all() as { state: FeedbackState; n: number }[];
  const byState: Record<FeedbackState, number> = { pending: 0, published: 0, rejected: 0 };
  for (const r of byStateRows) byState[r.state] = r.n;
  const total = byState[state];
  const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const order =
    state === "pending"
      ? "f.created_at ASC, f.id ASC"
      : "COALESCE(f.moderated_at, f.created_at) DESC, f.id DESC";
  const items = prepared(
    db,
    `SELECT f.id, f.body, f.created_at AS createdAt, f.state, p.code AS projectCode, p.title_vi AS projectTitleVi,
            p.title_en AS projectTitleEn, o.name_vi AS provinceNameVi, o.name_en AS provinceNameEn,
            f.moderation_reason AS moderationReason, f.moderated_at AS moderatedAt, u.name AS moderatorName
       FROM feedback f
       JOIN projects p ON p.id = f.project_id
       LEFT JOIN organisations o ON o.id = f.province_id
       LEFT JOIN users u ON u.id = f.moderated_by
      WHERE f.kind = 'comment' AND f.state = ?
      ORDER BY ${order} LIMIT ? OFFSET ?`,
  ).all(state, QUEUE_PAGE_SIZE, (current - 1) * QUEUE_PAGE_SIZE) as QueueItem[];
  return { items, total, page: current, pages, byState };
}
