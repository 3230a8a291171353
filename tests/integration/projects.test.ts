/**
 * Projects on a real SQLite file: create (code, search text, audit in the
 * same transaction), edit (version check, plan lock, audit of changed
 * fields), phase changes and lessons learned, replication of a pilot, and
 * the read models of the project page and /rollout.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client.server";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import { StaleVersionError } from "~/modules/db/concurrency";
import {
  addLesson,
  changePhase,
  createProject,
  PlanLockedError,
  replicateProject,
  updateProject,
} from "~/modules/projects/commands.server";
import { findProjectByCode, getProjectPage, snapshotOf } from "~/modules/projects/project.server";
import { listRollout, rolloutSummary } from "~/modules/projects/rollout.server";
import { parseRolloutQuery } from "~/modules/projects/rollout";
import { ProjectFormSchema, type ProjectInput } from "~/modules/projects/schema";
import { parseWithZod } from "@conform-to/zod";
import { action as editAction, loader as editLoader } from "~/routes/projects.$code_.edit";
import { action as newAction } from "~/routes/projects.new";
import { action as phaseAction } from "~/routes/projects.$code_.phase";
import { action as lessonAction } from "~/routes/projects.$code_.lessons";
import { action as replicateAction } from "~/routes/projects.$code_.replicate";
import { loader as pageLoader } from "~/routes/projects.$code";
import { projectFigures } from "~/modules/finance/figures.server";
import type { PagesFixture } from "./helpers/pages-fixture";
import { call, count, lastAudit, projectForm, projectRow, setupProjectsDb } from "./projects-support";

let db: Db;
let fx: PagesFixture;
let cleanup: () => void;
const TODAY = "2026-11-26";

beforeAll(() => {
  ({ db, fx, cleanup } = setupProjectsDb());
});
afterAll(() => cleanup());

const actor = (key: string) => ({ userId: fx.userIds[key], label: `${key}@test.vn` });

function input(owner: string, overrides: Record<string, unknown> = {}): ProjectInput {
  const fd = new FormData();
  for (const [k, v] of Object.entries(projectForm(fx, owner, overrides as never))) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) fd.append(k, String(x));
  }
  const s = parseWithZod(fd, { schema: ProjectFormSchema });
  if (s.status !== "success") throw new Error(JSON.stringify(s.reply().error));
  return s.value;
}

describe("create a project", () => {
  it("through the form: readable code, fields, links, search text, phase history and one audit row", async () => {
    const audits = count(db, "SELECT id FROM audit_events");
    const res = await call(newAction, "/projects/new", {
      cookie: fx.cookies.plannerHcm,
      form: projectForm(fx, "P-HCM", { cityId: fx.org("C-TDU") }),
    });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/projects/HCM-2027-001?saved=created");
    const p = projectRow(db, "HCM-2027-001")!;
    expect(p).toMatchObject({
      organisation_id: fx.org("P-HCM"),
      province_id: fx.org("P-HCM"),
      city_id: fx.org("C-TDU"),
      plan_id: null,
      phase: "proposed",
      version: 1,
      hosting_model: "government_cloud",
      handles_personal_data: 1,
      citizen_app_name: "Công dân số",
      created_by: fx.userIds.plannerHcm,
      start_date: "2027-01-15",
    });
    expect(JSON.parse(p.personal_data_categories)).toEqual(["identity", "camera_images"]);
    expect(JSON.parse(p.components)).toEqual(["ioc", "camera", "citizen-app"]);
    expect(JSON.parse(p.citizen_app_platforms)).toEqual(["android", "ios"]);
    expect(p.search_text).toBe(
      "trung tam dieu hanh do thi thong minh giam sat giao thong, moi truong va an ninh tren mot nen tang. smart city operations centre",
    );
    expect(
      db.$client
        .prepare(
          "SELECT node_id AS n, is_primary AS p FROM project_strategy_nodes WHERE project_id = ? ORDER BY is_primary DESC",
        )
        .all(p.id),
    ).toEqual([
      { n: fx.node("DA950.4.5"), p: 1 },
      { n: fx.node("DA950.3.1"), p: 0 },
    ]);
    expect(count(db, "SELECT 1 FROM project_cooperators WHERE project_id = ?", p.id)).toBe(1);
    expect(
      db.$client
        .prepare(
          "SELECT from_phase AS f, to_phase AS t, changed_by AS by FROM project_phase_changes WHERE project_id = ?",
        )
        .all(p.id),
    ).toEqual([{ f: null, t: "proposed", by: fx.userIds.plannerHcm }]);
    expect(count(db, "SELECT id FROM audit_events")).toBe(audits + 1);
    const a = lastAudit(db);
    expect(a).toMatchObject({
      action: "project.create",
      entity_type: "project",
      entity_id: String(p.id),
      organisation_id: fx.org("P-HCM"),
      actor_user_id: fx.userIds.plannerHcm,
    });
    expect(JSON.parse(a.after!)).toMatchObject({
      code: "HCM-2027-001",
      titleVi: p.title_vi,
      phase: "proposed",
    });
  });

  it("numbers codes per abbreviation and year, after the highest number used", () => {
    db.$client
      .prepare(
        `INSERT INTO projects (code, organisation_id, title_vi, description_vi, domain, hosting_model, operator_type)
         VALUES ('HCM-2027-041', ?, 'x', 'x', 'governance', 'government_cloud', 'government_agency')`,
      )
      .run(fx.org("P-HCM"));
    expect(createProject(db, actor("plannerHcm"), input("P-HCM"), TODAY).code).toBe("HCM-2027-042");
    expect(createProject(db, actor("plannerHcm"), input("P-HCM", { startDate: undefined }), TODAY).code).toBe(
      "HCM-2026-001",
    );
    expect(
      createProject(db, actor("coordinator"), input("M-MOST", { startDate: "2027-03-01" }), TODAY).code,
    ).toBe("MOST-2027-001");
  });

  it("writes nothing when any part fails: the project, its links and the audit row are one transaction", () => {
    const before = {
      projects: count(db, "SELECT id FROM projects"),
      audits: count(db, "SELECT id FROM audit_events"),
      links: count(db, "SELECT project_id FROM project_strategy_nodes"),
    };
    // A strategy node that does not exist fails on its foreign key after the project row was inserted.
    expect(() =>
      createProject(db, actor("plannerHcm"), input("P-HCM", { otherNodeIds: [999_999] }), TODAY),
    ).toThrow();
    expect(count(db, "SELECT id FROM projects")).toBe(before.projects);
    expect(count(db, "SELECT id FROM audit_events")).toBe(before.audits);
    expect(count(db, "SELECT project_id FROM project_strategy_nodes")).toBe(before.links);
  });

  it("refuses a plan of another organisation or one that is under review, and joins an open plan", async () => {
    const planId = (code: string) =>
      (db.$client.prepare("SELECT id FROM plans WHERE code = ?").get(code) as { id: number }).id;
    const submitted = await call(newAction, "/projects/new", {
      cookie: fx.cookies.plannerHcm,
      form: projectForm(fx, "P-HCM", { planId: planId("PL-HCM-2026") }),
    });
    expect(submitted.status).toBe(400);
    expect(JSON.stringify(submitted.data)).toContain("projects.error.planLocked");
    const draft = await call(newAction, "/projects/new", {
      cookie: fx.cookies.plannerHcm,
      form: projectForm(fx, "P-HCM", { planId: planId("PL-HCM-2025"), startDate: "2028-01-01" }),
    });
    expect(draft.location).toBe("/projects/HCM-2028-001?saved=created");
    expect(projectRow(db, "HCM-2028-001")!.plan_id).toBe(planId("PL-HCM-2025"));
    // The coordinator may create for any organisation, but the plan must be the owner's.
    const otherOrg = await call(newAction, "/projects/new", {
      cookie: fx.cookies.coordinator,
      form: projectForm(fx, "P-HN", { planId: planId("PL-LCU-2026") }),
    });
    expect(otherOrg.status).toBe(400);
    expect(JSON.stringify(otherOrg.data)).toContain("projects.error.planOtherOrganisation");
  });

  it("checks the references on the server: a city outside the province, an ended province, an unknown node", async () => {
    const res = await call(newAction, "/projects/new", {
      cookie: fx.cookies.coordinator,
      form: projectForm(fx, "P-HN", { cityId: fx.org("C-TDU"), primaryNodeId: 999_999 }),
    });
    expect(res.status).toBe(400);
    const text = JSON.stringify(res.data);
    expect(text).toContain("projects.error.cityOutsideProvince");
    expect(text).toContain("projects.error.nodeInvalid");
    const ended = await call(newAction, "/projects/new", {
      cookie: fx.cookies.coordinator,
      form: projectForm(fx, "P-HN", { provinceId: fx.org("LP-74") }),
    });
    expect(JSON.stringify(ended.data)).toContain("projects.error.provinceInvalid");
  });
});

describe("edit a project", () => {
  const form = (version: number, overrides: Record<string, unknown> = {}) =>
    projectForm(fx, "P-HCM", { version, cityId: fx.org("C-TDU"), ...overrides } as never);

  it("saves the changed fields, bumps the version and audits only what changed", async () => {
    const res = await call(editAction, "/projects/HCM-2027-001/edit", {
      cookie: fx.cookies.plannerHcm,
      params: { code: "HCM-2027-001" },
      form: form(1, { titleVi: "Trung tâm IOC Thủ Đức", hostingModel: "hybrid", cooperatorIds: [] }),
    });
    expect(res).toMatchObject({ status: 302, location: "/projects/HCM-2027-001?saved=updated" });
    const p = projectRow(db, "HCM-2027-001")!;
    expect(p).toMatchObject({ version: 2, title_vi: "Trung tâm IOC Thủ Đức", hosting_model: "hybrid" });
    expect(p.search_text).toContain("trung tam ioc thu duc");
    expect(count(db, "SELECT 1 FROM project_cooperators WHERE project_id = ?", p.id)).toBe(0);
    const a = lastAudit(db);
    expect(a.action).toBe("project.update");
    expect(JSON.parse(a.before!)).toEqual({
      titleVi: "Trung tâm điều hành đô thị thông minh",
      cooperatorIds: [fx.org("M-MOST")],
      hostingModel: "government_cloud",
    });
    expect(JSON.parse(a.after!)).toEqual({
      titleVi: "Trung tâm IOC Thủ Đức",
      cooperatorIds: [],
      hostingModel: "hybrid",
    });
  });

  it("refuses a stale version: clear message, the typed values kept, nothing written", async () => {
    const before = projectRow(db, "HCM-2027-001")!;
    const audits = count(db, "SELECT id FROM audit_events");
    const res = await call(editAction, "/projects/HCM-2027-001/edit", {
      cookie: fx.cookies.coordinator,
      params: { code: "HCM-2027-001" },
      form: form(1, { titleVi: "Bản sửa cũ", hostingModel: "on_premise" }),
    });
    expect(res.status).toBe(409);
    const d = res.data as {
      stale: boolean;
      result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    };
    expect(d.stale).toBe(true);
    expect(d.result.error[""]).toEqual(["projects.error.stale"]);
    expect(d.result.initialValue.titleVi).toBe("Bản sửa cũ");
    expect(projectRow(db, "HCM-2027-001")).toEqual(before);
    expect(count(db, "SELECT id FROM audit_events")).toBe(audits);
    // The module says the same, and saving nothing new changes nothing.
    const project = findProjectByCode(db, "HCM-2027-001")!;
    expect(() => updateProject(db, actor("coordinator"), project.id, 1, input("P-HCM"))).toThrow(
      StaleVersionError,
    );
    const same = updateProject(db, actor("coordinator"), project.id, 2, {
      ...input("P-HCM"),
      ...snapshotOf(project),
      primaryNodeId: project.primaryNodeId!,
      planId: null,
    } as ProjectInput);
    expect(same).toEqual({ changed: [], version: 2 });
  });

  it("is refused while the project's plan is submitted or approved, with a clear message", async () => {
    for (const code of ["T-HCM-1", "T-BDG-1"]) {
      const p = findProjectByCode(db, code)!;
      const loaded = await call(editLoader, `/projects/${code}/edit`, {
        cookie: fx.cookies.coordinator,
        params: { code },
      });
      expect((loaded.data as { locked: boolean }).locked).toBe(true);
      const res = await call(editAction, `/projects/${code}/edit`, {
        cookie: fx.cookies.coordinator,
        params: { code },
        form: projectForm(fx, code === "T-HCM-1" ? "P-HCM" : "LP-74", {
          version: p.version,
          provinceId: undefined,
        }),
      });
      expect(res.status).toBe(409);
      expect(JSON.stringify(res.data)).toContain(
        code === "T-HCM-1" ? "projects.error.planSubmitted" : "projects.error.planApproved",
      );
      expect(projectRow(db, code)!.version).toBe(p.version);
      expect(() =>
        updateProject(db, actor("coordinator"), p.id, p.version, {
          ...input("P-HCM"),
          organisationId: p.organisationId,
        }),
      ).toThrow(PlanLockedError);
    }
  });

  it("keeps the owner of a project that is in a plan", async () => {
    const p = findProjectByCode(db, "HCM-2028-001")!;
    const res = await call(editAction, "/projects/HCM-2028-001/edit", {
      cookie: fx.cookies.plannerHcm,
      params: { code: "HCM-2028-001" },
      form: projectForm(fx, "C-TDU", { version: p.version, provinceId: fx.org("P-HCM") }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toContain("projects.error.ownerFixedByPlan");
  });
});

describe("phases and lessons learned", () => {
  it("follows the allowed transitions and records who, when and why", () => {
    const p = findProjectByCode(db, "HCM-2027-001")!;
    const a = actor("plannerHcm");
    expect(changePhase(db, a, p.id, p.version, { version: p.version, toPhase: "pilot" }, TODAY)).toEqual({
      ok: false,
      problem: "notAllowed",
    });
    expect(
      changePhase(
        db,
        a,
        p.id,
        p.version,
        { version: p.version, toPhase: "approved", reason: "QĐ 123" },
        TODAY,
      ),
    ).toEqual({
      ok: true,
      phase: "approved",
    });
    expect(() =>
      changePhase(db, a, p.id, p.version, { version: p.version, toPhase: "pilot" }, TODAY),
    ).toThrow(StaleVersionError);
    expect(
      changePhase(db, a, p.id, p.version + 1, { version: p.version + 1, toPhase: "pilot" }, TODAY).ok,
    ).toBe(true);
    const rows = db.$client
      .prepare(
        "SELECT from_phase AS f, to_phase AS t, reason, changed_by AS by, changed_on AS d FROM project_phase_changes WHERE project_id = ? ORDER BY id",
      )
      .all(p.id);
    expect(rows.slice(1)).toEqual([
      { f: "proposed", t: "approved", reason: "QĐ 123", by: fx.userIds.plannerHcm, d: TODAY },
      { f: "approved", t: "pilot", reason: null, by: fx.userIds.plannerHcm, d: TODAY },
    ]);
    expect(lastAudit(db)).toMatchObject({ action: "project.phase", entity_id: String(p.id) });
    expect(JSON.parse(lastAudit(db).before!)).toEqual({ phase: "approved" });
  });

  it("needs a reason to cancel (form and module)", async () => {
    const res = await call(phaseAction, "/projects/HCM-2026-001/phase", {
      cookie: fx.cookies.plannerHcm,
      params: { code: "HCM-2026-001" },
      form: { version: 1, toPhase: "cancelled", reason: "  " },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.data)).toContain("projects.error.reasonRequired");
    const p = findProjectByCode(db, "HCM-2026-001")!;
    expect(
      changePhase(db, actor("plannerHcm"), p.id, 1, { version: 1, toPhase: "cancelled" }, TODAY),
    ).toEqual({
      ok: false,
      problem: "reasonRequired",
    });
    const ok = await call(phaseAction, "/projects/HCM-2026-001/phase", {
      cookie: fx.cookies.plannerHcm,
      params: { code: "HCM-2026-001" },
      form: { version: 1, toPhase: "cancelled", reason: "Trùng với dự án của Bộ" },
    });
    expect(ok).toMatchObject({ status: 302, location: "/projects/HCM-2026-001?saved=phase" });
    expect(projectRow(db, "HCM-2026-001")).toMatchObject({
      phase: "cancelled",
      cancellation_reason: "Trùng với dự án của Bộ",
    });
  });

  it("needs a lesson learned before a pilot leaves evaluation; lessons are dated and audited", async () => {
    const code = "T-LCU-1"; // evaluation, no lessons
    const p = findProjectByCode(db, code)!;
    const refused = await call(phaseAction, `/projects/${code}/phase`, {
      cookie: fx.cookies.plannerLaiChau,
      params: { code },
      form: { version: p.version, toPhase: "scaling" },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain("projects.error.lessonRequired");
    expect(projectRow(db, code)!.phase).toBe("evaluation");

    const lesson = await call(lessonAction, `/projects/${code}/lessons`, {
      cookie: fx.cookies.plannerLaiChau,
      params: { code },
      form: {
        recordedOn: "2026-10-01",
        bodyVi: "Cần đào tạo cán bộ xã trước khi triển khai.",
        bodyEn: "Train commune staff first.",
      },
    });
    expect(lesson.status).toBe(302);
    expect(lastAudit(db)).toMatchObject({ action: "project.lesson.add", entity_id: String(p.id) });
    expect(
      db.$client
        .prepare(
          "SELECT recorded_on AS d, body_vi AS vi, author_id AS by FROM lessons_learned WHERE project_id = ?",
        )
        .all(p.id),
    ).toEqual([
      { d: "2026-10-01", vi: "Cần đào tạo cán bộ xã trước khi triển khai.", by: fx.userIds.plannerLaiChau },
    ]);

    const ok = await call(phaseAction, `/projects/${code}/phase`, {
      cookie: fx.cookies.plannerLaiChau,
      params: { code },
      form: { version: p.version, toPhase: "scaling", reason: "Đánh giá đạt" },
    });
    expect(ok.status).toBe(302);
    expect(projectRow(db, code)!.phase).toBe("scaling");
    // Cancelling needs no lesson.
    expect(
      addLesson(db, actor("coordinator"), p.id, { recordedOn: TODAY, bodyVi: "Thêm", bodyEn: undefined }).id,
    ).toBeGreaterThan(0);
  });

  it("is allowed whatever the plan's status (execution progress)", () => {
    const p = findProjectByCode(db, "T-HCM-1")!; // pilot, in a submitted plan
    expect(
      changePhase(
        db,
        actor("plannerHcm"),
        p.id,
        p.version,
        { version: p.version, toPhase: "evaluation" },
        TODAY,
      ),
    ).toEqual({
      ok: true,
      phase: "evaluation",
    });
  });
});

describe("replicate a pilot", () => {
  it("creates a linked project in the target province, copying the scope, with a new code and an audit row", async () => {
    const source = findProjectByCode(db, "T-LCU-2")!; // pilot in Lai Châu
    addLesson(db, actor("plannerLaiChau"), source.id, {
      recordedOn: "2026-09-01",
      bodyVi: "Bài học từ Lai Châu",
    });
    db.$client
      .prepare(
        `UPDATE projects SET components = '["ioc","camera"]', hosting_model = 'hybrid', handles_personal_data = 1,
           personal_data_categories = '["camera_images"]', operator_type = 'private_contractor', operator_name = 'VNPT',
           citizen_app_name = 'Lai Châu số', citizen_app_platforms = '["android"]', domain = 'safety',
           title_en = 'Commune cameras', description_en = 'Cameras' WHERE id = ?`,
      )
      .run(source.id);
    const res = await call(replicateAction, "/projects/T-LCU-2/replicate", {
      cookie: fx.cookies.plannerHcm,
      params: { code: "T-LCU-2" },
      form: { organisationId: fx.org("P-HCM"), startDate: "2027-06-01" },
    });
    expect(res).toMatchObject({ status: 302, location: "/projects/HCM-2027-043?saved=replicated" });
    const r = projectRow(db, "HCM-2027-043")!;
    const s = projectRow(db, "T-LCU-2")!;
    expect(r).toMatchObject({
      replicates_project_id: source.id,
      organisation_id: fx.org("P-HCM"),
      province_id: fx.org("P-HCM"),
      phase: "proposed",
      plan_id: null,
      title_vi: s.title_vi,
      title_en: "Commune cameras",
      description_vi: s.description_vi,
      domain: "safety",
      hosting_model: "hybrid",
      handles_personal_data: 1,
      personal_data_categories: '["camera_images"]',
      operator_type: "private_contractor",
      operator_name: "VNPT",
      citizen_app_name: "Lai Châu số",
      citizen_app_platforms: '["android"]',
      components: '["ioc","camera"]',
      start_date: "2027-06-01",
      created_by: fx.userIds.plannerHcm,
    });
    expect(r.search_text).toContain("commune cameras");
    expect(lastAudit(db)).toMatchObject({
      action: "project.replicate",
      entity_id: String(r.id),
      organisation_id: fx.org("P-HCM"),
    });
    expect(JSON.parse(lastAudit(db).after!)).toMatchObject({
      replicatesCode: "T-LCU-2",
      code: "HCM-2027-043",
    });
  });

  it("copies the live strategy nodes and not the local government operator's name", () => {
    const source = findProjectByCode(db, "T-HNI-1")!; // approved: not replicable
    expect(() =>
      replicateProject(
        db,
        actor("coordinator"),
        source,
        { organisationId: fx.org("P-DNG"), provinceId: fx.org("P-DNG"), cityId: null },
        null,
        TODAY,
      ),
    ).toThrow(/not replicable/);
    const most = findProjectByCode(db, "T-MOST-1")!; // pilot of a ministry in Đà Nẵng
    db.$client.prepare("UPDATE projects SET operator_name = 'Cục Chuyển đổi số' WHERE id = ?").run(most.id);
    const { code } = replicateProject(
      db,
      actor("coordinator"),
      findProjectByCode(db, "T-MOST-1")!,
      { organisationId: fx.org("P-HN"), provinceId: fx.org("P-HN"), cityId: null },
      null,
      TODAY,
    );
    const copy = findProjectByCode(db, code)!;
    expect(code).toBe("HN-2026-001");
    expect(copy.primaryNodeId).toBe(fx.node("DA950.1"));
    expect(copy.operatorName).toBeNull();
  });

  it("refuses the pilot's own province and lists the replication on the pilot; the replica shows the pilot's lessons", async () => {
    const same = await call(replicateAction, "/projects/T-LCU-2/replicate", {
      cookie: fx.cookies.coordinator,
      params: { code: "T-LCU-2" },
      form: { organisationId: fx.org("P-LCU") },
    });
    expect(same.status).toBe(400);
    expect(JSON.stringify(same.data)).toContain("projects.error.sameProvince");

    const replica = await call(pageLoader, "/projects/HCM-2027-043", {
      cookie: fx.cookies.plannerHcm,
      params: { code: "HCM-2027-043" },
    });
    expect(replica.status).toBe(200);
    const d = replica.data as {
      source: { code: string; lessons: { bodyVi: string }[]; province: { id: number } };
      readable: Record<number, boolean>;
      history: { action: string }[];
    };
    expect(d.source.code).toBe("T-LCU-2");
    expect(d.source.province.id).toBe(fx.org("P-LCU"));
    expect(d.source.lessons.map((l) => l.bodyVi)).toEqual(["Bài học từ Lai Châu"]);
    // The planner sees the pilot's summary and lessons but may not open its page.
    expect(Object.values(d.readable)).toEqual([false]);
    expect(d.history.map((h) => h.action)).toEqual(["project.replicate"]);

    const pilot = await call(pageLoader, "/projects/T-LCU-2", {
      cookie: fx.cookies.leader,
      params: { code: "T-LCU-2" },
    });
    const replications = (
      pilot.data as { replications: { code: string; province: { id: number }; phase: string }[] }
    ).replications;
    expect(replications).toEqual([
      expect.objectContaining({
        code: "HCM-2027-043",
        phase: "proposed",
        province: expect.objectContaining({ id: fx.org("P-HCM") }),
      }),
    ]);
  });
});

describe("read models", () => {
  it("the project page shows legacy locations with their successor and the history in order", () => {
    const page = getProjectPage(db, findProjectByCode(db, "T-BDG-1")!, TODAY);
    expect(page.province).toMatchObject({
      code: "LP-74",
      successor: expect.objectContaining({ code: "P-HCM" }),
    });
    expect(page.owner.successor?.code).toBe("P-HCM");
    expect(page.plan).toMatchObject({ code: "PL-BDG-2021", status: "approved" });
    expect(projectFigures(db, page.project.id, TODAY)).toMatchObject({
      approved: 12_000_000_000,
      disbursed: 9_500_000_000,
    });
    const edited = getProjectPage(db, findProjectByCode(db, "HCM-2027-001")!, TODAY);
    expect(edited.history.map((h) => h.action)).toEqual([
      "project.phase",
      "project.phase",
      "project.update",
      "project.create",
    ]);
  });

  it("the project page lists the review comments on the project", () => {
    const p = findProjectByCode(db, "T-HCM-2")!;
    const plan = db.$client.prepare("SELECT id FROM plans WHERE code = 'PL-HCM-2026'").get() as {
      id: number;
    };
    db.$client
      .prepare(
        "INSERT INTO review_comments (plan_id, project_id, revision, author_id, body) VALUES (?, ?, 2, ?, ?)",
      )
      .run(plan.id, p.id, fx.userIds.coordinator, "Làm rõ nguồn vốn");
    expect(getProjectPage(db, p, TODAY).reviewComments).toEqual([
      expect.objectContaining({
        body: "Làm rõ nguồn vốn",
        planCode: "PL-HCM-2026",
        revision: 2,
        authorName: "coordinator",
      }),
    ]);
  });

  it("/rollout lists pilots with their replications by today's province, filtered and counted", () => {
    const all = listRollout(db, parseRolloutQuery("").filters, parseRolloutQuery("size=50").table, TODAY);
    const codes = all.rows.map((r) => r.code);
    // Pilots and evaluations, and whatever has been replicated (T-MOST-1 is a pilot anyway).
    expect(codes).toEqual(expect.arrayContaining(["T-LCU-2", "T-MOST-1", "T-HCM-1", "HCM-2027-001"]));
    expect(codes).not.toContain("T-HNI-1");
    expect(all.rows[0].code).toBe("T-LCU-2"); // most replications first (tie broken by code)
    const lcu = all.rows.find((r) => r.code === "T-LCU-2")!;
    expect(lcu.replicationsByProvince).toEqual([
      {
        province: expect.objectContaining({ code: "P-HCM" }),
        items: [expect.objectContaining({ code: "HCM-2027-043" })],
      },
    ]);
    expect(lcu.lessons.map((l) => l.bodyVi)).toEqual(["Bài học từ Lai Châu"]);
    const hcm = listRollout(
      db,
      parseRolloutQuery(`province=${fx.org("P-HCM")}`).filters,
      parseRolloutQuery("").table,
      TODAY,
    );
    // Legacy Bình Dương and old HCMC projects are found under today's Hồ Chí Minh City.
    expect(hcm.rows.every((r) => r.province?.code === "P-HCM")).toBe(true);
    const replicated = listRollout(
      db,
      parseRolloutQuery("replicated=yes").filters,
      parseRolloutQuery("").table,
      TODAY,
    );
    expect(replicated.rows.map((r) => r.code).sort()).toEqual(["T-LCU-2", "T-MOST-1"]);
    const text = listRollout(
      db,
      parseRolloutQuery("q=ioc thu duc").filters,
      parseRolloutQuery("").table,
      TODAY,
    );
    expect(text.rows.map((r) => r.code)).toEqual(["HCM-2027-001"]);
    expect(rolloutSummary(db, TODAY)).toMatchObject({
      replicatedPilots: 2,
      replications: 2,
      provincesReached: 2,
    });
  });

  it("the audit chain still verifies after all these writes", () => {
    expect(verifyAuditChain(db).ok).toBe(true);
  });
});
