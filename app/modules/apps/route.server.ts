/** Loading an app-register entry for the routes, with the permission checked on the stored owner. */
import type { Db } from "#db/client.server";
import { forbidden, notFound, requirePermission, type CurrentUser } from "~/auth/guard.server";
import { scopeOf } from "~/auth/permissions";
import { getApp, ownerChoices, type AppRecord, type OrgOption } from "./apps.server";
import { mayWriteApp } from "./register";

export function parseAppId(raw: string | undefined): number | null {
  return raw && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

/** The entry named in the URL (404 if none), for anyone who may read the register. */
export function requireAppReader(
  request: Request,
  db: Db,
  rawId: string | undefined,
): { app: AppRecord; user: CurrentUser } {
  const user = requirePermission(request, "read", "register", undefined, db);
  const id = parseAppId(rawId);
  const app = id === null ? null : getApp(db, id);
  if (!app) throw notFound();
  return { app, user };
}

/** The entry, for a user who may update it as stored (owner and scope from the database, never the form). */
export function requireAppWriter(
  request: Request,
  db: Db,
  rawId: string | undefined,
): { app: AppRecord; user: CurrentUser } {
  const { app, user } = requireAppReader(request, db, rawId);
  if (!mayWriteApp(user, "update", app)) throw forbidden();
  return { app, user };
}

/** Owners this user may give an entry: every current organisation (coordinators) or their own units. */
export function ownerChoicesFor(db: Db, user: CurrentUser, action: "create" | "update"): OrgOption[] {
  if (scopeOf(user, action, "register") === "any") return ownerChoices(db, null);
  // Planners record provincial entries only: their own provinces and cities.
  return ownerChoices(db, user.ownOrganisationIds).filter((o) => o.kind === "province" || o.kind === "city");
}

/** May the user write any entry at all (coordinators) or only own provincial ones (planners)? */
export function writeScope(user: CurrentUser, action: "create" | "update"): "any" | "own" | null {
  return scopeOf(user, action, "register");
}
