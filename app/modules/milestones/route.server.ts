/** Loading a project for the milestone routes, with the permission checked on its own organisation. */
import type { Db } from "#db/client.server";
import { can, requirePermission, type CurrentUser } from "~/auth/guard.server";
import { requireProject } from "~/modules/projects/route.server";
import type { ProjectRecord } from "~/modules/projects/project.server";

/** Readers of the project's money-and-time data: `read:budget` on its organisation. */
export function requireMilestoneReader(
  request: Request,
  db: Db,
  code: string | undefined,
): { project: ProjectRecord; user: CurrentUser; canEdit: boolean } {
  const project = requireProject(db, code);
  const user = requirePermission(request, "read", "budget", project.organisationId, db);
  return { project, user, canEdit: can(user, "update", "budget", project.organisationId) };
}

/** Writers: `update:budget` on the project's organisation (looked up here, never from the form). */
export function requireMilestoneWriter(
  request: Request,
  db: Db,
  code: string | undefined,
): { project: ProjectRecord; user: CurrentUser } {
  const project = requireProject(db, code);
  const user = requirePermission(request, "update", "budget", project.organisationId, db);
  return { project, user };
}
