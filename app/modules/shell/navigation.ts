import { can, type Principal } from "~/auth/permissions";
import type { MessageKey } from "~/i18n/i18n";

export interface NavItem {
  key: MessageKey;
  to: string;
}

/** Main navigation for a signed-in user, derived from their permissions. */
export function navigationFor(principal: Principal, primaryOrganisationId: number | null): NavItem[] {
  const items: NavItem[] = [{ key: "common.nav.home", to: "/" }];
  if (can(principal, "read", "dashboard")) items.push({ key: "common.nav.dashboard", to: "/dashboard" });
  if (can(principal, "read", "project")) {
    items.push({ key: "common.nav.projects", to: "/projects" });
    items.push({ key: "common.nav.rollout", to: "/rollout" });
  }
  if (can(principal, "read", "plan")) items.push({ key: "common.nav.plans", to: "/plans" });
  if (can(principal, "read", "flag")) items.push({ key: "common.nav.flags", to: "/flags" });
  if (can(principal, "read", "strategy")) items.push({ key: "common.nav.strategy", to: "/strategy" });
  if (can(principal, "read", "organisation")) items.push({ key: "common.nav.organisations", to: "/organisations" });
  if (can(principal, "read", "register")) items.push({ key: "common.nav.apps", to: "/apps" });
  if (can(principal, "update", "budget")) items.push({ key: "common.nav.iati", to: "/iati/import" });
  if (primaryOrganisationId !== null && principal.roles.includes("planner")) {
    items.push({ key: "common.nav.myOrganisation", to: `/organisations/${primaryOrganisationId}` });
  }
  if (can(principal, "manage", "feedback")) items.push({ key: "common.nav.moderation", to: "/moderation" });
  if (can(principal, "read", "user")) items.push({ key: "common.nav.users", to: "/admin/users" });
  if (can(principal, "manage", "setting")) items.push({ key: "common.nav.apiTokens", to: "/admin/api-tokens" });
  if (can(principal, "read", "audit")) items.push({ key: "common.nav.audit", to: "/audit" });
  items.push({ key: "common.nav.public", to: "/public" });
  return items;
}
