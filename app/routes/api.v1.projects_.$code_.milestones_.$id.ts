/** GET /api/v1/projects/:code/milestones/:id and PATCH (edit fields, or set/clear the done date, from a version). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { apiUpdateMilestone } from "~/modules/api/commands.server";
import {
  apiHandler,
  idParam,
  json,
  methodNotAllowed,
  notFoundError,
  requireApiPrincipal,
} from "~/modules/api/http.server";
import { apiMilestone } from "~/modules/api/resources.server";
import { parseBody, requireApiProject } from "~/modules/api/route.server";
import { MilestoneUpdateBody } from "~/modules/api/schemas";
import { getMilestone } from "~/modules/milestones/milestones.server";

export const loader = ({ request, params, context }: LoaderFunctionArgs) =>
  apiHandler(request, () => {
    const db = getDb();
    const principal = requireApiPrincipal(request, context, db);
    const project = requireApiProject(db, principal, params.code, "budget");
    const m = getMilestone(db, idParam(params.id, "milestone"));
    if (!m || m.projectId !== project.id) throw notFoundError("milestone of this project");
    return json({ data: apiMilestone(m.id, db) });
  });

export const action = ({ request, params, context }: ActionFunctionArgs) =>
  apiHandler(request, async () => {
    if (request.method !== "PATCH") throw methodNotAllowed(["GET", "PATCH"]);
    const db = getDb();
    const principal = requireApiPrincipal(request, context, db);
    const project = requireApiProject(db, principal, params.code, "budget");
    const id = idParam(params.id, "milestone");
    const body = await parseBody(request, MilestoneUpdateBody);
    apiUpdateMilestone(db, principal, project, id, body);
    return json({ data: apiMilestone(id, db) });
  });
