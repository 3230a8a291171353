/**
 * Milestones on a real SQLite file with generated demo data (seedAll, small):
 * add / edit / done / undo / delete through the route actions with their
 * audit events, stale saves refused, fast entry all-or-nothing, SQL progress
 * equal to the pure function over the same rows, the plan Gantt's two
 * statements equal to per-project queries, and permissions per role × own/foreign.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDb, type Db } from "#db/client.server";
import { seedAll } from "#seeds/index";
import { getCurrentUser } from "~/auth/guard.server";
import { createSession } from "~/auth/session.server";
import { SESSION_COOKIE } from "~/auth/token";
import { listMilestones, planGanttData, projectProgress } from "~/modules/milestones/milestones.server";
import { overdueCount, physicalProgress } from "~/modules/milestones/progress";
import { todayIso } from "~/utils/today";
import { action as listAction, loader as listLoader } from "~/routes/projects.$code_.milestones";
import { action as batchAction, loader as batchLoader } from "~/routes/projects.$code_.milestones_.batch";
import { loader as ganttLoader } from "~/routes/projects.$code_.gantt";
import { loader as planGanttLoader } from "~/routes/plans.$id_.gantt";
import { call } from "./projects-support";
import { createTestDb } from "./helpers/db";

let db: Db;
let cleanup: () => void;
const cookies: Record<string, string> = {};
let own: { id: number; code: string; organisationId: number };
let foreign: { id: number; code: string; organisationId: number };
let ownPlan: number;
let foreignPlan: number;
const today = todayIso();

const ACCOUNTS = {
  planner: "planner.hcm@demo.citypilot.vn",
  otherPlanner: "planner.laichau@demo.citypilot.vn",
  coordinator: "coordinator@demo.citypilot.vn",
  leader: "leader@demo.citypilot.vn",
  auditor: "auditor@demo.citypilot.vn",
} as const;
type Who = keyof typeof ACCOUNTS;

const q = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[];
const one = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).get(...args) as T;
const auditCount = () => one<{ n: number }>("SELECT COUNT(*) AS n FROM audit_events").n;
const lastAudits = (n: number) =>
  q<{
    action: string;
    entity_id: string;
    organisation_id: number;
    before: string | null;
    after: string | null;
  }>("SELECT * FROM audit_events ORDER BY id DESC LIMIT ?", n);
const milestone = (id: number) =>
  one<{ id: number; name_vi: string; done_date: string | null; version: number; weight: number } | undefined>(
    "SELECT * FROM milestones WHERE id = ?",
    id,
  );

const path = (code: string, rest = "milestones") => `/projects/${code}/${rest}`;
const post = (who: Who, code: string, form: Record<string, string | number>) =>
  call(listAction as never, path(code), { cookie: cookies[who], params: { code }, form });

beforeAll(async () => {
  const t = createTestDb();
  db = t.db;
  cleanup = t.cleanup;
  await seedAll(db, { scale: 0.1, seed: 11 });
  setDb(db);
  for (const [who, email] of Object.entries(ACCOUNTS)) {
    const u = one<{ id: number }>("SELECT id FROM users WHERE email = ?", email);
    cookies[who] = `${SESSION_COOKIE}=${createSession(db, u.id).token}`;
  }
  const planner = getCurrentUser(new Request("http://x/", { headers: { Cookie: cookies.planner } }), db)!;
  const ids = [...planner.ownOrganisationIds];
  const projects = q<{ id: number; code: string; organisationId: number; planId: number | null }>(
    "SELECT id, code, organisation_id AS organisationId, plan_id AS planId FROM projects ORDER BY id",
  );
  own = projects.find((p) => ids.includes(p.organisationId))!;
  foreign = projects.find((p) => !ids.includes(p.organisationId))!;
  const plans = q<{ id: number; organisationId: number }>(
    "SELECT id, organisation_id AS organisationId FROM plans WHERE id IN (SELECT plan_id FROM projects) ORDER BY id",
  );
  ownPlan = plans.find((p) => ids.includes(p.organisationId))!.id;
  foreignPlan = plans.find((p) => !ids.includes(p.organisationId))!.id;
}, 120_000);

afterAll(() => {
  setDb(undefined);
  cleanup?.();
});

describe("commands through the route action", () => {
  let id: number;

  it("adds a milestone with an audit event on the project's organisation", async () => {
    const before = auditCount();
    const r = await post("planner", own.code, {
      intent: "add",
      nameVi: "Nghiệm thu giai đoạn 1",
      dueDate: "2027-03-31",
      weight: 3,
      evidence: "https://hcm.gov.vn/nghiem-thu.pdf",
    });
    expect(r.status).toBe(302);
    expect(r.location).toBe(`${path(own.code)}?saved=add`);
    id = one<{ id: number }>("SELECT MAX(id) AS id FROM milestones WHERE project_id = ?", own.id).id;
    expect(milestone(id)).toMatchObject({ name_vi: "Nghiệm thu giai đoạn 1", weight: 3, version: 1 });
    expect(auditCount()).toBe(before + 1);
    const [a] = lastAudits(1);
    expect(a).toMatchObject({
      action: "milestone.create",
      entity_id: String(id),
      organisation_id: own.organisationId,
    });
    expect(JSON.parse(a.after!)).toMatchObject({ nameVi: "Nghiệm thu giai đoạn 1", weight: 3 });
  });

  it("refuses bad input beside the field and writes nothing", async () => {
    const before = auditCount();
    const r = await post("planner", own.code, {
      intent: "add",
      nameVi: "",
      dueDate: "2027-02-30",
      weight: 0,
      evidence: "ftp://x",
    });
    expect(r.status).toBe(400);
    const errors = (r.data as { result: { error: Record<string, string[]> } }).result.error;
    expect(errors.nameVi).toEqual(["milestones.error.nameViRequired"]);
    expect(errors.dueDate).toEqual(["milestones.error.dateInvalid"]);
    expect(errors.weight).toEqual(["milestones.error.weightInvalid"]);
    expect(errors.evidence).toEqual(["milestones.error.evidenceUrl"]);
    expect(auditCount()).toBe(before);
  });

  it("edits with the version it started from; a stale save is refused and nothing is overwritten", async () => {
    const ok = await post("planner", own.code, {
      intent: "edit",
      id,
      version: 1,
      nameVi: "Nghiệm thu GĐ1",
      dueDate: "2027-04-30",
      weight: 4,
    });
    expect(ok.status).toBe(302);
    expect(milestone(id)).toMatchObject({ name_vi: "Nghiệm thu GĐ1", weight: 4, version: 2 });
    const [a] = lastAudits(1);
    expect(a.action).toBe("milestone.update");
    expect(JSON.parse(a.before!)).toMatchObject({ nameVi: "Nghiệm thu giai đoạn 1", version: 1 });
    expect(JSON.parse(a.after!)).toMatchObject({ nameVi: "Nghiệm thu GĐ1", version: 2 });

    const before = auditCount();
    const stale = await post("coordinator", own.code, {
      intent: "edit",
      id,
      version: 1,
      nameVi: "Ghi đè",
      dueDate: "2027-04-30",
      weight: 9,
    });
    expect(stale.status).toBe(409);
    expect((stale.data as { stale: boolean }).stale).toBe(true);
    expect(milestone(id)).toMatchObject({ name_vi: "Nghiệm thu GĐ1", weight: 4, version: 2 });
    expect(auditCount()).toBe(before);
  });

  it("marks done (not in the future), refuses deleting a done milestone, undoes, then deletes", async () => {
    const future = await post("planner", own.code, {
      intent: "done",
      id,
      version: 2,
      doneDate: "2099-01-01",
    });
    expect(future.status).toBe(400);
    expect(milestone(id)!.done_date).toBeNull();

    expect(
      (await post("planner", own.code, { intent: "done", id, version: 2, doneDate: today })).status,
    ).toBe(302);
    expect(milestone(id)).toMatchObject({ done_date: today, version: 3 });
    expect(lastAudits(1)[0].action).toBe("milestone.done");

    const before = auditCount();
    const del = await post("planner", own.code, { intent: "delete", id, version: 3 });
    expect(del.status).toBe(400);
    expect(milestone(id)).toBeDefined();
    expect(auditCount()).toBe(before);

    expect((await post("planner", own.code, { intent: "undone", id, version: 3 })).status).toBe(302);
    const [u] = lastAudits(1);
    expect(u.action).toBe("milestone.undone");
    expect(JSON.parse(u.before!).doneDate).toBe(today);
    expect(JSON.parse(u.after!).doneDate).toBeNull();

    expect((await post("planner", own.code, { intent: "delete", id, version: 4 })).status).toBe(302);
    expect(milestone(id)).toBeUndefined();
    const [d] = lastAudits(1);
    expect(d.action).toBe("milestone.delete");
    expect(d.after).toBeNull();
  });

  it("never touches a milestone of another project, whatever id is forged", async () => {
    const theirs = one<{ id: number; version: number; name_vi: string }>(
      "SELECT id, version, name_vi FROM milestones WHERE project_id <> ? LIMIT 1",
      own.id,
    );
    const r = await post("planner", own.code, {
      intent: "edit",
      id: theirs.id,
      version: theirs.version,
      nameVi: "x",
      dueDate: "2027-01-01",
      weight: 1,
    });
    expect(r.status).toBe(404);
    expect(milestone(theirs.id)!.name_vi).toBe(theirs.name_vi);
  });
});

describe("fast entry", () => {
  const rows = (r: [string, string, string, string][]) =>
    Object.fromEntries(
      r.flatMap(([nameVi, dueDate, weight, evidence], i) => [
        [`rows[${i}].nameVi`, nameVi],
        [`rows[${i}].dueDate`, dueDate],
        [`rows[${i}].weight`, weight],
        [`rows[${i}].evidence`, evidence],
      ]),
    );
  const batch = (who: Who, form: Record<string, string>) =>
    call(batchAction as never, path(own.code, "milestones/batch"), {
      cookie: cookies[who],
      params: { code: own.code },
      form,
    });
  const count = () =>
    one<{ n: number }>("SELECT COUNT(*) AS n FROM milestones WHERE project_id = ?", own.id).n;

  it("is all-or-nothing: one bad row → nothing saved, every typed value returned, errors by row and field", async () => {
    const n = count();
    const a = auditCount();
    const typed: [string, string, string, string][] = [
      ["Khảo sát", "2027-01-15", "1", ""],
      ["Thiết kế", "2027-13-01", "2", "https://hcm.gov.vn/tk"],
      ["", "", "", ""],
      ["Triển khai", "2027-06-30", "-1", "javascript:alert(1)"],
    ];
    const r = await batch("planner", { intent: "save", ...rows(typed) });
    expect(r.status).toBe(400);
    expect(count()).toBe(n);
    expect(auditCount()).toBe(a);
    const d = r.data as { rows: Record<string, string>[]; errors: Record<number, Record<string, string>> };
    expect(d.rows.map((x) => [x.nameVi, x.dueDate, x.weight, x.evidence])).toEqual(typed);
    expect(d.errors).toEqual({
      1: { dueDate: "milestones.error.dateInvalid" },
      3: { weight: "milestones.error.weightInvalid", evidence: "milestones.error.evidenceUrl" },
    });
  });

  it("adds rows without JavaScript, keeping what was typed", async () => {
    const r = await batch("planner", { intent: "more", ...rows([["A", "2027-01-01", "1", ""]]) });
    expect(r.status).toBe(200);
    const d = r.data as { rows: Record<string, string>[] };
    expect(d.rows).toHaveLength(6);
    expect(d.rows[0].nameVi).toBe("A");
  });

  it("saves every row in one transaction with one audit event each", async () => {
    const n = count();
    const a = auditCount();
    const r = await batch("planner", {
      intent: "save",
      ...rows([
        ["Khảo sát", "2027-01-15", "1", ""],
        ["", "", "", ""],
        ["Thiết kế", "2027-03-01", "2", "https://hcm.gov.vn/tk"],
        ["Triển khai", "2027-06-30", "5", "Biên bản 3/BB"],
      ]),
    });
    expect(r.status).toBe(302);
    expect(count()).toBe(n + 3);
    expect(auditCount()).toBe(a + 3);
    expect(
      lastAudits(3).every((x) => x.action === "milestone.create" && x.organisation_id === own.organisationId),
    ).toBe(true);
  });
});

describe("figures computed in SQL", () => {
  it("project progress and overdue count in SQL equal the pure functions over the same rows, for every project", () => {
    const projects = q<{ id: number }>("SELECT id FROM projects");
    let withMilestones = 0;
    for (const p of projects) {
      const rows = listMilestones(db, p.id, today);
      const sql = projectProgress(db, p.id, today);
      const pure = physicalProgress(rows);
      expect(sql.doneWeight).toBe(pure.doneWeight);
      expect(sql.totalWeight).toBe(pure.totalWeight);
      if (pure.ratio === null) expect(sql.ratio).toBeNull();
      else expect(sql.ratio).toBeCloseTo(pure.ratio, 12);
      expect(sql.overdueCount).toBe(overdueCount(rows, today));
      expect(rows.filter((m) => m.overdue === 1).length).toBe(overdueCount(rows, today));
      if (rows.length) withMilestones++;
    }
    expect(withMilestones).toBeGreaterThan(5);
  });

  it("the plan Gantt's two statements equal per-project queries, for every plan", () => {
    const plans = q<{ id: number }>("SELECT id FROM plans");
    for (const { id } of plans) {
      const g = planGanttData(db, id, today);
      const members = q<{ id: number }>("SELECT id FROM projects WHERE plan_id = ? ORDER BY id", id);
      expect(g.projects.map((p) => p.id).sort((a, b) => a - b)).toEqual(members.map((m) => m.id));
      for (const p of g.projects) {
        const { doneWeight, totalWeight, ratio, overdueCount: od } = projectProgress(db, p.id, today);
        expect({
          doneWeight: p.doneWeight,
          totalWeight: p.totalWeight,
          ratio: p.ratio,
          overdueCount: p.overdueCount,
        }).toEqual({
          doneWeight,
          totalWeight,
          ratio,
          overdueCount: od,
        });
        expect(p.milestones.map((m) => [m.id, m.dueDate, m.doneDate, m.overdue])).toEqual(
          listMilestones(db, p.id, today).map((m) => [m.id, m.dueDate, m.doneDate, m.overdue]),
        );
      }
    }
  });
});

describe("permissions per role × own/foreign", () => {
  const load = (fn: unknown, who: Who, code: string, rest: string) =>
    call(fn as never, path(code, rest), { cookie: cookies[who], params: { code } });
  const addAs = (who: Who, code: string) =>
    post(who, code, { intent: "add", nameVi: `Mốc của ${who}`, dueDate: "2027-05-01", weight: 1 });

  it("anonymous users are sent to log in", async () => {
    const r = await call(listLoader as never, path(own.code), { params: { code: own.code } });
    expect(r.status).toBe(302);
    expect(r.location).toMatch(/^\/login/);
  });

  it.each([
    ["planner", "own", 200, 302, 200],
    ["planner", "foreign", 403, 403, 403],
    ["otherPlanner", "own", 403, 403, 403],
    ["coordinator", "own", 200, 302, 200],
    ["coordinator", "foreign", 200, 302, 200],
    ["leader", "own", 200, 403, 403],
    ["leader", "foreign", 200, 403, 403],
    ["auditor", "own", 200, 403, 403],
    ["auditor", "foreign", 200, 403, 403],
  ] as const)(
    "%s on a %s project: read %i, add %i, fast entry %i",
    async (who, whose, read, add, batchPage) => {
      const p = whose === "own" ? own : foreign;
      const n = one<{ n: number }>("SELECT COUNT(*) AS n FROM milestones").n;
      expect((await load(listLoader, who, p.code, "milestones")).status).toBe(read);
      expect((await load(ganttLoader, who, p.code, "gantt")).status).toBe(read);
      expect((await load(batchLoader, who, p.code, "milestones/batch")).status).toBe(batchPage);
      expect((await addAs(who, p.code)).status).toBe(add);
      expect(one<{ n: number }>("SELECT COUNT(*) AS n FROM milestones").n).toBe(add === 302 ? n + 1 : n);
      const b = await call(batchAction as never, path(p.code, "milestones/batch"), {
        cookie: cookies[who],
        params: { code: p.code },
        form: {
          intent: "save",
          "rows[0].nameVi": "x",
          "rows[0].dueDate": "2027-01-01",
          "rows[0].weight": "1",
        },
      });
      expect(b.status).toBe(add);
    },
  );

  it("leaders and auditors see the list read-only", async () => {
    const r = await load(listLoader, "leader", own.code, "milestones");
    expect((r.data as { canEdit: boolean }).canEdit).toBe(false);
    const w = await load(listLoader, "planner", own.code, "milestones");
    expect((w.data as { canEdit: boolean }).canEdit).toBe(true);
  });

  it.each([
    ["planner", "own", 200],
    ["planner", "foreign", 403],
    ["coordinator", "foreign", 200],
    ["leader", "foreign", 200],
    ["auditor", "own", 200],
  ] as const)("plan Gantt: %s on a %s plan → %i", async (who, whose, status) => {
    const id = whose === "own" ? ownPlan : foreignPlan;
    const r = await call(planGanttLoader as never, `/plans/${id}/gantt`, {
      cookie: cookies[who],
      params: { id: String(id) },
    });
    expect(r.status).toBe(status);
    if (status === 200) {
      const d = r.data as { projects: { id: number }[] };
      expect(d.projects.length).toBe(
        one<{ n: number }>("SELECT COUNT(*) AS n FROM projects WHERE plan_id = ?", id).n,
      );
    }
  });

  it("plan Gantt: unknown plan → 404", async () => {
    expect(
      (
        await call(planGanttLoader as never, "/plans/999999/gantt", {
          cookie: cookies.leader,
          params: { id: "999999" },
        })
      ).status,
    ).toBe(404);
  });
});
