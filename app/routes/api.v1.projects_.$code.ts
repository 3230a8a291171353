/** GET /api/v1/projects/:code (with budget, plans, milestones, indicators, flags) and PATCH (update from a version). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { can } from "~/auth/permissions";
import { apiUpdateProject } from "~/modules/api/commands.server";
import {
  apiHandler,
  json,
  methodNotAllowed,
  readJsonBody,
  requireApiPrincipal,
  validationError,
} from "~/modules/api/http.server";
import { projectDetail } from "~/modules/api/resources.server";
import { requireApiProject } from "~/modules/api/route.server";
import { PROJECT_BODY_FIELDS, unknownKeys, versionField } from "~/modules/api/schemas";
import { findProjectById } from "~/modules/projects/project.server";

export const loader = ({ request, params, context }: LoaderFunctionArgs) =>
  apiHandler(request, () => {
    const db = getDb();
    const principal = requireApiPrincipal(request, context, db);
    const project = requireApiProject(db, principal, params.code);
    const data = projectDetail(db, project, {
      includeBudget: can(principal, "read", "budget", project.organisationId),
      includeFlags: can(principal, "read", "flag", project.organisationId),
    });
    return json({ data });
  });

export const action = ({ request, params, context }: ActionFunctionArgs) =>
  apiHandler(request, async () => {
    if (request.method !== "PATCH") throw methodNotAllowed(["GET", "PATCH"]);
    const db = getDb();
    const principal = requireApiPrincipal(request, context, db);
    const project = requireApiProject(db, principal, params.code);
    const { version, ...patch } = await readJsonBody(request);
    const errors = unknownKeys(patch, PROJECT_BODY_FIELDS);
    const v = versionField.safeParse(version);
    if (!v.success) errors.version = [v.error.issues[0].message];
    if (Object.keys(errors).length) throw validationError(errors);
    const result = apiUpdateProject(db, principal, project, patch, v.data!);
    const updated = findProjectById(db, project.id)!;
    return json({
      data: projectDetail(db, updated, { includeBudget: false, includeFlags: false }),
      changed: result.changed,
    });
  });
