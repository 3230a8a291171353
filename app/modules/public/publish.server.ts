/**
 * Coordinators choose what the public portal shows: publish or withdraw a
 * project (one transaction with its audit event). The intent is explicit
 * (publish / unpublish), so a repeated or stale click changes nothing.
 */
import type { Db } from "#db/client.server";
import { recordAudit, type Actor } from "~/modules/audit/audit.server";
import { prepared } from "~/modules/db/sql.server";

export type PublishIntent = "publish" | "unpublish";

export function setProjectPublished(
  db: Db,
  actor: Actor,
  project: { id: number; organisationId: number },
  intent: PublishIntent,
  now = Date.now(),
): { changed: boolean } {
  const published = intent === "publish";
  return db.transaction((tx) => {
    const t = db; // same connection: statements run inside the transaction
    const before = prepared(t, "SELECT published, published_at AS publishedAt FROM projects WHERE id = ?").get(
      project.id,
    ) as { published: number; publishedAt: number | null } | undefined;
    if (!before || Boolean(before.published) === published) return { changed: false };
    const publishedAt = published ? now : before.publishedAt;
    prepared(t, "UPDATE projects SET published = ?, published_at = ?, updated_at = ? WHERE id = ?").run(
      published ? 1 : 0,
      publishedAt,
      now,
      project.id,
    );
    recordAudit(tx, actor, {
      action: published ? "project.publish" : "project.unpublish",
      entityType: "project",
      entityId: project.id,
      organisationId: project.organisationId,
      before: { published: Boolean(before.published) },
      after: { published },
    });
    return { changed: true };
  });
}
