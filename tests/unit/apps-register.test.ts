/** Pure parts of the app register: URL state, the shared schema, and who may write which entry. */
import { describe, expect, it } from "vitest";
import {
  AppCreateSchema,
  AppEditSchema,
  isWebAddress,
  LinkSchema,
  mayWriteApp,
  parseAppQuery,
  scopeFitsOwner,
} from "~/modules/apps/register";
import type { Principal } from "~/auth/permissions";

const principal = (roles: Principal["roles"], own: number[] = []): Principal => ({
  roles,
  ownOrganisationIds: new Set(own),
});

describe("parseAppQuery", () => {
  it("reads filters, sort and page from the URL", () => {
    const q = parseAppQuery(
      "q= vneid &scope=national&owner=12&province=45&domain=health&status=live&platform=ios&sort=launched&dir=desc&page=3&size=10",
    );
    expect(q.filters).toEqual({
      q: "vneid",
      scope: "national",
      owner: 12,
      province: 45,
      domain: "health",
      status: "live",
      platform: "ios",
    });
    expect(q.table).toEqual({ sort: "launched", dir: "desc", page: 3, pageSize: 10 });
  });

  it("falls back to defaults for unknown or malformed values", () => {
    const q = parseAppQuery(
      "scope=galactic&owner=abc&province=-1&domain=space&status=dead&platform=fax&sort=secret&page=0&size=7",
    );
    expect(q.filters).toEqual({
      q: undefined,
      scope: undefined,
      owner: undefined,
      province: undefined,
      domain: undefined,
      status: undefined,
      platform: undefined,
    });
    expect(q.table).toEqual({ sort: "name", dir: "asc", page: 1, pageSize: 25 });
  });

  it("a column chosen without a direction starts with its own initial direction", () => {
    expect(parseAppQuery("sort=projects").table.dir).toBe("desc");
    expect(parseAppQuery("sort=owner").table.dir).toBe("asc");
  });
});

describe("mayWriteApp", () => {
  const coordinator = principal(["coordinator"]);
  const planner = principal(["planner"], [45, 74]);
  const leader = principal(["leader"]);

  it("coordinators write any entry, national or provincial", () => {
    expect(mayWriteApp(coordinator, "create", { scope: "national", ownerOrganisationId: 1 })).toBe(true);
    expect(mayWriteApp(coordinator, "update", { scope: "provincial", ownerOrganisationId: 99 })).toBe(true);
  });

  it("planners write only provincial entries owned by their own organisations", () => {
    expect(mayWriteApp(planner, "create", { scope: "provincial", ownerOrganisationId: 45 })).toBe(true);
    expect(mayWriteApp(planner, "update", { scope: "provincial", ownerOrganisationId: 74 })).toBe(true);
    expect(mayWriteApp(planner, "update", { scope: "provincial", ownerOrganisationId: 21 })).toBe(false);
    expect(mayWriteApp(planner, "update", { scope: "national", ownerOrganisationId: 45 })).toBe(false);
  });

  it("leaders, auditors and admins write nothing", () => {
    for (const p of [leader, principal(["auditor"]), principal(["admin"], [1])]) {
      expect(mayWriteApp(p, "create", { scope: "provincial", ownerOrganisationId: 1 })).toBe(false);
      expect(mayWriteApp(p, "update", { scope: "national", ownerOrganisationId: 1 })).toBe(false);
    }
  });
});

describe("app schema (shared by form and action)", () => {
  const valid = {
    nameVi: "  Công dân số  ",
    scope: "provincial",
    ownerOrganisationId: 45,
    domain: "governance",
    platforms: ["android"],
    status: "live",
  };

  it("accepts a minimal entry and trims text", () => {
    const r = AppCreateSchema.parse(valid);
    expect(r.nameVi).toBe("Công dân số");
    expect(r.url).toBeUndefined();
  });

  it("names every problem with an i18n key", () => {
    const r = AppEditSchema.safeParse({
      ...valid,
      nameVi: " ",
      scope: "city",
      platforms: [],
      url: "ftp://x.vn",
      launchedOn: "2025-13-01",
      status: "zombie",
    });
    expect(r.success).toBe(false);
    const byPath = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(byPath).toMatchObject({
      nameVi: "apps.error.nameViRequired",
      scope: "apps.error.scopeRequired",
      platforms: "apps.error.platformsRequired",
      url: "apps.error.urlInvalid",
      launchedOn: "apps.error.dateInvalid",
      status: "apps.error.statusRequired",
      version: "apps.error.stale",
    });
  });

  it("link: an app id, or none to unlink", () => {
    expect(LinkSchema.parse({ intent: "link" })).toEqual({ intent: "link" });
    expect(LinkSchema.safeParse({ intent: "link", appId: -3 }).success).toBe(false);
  });

  it("web addresses: http(s) with a host name only", () => {
    expect(isWebAddress("https://vneid.gov.vn")).toBe(true);
    expect(isWebAddress("http://dichvucong.gov.vn/p/home")).toBe(true);
    expect(isWebAddress("javascript:alert(1)")).toBe(false);
    expect(isWebAddress("https://localhost")).toBe(false);
    expect(isWebAddress("vneid.gov.vn")).toBe(false);
  });
});

describe("scopeFitsOwner", () => {
  it("provincial entries belong to provinces and cities; national ones to everyone else", () => {
    expect(scopeFitsOwner("provincial", "province")).toBe(true);
    expect(scopeFitsOwner("provincial", "city")).toBe(true);
    expect(scopeFitsOwner("provincial", "ministry")).toBe(false);
    expect(scopeFitsOwner("national", "ministry")).toBe(true);
    expect(scopeFitsOwner("national", "partner")).toBe(true);
    expect(scopeFitsOwner("national", "province")).toBe(false);
  });
});
