/**
 * What every /api/v1 route does first: authenticate the token, find the
 * project of the URL (404) and check the token may read it (403), and
 * parse a JSON body with a zod schema (422 with field errors).
 */
import type { ZodTypeAny, z } from "zod";
import type { Db } from "#db/client.server";
import { isProjectCodeParam } from "~/modules/projects/code";
import { findProjectByCode, type ProjectRecord } from "~/modules/projects/project.server";
import { notFoundError, readJsonBody, requireApiPermission, validationError, zodFieldErrors } from "./http.server";
import type { ApiPrincipal } from "./tokens.server";

export function requireApiProject(
  db: Db,
  principal: ApiPrincipal,
  code: string | undefined,
  entity: "project" | "budget" = "project",
): ProjectRecord {
  const project = isProjectCodeParam(code) ? findProjectByCode(db, code) : null;
  if (!project) throw notFoundError("project");
  requireApiPermission(principal, "read", entity, project.organisationId);
  return project;
}

export async function parseBody<S extends ZodTypeAny>(request: Request, schema: S): Promise<z.output<S>> {
  const body = await readJsonBody(request);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(zodFieldErrors(parsed.error));
  return parsed.data as z.output<S>;
}

/** Location and body of a created resource. */
export const created = (location: string) => ({ Location: location });
