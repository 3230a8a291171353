import { describe, expect, it } from "vitest";
import { allowedPlanEvents, isPlanContentEditable, nextPlanStatus } from "~/modules/plans/workflow";
import { allowedNextPhases, checkPhaseChange } from "~/modules/projects/phase";
import { PROJECT_PHASES } from "#db/enums";

describe("plan workflow", () => {
  it("goes draft → submitted → returned → submitted → approved", () => {
    expect(nextPlanStatus("draft", "submit")).toBe("submitted");
    expect(nextPlanStatus("submitted", "return")).toBe("returned");
    expect(nextPlanStatus("returned", "submit")).toBe("submitted");
    expect(nextPlanStatus("submitted", "approve")).toBe("approved");
  });
  it("refuses events that make no sense", () => {
    expect(nextPlanStatus("draft", "approve")).toBeNull();
    expect(nextPlanStatus("draft", "return")).toBeNull();
    expect(nextPlanStatus("approved", "submit")).toBeNull();
    expect(nextPlanStatus("approved", "approve")).toBeNull();
    expect(nextPlanStatus("returned", "approve")).toBeNull();
  });
  it("reopens an approved plan only as a new revision", () => {
    expect(allowedPlanEvents("approved")).toEqual(["startRevision"]);
    expect(nextPlanStatus("approved", "startRevision")).toBe("draft");
  });
  it("freezes content while submitted or approved", () => {
    expect(isPlanContentEditable("draft")).toBe(true);
    expect(isPlanContentEditable("returned")).toBe(true);
    expect(isPlanContentEditable("submitted")).toBe(false);
    expect(isPlanContentEditable("approved")).toBe(false);
    expect(isPlanContentEditable(null)).toBe(true);
  });
});

describe("project phases", () => {
  it("follows the pilot path forward", () => {
    expect(allowedNextPhases("proposed")).toEqual(["approved", "cancelled"]);
    expect(allowedNextPhases("pilot")).toEqual(["evaluation", "cancelled"]);
    expect(allowedNextPhases("evaluation")).toEqual(["scaling", "operational", "cancelled"]);
    expect(allowedNextPhases("operational")).toEqual(["cancelled"]);
  });
  it("never moves out of cancelled, never skips a pilot's evaluation, never goes back", () => {
    expect(allowedNextPhases("cancelled")).toEqual([]);
    expect(checkPhaseChange("pilot", "scaling", { lessonCount: 3 })).toBe("notAllowed");
    expect(checkPhaseChange("scaling", "pilot", { lessonCount: 0 })).toBe("notAllowed");
    expect(checkPhaseChange("proposed", "pilot", { lessonCount: 0 })).toBe("notAllowed");
  });
  it("can cancel from every live phase, only with a reason", () => {
    for (const p of PROJECT_PHASES.filter((x) => x !== "cancelled")) {
      expect(checkPhaseChange(p, "cancelled", { lessonCount: 0 })).toBe("reasonRequired");
      expect(checkPhaseChange(p, "cancelled", { reason: "  ", lessonCount: 0 })).toBe("reasonRequired");
      expect(checkPhaseChange(p, "cancelled", { reason: "Trùng lặp", lessonCount: 0 })).toBeNull();
    }
  });
  it("requires a lesson learned when a pilot leaves evaluation", () => {
    expect(checkPhaseChange("evaluation", "scaling", { lessonCount: 0 })).toBe("lessonRequired");
    expect(checkPhaseChange("evaluation", "operational", { lessonCount: 0 })).toBe("lessonRequired");
    expect(checkPhaseChange("evaluation", "scaling", { lessonCount: 1 })).toBeNull();
  });
});
