import { can, type Principal } from "~/auth/permissions";
import type { MessageKey } from "~/i18n/i18n";

export interface NavItem {
  key: MessageKey;
  to: string;
}

/** Main navigation for a signed-in user, derived from their permissions. */
export function navigationFor(principal: Principal, primaryOrganisationId: number | null): NavItem[] {
  const items: NavItem[] = [{ key: "common.nav.home", to: "/" }];
  if (can(principal, "read", "project")) {
    items.push({ key: "common.nav.projects", to: "/projects" });
    items.push({ key: "common.nav.rollout", to: "/rollout" });
  }
  if (can(principal, "read", "plan")) items.push({ key: "common.nav.plans", to: "/plans" });
  if (can(principal, "read", "flag")) items.push({ key: "common.nav.flags", to: "/flags" });
  if (can(principal, "read", "strategy")) items.push({ key: "common.nav.strategy", to: "/strategy" });
  if (can(principal, "read", "organisation")) items.push({ key: "common.nav.organisations", to: "/organisations" });
  if (primaryOrganisationId !== null && principal.roles.includes("planner")) {
    items.push({ key: "common.nav.myOrganisation", to: `/organisations/${primaryOrganisationId}` });
  }
  if (can(principal, "read", "user")) items.push({ key: "common.nav.users", to: "/admin/users" });
  if (can(principal, "read", "audit")) items.push({ key: "common.nav.audit", to: "/audit" });
  return items;
}
