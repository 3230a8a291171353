import { describe, expect, it } from "vitest";
import { PLAN_STATUSES, type Role } from "#db/enums";
import { parseWithZod } from "@conform-to/zod";
import {
  isPlanOpenForComments,
  nextPlanStatus,
  nextRevisionNumber,
  submitProblems,
  type SubmitCheckInput,
} from "~/modules/plans/workflow";
import { canCreatePlanFor, mayCreatePlans, planAbilities, planPermissions } from "~/modules/plans/policy";
import { PlanActionSchema, PlanCreateSchema, PlanEditSchema } from "~/modules/plans/schemas";
import { parsePeriod, parsePlanListQuery } from "~/modules/plans/list";
import { parseDone, parsePlanId, parseRevisionNumber } from "~/modules/plans/params";
import { defaultComparison } from "~/modules/plans/revisions";

const ready: SubmitCheckInput = {
  status: "draft",
  titleVi: "Kế hoạch",
  summaryVi: "Tóm tắt",
  periodStart: 2026,
  periodEnd: 2030,
  projectCount: 2,
};

describe("submitProblems", () => {
  it("lets a complete draft or returned plan go", () => {
    expect(submitProblems(ready)).toEqual([]);
    expect(submitProblems({ ...ready, status: "returned" })).toEqual([]);
  });
  it("refuses an empty plan", () => {
    expect(submitProblems({ ...ready, projectCount: 0 })).toEqual(["noProjects"]);
  });
  it("refuses missing title and summary (blank counts as missing)", () => {
    expect(submitProblems({ ...ready, titleVi: " ", summaryVi: null })).toEqual([
      "titleMissing",
      "summaryMissing",
    ]);
  });
  it("refuses a period that ends before it starts", () => {
    expect(submitProblems({ ...ready, periodStart: 2030, periodEnd: 2026 })).toEqual(["periodInvalid"]);
    expect(submitProblems({ ...ready, periodEnd: null })).toEqual(["periodInvalid"]);
  });
  it("refuses plans under review or approved, with everything else listed too", () => {
    expect(submitProblems({ ...ready, status: "submitted" })).toEqual(["status"]);
    expect(submitProblems({ ...ready, status: "approved", projectCount: 0 })).toEqual([
      "status",
      "noProjects",
    ]);
  });
});

describe("revision numbers", () => {
  it("records the first submission as revision 1", () => {
    expect(nextRevisionNumber(1, null)).toBe(1);
  });
  it("records a resubmission after a return as the next number", () => {
    expect(nextRevisionNumber(1, 1)).toBe(2);
    expect(nextRevisionNumber(2, 2)).toBe(3);
  });
  it("uses the number a new revision was opened with", () => {
    // Approved as 2, new revision started → plan.revision 3, nothing recorded for 3 yet.
    expect(nextRevisionNumber(3, 2)).toBe(3);
  });
  it("never reuses a recorded number", () => {
    expect(nextRevisionNumber(1, 4)).toBe(5);
  });
});

describe("comments", () => {
  it("are open while the plan is under review or back with its planners", () => {
    expect(PLAN_STATUSES.filter(isPlanOpenForComments)).toEqual(["submitted", "returned"]);
  });
});

describe("the full round trip of the state machine", () => {
  it("draft → submitted → returned → submitted → approved → draft (new revision)", () => {
    let s = nextPlanStatus("draft", "submit")!;
    s = nextPlanStatus(s, "return")!;
    s = nextPlanStatus(s, "submit")!;
    s = nextPlanStatus(s, "approve")!;
    expect(s).toBe("approved");
    expect(nextPlanStatus(s, "startRevision")).toBe("draft");
  });
});

// ---------------------------------------------------------------------------
// Policy
// ---------------------------------------------------------------------------

const HCM = 1;
const BDG_LEGACY = 2;
const LCU = 3;
const TF = 9;

function who(role: Role, own: number[]) {
  return { roles: [role], ownOrganisationIds: new Set(own) };
}

const plannerHcm = who("planner", [HCM, BDG_LEGACY]);
const coordinator = who("coordinator", [TF]);
const leader = who("leader", [TF]);
const auditor = who("auditor", [TF]);
const admin = who("admin", [TF]);

describe("planPermissions", () => {
  it("lets planners work on their own organisation's plans, including a predecessor's", () => {
    for (const org of [HCM, BDG_LEGACY]) {
      expect(planPermissions(plannerHcm, org)).toEqual({
        read: true,
        edit: true,
        submit: true,
        review: false,
        comment: false,
        resolveComments: true,
        startRevision: true,
      });
    }
  });
  it("gives planners nothing on another organisation's plans", () => {
    expect(Object.values(planPermissions(plannerHcm, LCU)).some(Boolean)).toBe(false);
    expect(canCreatePlanFor(plannerHcm, LCU)).toBe(false);
    expect(canCreatePlanFor(plannerHcm, HCM)).toBe(true);
  });
  it("lets coordinators review, comment, edit, reopen and create for anyone, but not submit for an organisation", () => {
    const p = planPermissions(coordinator, LCU);
    expect(p).toMatchObject({ read: true, edit: true, review: true, comment: true, startRevision: true });
    expect(p.submit).toBe(false);
    expect(canCreatePlanFor(coordinator, LCU)).toBe(true);
  });
  it("lets leaders read and comment, nothing else", () => {
    expect(planPermissions(leader, HCM)).toEqual({
      read: true,
      edit: false,
      submit: false,
      review: false,
      comment: true,
      resolveComments: false,
      startRevision: false,
    });
    expect(canCreatePlanFor(leader, HCM)).toBe(false);
  });
  it("offers the new-plan button to planners and coordinators only", () => {
    expect([plannerHcm, coordinator, leader, auditor, admin].map(mayCreatePlans)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
  it("lets auditors and admins read only", () => {
    for (const p of [auditor, admin]) {
      const perms = planPermissions(p, HCM);
      expect(perms.read).toBe(true);
      expect(Object.entries(perms).filter(([k, v]) => k !== "read" && v)).toEqual([]);
      expect(canCreatePlanFor(p, HCM)).toBe(false);
    }
  });
});

describe("planAbilities (permission and status together)", () => {
  it("a planner edits and submits a draft, not a submitted or approved plan", () => {
    const draft = planAbilities(plannerHcm, { organisationId: HCM, status: "draft" });
    expect(draft).toMatchObject({
      edit: true,
      addProjects: true,
      removeProjects: true,
      submit: true,
      startRevision: false,
    });
    const submitted = planAbilities(plannerHcm, { organisationId: HCM, status: "submitted" });
    expect(submitted).toMatchObject({ edit: false, addProjects: false, submit: false, review: false });
    const approved = planAbilities(plannerHcm, { organisationId: HCM, status: "approved" });
    expect(approved).toMatchObject({ edit: false, submit: false, startRevision: true });
    const returned = planAbilities(plannerHcm, { organisationId: HCM, status: "returned" });
    expect(returned).toMatchObject({ edit: true, submit: true });
  });
  it("a coordinator decides only on submitted plans, and comments while submitted or returned", () => {
    const submitted = planAbilities(coordinator, { organisationId: HCM, status: "submitted" });
    expect(submitted).toMatchObject({
      review: true,
      approve: true,
      return: true,
      comment: true,
      submit: false,
    });
    const draft = planAbilities(coordinator, { organisationId: HCM, status: "draft" });
    expect(draft).toMatchObject({ review: false, approve: false, return: false, comment: false });
    expect(planAbilities(coordinator, { organisationId: HCM, status: "returned" }).comment).toBe(true);
  });
  it("a leader comments on a plan under review and can do nothing else", () => {
    const a = planAbilities(leader, { organisationId: HCM, status: "submitted" });
    expect(
      Object.entries(a)
        .filter(([, v]) => v)
        .map(([k]) => k)
        .sort(),
    ).toEqual(["comment", "read"]);
  });
});

// ---------------------------------------------------------------------------
// Schemas and URL parameters
// ---------------------------------------------------------------------------

function form(entries: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.set(k, v);
  return fd;
}

const validCreate = {
  organisationId: "1",
  code: "kh-hcm-2026-2030",
  titleVi: "Kế hoạch",
  periodStart: "2026",
  periodEnd: "2030",
};

describe("PlanCreateSchema", () => {
  it("accepts a plan and upper-cases its code; English and summary are optional", () => {
    const s = parseWithZod(form(validCreate), { schema: PlanCreateSchema });
    expect(s.status).toBe("success");
    if (s.status === "success") {
      expect(s.value.code).toBe("KH-HCM-2026-2030");
      expect(s.value.titleEn).toBeUndefined();
      expect(s.value.periodStart).toBe(2026);
    }
  });
  it("puts localised message keys beside each field", () => {
    const s = parseWithZod(form({ code: "x y", periodStart: "abc", periodEnd: "1999" }), {
      schema: PlanCreateSchema,
    });
    expect(s.status).toBe("error");
    const errors = s.reply().error!;
    expect(errors.organisationId).toEqual(["plans.error.organisationRequired"]);
    expect(errors.code).toEqual(["plans.error.codeFormat"]);
    expect(errors.titleVi).toEqual(["plans.error.titleViRequired"]);
    expect(errors.periodStart).toEqual(["plans.error.yearInvalid"]);
    expect(errors.periodEnd).toEqual(["plans.error.yearRange"]);
  });
  it("refuses a period ending before it starts, or longer than ten years", () => {
    const order = parseWithZod(form({ ...validCreate, periodStart: "2030", periodEnd: "2026" }), {
      schema: PlanCreateSchema,
    });
    expect(order.reply().error?.periodEnd).toEqual(["plans.error.periodOrder"]);
    const long = parseWithZod(form({ ...validCreate, periodStart: "2026", periodEnd: "2036" }), {
      schema: PlanCreateSchema,
    });
    expect(long.reply().error?.periodEnd).toEqual(["plans.error.periodTooLong"]);
    const ten = parseWithZod(form({ ...validCreate, periodStart: "2026", periodEnd: "2035" }), {
      schema: PlanCreateSchema,
    });
    expect(ten.status).toBe("success");
  });
  it("refuses codes with spaces, double hyphens or a hyphen at either end", () => {
    for (const code of ["KH HCM", "KH--HCM", "-KH", "KH-", "KH_HCM", "AB"]) {
      const s = parseWithZod(form({ ...validCreate, code }), { schema: PlanCreateSchema });
      expect(s.status, code).toBe("error");
    }
  });
});

describe("PlanEditSchema and PlanActionSchema", () => {
  it("requires the version the form was loaded with", () => {
    const s = parseWithZod(form({ titleVi: "x", periodStart: "2026", periodEnd: "2030" }), {
      schema: PlanEditSchema,
    });
    expect(s.reply().error?.version).toEqual(["plans.error.versionMissing"]);
  });
  it("requires a reason to return a plan, and a body for a comment", () => {
    const ret = parseWithZod(form({ intent: "return", version: "3", reason: " " }), {
      schema: PlanActionSchema,
    });
    expect(ret.reply().error?.reason).toEqual(["plans.error.reasonRequired"]);
    const comment = parseWithZod(form({ intent: "comment", body: "ok" }), { schema: PlanActionSchema });
    expect(comment.reply().error?.body).toEqual(["plans.error.textTooShort"]);
  });
  it("reads each intent with its own fields; a comment without a project is on the plan", () => {
    const c = parseWithZod(form({ intent: "comment", body: "Bổ sung đánh giá", projectId: "" }), {
      schema: PlanActionSchema,
    });
    expect(c.status === "success" && c.value).toEqual({ intent: "comment", body: "Bổ sung đánh giá" });
    const add = parseWithZod(form({ intent: "addProject", version: "2", projectId: "17" }), {
      schema: PlanActionSchema,
    });
    expect(add.status === "success" && add.value).toEqual({
      intent: "addProject",
      version: 2,
      projectId: 17,
    });
    expect(parseWithZod(form({ intent: "delete" }), { schema: PlanActionSchema }).status).toBe("error");
  });
});

describe("URL parameters", () => {
  it("parses plan ids and revision numbers strictly", () => {
    expect(parsePlanId("12")).toBe(12);
    for (const bad of [undefined, "", "0", "-1", "1.5", "1e3", "abc", "12abc", "99999999999999"]) {
      expect(parsePlanId(bad), String(bad)).toBeNull();
    }
    expect(parseRevisionNumber("3")).toBe(3);
    expect(parseRevisionNumber("x")).toBeNull();
    expect(parseDone("submitted")).toBe("submitted");
    expect(parseDone("<script>")).toBeNull();
  });
  it("keeps list filters in the URL and ignores bad values", () => {
    const q = parsePlanListQuery("status=returned&org=12&period=2026-2030&sort=period&dir=asc&page=2");
    expect(q.filters).toEqual({ status: "returned", org: 12, period: "2026-2030" });
    expect(q.table).toMatchObject({ sort: "period", dir: "asc", page: 2 });
    const bad = parsePlanListQuery("status=nope&org=-3&period=2026&sort=evil");
    expect(bad.filters).toEqual({ status: undefined, org: undefined, period: undefined });
    expect(bad.table).toMatchObject({ sort: "updated", dir: "desc", page: 1 });
    expect(parsePeriod("2021-2025")).toEqual({ start: 2021, end: 2025 });
    expect(parsePeriod(undefined)).toBeNull();
  });
});

describe("defaultComparison", () => {
  it("compares the latest revision with the approved one before it", () => {
    expect(
      defaultComparison([
        { revision: 4, status: "submitted" },
        { revision: 3, status: "returned" },
        { revision: 2, status: "approved" },
        { revision: 1, status: "returned" },
      ]),
    ).toEqual({ from: 2, to: 4 });
  });
  it("falls back to the revision just before when none was approved", () => {
    expect(
      defaultComparison([
        { revision: 2, status: "submitted" },
        { revision: 1, status: "returned" },
      ]),
    ).toEqual({ from: 1, to: 2 });
  });
  it("has nothing to compare with fewer than two revisions", () => {
    expect(defaultComparison([{ revision: 1, status: "submitted" }])).toBeNull();
    expect(defaultComparison([])).toBeNull();
  });
});
