/** Data of the internal project page's public-portal panel. */
import type { Db } from "#db/client.server";
import { can, type CurrentUser } from "~/auth/guard.server";
import { prepared } from "~/modules/db/sql.server";
import { feedbackCounts, type FeedbackCounts } from "~/modules/feedback/queries.server";

export const PUBLICATION_NOTICES = ["publish", "unpublish", "unchanged"] as const;
export type PublicationNotice = (typeof PUBLICATION_NOTICES)[number];

export interface PublicationPanelData {
  published: boolean;
  publishedAt: number | null;
  counts: FeedbackCounts;
  canPublish: boolean;
  canModerate: boolean;
  notice: PublicationNotice | null;
}

export function publicationPanel(
  db: Db,
  user: CurrentUser,
  project: { id: number; organisationId: number },
  request: Request,
): PublicationPanelData {
  const row = prepared(db, "SELECT published, published_at AS publishedAt FROM projects WHERE id = ?").get(
    project.id,
  ) as { published: number; publishedAt: number | null };
  const notice = new URL(request.url).searchParams.get("publication");
  return {
    published: row.published === 1,
    publishedAt: row.publishedAt,
    counts: feedbackCounts(db, project.id),
    canPublish: can(user, "publish", "project", project.organisationId),
    canModerate: can(user, "manage", "feedback"),
    notice: (PUBLICATION_NOTICES as readonly string[]).includes(notice ?? "") ? (notice as PublicationNotice) : null,
  };
}
