/**
 * Typed permission strings `<action>:<entity>:<access>` (after the Epic Stack).
 * `own` means: resources of the user's organisation, its predecessors and
 * successors (merged units) and the cities inside it. `any` means all.
 * Pure: no database, no Remix. The server checks these on every loader/action.
 */
import type { Role } from "#db/enums";

export type Action = "read" | "create" | "update" | "delete" | "approve" | "comment" | "manage" | "publish";
export type Entity =
  | "organisation"
  | "strategy"
  | "plan"
  | "project"
  | "budget"
  | "flag"
  | "feedback"
  /** The app register and the per-project data register. */
  | "register"
  | "user"
  | "audit"
  | "dashboard"
  | "setting";
export type Access = "own" | "any";
export type Permission = `${Action}:${Entity}:${Access}`;

const READ_ALL: Permission[] = [
  "read:organisation:any",
  "read:strategy:any",
  "read:plan:any",
  "read:project:any",
  "read:budget:any",
  "read:flag:any",
  "read:dashboard:any",
  "read:register:any",
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...READ_ALL,
    "manage:user:any",
    "read:user:any",
    "manage:organisation:any",
    "update:organisation:any",
    "create:organisation:any",
    "manage:setting:any",
    "read:audit:any",
  ],
  coordinator: [
    ...READ_ALL,
    "update:strategy:any",
    "create:strategy:any",
    "delete:strategy:any",
    "approve:plan:any",
    "comment:plan:any",
    "create:plan:any",
    "update:plan:any",
    "create:project:any",
    "update:project:any",
    "update:budget:any",
    "update:flag:any",
    "publish:project:any",
    "create:register:any",
    "update:register:any",
    "manage:feedback:any",
    "read:feedback:any",
    "read:user:any",
    "manage:user:any",
  ],
  planner: [
    "read:organisation:any",
    "read:strategy:any",
    "read:dashboard:any",
    "read:plan:own",
    "create:plan:own",
    "update:plan:own",
    "read:project:own",
    "create:project:own",
    "update:project:own",
    "read:budget:own",
    "update:budget:own",
    "read:flag:own",
    "read:register:any",
    "create:register:own",
    "update:register:own",
  ],
  // Leaders change nothing, but comment on plans under review (DESIGN.md roles table).
  leader: [...READ_ALL, "read:feedback:any", "comment:plan:any"],
  auditor: [...READ_ALL, "read:audit:any", "read:feedback:any", "read:user:any"],
};

export interface Principal {
  roles: readonly Role[];
  /** Organisation ids the user acts for (own unit + family). */
  ownOrganisationIds: ReadonlySet<number>;
}

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const set = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r] ?? []) set.add(p);
  return set;
}

/**
 * May the principal do `action` on `entity`? With a resource organisation,
 * `own` grants only if it is one of the principal's organisations; without one
 * (listing pages), `own` grants access scoped by the caller's query.
 */
export function can(
  principal: Principal,
  action: Action,
  entity: Entity,
  resourceOrganisationId?: number | null,
): boolean {
  const perms = permissionsOf(principal.roles);
  if (perms.has(`${action}:${entity}:any`)) return true;
  if (!perms.has(`${action}:${entity}:own`)) return false;
  if (resourceOrganisationId === undefined) return true;
  if (resourceOrganisationId === null) return false;
  return principal.ownOrganisationIds.has(resourceOrganisationId);
}

/** Does the principal see everything for this entity, or only their own? */
export function scopeOf(principal: Principal, action: Action, entity: Entity): Access | null {
  const perms = permissionsOf(principal.roles);
  if (perms.has(`${action}:${entity}:any`)) return "any";
  if (perms.has(`${action}:${entity}:own`)) return "own";
  return null;
}
