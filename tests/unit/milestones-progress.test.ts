import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { evidenceUrl, isOverdue, overdueCount, physicalProgress } from "~/modules/milestones/progress";
import { MilestoneActionSchema, normaliseTypedDate, parseBatch } from "~/modules/milestones/schema";
import { todayIso } from "~/utils/today";

describe("physicalProgress", () => {
  it("is the weighted share of done milestones", () => {
    expect(
      physicalProgress([
        { weight: 1, doneDate: "2026-01-02" },
        { weight: 3, doneDate: null },
        { weight: 4, doneDate: "2026-03-01" },
      ]),
    ).toEqual({ doneWeight: 5, totalWeight: 8, ratio: 5 / 8 });
  });
  it("has no ratio without milestones", () => {
    expect(physicalProgress([])).toEqual({ doneWeight: 0, totalWeight: 0, ratio: null });
  });
  it("is 0 when nothing is done and 1 when everything is", () => {
    expect(physicalProgress([{ weight: 2, doneDate: null }]).ratio).toBe(0);
    expect(physicalProgress([{ weight: 2, doneDate: "2025-01-01" }]).ratio).toBe(1);
  });
  it("stays within 0..1 for any weights (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ weight: fc.integer({ min: 1, max: 1000 }), done: fc.boolean() }), {
          minLength: 1,
        }),
        (ms) => {
          const p = physicalProgress(
            ms.map((m) => ({ weight: m.weight, doneDate: m.done ? "2026-01-01" : null })),
          );
          expect(p.ratio).toBeGreaterThanOrEqual(0);
          expect(p.ratio).toBeLessThanOrEqual(1);
          expect(p.doneWeight).toBe(ms.filter((m) => m.done).reduce((s, m) => s + m.weight, 0));
        },
      ),
    );
  });
});

describe("isOverdue", () => {
  const today = "2026-11-26";
  it("is overdue when not done and due before today", () => {
    expect(isOverdue({ dueDate: "2026-11-25", doneDate: null }, today)).toBe(true);
  });
  it("is not overdue on the due date itself, or later", () => {
    expect(isOverdue({ dueDate: today, doneDate: null }, today)).toBe(false);
    expect(isOverdue({ dueDate: "2027-01-01", doneDate: null }, today)).toBe(false);
  });
  it("is never overdue once done, even done late", () => {
    expect(isOverdue({ dueDate: "2020-01-01", doneDate: "2026-11-01" }, today)).toBe(false);
  });
  it("counts", () => {
    expect(
      overdueCount(
        [
          { dueDate: "2026-01-01", doneDate: null },
          { dueDate: "2026-01-01", doneDate: "2026-02-01" },
          { dueDate: "2027-01-01", doneDate: null },
        ],
        today,
      ),
    ).toBe(1);
  });
  it("uses the Vietnam date: 18:00 UTC is already the next day in Hà Nội", () => {
    expect(todayIso(Date.UTC(2026, 10, 25, 18, 0))).toBe("2026-11-26");
  });
});

describe("evidence", () => {
  it("accepts http(s) links and www. addresses, refuses other link-like text", () => {
    expect(evidenceUrl("https://hcm.gov.vn/bb-12.pdf")).toBe("https://hcm.gov.vn/bb-12.pdf");
    expect(evidenceUrl("www.hcm.gov.vn/x")).toBe("https://www.hcm.gov.vn/x");
    expect(evidenceUrl("javascript:alert(1)")).toBeNull();
    expect(evidenceUrl("http://localhost")).toBeNull();
    expect(evidenceUrl("Biên bản nghiệm thu 12/BB")).toBeNull();
  });
});

describe("milestone schema", () => {
  const base = { intent: "add", nameVi: "Nghiệm thu", dueDate: "2026-12-01", weight: 2 };
  const issues = (v: unknown) => {
    const r = MilestoneActionSchema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
  };
  it("accepts a valid milestone with a note or a link", () => {
    expect(issues(base)).toEqual([]);
    expect(issues({ ...base, evidence: "Biên bản 12/BB" })).toEqual([]);
    expect(issues({ ...base, evidence: "https://example.gov.vn/a" })).toEqual([]);
  });
  it("requires the Vietnamese name, a real due date, a positive integer weight", () => {
    expect(issues({ ...base, nameVi: " " })).toEqual(["nameVi:milestones.error.nameViRequired"]);
    expect(issues({ ...base, dueDate: "2026-02-30" })).toEqual(["dueDate:milestones.error.dateInvalid"]);
    expect(issues({ ...base, weight: 0 })).toEqual(["weight:milestones.error.weightInvalid"]);
    expect(issues({ ...base, weight: 1.5 })).toEqual(["weight:milestones.error.weightInvalid"]);
  });
  it("refuses a broken link", () => {
    expect(issues({ ...base, evidence: "ftp://x.vn/a" })).toEqual(["evidence:milestones.error.evidenceUrl"]);
  });
  it("refuses a done date in the future, accepts one before the due date", () => {
    expect(issues({ intent: "done", id: 1, version: 1, doneDate: "2099-01-01" })).toEqual([
      "doneDate:milestones.error.doneInFuture",
    ]);
    expect(issues({ intent: "done", id: 1, version: 1, doneDate: "2020-01-01" })).toEqual([]);
  });
});

describe("parseBatch", () => {
  const row = (nameVi: string, dueDate: string, weight: string, evidence = "") => ({
    nameVi,
    dueDate,
    weight,
    evidence,
  });
  it("skips blank rows and keeps the row index of each error", () => {
    const p = parseBatch([row("A", "2026-12-01", "1"), row("", "", ""), row("", "2026-13-01", "x")]);
    expect(p.valid.map((v) => v.index)).toEqual([0]);
    expect(p.errors).toEqual({
      2: {
        nameVi: "milestones.error.nameViRequired",
        dueDate: "milestones.error.dateInvalid",
        weight: "milestones.error.weightInvalid",
      },
    });
    expect(p.formErrors).toEqual([]);
  });
  it("needs at least one row", () => {
    expect(parseBatch([row("", "", "")]).formErrors).toEqual(["milestones.error.batchEmpty"]);
  });
  it("requires a weight", () => {
    expect(parseBatch([row("A", "2026-12-01", "")]).errors).toEqual({
      0: { weight: "milestones.error.weightRequired" },
    });
  });
});

describe("normaliseTypedDate", () => {
  it("reads dd/mm/yyyy as officials type it, and ISO", () => {
    expect(normaliseTypedDate("15/01/2027")).toBe("2027-01-15");
    expect(normaliseTypedDate(" 5.1.2027 ")).toBe("2027-01-05");
    expect(normaliseTypedDate("05-01-2027")).toBe("2027-01-05");
    expect(normaliseTypedDate("2027-01-15")).toBe("2027-01-15");
    expect(normaliseTypedDate("31/02/2027")).toBe("2027-02-31");
  });
  it("a typed impossible date is refused by the batch parser", () => {
    const p = parseBatch([{ nameVi: "A", dueDate: "31/02/2027", weight: "1", evidence: "" }]);
    expect(p.errors).toEqual({ 0: { dueDate: "milestones.error.dateInvalid" } });
    const ok = parseBatch([{ nameVi: "A", dueDate: "15/01/2027", weight: "1", evidence: "" }]);
    expect(ok.valid[0].value.dueDate).toBe("2027-01-15");
  });
});
