/** GET /api/v1/projects/:code/milestones and POST (add a milestone). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { apiAddMilestone } from "~/modules/api/commands.server";
import { apiHandler, json, methodNotAllowed, requireApiPrincipal } from "~/modules/api/http.server";
import { apiMilestone } from "~/modules/api/resources.server";
import { created, parseBody, requireApiProject } from "~/modules/api/route.server";
import { MilestoneCreateBody } from "~/modules/api/schemas";
import { listMilestones } from "~/modules/milestones/milestones.server";
import { todayIso } from "~/utils/today";

export const loader = ({ request, params, context }: LoaderFunctionArgs) =>
  apiHandler(request, () => {
    const db = getDb();
    const principal = requireApiPrincipal(request, context, db);
    const project = requireApiProject(db, principal, params.code, "budget");
    return json({ data: listMilestones(db, project.id, todayIso()).map((m) => apiMilestone(m)) });
  });

export const action = ({ request, params, context }: ActionFunctionArgs) =>
  apiHandler(request, async () => {
    if (request.method !== "POST") throw methodNotAllowed(["GET", "POST"]);
    const db = getDb();
    const principal = requireApiPrincipal(request, context, db);
    const project = requireApiProject(db, principal, params.code, "budget");
    const input = await parseBody(request, MilestoneCreateBody);
    const id = apiAddMilestone(db, principal, project, input);
    const location = `/api/v1/projects/${encodeURIComponent(project.code)}/milestones/${id}`;
    return json({ data: apiMilestone(id, db) }, 201, created(location));
  });
