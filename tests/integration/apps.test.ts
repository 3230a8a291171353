/**
 * The app register and the project data register on a real SQLite file:
 * filters and paging, create/edit with permissions (403 for other
 * organisations, national entries for coordinators only), optimistic
 * locking, audit events in the same transaction, linking projects, and the
 * public transparency page's loader (public fields only).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client.server";
import { createApp, getApp, listApps } from "~/modules/apps/apps.server";
import { parseAppQuery, type AppInput } from "~/modules/apps/register";
import { loader as appsLoader } from "~/routes/apps._index";
import { action as appEditAction, loader as appEditLoader } from "~/routes/apps.$id_.edit";
import { loader as appLoader } from "~/routes/apps.$id";
import { action as appNewAction, loader as appNewLoader } from "~/routes/apps.new";
import { action as dataAction, loader as dataLoader } from "~/routes/projects.$code_.data";
import { loader as publicDataLoader } from "~/routes/public.data";
import type { PagesFixture } from "./helpers/pages-fixture";
import { call, count, lastAudit, setupProjectsDb } from "./projects-support";

let db: Db;
let fx: PagesFixture;
let cleanup: () => void;
const actor = { userId: null, label: "test" };

function appId(nameLike: string): number {
  return (
    db.$client.prepare("SELECT id FROM app_register WHERE name_vi LIKE ?").get(nameLike) as { id: number }
  ).id;
}

const provincial = (owner: string, name: string, over: Partial<AppInput> = {}): AppInput => ({
  nameVi: name,
  scope: "provincial",
  ownerOrganisationId: fx.org(owner),
  domain: "governance",
  platforms: ["android", "ios"],
  status: "live",
  ...over,
});

const appForm = (owner: string, name: string, over: Record<string, string | string[]> = {}) => ({
  nameVi: name,
  scope: "provincial",
  ownerOrganisationId: String(fx.org(owner)),
  domain: "governance",
  platforms: ["android", "web"],
  status: "live",
  url: "https://example.gov.vn",
  launchedOn: "2025-05-01",
  ...over,
});

beforeAll(() => {
  ({ db, fx, cleanup } = setupProjectsDb());
  // Provincial apps: Ho Chi Minh City, legacy Bình Dương (merged into it), Thủ Đức (a city of it), Lai Châu.
  createApp(db, actor, provincial("P-HCM", "Công dân số TP.HCM", { platforms: ["android", "ios", "web"] }));
  createApp(db, actor, provincial("LP-74", "Bình Dương Smart", { status: "retired" }));
  createApp(db, actor, provincial("C-TDU", "Thủ Đức trong tầm tay"));
  createApp(db, actor, provincial("P-LCU", "Lai Châu S", { domain: "tourism" }));
});

afterAll(() => cleanup());

describe("national services in the reference data", () => {
  it("has VNeID, the National Public Service Portal and VssID with their owners", () => {
    const owner = (like: string) =>
      db.$client
        .prepare(
          "SELECT o.code, a.scope FROM app_register a JOIN organisations o ON o.id = a.owner_organisation_id WHERE a.name_vi LIKE ?",
        )
        .get(like) as { code: string; scope: string };
    expect(owner("VNeID%")).toEqual({ code: "M-MPS", scope: "national" });
    expect(owner("Cổng Dịch vụ công quốc gia")).toEqual({ code: "M-GO", scope: "national" });
    expect(owner("VssID%")).toEqual({ code: "A-VSS", scope: "national" });
  });
});

describe("register list: filters, sort and paging in the URL", () => {
  const names = (q: string) => listApps(db, parseAppQuery(q), "vi").rows.map((r) => r.nameVi);

  it("filters by scope, status, platform, domain and owner", () => {
    expect(names("scope=provincial").sort()).toEqual(
      ["Bình Dương Smart", "Công dân số TP.HCM", "Lai Châu S", "Thủ Đức trong tầm tay"].sort(),
    );
    expect(names("scope=national&status=retired").sort()).toEqual(["Bluezone", "PC-Covid"]);
    expect(names("platform=web&scope=national")).toContain("Cổng Dịch vụ công quốc gia");
    expect(names("platform=web&scope=national")).not.toContain("VNeTraffic");
    expect(names("domain=tourism")).toEqual(["Lai Châu S"]);
    expect(names(`owner=${fx.org("M-MPS")}`).every((n) => /VNeID|VNeTraffic/.test(n))).toBe(true);
  });

  it("searches without diacritics, in either name", () => {
    expect(names("q=dich vu cong quoc gia")).toEqual(["Cổng Dịch vụ công quốc gia"]);
    expect(names("q=CONG DAN SO")).toEqual(["Công dân số TP.HCM"]);
    expect(names("q=digital social insurance")[0]).toMatch(/^VssID/);
    expect(names("q=50%25")).toEqual([]);
  });

  it("a province includes its merged units and its cities", () => {
    expect(names(`province=${fx.org("P-HCM")}`).sort()).toEqual(
      ["Bình Dương Smart", "Công dân số TP.HCM", "Thủ Đức trong tầm tay"].sort(),
    );
    expect(names(`province=${fx.org("P-LCU")}`)).toEqual(["Lai Châu S"]);
  });

  it("sorts and pages on the server; a page past the end shows the last page", () => {
    const all = listApps(db, parseAppQuery("size=10"), "vi");
    expect(all.total).toBe(count(db, "SELECT id FROM app_register"));
    expect(all.rows).toHaveLength(10);
    const p2 = listApps(db, parseAppQuery("size=10&page=2"), "vi");
    expect(p2.rows.map((r) => r.id)).not.toContain(all.rows[0].id);
    const last = listApps(db, parseAppQuery("size=10&page=999"), "vi");
    expect(last.table.page).toBe(Math.ceil(all.total / 10));
    const launched = listApps(db, parseAppQuery("sort=launched&dir=desc&scope=national"), "vi").rows;
    const dates = launched.map((r) => r.launchedOn).filter(Boolean) as string[];
    expect(dates).toEqual([...dates].sort().reverse());
    // Bad parameters fall back to defaults instead of failing.
    expect(listApps(db, parseAppQuery("scope=galactic&sort=x&page=-3"), "vi").total).toBe(all.total);
  });

  it("the route loader reads the URL and needs a signed-in user", async () => {
    const r = await call(appsLoader, "/apps?scope=provincial&province=" + fx.org("P-HCM"), {
      cookie: fx.cookies.leader,
    });
    expect(r.status).toBe(200);
    expect((r.data as { total: number; canCreate: boolean }).total).toBe(3);
    expect((r.data as { canCreate: boolean }).canCreate).toBe(false);
    expect((await call(appsLoader, "/apps")).status).toBe(302);
  });
});

describe("create and edit with permissions", () => {
  it("a coordinator adds a national service; one audit event in the same transaction", async () => {
    const before = count(db, "SELECT id FROM audit_events");
    const r = await call(appNewAction, "/apps/new", {
      cookie: fx.cookies.coordinator,
      form: appForm("M-MOH", "Ứng dụng thử nghiệm quốc gia", { scope: "national" }),
    });
    expect(r.status).toBe(302);
    const id = Number(/\/apps\/(\d+)/.exec(r.location ?? "")![1]);
    expect(getApp(db, id)).toMatchObject({ scope: "national", platforms: ["android", "web"], version: 1 });
    expect(count(db, "SELECT id FROM audit_events")).toBe(before + 1);
    expect(lastAudit(db)).toMatchObject({ action: "app.create", entity_type: "app", entity_id: String(id) });
  });

  it("a planner adds a provincial app of their own province only", async () => {
    const ok = await call(appNewAction, "/apps/new", {
      cookie: fx.cookies.plannerHcm,
      form: appForm("P-HCM", "Sài Gòn số"),
    });
    expect(ok.status).toBe(302);
    const other = await call(appNewAction, "/apps/new", {
      cookie: fx.cookies.plannerHcm,
      form: appForm("P-LCU", "Giả mạo Lai Châu"),
    });
    expect(other.status).toBe(403);
    const national = await call(appNewAction, "/apps/new", {
      cookie: fx.cookies.plannerHcm,
      form: appForm("P-HCM", "Giả mạo quốc gia", { scope: "national" }),
    });
    expect(national.status).toBe(403);
    expect(count(db, "SELECT id FROM app_register WHERE name_vi LIKE 'Giả mạo%'")).toBe(0);
    for (const role of ["leader", "auditor"] as const) {
      expect((await call(appNewLoader, "/apps/new", { cookie: fx.cookies[role] })).status).toBe(403);
      expect(
        (await call(appNewAction, "/apps/new", { cookie: fx.cookies[role], form: appForm("P-HCM", "X") }))
          .status,
      ).toBe(403);
    }
  });

  it("the owner must fit the scope (a ministry owns no provincial app)", async () => {
    const r = await call(appNewAction, "/apps/new", {
      cookie: fx.cookies.coordinator,
      form: appForm("M-MOST", "Ứng dụng lệch phạm vi"),
    });
    expect(r.status).toBe(400);
    expect((r.data as { error: Record<string, string[]> }).error.ownerOrganisationId).toEqual([
      "apps.error.scopeOwner",
    ]);
    expect(count(db, "SELECT id FROM app_register WHERE name_vi = 'Ứng dụng lệch phạm vi'")).toBe(0);
  });

  it("bad input: localised errors per field, nothing written", async () => {
    const before = count(db, "SELECT id FROM app_register");
    const r = await call(appNewAction, "/apps/new", {
      cookie: fx.cookies.coordinator,
      form: { ...appForm("P-HCM", ""), platforms: [], url: "javascript:alert(1)", launchedOn: "2025-02-30" },
    });
    expect(r.status).toBe(400);
    const errors = (r.data as { error: Record<string, string[]> }).error;
    expect(errors.nameVi).toEqual(["apps.error.nameViRequired"]);
    expect(errors.platforms).toEqual(["apps.error.platformsRequired"]);
    expect(errors.url).toEqual(["apps.error.urlInvalid"]);
    expect(errors.launchedOn).toEqual(["apps.error.dateInvalid"]);
    expect(count(db, "SELECT id FROM app_register")).toBe(before);
  });

  it("a planner cannot edit a national entry or another province's app (403 on loader and action)", async () => {
    const vneid = appId("VNeID%");
    const laiChau = appId("Lai Châu S");
    for (const id of [vneid, laiChau]) {
      const path = `/apps/${id}/edit`;
      expect(
        (await call(appEditLoader, path, { cookie: fx.cookies.plannerHcm, params: { id: String(id) } }))
          .status,
      ).toBe(403);
      const r = await call(appEditAction, path, {
        cookie: fx.cookies.plannerHcm,
        params: { id: String(id) },
        form: { ...appForm("P-HCM", "Chiếm quyền"), version: "1" },
      });
      expect(r.status).toBe(403);
    }
    expect(count(db, "SELECT id FROM app_register WHERE name_vi = 'Chiếm quyền'")).toBe(0);
    // Nor hand their own app over to another province.
    const own = appId("Công dân số TP.HCM");
    const moved = await call(appEditAction, `/apps/${own}/edit`, {
      cookie: fx.cookies.plannerHcm,
      params: { id: String(own) },
      form: { ...appForm("P-LCU", "Công dân số TP.HCM"), version: String(getApp(db, own)!.version) },
    });
    expect(moved.status).toBe(403);
    expect(getApp(db, own)!.ownerOrganisationId).toBe(fx.org("P-HCM"));
    // The app page shows no edit link to them, but does to a coordinator.
    const page = await call(appLoader, `/apps/${vneid}`, {
      cookie: fx.cookies.plannerHcm,
      params: { id: String(vneid) },
    });
    expect((page.data as { canEdit: boolean }).canEdit).toBe(false);
    const page2 = await call(appLoader, `/apps/${own}`, {
      cookie: fx.cookies.plannerHcm,
      params: { id: String(own) },
    });
    expect((page2.data as { canEdit: boolean }).canEdit).toBe(true);
    expect(
      (await call(appLoader, "/apps/999999", { cookie: fx.cookies.leader, params: { id: "999999" } })).status,
    ).toBe(404);
  });

  it("a planner edits their own app; a stale save is refused (409) and nothing is overwritten", async () => {
    const id = appId("Thủ Đức trong tầm tay");
    const v = getApp(db, id)!.version;
    const params = { id: String(id) };
    const ok = await call(appEditAction, `/apps/${id}/edit`, {
      cookie: fx.cookies.plannerHcm,
      params,
      form: { ...appForm("C-TDU", "Thủ Đức số"), version: String(v) },
    });
    expect(ok.status).toBe(302);
    expect(getApp(db, id)).toMatchObject({ nameVi: "Thủ Đức số", version: v + 1 });
    const audit = lastAudit(db);
    expect(audit.action).toBe("app.update");
    expect(JSON.parse(audit.before!)).toMatchObject({ nameVi: "Thủ Đức trong tầm tay", version: v });
    expect(JSON.parse(audit.after!)).toMatchObject({ nameVi: "Thủ Đức số", version: v + 1 });
    const stale = await call(appEditAction, `/apps/${id}/edit`, {
      cookie: fx.cookies.coordinator,
      params,
      form: { ...appForm("C-TDU", "Ghi đè"), version: String(v) },
    });
    expect(stale.status).toBe(409);
    expect((stale.data as { stale: boolean }).stale).toBe(true);
    expect(getApp(db, id)!.nameVi).toBe("Thủ Đức số");
  });
});

describe("project data register (/projects/:code/data)", () => {
  const row = (over: Record<string, string> = {}) => ({
    intent: "add",
    category: "camera_images",
    purposeVi: "Giám sát giao thông",
    purposeEn: "Traffic monitoring",
    legalBasis: "Nghị định 13/2023/NĐ-CP",
    retention: "30 ngày",
    operatorType: "government_agency",
    operatorName: "Sở Xây dựng",
    aggregatedOnly: "on",
    ...over,
  });
  const post = (code: string, cookie: string, form: Record<string, string>) =>
    call(dataAction, `/projects/${code}/data`, { cookie, params: { code }, form });

  it("a planner adds, edits and removes rows of their own project, each with an audit event", async () => {
    const r = await post("T-HCM-1", fx.cookies.plannerHcm, row());
    expect(r.status).toBe(302);
    const added = db.$client
      .prepare(
        "SELECT id, version, aggregated_only FROM data_register WHERE project_id = (SELECT id FROM projects WHERE code = 'T-HCM-1')",
      )
      .get() as { id: number; version: number; aggregated_only: number };
    expect(added.aggregated_only).toBe(1);
    expect(lastAudit(db)).toMatchObject({ action: "dataRegister.create", organisation_id: fx.org("P-HCM") });

    const edit = await post("T-HCM-1", fx.cookies.plannerHcm, {
      ...row({ intent: "edit", retention: "90 ngày" }),
      aggregatedOnly: "",
      id: String(added.id),
      version: String(added.version),
    });
    expect(edit.status).toBe(302);
    expect(JSON.parse(lastAudit(db).before!)).toMatchObject({ retention: "30 ngày" });
    expect(JSON.parse(lastAudit(db).after!)).toMatchObject({ retention: "90 ngày", aggregatedOnly: false });

    const stale = await post("T-HCM-1", fx.cookies.coordinator, {
      ...row({ intent: "edit", retention: "5 năm" }),
      id: String(added.id),
      version: String(added.version),
    });
    expect(stale.status).toBe(409);

    const del = await post("T-HCM-1", fx.cookies.plannerHcm, {
      intent: "delete",
      id: String(added.id),
      version: String(added.version + 1),
    });
    expect(del.status).toBe(302);
    expect(lastAudit(db).action).toBe("dataRegister.delete");
    expect(count(db, "SELECT id FROM data_register WHERE id = ?", added.id)).toBe(0);
  });

  it("another organisation's planner, leaders and auditors get 403; forged row ids are 404", async () => {
    expect((await post("T-HCM-1", fx.cookies.plannerLaiChau, row())).status).toBe(403);
    expect(
      (
        await call(dataLoader, "/projects/T-HCM-1/data", {
          cookie: fx.cookies.plannerLaiChau,
          params: { code: "T-HCM-1" },
        })
      ).status,
    ).toBe(403);
    for (const role of ["leader", "auditor"] as const)
      expect((await post("T-HCM-1", fx.cookies[role], row())).status).toBe(403);
    // A Lai Châu row cannot be edited through the Hồ Chí Minh City project's URL.
    await post("T-LCU-2", fx.cookies.plannerLaiChau, row());
    const lcu = db.$client
      .prepare("SELECT id, version FROM data_register ORDER BY id DESC LIMIT 1")
      .get() as {
      id: number;
      version: number;
    };
    const forged = await post("T-HCM-1", fx.cookies.plannerHcm, {
      intent: "delete",
      id: String(lcu.id),
      version: String(lcu.version),
    });
    expect(forged.status).toBe(404);
    expect(count(db, "SELECT id FROM data_register WHERE id = ?", lcu.id)).toBe(1);
    // Leaders read it, without edit controls.
    const read = await call(dataLoader, "/projects/T-LCU-2/data", {
      cookie: fx.cookies.leader,
      params: { code: "T-LCU-2" },
    });
    expect(read.status).toBe(200);
    expect(read.data).toMatchObject({ canEdit: false, canAdd: false });
  });

  it("bad input keeps the form and writes nothing", async () => {
    const before = count(db, "SELECT id FROM data_register");
    const r = await post(
      "T-HCM-1",
      fx.cookies.plannerHcm,
      row({ category: "dna", purposeVi: "", legalBasis: "" }),
    );
    expect(r.status).toBe(400);
    const { result } = r.data as {
      result: { error: Record<string, string[]>; initialValue: Record<string, string> };
    };
    expect(result.error.category).toEqual(["dataRegister.error.categoryRequired"]);
    expect(result.error.purposeVi).toEqual(["dataRegister.error.purposeRequired"]);
    expect(result.initialValue.retention).toBe("30 ngày");
    expect(count(db, "SELECT id FROM data_register")).toBe(before);
  });

  it("links a project to its register entry (compare-and-set, audited) and the app page lists it", async () => {
    const id = appId("Công dân số TP.HCM");
    const link = await post("T-HCM-1", fx.cookies.plannerHcm, { intent: "link", appId: String(id) });
    expect(link.status).toBe(302);
    expect(lastAudit(db)).toMatchObject({ action: "project.app.link", entity_type: "project" });
    expect(
      (db.$client.prepare("SELECT app_id FROM projects WHERE code = 'T-HCM-1'").get() as { app_id: number })
        .app_id,
    ).toBe(id);
    // A second tab still believes there is no link: refused.
    const stale = await post("T-HCM-1", fx.cookies.plannerHcm, {
      intent: "link",
      appId: String(appId("VNeID%")),
    });
    expect(stale.status).toBe(409);
    const page = await call(appLoader, `/apps/${id}`, {
      cookie: fx.cookies.leader,
      params: { id: String(id) },
    });
    expect((page.data as { projects: { code: string }[] }).projects.map((p) => p.code)).toEqual(["T-HCM-1"]);
    // Lai Châu's planner cannot link Hồ Chí Minh City's project.
    expect(
      (await post("T-HCM-1", fx.cookies.plannerLaiChau, { intent: "link", expectedAppId: String(id) }))
        .status,
    ).toBe(403);
  });

  it("creating an app from a project links it in the same transaction", async () => {
    const r = await call(appNewAction, "/apps/new", {
      cookie: fx.cookies.plannerLaiChau,
      form: { ...appForm("P-LCU", "Lai Châu số"), project: "T-LCU-2" },
    });
    expect(r.status).toBe(302);
    const id = appId("Lai Châu số");
    expect(
      (db.$client.prepare("SELECT app_id FROM projects WHERE code = 'T-LCU-2'").get() as { app_id: number })
        .app_id,
    ).toBe(id);
    // Hồ Chí Minh City's planner sees the entry, but not the Lai Châu project behind it (only a count).
    const seen = await call(appLoader, `/apps/${id}`, {
      cookie: fx.cookies.plannerHcm,
      params: { id: String(id) },
    });
    expect(seen.data).toMatchObject({ projects: [], hiddenProjects: 1 });
    expect(JSON.stringify(seen.data)).not.toContain("T-LCU-2");
    const coord = await call(appLoader, `/apps/${id}`, {
      cookie: fx.cookies.coordinator,
      params: { id: String(id) },
    });
    expect(coord.data).toMatchObject({ projects: [{ code: "T-LCU-2" }], hiddenProjects: 0 });
    // But not for another organisation's project.
    const forged = await call(appNewAction, "/apps/new", {
      cookie: fx.cookies.plannerLaiChau,
      form: { ...appForm("P-LCU", "Lai Châu số 2"), project: "T-HCM-2" },
    });
    expect(forged.status).toBe(403);
    expect(count(db, "SELECT id FROM app_register WHERE name_vi = 'Lai Châu số 2'")).toBe(0);
  });
});

describe("public transparency page (/public/data)", () => {
  const PROJECT_KEYS = [
    "code",
    "titleVi",
    "titleEn",
    "phase",
    "published",
    "responsibleVi",
    "responsibleEn",
    "provinceVi",
    "provinceEn",
    "uses",
  ].sort();
  const USE_KEYS = [
    "category",
    "personal",
    "purposeVi",
    "purposeEn",
    "legalBasis",
    "retention",
    "operatorType",
    "operatorName",
    "aggregatedOnly",
  ].sort();

  beforeAll(async () => {
    // Personal data on: an operational project in an approved plan (listed), an operational one in no plan
    // (listed), a pilot in a submitted plan (internal: not listed), a proposal (not listed) and a
    // non-personal-only row on an operational project (not listed).
    const add = (code: string, category: string) =>
      call(dataAction, `/projects/${code}/data`, {
        cookie: fx.cookies.coordinator,
        params: { code },
        form: {
          intent: "add",
          category,
          purposeVi: `Mục đích ${code}`,
          legalBasis: "Luật Dữ liệu 2024",
          retention: "5 năm",
          operatorType: "private_contractor",
          operatorName: "Công ty TNHH Dữ liệu Xanh",
        },
      });
    await add("T-BDG-1", "location");
    await add("T-MOST-2", "identity");
    await add("T-HCM-1", "health");
    await add("T-HCM-2", "contact");
    await add("T-HCMO-1", "environmental_sensors");
  });

  it("lists approved-and-running projects with personal data, anonymously, and only public fields", async () => {
    const r = await call(publicDataLoader, "/public/data");
    expect(r.status).toBe(200);
    const d = r.data as {
      projects: Record<string, unknown>[];
      total: number;
      privateOperated: number;
      [k: string]: unknown;
    };
    expect(Object.keys(d).sort()).toEqual([
      "filters",
      "page",
      "pages",
      "privateOperated",
      "projects",
      "provinces",
      "total",
    ]);
    expect(d.projects.map((p) => p.code)).toEqual(["T-BDG-1", "T-MOST-2"]);
    expect(d.privateOperated).toBe(2);
    for (const p of d.projects) {
      expect(Object.keys(p).sort()).toEqual(PROJECT_KEYS);
      for (const u of p.uses as Record<string, unknown>[]) expect(Object.keys(u).sort()).toEqual(USE_KEYS);
    }
    // The legacy Bình Dương project shows today's province.
    expect(d.projects[0]).toMatchObject({ provinceVi: "Hồ Chí Minh", published: false });
    const json = JSON.stringify(d.projects);
    for (const internal of [
      "version",
      "budget",
      "organisationId",
      "projectId",
      '"id"',
      "email",
      "T-HCM-1",
      "T-HCM-2",
    ]) {
      expect(json).not.toContain(internal);
    }
    expect(Object.keys((d.provinces as Record<string, unknown>[])[0]).sort()).toEqual([
      "id",
      "nameEn",
      "nameVi",
    ]);
  });

  it("a published project is listed whatever its phase; filters by province and category", async () => {
    db.$client.prepare("UPDATE projects SET published = 1 WHERE code = 'T-HCM-2'").run();
    const all = (await call(publicDataLoader, "/public/data")).data as {
      projects: { code: string; published: boolean }[];
    };
    expect(all.projects.map((p) => p.code)).toEqual(["T-BDG-1", "T-HCM-2", "T-MOST-2"]);
    const hcm = (await call(publicDataLoader, `/public/data?province=${fx.org("P-HCM")}`)).data as {
      projects: { code: string }[];
    };
    expect(hcm.projects.map((p) => p.code)).toEqual(["T-BDG-1", "T-HCM-2"]);
    const identity = (await call(publicDataLoader, "/public/data?category=identity")).data as {
      projects: { code: string }[];
    };
    expect(identity.projects.map((p) => p.code)).toEqual(["T-MOST-2"]);
    const byCode = (await call(publicDataLoader, "/public/data?q=t-most")).data as {
      projects: { code: string }[];
    };
    expect(byCode.projects.map((p) => p.code)).toEqual(["T-MOST-2"]);
    db.$client.prepare("UPDATE projects SET published = 0 WHERE code = 'T-HCM-2'").run();
  });
});
