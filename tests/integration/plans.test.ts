/**
 * Plans on a real SQLite file built by the migrations, with the real
 * reference data and a small hand-made set of projects (pages fixture):
 * the commands (create, edit, projects, submit, return, resubmit, approve,
 * new revision, comments) with their snapshots and audit rows, stale
 * refusals, and the routes' loaders and actions called with real session
 * cookies for every role against own and foreign organisations.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import type { Role } from "#db/enums";
import { ownOrganisationIds } from "~/auth/principal.server";
import { verifyAuditChain } from "~/modules/audit/audit.server";
import {
  addProjectToPlan,
  addReviewComment,
  approvePlan,
  createPlan,
  PlanCommandError,
  removeProjectFromPlan,
  resolveReviewComment,
  returnPlan,
  startPlanRevision,
  submitPlan,
  updatePlan,
  type PlanActor,
  type PlanProblem,
} from "~/modules/plans/commands.server";
import { diffSnapshots } from "~/modules/plans/diff";
import { parsePlanListQuery } from "~/modules/plans/list";
import {
  getPlanRef,
  getRevisionSnapshot,
  listEligibleProjects,
  listPlans,
  planReadScope,
  waitingFor,
} from "~/modules/plans/queries.server";
import type { PlanSnapshot } from "~/modules/plans/snapshot";
import { isPlanContentEditable } from "~/modules/plans/workflow";
import { action as planAction, loader as planLoader } from "~/routes/plans.$id";
import { action as editAction, loader as editLoader } from "~/routes/plans.$id_.edit";
import { loader as revisionsLoader } from "~/routes/plans.$id_.revisions";
import { action as newAction, loader as newLoader } from "~/routes/plans.new";
import { loader as listLoader } from "~/routes/plans._index";
import { createTestDb } from "./helpers/db";
import { buildPagesFixture, type PagesFixture } from "./helpers/pages-fixture";

let db: Db;
let cleanup: () => void;
let fx: PagesFixture;
type Who = keyof PagesFixture["cookies"];
const actors = {} as Record<Who, PlanActor>;

const ROLE_OF: Record<Who, [Role, string]> = {
  plannerHcm: ["planner", "P-HCM"],
  plannerLaiChau: ["planner", "P-LCU"],
  coordinator: ["coordinator", "TF"],
  leader: ["leader", "TF"],
  auditor: ["auditor", "TF"],
  admin: ["admin", "TF"],
};

beforeAll(() => {
  ({ db, cleanup } = createTestDb());
  fx = buildPagesFixture(db);
  setDb(db);
  for (const [who, [role, org]] of Object.entries(ROLE_OF) as [Who, [Role, string]][]) {
    const email = db.$client.prepare("SELECT email FROM users WHERE id = ?").get(fx.userIds[who]) as {
      email: string;
    };
    actors[who] = {
      id: fx.userIds[who],
      email: email.email,
      roles: [role],
      ownOrganisationIds: ownOrganisationIds(db, [fx.org(org)]),
    };
  }
});

afterAll(() => {
  setDb(undefined);
  cleanup();
});

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const q = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).get(...args) as T;
const all = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[];
const projectId = (code: string) => q<{ id: number }>("SELECT id FROM projects WHERE code = ?", code).id;
const planId = (code: string) => q<{ id: number }>("SELECT id FROM plans WHERE code = ?", code).id;
const plan = (id: number) => getPlanRef(db, id)!;

function refused(fn: () => unknown): PlanProblem {
  try {
    fn();
  } catch (e) {
    if (e instanceof PlanCommandError) return e.problem;
    throw e;
  }
  throw new Error("expected a refusal");
}

function auditRows(entityId: number, action?: string) {
  return all<{ action: string; actorUserId: number; before: string | null; after: string | null }>(
    `SELECT action, actor_user_id AS actorUserId, before, after FROM audit_events
      WHERE entity_type = 'plan' AND entity_id = ? ${action ? "AND action = ?" : ""} ORDER BY id`,
    String(entityId),
    ...(action ? [action] : []),
  );
}

/** A fresh HCM draft plan with a summary and the given projects (unplanned ones are freed first). */
let seq = 0;
function freshPlan(projects: string[] = [], who: Who = "plannerHcm", org = "P-HCM"): number {
  seq++;
  const { id } = createPlan(db, actors[who], {
    organisationId: fx.org(org),
    code: `KH-T-${seq}`,
    titleVi: `Kế hoạch thử ${seq}`,
    summaryVi: "Tóm tắt",
    periodStart: 2026,
    periodEnd: 2030,
  });
  for (const code of projects) {
    db.$client.prepare("UPDATE projects SET plan_id = NULL WHERE code = ?").run(code);
    addProjectToPlan(db, actors[who], id, { version: plan(id).version, projectId: projectId(code) });
  }
  return id;
}

function request(path: string, who?: Who, form?: Record<string, string | number>): Request {
  const headers: Record<string, string> = {};
  if (who) headers.Cookie = fx.cookies[who];
  if (!form) return new Request(`http://localhost${path}`, { headers });
  const body = new FormData();
  for (const [k, v] of Object.entries(form)) body.set(k, String(v));
  return new Request(`http://localhost${path}`, { method: "POST", headers, body });
}

interface Outcome<T = unknown> {
  status: number;
  location?: string | null;
  data?: T;
}

/** Call a loader or action; thrown or returned responses become `{ status, location }`. */
async function call<T = unknown>(
  fn: (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown>,
  req: Request,
  params: Record<string, string> = {},
): Promise<Outcome<T>> {
  let result: unknown;
  try {
    result = await fn({ request: req, params, context: { clientIp: "127.0.0.1" } });
  } catch (e) {
    if (e instanceof Response) return { status: e.status, location: e.headers.get("Location") };
    throw e;
  }
  if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") };
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    const d = result as { data: T; init: ResponseInit | null };
    return { status: d.init?.status ?? 200, data: d.data };
  }
  return { status: 200, data: result as T };
}

const planPage = (id: number, who: Who) => call(planLoader, request(`/plans/${id}`, who), { id: String(id) });
const planPost = (id: number, who: Who, form: Record<string, string | number>) =>
  call<{ problem: { code: string; status: string | null; submitProblems: string[] } | null }>(
    planAction,
    request(`/plans/${id}`, who, form),
    { id: String(id) },
  );

// ---------------------------------------------------------------------------
// The whole workflow through the commands
// ---------------------------------------------------------------------------

describe("plan workflow (commands)", () => {
  let id: number;

  it("a planner creates a draft plan; the audit trail records it", () => {
    id = createPlan(db, actors.plannerHcm, {
      organisationId: fx.org("P-HCM"),
      code: "KH-HCM-2031-2035",
      titleVi: "Kế hoạch đô thị thông minh 2031–2035",
      summaryVi: "Tóm tắt ban đầu",
      periodStart: 2031,
      periodEnd: 2035,
    }).id;
    expect(plan(id)).toMatchObject({
      status: "draft",
      revision: 1,
      version: 1,
      organisationId: fx.org("P-HCM"),
    });
    const [audit] = auditRows(id, "plan.create");
    expect(audit.actorUserId).toBe(fx.userIds.plannerHcm);
    expect(JSON.parse(audit.after!)).toMatchObject({ code: "KH-HCM-2031-2035", status: "draft" });
  });

  it("refuses a duplicate code", () => {
    expect(
      refused(() =>
        createPlan(db, actors.plannerHcm, {
          organisationId: fx.org("P-HCM"),
          code: "KH-HCM-2031-2035",
          titleVi: "x",
          periodStart: 2031,
          periodEnd: 2035,
        }),
      ),
    ).toBe("codeTaken");
  });

  it("offers the organisation family's projects that are in no plan, and adds them", () => {
    const eligible = listEligibleProjects(db, fx.org("P-HCM")).map((p) => p.code);
    // LP-74 (Bình Dương) and LP-79 (old Hồ Chí Minh) merged into P-HCM; Lai Châu's and Hà Nội's are not offered.
    expect(eligible).toEqual(["T-BDG-2", "T-HCMO-1"]);
    addProjectToPlan(db, actors.plannerHcm, id, { version: 1, projectId: projectId("T-BDG-2") });
    addProjectToPlan(db, actors.plannerHcm, id, { version: 2, projectId: projectId("T-HCMO-1") });
    expect(plan(id).version).toBe(3);
    expect(all("SELECT code FROM projects WHERE plan_id = ? ORDER BY code", id)).toEqual([
      { code: "T-BDG-2" },
      { code: "T-HCMO-1" },
    ]);
    expect(auditRows(id, "plan.addProject")).toHaveLength(2);
    expect(
      q<{ n: number }>(
        "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'project.addToPlan' AND entity_id = ?",
        String(projectId("T-BDG-2")),
      ).n,
    ).toBe(1);
  });

  it("refuses a project of another organisation, or one already in a plan", () => {
    const v = plan(id).version;
    // Lai Châu's project: not visible to this planner at all.
    expect(
      refused(() =>
        addProjectToPlan(db, actors.plannerHcm, id, { version: v, projectId: projectId("T-LCU-1") }),
      ),
    ).toBe("notFound");
    // A coordinator sees it, but it is not this organisation's.
    expect(
      refused(() =>
        addProjectToPlan(db, actors.coordinator, id, { version: v, projectId: projectId("T-LCU-1") }),
      ),
    ).toBe("projectNotEligible");
    try {
      addProjectToPlan(db, actors.plannerHcm, id, { version: v, projectId: projectId("T-HCM-1") });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PlanCommandError);
      expect((e as PlanCommandError).details.otherPlanCode).toBe("PL-HCM-2026");
    }
    expect(plan(id).version).toBe(v);
  });

  it("submits: status submitted, revision 1 with a snapshot of the plan and every reviewable project field", () => {
    const { revision } = submitPlan(db, actors.plannerHcm, id, { version: plan(id).version });
    expect(revision).toBe(1);
    expect(plan(id)).toMatchObject({ status: "submitted", revision: 1 });
    const row = q<{ status: string; createdBy: number; snapshot: string }>(
      "SELECT status, created_by AS createdBy, snapshot FROM plan_revisions WHERE plan_id = ? AND revision = 1",
      id,
    );
    expect(row.status).toBe("submitted");
    expect(row.createdBy).toBe(fx.userIds.plannerHcm);
    const snap = JSON.parse(row.snapshot) as PlanSnapshot;
    expect(snap.plan).toMatchObject({
      code: "KH-HCM-2031-2035",
      periodStart: 2031,
      summaryVi: "Tóm tắt ban đầu",
    });
    expect(snap.projects.map((p) => p.code)).toEqual(["T-BDG-2", "T-HCMO-1"]);
    const hcmo = snap.projects[1];
    expect(hcmo).toMatchObject({
      titleVi: "Dự án T-HCMO-1",
      descriptionVi: "Mô tả",
      domain: "governance",
      phase: "scaling",
      provinceId: fx.org("LP-79"),
      hostingModel: "government_cloud",
      operatorType: "government_agency",
      handlesPersonalData: false,
      strategyNodeIds: [fx.node("DA950.2")],
      cooperatingOrganisationIds: [],
      budgetTotal: 9_000_000_000,
    });
    expect(snap.projects[0].budgetTotal).toBe(100_000_000);
    expect(JSON.parse(auditRows(id, "plan.submit")[0].after!)).toMatchObject({
      status: "submitted",
      revision: 1,
    });
  });

  it("is frozen while submitted: no edits, no project changes", () => {
    const v = plan(id).version;
    expect(isPlanContentEditable(plan(id).status)).toBe(false);
    expect(
      refused(() =>
        updatePlan(db, actors.plannerHcm, id, {
          version: v,
          titleVi: "x",
          periodStart: 2031,
          periodEnd: 2035,
        }),
      ),
    ).toBe("status");
    expect(
      refused(() =>
        removeProjectFromPlan(db, actors.plannerHcm, id, { version: v, projectId: projectId("T-BDG-2") }),
      ),
    ).toBe("status");
    expect(refused(() => submitPlan(db, actors.plannerHcm, id, { version: v }))).toBe("status");
  });

  it("only a reviewer decides; planners, leaders and auditors cannot", () => {
    const v = plan(id).version;
    for (const who of ["plannerHcm", "leader", "auditor", "admin"] as const) {
      expect(
        refused(() => approvePlan(db, actors[who], id, { version: v })),
        who,
      ).toBe("forbidden");
      expect(
        refused(() => returnPlan(db, actors[who], id, { version: v, reason: "Không" })),
        who,
      ).toBe("forbidden");
    }
  });

  it("a coordinator and a leader comment; the coordinator returns it with a reason that becomes a comment", () => {
    addReviewComment(db, actors.coordinator, id, {
      body: "Bổ sung đánh giá tác động",
      projectId: projectId("T-HCMO-1"),
    });
    addReviewComment(db, actors.leader, id, { body: "Cần làm rõ nguồn vốn" });
    expect(refused(() => addReviewComment(db, actors.auditor, id, { body: "Ý kiến" }))).toBe("forbidden");
    expect(refused(() => addReviewComment(db, actors.plannerHcm, id, { body: "Ý kiến" }))).toBe("forbidden");
    // A comment on a project outside the plan is refused whatever id is forged.
    expect(
      refused(() =>
        addReviewComment(db, actors.coordinator, id, { body: "x y z", projectId: projectId("T-LCU-1") }),
      ),
    ).toBe("notFound");

    returnPlan(db, actors.coordinator, id, {
      version: plan(id).version,
      reason: "Cơ cấu nguồn vốn chưa phù hợp",
    });
    expect(plan(id)).toMatchObject({ status: "returned", revision: 1 });
    const rev = q<{ status: string; reason: string; decidedBy: number; decidedAt: number }>(
      "SELECT status, reason, decided_by AS decidedBy, decided_at AS decidedAt FROM plan_revisions WHERE plan_id = ? AND revision = 1",
      id,
    );
    expect(rev).toMatchObject({
      status: "returned",
      reason: "Cơ cấu nguồn vốn chưa phù hợp",
      decidedBy: fx.userIds.coordinator,
    });
    expect(rev.decidedAt).toBeGreaterThan(0);
    const comments = all<{ body: string; revision: number; projectId: number | null }>(
      "SELECT body, revision, project_id AS projectId FROM review_comments WHERE plan_id = ? ORDER BY id",
      id,
    );
    expect(comments).toEqual([
      { body: "Bổ sung đánh giá tác động", revision: 1, projectId: projectId("T-HCMO-1") },
      { body: "Cần làm rõ nguồn vốn", revision: 1, projectId: null },
      { body: "Cơ cấu nguồn vốn chưa phù hợp", revision: 1, projectId: null },
    ]);
    expect(auditRows(id, "plan.return")).toHaveLength(1);
  });

  it("the planner sees the returned plan and the open comments waiting for them", () => {
    const w = waitingFor(db, actors.plannerHcm);
    expect(w.toReview).toBeNull();
    expect(w.returned!.map((p) => p.code)).toContain("KH-HCM-2031-2035");
    expect(w.returned!.find((p) => p.code === "KH-HCM-2031-2035")!.reason).toBe(
      "Cơ cấu nguồn vốn chưa phù hợp",
    );
    expect(w.openComments!.filter((c) => c.planId === id)).toHaveLength(3);
    // Lai Châu's planner sees none of it.
    const lcu = waitingFor(db, actors.plannerLaiChau);
    expect(lcu.returned!.some((p) => p.id === id)).toBe(false);
    expect(lcu.openComments!.some((c) => c.planId === id)).toBe(false);
  });

  it("the planner resolves a comment (once), fixes the plan and resubmits as revision 2", () => {
    const c = q<{ id: number }>("SELECT id FROM review_comments WHERE plan_id = ? ORDER BY id LIMIT 1", id);
    expect(refused(() => resolveReviewComment(db, actors.plannerLaiChau, id, { commentId: c.id }))).toBe(
      "forbidden",
    );
    resolveReviewComment(db, actors.plannerHcm, id, { commentId: c.id });
    expect(refused(() => resolveReviewComment(db, actors.plannerHcm, id, { commentId: c.id }))).toBe(
      "alreadyResolved",
    );

    updatePlan(db, actors.plannerHcm, id, {
      version: plan(id).version,
      titleVi: "Kế hoạch đô thị thông minh 2031–2035 (sửa)",
      summaryVi: "Tóm tắt đã sửa",
      periodStart: 2031,
      periodEnd: 2035,
    });
    const upd = auditRows(id, "plan.update").at(-1)!;
    expect(JSON.parse(upd.before!)).toMatchObject({ summaryVi: "Tóm tắt ban đầu" });
    expect(JSON.parse(upd.after!)).toMatchObject({ summaryVi: "Tóm tắt đã sửa" });
    expect(JSON.parse(upd.after!)).not.toHaveProperty("periodStart");
    removeProjectFromPlan(db, actors.plannerHcm, id, {
      version: plan(id).version,
      projectId: projectId("T-BDG-2"),
    });
    expect(
      q<{ planId: number | null }>("SELECT plan_id AS planId FROM projects WHERE code = 'T-BDG-2'").planId,
    ).toBeNull();

    expect(submitPlan(db, actors.plannerHcm, id, { version: plan(id).version }).revision).toBe(2);
    expect(plan(id)).toMatchObject({ status: "submitted", revision: 2 });
    expect(
      all("SELECT revision, status FROM plan_revisions WHERE plan_id = ? ORDER BY revision", id),
    ).toEqual([
      { revision: 1, status: "returned" },
      { revision: 2, status: "submitted" },
    ]);
    const w = waitingFor(db, actors.coordinator);
    expect(w.toReview!.some((p) => p.id === id)).toBe(true);
    expect(w.returned).toBeNull();
  });

  it("the coordinator approves: approvedAt/By set, revision 2 decided, the plan frozen", () => {
    approvePlan(db, actors.coordinator, id, { version: plan(id).version });
    const p = q<{ status: string; approvedBy: number; approvedAt: number }>(
      "SELECT status, approved_by AS approvedBy, approved_at AS approvedAt FROM plans WHERE id = ?",
      id,
    );
    expect(p).toMatchObject({ status: "approved", approvedBy: fx.userIds.coordinator });
    expect(p.approvedAt).toBeGreaterThan(0);
    expect(
      q("SELECT status, decided_by AS decidedBy FROM plan_revisions WHERE plan_id = ? AND revision = 2", id),
    ).toEqual({ status: "approved", decidedBy: fx.userIds.coordinator });
    const v = plan(id).version;
    expect(isPlanContentEditable("approved")).toBe(false);
    expect(
      refused(() =>
        updatePlan(db, actors.coordinator, id, {
          version: v,
          titleVi: "x",
          periodStart: 2031,
          periodEnd: 2035,
        }),
      ),
    ).toBe("status");
    expect(
      refused(() =>
        addProjectToPlan(db, actors.plannerHcm, id, { version: v, projectId: projectId("T-BDG-2") }),
      ),
    ).toBe("status");
    expect(refused(() => addReviewComment(db, actors.coordinator, id, { body: "Sau phê duyệt" }))).toBe(
      "status",
    );
  });

  it("a new revision reopens it as a draft numbered 3 that goes through review again; the diff shows the change", () => {
    expect(refused(() => startPlanRevision(db, actors.leader, id, { version: plan(id).version }))).toBe(
      "forbidden",
    );
    expect(startPlanRevision(db, actors.plannerHcm, id, { version: plan(id).version }).revision).toBe(3);
    expect(plan(id)).toMatchObject({ status: "draft", revision: 3 });
    expect(JSON.parse(auditRows(id, "plan.startRevision")[0].after!)).toEqual({
      status: "draft",
      revision: 3,
    });

    addProjectToPlan(db, actors.plannerHcm, id, {
      version: plan(id).version,
      projectId: projectId("T-BDG-2"),
    });
    updatePlan(db, actors.plannerHcm, id, {
      version: plan(id).version,
      titleVi: "Kế hoạch đô thị thông minh 2031–2035 (sửa)",
      summaryVi: "Tóm tắt lần 3",
      periodStart: 2031,
      periodEnd: 2036,
    });
    expect(submitPlan(db, actors.plannerHcm, id, { version: plan(id).version }).revision).toBe(3);
    approvePlan(db, actors.coordinator, id, { version: plan(id).version });

    const diff = diffSnapshots(getRevisionSnapshot(db, id, 2), getRevisionSnapshot(db, id, 3));
    expect(diff.plan).toEqual([
      { field: "summaryVi", before: "Tóm tắt đã sửa", after: "Tóm tắt lần 3" },
      { field: "periodEnd", before: 2035, after: 2036 },
    ]);
    expect(diff.added.map((p) => p.code)).toEqual(["T-BDG-2"]);
    expect(diff.removed).toEqual([]);
    expect(diff.unchangedCount).toBe(1);
    expect(diff.notRecorded).toEqual({ plan: [], project: [] });
  });

  it("keeps the audit chain intact", () => {
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

describe("submission requirements", () => {
  it("refuses an empty plan, and a plan without a summary, with every reason", () => {
    const id = freshPlan();
    const v = plan(id).version;
    try {
      submitPlan(db, actors.plannerHcm, id, { version: v });
      expect.unreachable();
    } catch (e) {
      expect((e as PlanCommandError).problem).toBe("incomplete");
      expect((e as PlanCommandError).details.submitProblems).toEqual(["noProjects"]);
    }
    db.$client.prepare("UPDATE plans SET summary_vi = NULL WHERE id = ?").run(id);
    try {
      submitPlan(db, actors.plannerHcm, id, { version: v });
      expect.unreachable();
    } catch (e) {
      expect((e as PlanCommandError).details.submitProblems).toEqual(["summaryMissing", "noProjects"]);
    }
    expect(plan(id).status).toBe("draft");
    expect(q<{ n: number }>("SELECT COUNT(*) AS n FROM plan_revisions WHERE plan_id = ?", id).n).toBe(0);
  });

  it("a coordinator may edit a plan but only its organisation submits it", () => {
    const id = freshPlan(["T-BDG-2"]);
    expect(refused(() => submitPlan(db, actors.coordinator, id, { version: plan(id).version }))).toBe(
      "forbidden",
    );
  });
});

describe("optimistic locking", () => {
  it("refuses a stale edit and overwrites nothing", () => {
    const id = freshPlan();
    const v = plan(id).version;
    updatePlan(db, actors.plannerHcm, id, {
      version: v,
      titleVi: "Người thứ nhất",
      periodStart: 2026,
      periodEnd: 2030,
    });
    expect(
      refused(() =>
        updatePlan(db, actors.plannerHcm, id, {
          version: v,
          titleVi: "Người thứ hai",
          periodStart: 2026,
          periodEnd: 2030,
        }),
      ),
    ).toBe("stale");
    expect(q<{ t: string }>("SELECT title_vi AS t FROM plans WHERE id = ?", id).t).toBe("Người thứ nhất");
    expect(auditRows(id, "plan.update")).toHaveLength(1);
  });

  it("two coordinators deciding at once: the second is refused as stale, whatever they chose", () => {
    const id = freshPlan(["T-BDG-2"]);
    submitPlan(db, actors.plannerHcm, id, { version: plan(id).version });
    const seen = plan(id).version;
    approvePlan(db, actors.coordinator, id, { version: seen });
    const e = (() => {
      try {
        returnPlan(db, actors.coordinator, id, { version: seen, reason: "Trả lại" });
      } catch (err) {
        return err as PlanCommandError;
      }
    })()!;
    expect(e.problem).toBe("stale");
    expect(e.details.status).toBe("approved");
    expect(refused(() => approvePlan(db, actors.coordinator, id, { version: seen }))).toBe("stale");
    expect(plan(id).status).toBe("approved");
    expect(q<{ n: number }>("SELECT COUNT(*) AS n FROM review_comments WHERE plan_id = ?", id).n).toBe(0);
    expect(auditRows(id, "plan.approve")).toHaveLength(1);
    expect(auditRows(id, "plan.return")).toHaveLength(0);
  });

  it("a project added from a stale page is refused", () => {
    const id = freshPlan();
    const v = plan(id).version;
    updatePlan(db, actors.plannerHcm, id, {
      version: v,
      titleVi: "Đổi tên",
      periodStart: 2026,
      periodEnd: 2030,
    });
    db.$client.prepare("UPDATE projects SET plan_id = NULL WHERE code = 'T-BDG-2'").run();
    expect(
      refused(() =>
        addProjectToPlan(db, actors.plannerHcm, id, { version: v, projectId: projectId("T-BDG-2") }),
      ),
    ).toBe("stale");
    expect(
      q<{ planId: number | null }>("SELECT plan_id AS planId FROM projects WHERE code = 'T-BDG-2'").planId,
    ).toBeNull();
  });
});

// ---------------------------------------------------------------------------
// Routes: permissions for every role, own and foreign
// ---------------------------------------------------------------------------

describe("plan pages: who may read", () => {
  const cases: [Who, "own" | "foreign", number][] = [
    ["plannerHcm", "own", 200],
    ["plannerHcm", "foreign", 403],
    ["plannerLaiChau", "own", 200],
    ["plannerLaiChau", "foreign", 403],
    ["coordinator", "foreign", 200],
    ["leader", "foreign", 200],
    ["auditor", "foreign", 200],
    ["admin", "foreign", 200],
  ];
  for (const [who, whose, status] of cases) {
    it(`${who} on a ${whose} plan → ${status} (page, edit form where allowed, history)`, async () => {
      const target =
        who === "plannerLaiChau"
          ? whose === "own"
            ? planId("PL-LCU-2026")
            : planId("PL-HCM-2026")
          : whose === "own"
            ? planId("PL-BDG-2021") // a predecessor's plan is the successor's own
            : planId("PL-LCU-2026");
      expect((await planPage(target, who)).status).toBe(status);
      expect(
        (await call(revisionsLoader, request(`/plans/${target}/revisions`, who), { id: String(target) }))
          .status,
      ).toBe(status);
    });
  }

  it("unknown and malformed ids are 404; anonymous visitors go to the login page", async () => {
    expect((await call(planLoader, request("/plans/999999", "coordinator"), { id: "999999" })).status).toBe(
      404,
    );
    expect((await call(planLoader, request("/plans/abc", "coordinator"), { id: "abc" })).status).toBe(404);
    const anon = await call(planLoader, request(`/plans/${planId("PL-HCM-2026")}`), {
      id: String(planId("PL-HCM-2026")),
    });
    expect(anon.status).toBe(302);
    expect(anon.location).toMatch(/^\/login\?redirectTo=/);
  });

  it("the edit form: own planner and coordinator yes; foreign planner, leader, auditor, admin 403", async () => {
    const id = planId("PL-HCM-2025");
    const edit = (who: Who) => call(editLoader, request(`/plans/${id}/edit`, who), { id: String(id) });
    expect((await edit("plannerHcm")).status).toBe(200);
    expect((await edit("coordinator")).status).toBe(200);
    for (const who of ["plannerLaiChau", "leader", "auditor", "admin"] as const) {
      expect((await edit(who)).status, who).toBe(403);
    }
  });

  it("the list shows planners only their organisation family; others everything, filtered in the URL", async () => {
    const own = await call<{ rows: { code: string }[] }>(
      listLoader,
      request("/plans?size=100", "plannerHcm"),
    );
    const codes = own.data!.rows.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(["PL-HCM-2026", "PL-HCM-2025", "PL-BDG-2021"]));
    expect(codes).not.toContain("PL-LCU-2026");
    const lcu = await call<{ rows: { code: string }[] }>(
      listLoader,
      request(`/plans?org=${fx.org("P-LCU")}`, "plannerHcm"),
    );
    expect(lcu.data!.rows).toEqual([]);

    const everyone = await call<{ rows: { code: string }[]; total: number }>(
      listLoader,
      request(`/plans?status=draft&org=${fx.org("P-LCU")}&period=2026-2030`, "auditor"),
    );
    expect(everyone.data!.rows.map((r) => r.code)).toEqual(["PL-LCU-2026"]);
    // A successor finds its predecessors' plans.
    const family = listPlans(db, null, parsePlanListQuery(`org=${fx.org("P-HCM")}&size=100`), "vi");
    expect(family.rows.map((r) => r.code)).toContain("PL-BDG-2021");
    expect(planReadScope(actors.leader)).toBeNull();
  });

  it("the review queue lists submitted plans oldest first, for coordinators only", async () => {
    const coord = await call<{ waiting: { toReview: { code: string }[] | null } }>(
      listLoader,
      request("/plans", "coordinator"),
    );
    const queue = coord.data!.waiting.toReview!.map((p) => p.code);
    expect(queue.length).toBeGreaterThan(0);
    const times = all<{ code: string; t: number | null }>(
      "SELECT code, submitted_at AS t FROM plans WHERE status = 'submitted' ORDER BY submitted_at IS NULL, submitted_at, id",
    ).map((r) => r.code);
    expect(queue).toEqual(times);
    const leader = await call<{ waiting: { toReview: unknown; returned: unknown } }>(
      listLoader,
      request("/plans", "leader"),
    );
    expect(leader.data!.waiting).toMatchObject({ toReview: null, returned: null });
  });
});

describe("plan actions through the route: every role, own and foreign", () => {
  it("leaders, auditors and admins change nothing (403 on every command)", async () => {
    const id = freshPlan(["T-BDG-2"]);
    const v = plan(id).version;
    const forms: Record<string, string | number>[] = [
      { intent: "submit", version: v },
      { intent: "approve", version: v },
      { intent: "return", version: v, reason: "Không đạt" },
      { intent: "startRevision", version: v },
      { intent: "addProject", version: v, projectId: projectId("T-HCMO-1") },
      { intent: "removeProject", version: v, projectId: projectId("T-BDG-2") },
      { intent: "resolve", commentId: 1 },
    ];
    for (const who of ["leader", "auditor", "admin"] as const) {
      for (const form of forms) {
        expect((await planPost(id, who, form)).status, `${who} ${form.intent}`).toBe(403);
      }
    }
    for (const who of ["auditor", "admin"] as const) {
      expect((await planPost(id, who, { intent: "comment", body: "Ý kiến kiểm tra" })).status).toBe(403);
    }
    expect(plan(id).version).toBe(v);
    const edit = await call(
      editAction,
      request(`/plans/${id}/edit`, "leader", {
        version: v,
        titleVi: "x",
        periodStart: 2026,
        periodEnd: 2030,
      }),
      {
        id: String(id),
      },
    );
    expect(edit.status).toBe(403);
  });

  it("a planner of another organisation gets 403 for everything, whatever id they forge", async () => {
    const id = freshPlan(["T-BDG-2"]);
    const v = plan(id).version;
    const forms: Record<string, string | number>[] = [
      { intent: "submit", version: v },
      { intent: "addProject", version: v, projectId: projectId("T-LCU-1") },
      { intent: "removeProject", version: v, projectId: projectId("T-BDG-2") },
      { intent: "comment", body: "Ý kiến" },
    ];
    for (const form of forms) {
      expect((await planPost(id, "plannerLaiChau", form)).status, String(form.intent)).toBe(403);
    }
    const edit = await call(
      editAction,
      request(`/plans/${id}/edit`, "plannerLaiChau", {
        version: v,
        titleVi: "x",
        periodStart: 2026,
        periodEnd: 2030,
      }),
      { id: String(id) },
    );
    expect(edit.status).toBe(403);
    expect(plan(id).version).toBe(v);
  });

  it("forged project and comment ids inside one's own plan are 404, not a silent change", async () => {
    const id = freshPlan(["T-BDG-2"]);
    const v = plan(id).version;
    // Someone else's project, a project in another plan, a comment of another plan.
    expect(
      (
        await planPost(id, "plannerHcm", {
          intent: "addProject",
          version: v,
          projectId: projectId("T-LCU-1"),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await planPost(id, "plannerHcm", {
          intent: "removeProject",
          version: v,
          projectId: projectId("T-HCM-1"),
        })
      ).status,
    ).toBe(404);
    const otherComment = q<{ id: number }>(
      "SELECT id FROM review_comments WHERE plan_id <> ? LIMIT 1",
      id,
    ).id;
    expect((await planPost(id, "plannerHcm", { intent: "resolve", commentId: otherComment })).status).toBe(
      404,
    );
    expect(plan(id).version).toBe(v);
  });

  it("bad input gets 400 with a message beside the field; a refused command says why", async () => {
    const id = freshPlan();
    const bad = await planPost(id, "plannerHcm", { intent: "submit" });
    expect(bad.status).toBe(400);
    const empty = await planPost(id, "plannerHcm", { intent: "submit", version: plan(id).version });
    expect(empty.status).toBe(409);
    expect(empty.data!.problem).toMatchObject({ code: "incomplete", submitProblems: ["noProjects"] });
  });

  it("the whole round through the routes: submit, stale double decision, return, resubmit, approve", async () => {
    const id = freshPlan(["T-BDG-2"]);
    let v = plan(id).version;
    const ok = await planPost(id, "plannerHcm", { intent: "submit", version: v });
    expect(ok).toMatchObject({ status: 302, location: `/plans/${id}?done=submitted` });
    expect((await planPost(id, "plannerHcm", { intent: "approve", version: plan(id).version })).status).toBe(
      403,
    );

    v = plan(id).version;
    const noReason = await call<{ reply: { error: Record<string, string[]> } }>(
      planAction,
      request(`/plans/${id}`, "coordinator", { intent: "return", version: v, reason: "" }),
      { id: String(id) },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.data!.reply.error.reason).toEqual(["plans.error.reasonRequired"]);

    expect(
      (await planPost(id, "coordinator", { intent: "return", version: v, reason: "Thiếu số liệu" })).status,
    ).toBe(302);
    // The second coordinator, still looking at the submitted plan, approves: refused, with the new status.
    const second = await planPost(id, "coordinator", { intent: "approve", version: v });
    expect(second.status).toBe(409);
    expect(second.data!.problem).toMatchObject({ code: "stale", status: "returned" });
    expect(plan(id).status).toBe("returned");

    const page = await planPage(id, "plannerHcm");
    const view = page.data as { comments: { body: string }[]; latestRevision: { reason: string } };
    expect(view.comments.map((c) => c.body)).toContain("Thiếu số liệu");
    expect(view.latestRevision.reason).toBe("Thiếu số liệu");

    const edited = await call(
      editAction,
      request(`/plans/${id}/edit`, "plannerHcm", {
        version: plan(id).version,
        titleVi: "Đã bổ sung số liệu",
        summaryVi: "Tóm tắt",
        periodStart: 2026,
        periodEnd: 2030,
      }),
      { id: String(id) },
    );
    expect(edited).toMatchObject({ status: 302, location: `/plans/${id}?done=saved` });
    expect((await planPost(id, "plannerHcm", { intent: "submit", version: plan(id).version })).status).toBe(
      302,
    );
    expect((await planPost(id, "coordinator", { intent: "approve", version: plan(id).version })).status).toBe(
      302,
    );
    expect(plan(id)).toMatchObject({ status: "approved", revision: 2 });

    const history = await call<{
      revisions: { revision: number; status: string }[];
      comparison: { from: number; to: number; diff: { plan: { field: string }[] } };
    }>(revisionsLoader, request(`/plans/${id}/revisions`, "leader"), { id: String(id) });
    expect(history.data!.revisions.map((r) => [r.revision, r.status])).toEqual([
      [2, "approved"],
      [1, "returned"],
    ]);
    expect(history.data!.comparison).toMatchObject({ from: 1, to: 2 });
    expect(history.data!.comparison.diff.plan.map((c) => c.field)).toEqual(["titleVi"]);
  });

  it("a stale edit through the route is refused with the saved values to compare, and input kept", async () => {
    const id = freshPlan();
    const v = plan(id).version;
    updatePlan(db, actors.coordinator, id, {
      version: v,
      titleVi: "Bản của điều phối viên",
      periodStart: 2026,
      periodEnd: 2030,
    });
    const res = await call<{
      reply: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> };
      current: { titleVi: string };
    }>(
      editAction,
      request(`/plans/${id}/edit`, "plannerHcm", {
        version: v,
        titleVi: "Bản của tôi",
        periodStart: 2026,
        periodEnd: 2030,
      }),
      { id: String(id) },
    );
    expect(res.status).toBe(409);
    // Conform keeps form-level errors under the empty name.
    expect(res.data!.reply.error?.[""]).toEqual(["plans.error.stale"]);
    expect(res.data!.reply.initialValue).toMatchObject({ titleVi: "Bản của tôi" });
    expect(res.data!.current.titleVi).toBe("Bản của điều phối viên");
    expect(q<{ t: string }>("SELECT title_vi AS t FROM plans WHERE id = ?", id).t).toBe(
      "Bản của điều phối viên",
    );
  });

  it("creating a plan: planners for their own organisation only; coordinators for any", async () => {
    const form = (org: string, code: string) => ({
      organisationId: fx.org(org),
      code,
      titleVi: "Kế hoạch mới",
      periodStart: 2026,
      periodEnd: 2030,
    });
    const loaded = await call<{ organisations: { id: number }[]; defaultOrganisationId: number }>(
      newLoader,
      request("/plans/new", "plannerHcm"),
    );
    expect(loaded.data!.defaultOrganisationId).toBe(fx.org("P-HCM"));
    expect(loaded.data!.organisations.map((o) => o.id)).not.toContain(fx.org("P-LCU"));
    // Merged units do not make new plans.
    expect(loaded.data!.organisations.map((o) => o.id)).not.toContain(fx.org("LP-74"));

    expect(
      (await call(newAction, request("/plans/new", "plannerHcm", form("P-LCU", "KH-FORGED-1")))).status,
    ).toBe(403);
    const legacy = await call(newAction, request("/plans/new", "plannerHcm", form("LP-74", "KH-LEGACY-1")));
    expect(legacy.status).toBe(400);
    const mine = await call(newAction, request("/plans/new", "plannerHcm", form("P-HCM", "kh-hcm-new-1")));
    expect(mine.status).toBe(302);
    expect(mine.location).toBe(`/plans/${planId("KH-HCM-NEW-1")}?done=created`);
    const dup = await call<{ error: Record<string, string[]> }>(
      newAction,
      request("/plans/new", "plannerHcm", form("P-HCM", "KH-HCM-NEW-1")),
    );
    expect(dup.status).toBe(409);
    expect(dup.data!.error.code).toEqual(["plans.error.codeTaken"]);

    expect(
      (await call(newAction, request("/plans/new", "coordinator", form("P-LCU", "KH-LCU-BY-TF")))).status,
    ).toBe(302);
    for (const who of ["leader", "auditor", "admin"] as const) {
      expect((await call(newLoader, request("/plans/new", who))).status, who).toBe(403);
      expect(
        (await call(newAction, request("/plans/new", who, form("P-HCM", `KH-${who}`)))).status,
        who,
      ).toBe(403);
    }
  });
});
