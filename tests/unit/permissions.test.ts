import { describe, expect, it } from "vitest";
import { can, permissionsOf, scopeOf, type Principal } from "~/auth/permissions";
import { navigationFor } from "~/modules/shell/navigation";

const HCM = 10;
const BINH_DUONG_LEGACY = 11;
const LAI_CHAU = 20;

const planner: Principal = { roles: ["planner"], ownOrganisationIds: new Set([HCM, BINH_DUONG_LEGACY]) };
const leader: Principal = { roles: ["leader"], ownOrganisationIds: new Set([1]) };
const coordinator: Principal = { roles: ["coordinator"], ownOrganisationIds: new Set([1]) };
const auditor: Principal = { roles: ["auditor"], ownOrganisationIds: new Set([1]) };
const admin: Principal = { roles: ["admin"], ownOrganisationIds: new Set([1]) };

describe("can", () => {
  it("lets a planner edit projects of their own organisation and its merged predecessors", () => {
    expect(can(planner, "update", "project", HCM)).toBe(true);
    expect(can(planner, "update", "project", BINH_DUONG_LEGACY)).toBe(true);
  });
  it("refuses a planner anything of another organisation", () => {
    expect(can(planner, "read", "project", LAI_CHAU)).toBe(false);
    expect(can(planner, "update", "plan", LAI_CHAU)).toBe(false);
    expect(can(planner, "read", "plan", null)).toBe(false);
  });
  it("refuses planners approval, users and the audit log", () => {
    expect(can(planner, "approve", "plan", HCM)).toBe(false);
    expect(can(planner, "read", "audit")).toBe(false);
    expect(can(planner, "manage", "user")).toBe(false);
  });
  it("lets leaders and auditors read everything and change nothing", () => {
    for (const p of [leader, auditor]) {
      expect(can(p, "read", "project", LAI_CHAU)).toBe(true);
      expect(can(p, "read", "plan", HCM)).toBe(true);
      expect(can(p, "update", "project", HCM)).toBe(false);
      expect(can(p, "create", "plan", 1)).toBe(false);
      expect(can(p, "approve", "plan", HCM)).toBe(false);
    }
    expect(can(auditor, "read", "audit")).toBe(true);
    expect(can(leader, "read", "audit")).toBe(false);
  });
  it("lets coordinators approve plans and edit the strategy anywhere", () => {
    expect(can(coordinator, "approve", "plan", LAI_CHAU)).toBe(true);
    expect(can(coordinator, "update", "strategy")).toBe(true);
  });
  it("gives admins users and settings but not plan approval", () => {
    expect(can(admin, "manage", "user")).toBe(true);
    expect(can(admin, "approve", "plan", HCM)).toBe(false);
  });
  it("reports the scope of a permission", () => {
    expect(scopeOf(planner, "read", "project")).toBe("own");
    expect(scopeOf(leader, "read", "project")).toBe("any");
    expect(scopeOf(leader, "update", "project")).toBeNull();
  });
  it("unions the permissions of several roles", () => {
    const both = permissionsOf(["leader", "auditor"]);
    expect(both.has("read:audit:any")).toBe(true);
    expect(both.has("read:dashboard:any")).toBe(true);
  });
});

describe("navigationFor", () => {
  const paths = (p: Principal, org: number | null = 1) => navigationFor(p, org).map((i) => i.to);
  it("shows each role its own navigation", () => {
    const common = ["/", "/dashboard", "/projects", "/rollout", "/plans", "/flags", "/strategy", "/organisations", "/apps"];
    expect(paths(planner, HCM)).toEqual([...common, "/iati/import", `/organisations/${HCM}`, "/public"]);
    expect(paths(leader)).toEqual([...common, "/public"]);
    expect(paths(auditor)).toEqual([...common, "/admin/users", "/audit", "/public"]);
    expect(paths(admin)).toEqual([...common, "/admin/users", "/admin/api-tokens", "/audit", "/public"]);
    expect(paths(coordinator)).toEqual([...common, "/iati/import", "/moderation", "/admin/users", "/public"]);
  });
});
