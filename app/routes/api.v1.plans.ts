/** GET /api/v1/plans — the plans the token may read (cursor pages), with their project codes. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import {
  apiHandler,
  decodeCursor,
  encodeCursor,
  json,
  methodNotAllowed,
  nextLink,
  parseLimit,
  requireApiPermission,
  requireApiPrincipal,
} from "~/modules/api/http.server";
import { listApiPlans } from "~/modules/api/resources.server";

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  apiHandler(request, () => {
    const db = getDb();
    const principal = requireApiPrincipal(request, context, db);
    requireApiPermission(principal, "read", "plan");
    const search = new URL(request.url).searchParams;
    const limit = parseLimit(search.get("limit"));
    const page = listApiPlans(db, principal, decodeCursor(search.get("cursor")), limit);
    const last = page.rows.at(-1) as { id: number } | undefined;
    const nextCursor = page.hasMore && last ? encodeCursor(last.id) : null;
    return json({
      data: page.rows,
      page: { limit, nextCursor, next: nextCursor ? nextLink(request, nextCursor) : null },
    });
  });

export const action = ({ request }: { request: Request }) =>
  apiHandler(request, () => {
    throw methodNotAllowed(["GET"]);
  });
