/**
 * GET /projects/similar?titleVi=…&organisationId=…[&projectId=…]
 *   Similar existing proposals of every organisation for what the planner is
 *   typing (the project form's debounced fetcher). Foreign projects show
 *   title, owner, phase and score, linked only when the viewer may read them.
 * GET /projects/similar?reviewsOf=ID
 *   The decisions recorded on a project (the project page's review line).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { can, forbidden, notFound, requirePermission } from "~/auth/guard.server";
import { parseSimilarQuery } from "~/modules/similar/schema";
import { corpusMaxStaleMs, draftOf, findSimilar, reviewsOf } from "~/modules/similar/similar.server";

const ReviewsQuery = z.object({ reviewsOf: z.coerce.number().int().positive() });

export async function loader({ request }: LoaderFunctionArgs) {
  // Anyone who may read projects (planners their own; the results show others' only as summaries).
  const user = requirePermission(request, "read", "project");
  const db = getDb();
  const params = new URL(request.url).searchParams;

  if (params.has("reviewsOf")) {
    const q = ReviewsQuery.safeParse({ reviewsOf: params.get("reviewsOf") });
    if (!q.success) return data({ error: "similar.error.query", reviews: [] }, { status: 400 });
    const row = db.$client
      .prepare("SELECT organisation_id AS organisationId FROM projects WHERE id = ?")
      .get(q.data.reviewsOf) as { organisationId: number } | undefined;
    if (!row) throw notFound();
    if (!can(user, "read", "project", row.organisationId)) throw forbidden();
    return { reviews: reviewsOf(db, [q.data.reviewsOf]).get(q.data.reviewsOf) ?? [] };
  }

  const parsed = parseSimilarQuery(params);
  if (!parsed.success) return data({ error: "similar.error.query", items: [], title: "" }, { status: 400 });
  const q = parsed.data;
  // The project being edited is left out; it must be one the user may read.
  let excludeProjectId: number | undefined;
  if (q.projectId !== null) {
    const row = db.$client
      .prepare("SELECT organisation_id AS organisationId FROM projects WHERE id = ?")
      .get(q.projectId) as { organisationId: number } | undefined;
    if (row && can(user, "read", "project", row.organisationId)) excludeProjectId = q.projectId;
  }
  const items = findSimilar(db, draftOf(q), {
    viewer: user,
    excludeProjectId,
    maxStaleMs: corpusMaxStaleMs(),
  });
  return { items, title: q.titleVi || q.titleEn || "" };
}
