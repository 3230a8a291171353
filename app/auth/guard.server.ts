/**
 * Server-side guards used by every loader and action: who is asking, and may
 * they do this? Anonymous users are sent to /login; refused users get 403.
 */
import { redirect } from "@remix-run/node";
import { getDb, type Db } from "#db/client.server";
import type { Role } from "#db/enums";
import { can, scopeOf, type Action, type Entity, type Principal } from "./permissions";
import { loadMemberships, ownOrganisationIds, type MembershipView } from "./principal.server";
import { validateSessionToken, type SessionRecord } from "./session.server";
import { prepared } from "~/modules/db/sql.server";
import { readCookie, SESSION_COOKIE } from "./token";

export interface CurrentUser extends Principal {
  id: number;
  email: string;
  name: string;
  locale: string;
  memberships: MembershipView[];
  /** The organisation the user mainly works for (first membership). */
  primaryOrganisationId: number | null;
  session: SessionRecord;
}

const cache = new WeakMap<Request, CurrentUser | null>();

export function getCurrentUser(request: Request, db: Db = getDb()): CurrentUser | null {
  if (cache.has(request)) return cache.get(request)!;
  const session = validateSessionToken(db, readCookie(request.headers.get("Cookie"), SESSION_COOKIE));
  let result: CurrentUser | null = null;
  if (session) {
    const user = prepared(db, "SELECT id, email, name, locale FROM users WHERE id = ?").get(session.userId) as
      | { id: number; email: string; name: string; locale: string }
      | undefined;
    if (user) {
      const memberships = loadMemberships(db, user.id);
      const roles = [...new Set(memberships.map((m) => m.role))] as Role[];
      result = {
        ...user,
        memberships,
        roles,
        ownOrganisationIds: ownOrganisationIds(
          db,
          memberships.map((m) => m.organisationId),
        ),
        primaryOrganisationId: memberships[0]?.organisationId ?? null,
        session,
      };
    }
  }
  cache.set(request, result);
  return result;
}

export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export function requireUser(request: Request, db: Db = getDb()): CurrentUser {
  const user = getCurrentUser(request, db);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}

/**
 * Require a permission. Pass the resource's organisation for `own`-scoped
 * checks; throws a 403 response when refused.
 */
export function requirePermission(
  request: Request,
  action: Action,
  entity: Entity,
  resourceOrganisationId?: number | null,
  db: Db = getDb(),
): CurrentUser {
  const user = requireUser(request, db);
  if (!can(user, action, entity, resourceOrganisationId)) throw forbidden();
  return user;
}

export { can, scopeOf };
