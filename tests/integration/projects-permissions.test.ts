/**
 * Who may do what on the project routes, every role against its own and a
 * foreign organisation's project, through the real loaders and actions with
 * real session cookies. Forged ids in the URL or in form fields never get a
 * planner into another organisation's project; leaders, auditors and
 * administrators change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "#db/client.server";
import { action as editAction, loader as editLoader } from "~/routes/projects.$code_.edit";
import { action as newAction, loader as newLoader } from "~/routes/projects.new";
import { action as phaseAction, loader as phaseLoader } from "~/routes/projects.$code_.phase";
import { action as lessonAction, loader as lessonLoader } from "~/routes/projects.$code_.lessons";
import { action as replicateAction, loader as replicateLoader } from "~/routes/projects.$code_.replicate";
import { loader as pageLoader } from "~/routes/projects.$code";
import { loader as rolloutLoader } from "~/routes/rollout";
import type { PagesFixture } from "./helpers/pages-fixture";
import { call, count, projectForm, projectRow, setupProjectsDb, type Role } from "./projects-support";

let db: Db;
let fx: PagesFixture;
let cleanup: () => void;

beforeAll(() => {
  ({ db, fx, cleanup } = setupProjectsDb());
});
afterAll(() => cleanup());

/** T-HCMO-1 belongs to the former Hồ Chí Minh City (LP-79), today P-HCM's family; T-LCU-2 to Lai Châu. */
const OWN = "T-HCMO-1";
const FOREIGN = "T-LCU-2";
const READ_ONLY: Role[] = ["leader", "auditor", "admin"];

const planId = (code: string) =>
  (db.$client.prepare("SELECT id FROM plans WHERE code = ?").get(code) as { id: number }).id;
const version = (code: string) => projectRow(db, code)!.version;
const editForm = (code: string, overrides: Record<string, unknown> = {}) =>
  projectForm(fx, "LP-79", {
    version: version(code),
    provinceId: fx.org("LP-79"),
    titleVi: "Sửa đổi",
    ...overrides,
  } as never);

describe("project page /projects/:code", () => {
  it("planners read their own organisation's projects (legacy predecessors included) and get 403 for others", async () => {
    const get = (code: string, role?: Role) =>
      call(pageLoader, `/projects/${code}`, {
        cookie: role ? fx.cookies[role] : undefined,
        params: { code },
      });
    expect((await get(OWN, "plannerHcm")).status).toBe(200);
    expect((await get("T-BDG-1", "plannerHcm")).status).toBe(200);
    expect((await get(OWN, "plannerLaiChau")).status).toBe(403);
    expect((await get(FOREIGN, "plannerHcm")).status).toBe(403);
    for (const role of ["coordinator", ...READ_ONLY] as Role[])
      expect((await get(FOREIGN, role)).status, role).toBe(200);
    expect((await get("NOPE-2026-001", "coordinator")).status).toBe(404);
    expect((await get("../../etc", "coordinator")).status).toBe(404);
    const anonymous = await get(OWN);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login\?redirectTo=/);
  });

  it("shows the edit, phase, lesson and replicate actions only to those allowed", async () => {
    const flags = async (role: Role, code = OWN) =>
      (await call(pageLoader, `/projects/${code}`, { cookie: fx.cookies[role], params: { code } })).data as {
        canUpdate: boolean;
        canChangePhase: boolean;
        canReplicate: boolean;
      };
    expect(await flags("plannerHcm")).toMatchObject({
      canUpdate: true,
      canChangePhase: true,
      canReplicate: false,
    });
    expect(await flags("coordinator")).toMatchObject({
      canUpdate: true,
      canChangePhase: true,
      canReplicate: true,
    });
    for (const role of READ_ONLY) {
      expect(await flags(role), role).toMatchObject({
        canUpdate: false,
        canChangePhase: false,
        canReplicate: false,
      });
    }
    // Replicating is offered where there is somewhere else to replicate to (not the own province).
    expect(await flags("coordinator", FOREIGN)).toMatchObject({ canReplicate: true });
  });
});

describe("edit /projects/:code/edit", () => {
  it("loader: own planner and coordinator only", async () => {
    const get = (role: Role, code = OWN) =>
      call(editLoader, `/projects/${code}/edit`, { cookie: fx.cookies[role], params: { code } });
    expect((await get("plannerHcm")).status).toBe(200);
    expect((await get("coordinator")).status).toBe(200);
    expect((await get("plannerLaiChau")).status).toBe(403);
    expect((await get("plannerHcm", FOREIGN)).status).toBe(403);
    for (const role of READ_ONLY) expect((await get(role)).status, role).toBe(403);
  });

  it("action: 403 for a foreign planner and the read-only roles, whatever the form says; nothing changes", async () => {
    const before = projectRow(db, OWN);
    const audits = count(db, "SELECT id FROM audit_events");
    for (const role of ["plannerLaiChau", ...READ_ONLY] as Role[]) {
      const res = await call(editAction, `/projects/${OWN}/edit`, {
        cookie: fx.cookies[role],
        params: { code: OWN },
        form: editForm(OWN, { organisationId: fx.org("P-LCU") }),
      });
      expect(res.status, role).toBe(403);
    }
    // The owner's planner cannot hand the project to another organisation with a forged owner id.
    const forged = await call(editAction, `/projects/${OWN}/edit`, {
      cookie: fx.cookies.plannerHcm,
      params: { code: OWN },
      form: editForm(OWN, { organisationId: fx.org("P-LCU"), provinceId: fx.org("P-LCU") }),
    });
    expect(forged.status).toBe(403);
    expect(projectRow(db, OWN)).toEqual(before);
    expect(count(db, "SELECT id FROM audit_events")).toBe(audits);
  });

  it("action: the owner's planner and the coordinator save", async () => {
    const res = await call(editAction, `/projects/${OWN}/edit`, {
      cookie: fx.cookies.plannerHcm,
      params: { code: OWN },
      form: editForm(OWN),
    });
    expect(res.status).toBe(302);
    const byCoordinator = await call(editAction, `/projects/${FOREIGN}/edit`, {
      cookie: fx.cookies.coordinator,
      params: { code: FOREIGN },
      form: projectForm(fx, "P-LCU", {
        version: version(FOREIGN),
        titleVi: "Do điều phối viên sửa",
      } as never),
    });
    expect(byCoordinator.status).toBe(302);
    expect(projectRow(db, FOREIGN)!.title_vi).toBe("Do điều phối viên sửa");
  });
});

describe("create /projects/new", () => {
  it("loader: planners and coordinators; a foreign plan is 403, an unknown one 404", async () => {
    const get = (role: Role, query = "") =>
      call(newLoader, `/projects/new${query}`, { cookie: fx.cookies[role] });
    expect((await get("plannerHcm")).status).toBe(200);
    expect((await get("coordinator")).status).toBe(200);
    for (const role of READ_ONLY) expect((await get(role)).status, role).toBe(403);
    expect((await get("plannerHcm", `?planId=${planId("PL-LCU-2026")}`)).status).toBe(403);
    expect((await get("plannerHcm", "?planId=999999")).status).toBe(404);
    expect((await get("plannerHcm", "?planId=abc")).status).toBe(404);
    const own = await get("plannerHcm", `?planId=${planId("PL-HCM-2025")}`);
    expect((own.data as { defaultValue: Record<string, string> }).defaultValue).toMatchObject({
      planId: String(planId("PL-HCM-2025")),
      organisationId: String(fx.org("P-HCM")),
    });
    const leads = (await get("plannerHcm")).data as { options: { leadOrganisations: { code: string }[] } };
    expect(leads.options.leadOrganisations.map((o) => o.code).sort()).toEqual([
      "C-TDM",
      "C-TDU",
      "C-VTU",
      "P-HCM",
    ]);
  });

  it("action: a planner cannot create for another organisation or in its plan (403); read-only roles get 403", async () => {
    const projects = count(db, "SELECT id FROM projects");
    const forgedOwner = await call(newAction, "/projects/new", {
      cookie: fx.cookies.plannerHcm,
      form: projectForm(fx, "P-LCU"),
    });
    expect(forgedOwner.status).toBe(403);
    const forgedPlan = await call(newAction, "/projects/new", {
      cookie: fx.cookies.plannerHcm,
      form: projectForm(fx, "P-HCM", { planId: planId("PL-LCU-2026") }),
    });
    expect(forgedPlan.status).toBe(403);
    for (const role of READ_ONLY) {
      expect(
        (await call(newAction, "/projects/new", { cookie: fx.cookies[role], form: projectForm(fx, "P-HCM") }))
          .status,
        role,
      ).toBe(403);
    }
    expect(count(db, "SELECT id FROM projects")).toBe(projects);
    const coordinator = await call(newAction, "/projects/new", {
      cookie: fx.cookies.coordinator,
      form: projectForm(fx, "P-LCU"),
    });
    expect(coordinator.status).toBe(302);
    expect(coordinator.location).toMatch(/^\/projects\/LCU-2027-\d{3}\?saved=created$/);
  });
});

describe("phase and lessons", () => {
  it("loaders and actions: own planner and coordinator only", async () => {
    for (const [loader, action, suffix, form] of [
      [phaseLoader, phaseAction, "phase", () => ({ version: version(OWN), toPhase: "operational" })],
      [lessonLoader, lessonAction, "lessons", () => ({ recordedOn: "2026-11-01", bodyVi: "Bài học" })],
    ] as const) {
      for (const role of ["plannerLaiChau", ...READ_ONLY] as Role[]) {
        const args = { cookie: fx.cookies[role], params: { code: OWN } };
        expect((await call(loader, `/projects/${OWN}/${suffix}`, args)).status, `${role} GET ${suffix}`).toBe(
          403,
        );
        expect(
          (await call(action, `/projects/${OWN}/${suffix}`, { ...args, form: form() })).status,
          `${role} POST ${suffix}`,
        ).toBe(403);
      }
      expect(
        (
          await call(loader, `/projects/${FOREIGN}/${suffix}`, {
            cookie: fx.cookies.plannerHcm,
            params: { code: FOREIGN },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await call(action, `/projects/${FOREIGN}/${suffix}`, {
            cookie: fx.cookies.plannerHcm,
            params: { code: FOREIGN },
            form: { version: version(FOREIGN), toPhase: "evaluation", recordedOn: "2026-11-01", bodyVi: "x" },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await call(loader, `/projects/${OWN}/${suffix}`, {
            cookie: fx.cookies.plannerHcm,
            params: { code: OWN },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await call(action, `/projects/${OWN}/${suffix}`, {
            cookie: fx.cookies.plannerHcm,
            params: { code: OWN },
            form: form(),
          })
        ).status,
      ).toBe(302);
    }
    expect(projectRow(db, OWN)!.phase).toBe("operational");
    expect(projectRow(db, FOREIGN)!.phase).toBe("pilot");
    const coordinator = await call(lessonAction, `/projects/${FOREIGN}/lessons`, {
      cookie: fx.cookies.coordinator,
      params: { code: FOREIGN },
      form: { recordedOn: "2026-11-02", bodyVi: "Từ Tổ công tác" },
    });
    expect(coordinator.status).toBe(302);
  });
});

describe("replicate /projects/:code/replicate", () => {
  it("loader: anyone who may create projects sees a replicable pilot's summary and lessons; others 403", async () => {
    const get = (role: Role, code = FOREIGN) =>
      call(replicateLoader, `/projects/${code}/replicate`, { cookie: fx.cookies[role], params: { code } });
    const planner = await get("plannerHcm");
    expect(planner.status).toBe(200);
    const d = planner.data as {
      targets: { id: number }[];
      lessons: { bodyVi: string }[];
      pilot: { readable: boolean };
    };
    // Their province and the cities inside it.
    expect(d.targets.map((t) => t.id).sort((a, b) => a - b)).toEqual(
      ["P-HCM", "C-TDU", "C-TDM", "C-VTU"].map(fx.org).sort((a, b) => a - b),
    );
    expect(d.pilot.readable).toBe(false);
    expect(d.lessons.map((l) => l.bodyVi)).toContain("Từ Tổ công tác");
    const coordinator = await get("coordinator");
    expect((coordinator.data as { targets: { id: number }[] }).targets.map((t) => t.id)).not.toContain(
      fx.org("P-LCU"),
    );
    for (const role of READ_ONLY) expect((await get(role)).status, role).toBe(403);
    // Another organisation's project that is not a pilot is not shared.
    expect((await get("plannerHcm", "T-HNI-1")).status).toBe(403);
    expect((await get("coordinator", "T-HNI-1")).data).toMatchObject({ replicable: false, targets: [] });
  });

  it("action: planners replicate only into their own organisation; read-only roles get 403", async () => {
    const projects = count(db, "SELECT id FROM projects");
    const post = (role: Role, target: string) =>
      call(replicateAction, `/projects/${FOREIGN}/replicate`, {
        cookie: fx.cookies[role],
        params: { code: FOREIGN },
        form: { organisationId: fx.org(target) },
      });
    expect((await post("plannerHcm", "P-HN")).status).toBe(403);
    expect((await post("plannerLaiChau", "P-HCM")).status).toBe(403);
    for (const role of READ_ONLY) expect((await post(role, "P-HN")).status, role).toBe(403);
    expect(count(db, "SELECT id FROM projects")).toBe(projects);

    const city = await post("plannerHcm", "C-TDU");
    expect(city.status).toBe(302);
    const code = city.location!.split("/")[2].split("?")[0];
    expect(code).toMatch(/^TDU-2026-\d{3}$/);
    expect(projectRow(db, code)).toMatchObject({
      organisation_id: fx.org("C-TDU"),
      province_id: fx.org("P-HCM"),
      city_id: fx.org("C-TDU"),
    });
    expect((await post("coordinator", "P-HN")).status).toBe(302);
  });
});

describe("rollout /rollout", () => {
  it("every signed-in role reads it; planners get project links only for their own organisation", async () => {
    for (const role of Object.keys(fx.cookies) as Role[]) {
      const res = await call(rolloutLoader, "/rollout", { cookie: fx.cookies[role] });
      expect(res.status, role).toBe(200);
      const d = res.data as { rows: { code: string }[]; readableOrgs: number[]; canCreate: boolean };
      expect(d.rows.map((r) => r.code)).toContain(FOREIGN);
      if (role === "plannerHcm") {
        expect(d.readableOrgs).not.toContain(fx.org("P-LCU"));
        expect(d.readableOrgs).toContain(fx.org("P-HCM"));
      } else if (role !== "plannerLaiChau") {
        expect(d.readableOrgs).toContain(fx.org("P-LCU"));
      }
      expect(d.canCreate, role).toBe(
        role === "plannerHcm" || role === "plannerLaiChau" || role === "coordinator",
      );
    }
    const anonymous = await call(rolloutLoader, "/rollout");
    expect(anonymous.status).toBe(302);
  });
});
