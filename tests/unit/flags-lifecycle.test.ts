import { describe, expect, it } from "vitest";
import { nextState, onRecompute } from "~/modules/flags/lifecycle";
import { parseFlagsQuery, triageInputFromForm } from "~/modules/flags/query";
import { triageSchema } from "~/modules/flags/schema";

describe("triage transitions", () => {
  it("moves open → acknowledged → resolved / dismissed, and back by reopen", () => {
    expect(nextState("open", "acknowledge")).toBe("acknowledged");
    expect(nextState("acknowledged", "resolve")).toBe("resolved");
    expect(nextState("open", "dismiss")).toBe("dismissed");
    expect(nextState("resolved", "reopen")).toBe("open");
    expect(nextState("dismissed", "reopen")).toBe("open");
  });
  it("refuses the rest", () => {
    expect(nextState("acknowledged", "acknowledge")).toBeNull();
    expect(nextState("resolved", "dismiss")).toBeNull();
    expect(nextState("dismissed", "resolve")).toBeNull();
    expect(nextState("open", "reopen")).toBeNull();
  });
});

describe("recompute", () => {
  it("keeps triage while the condition holds", () => {
    for (const state of ["open", "acknowledged", "resolved", "dismissed"] as const) {
      expect(onRecompute({ active: true, state }, true)).toEqual({ active: true, state, event: null });
    }
  });
  it("clears a flag whose condition is gone, keeping its state", () => {
    expect(onRecompute({ active: true, state: "acknowledged" }, false)).toEqual({
      active: false,
      state: "acknowledged",
      event: "clear",
    });
    expect(onRecompute({ active: false, state: "resolved" }, false).event).toBeNull();
  });
  it("reopens a resolved flag whose condition returns; others are reactivated as they were", () => {
    expect(onRecompute({ active: false, state: "resolved" }, true)).toEqual({ active: true, state: "open", event: "reopen" });
    expect(onRecompute({ active: false, state: "dismissed" }, true)).toEqual({
      active: true,
      state: "dismissed",
      event: "reactivate",
    });
  });
});

describe("triage schema", () => {
  it("needs a non-blank reason to dismiss", () => {
    const r = triageSchema.safeParse({ intent: "dismiss", flagId: "3", reason: "  " });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ["reason"], message: "flags.error.reasonRequired" });
    expect(triageSchema.safeParse({ intent: "dismiss", flagId: "3" }).error?.issues[0].message).toBe(
      "flags.error.reasonRequired",
    );
    expect(triageSchema.parse({ intent: "dismiss", flagId: "3", reason: " đã xử lý " })).toEqual({
      intent: "dismiss",
      flagId: 3,
      reason: "đã xử lý",
    });
  });
  it("reads one or many ids for bulk acknowledge, and refuses none", () => {
    expect(triageSchema.parse({ intent: "bulk-acknowledge", flagIds: "4" })).toEqual({
      intent: "bulk-acknowledge",
      flagIds: [4],
    });
    expect(triageSchema.parse({ intent: "bulk-acknowledge", flagIds: ["4", "5"] })).toMatchObject({ flagIds: [4, 5] });
    expect(triageSchema.safeParse({ intent: "bulk-acknowledge" }).error?.issues[0].message).toBe("flags.error.noFlags");
    expect(triageSchema.safeParse({ intent: "acknowledge", flagId: "x" }).success).toBe(false);
  });
});

describe("/flags URL and form contract", () => {
  it("reads filters, falling back on bad values", () => {
    expect(
      parseFlagsQuery("?rule=zombie_project&severity=high&state=open&province=P-CBG&ministry=M-MOST&inactive=1").filters,
    ).toEqual({
      rule: "zombie_project",
      severity: "high",
      state: "open",
      province: "P-CBG",
      ministry: "M-MOST",
      project: null,
      plan: null,
      inactive: true,
    });
    expect(parseFlagsQuery("?project=HCM-2026-001&plan=7").filters).toMatchObject({ project: "HCM-2026-001", plan: 7 });
    expect(parseFlagsQuery("?project=x'--&plan=-1").filters).toMatchObject({ project: null, plan: null });
    expect(parseFlagsQuery("?rule=same_solution").filters.rule).toBe("same_solution");
    expect(parseFlagsQuery("?rule=nope&severity=huge&province=x'--&ministry=P-HCM").filters).toEqual({
      rule: null,
      severity: null,
      state: null,
      province: null,
      ministry: null,
      project: null,
      plan: null,
      inactive: false,
    });
  });
  it("maps a row button with its reason, or the bulk button with the checked ids", () => {
    const f = new URLSearchParams([["row", "dismiss:12"], ["reason-12", "trùng"], ["reason-13", "other"]]);
    expect(triageInputFromForm(f)).toEqual({ intent: "dismiss", flagId: "12", reason: "trùng" });
    const b = new URLSearchParams([["intent", "bulk-acknowledge"], ["flagIds", "3"], ["flagIds", "4"]]);
    expect(triageInputFromForm(b)).toEqual({ intent: "bulk-acknowledge", flagIds: ["3", "4"] });
  });
});
