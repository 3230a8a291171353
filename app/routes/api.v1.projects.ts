/** GET /api/v1/projects (filters, cursor pagination) and POST /api/v1/projects (create). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { apiCreateProject } from "~/modules/api/commands.server";
import {
  apiHandler,
  decodeCursor,
  encodeCursor,
  json,
  methodNotAllowed,
  nextLink,
  parseLimit,
  readJsonBody,
  requireApiPermission,
  requireApiPrincipal,
  validationError,
} from "~/modules/api/http.server";
import { listApiProjects, parseProjectFilters, projectSummary } from "~/modules/api/resources.server";
import { created } from "~/modules/api/route.server";
import { PROJECT_BODY_FIELDS, unknownKeys } from "~/modules/api/schemas";

export const loader = ({ request, context }: LoaderFunctionArgs) =>
  apiHandler(request, () => {
    const db = getDb();
    const principal = requireApiPrincipal(request, context, db);
    requireApiPermission(principal, "read", "project");
    const params = new URL(request.url).searchParams;
    const limit = parseLimit(params.get("limit"));
    const after = decodeCursor(params.get("cursor"));
    const page = listApiProjects(db, principal, parseProjectFilters(params), after, limit);
    const last = page.rows.at(-1);
    const nextCursor = page.hasMore && last ? encodeCursor(last.id) : null;
    return json({
      data: page.rows,
      page: { limit, total: page.total, nextCursor, next: nextCursor ? nextLink(request, nextCursor) : null },
    });
  });

export const action = ({ request, context }: ActionFunctionArgs) =>
  apiHandler(request, async () => {
    if (request.method !== "POST") throw methodNotAllowed(["GET", "POST"]);
    const db = getDb();
    const principal = requireApiPrincipal(request, context, db);
    requireApiPermission(principal, "create", "project");
    const body = await readJsonBody(request);
    const unknown = unknownKeys(body, PROJECT_BODY_FIELDS);
    if (Object.keys(unknown).length) throw validationError(unknown);
    const { id, code } = apiCreateProject(db, principal, body);
    const location = `/api/v1/projects/${encodeURIComponent(code)}`;
    return json({ data: projectSummary(db, id) }, 201, created(location));
  });
