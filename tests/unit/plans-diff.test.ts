import { describe, expect, it } from "vitest";
import { diffSnapshots, PLAN_DIFF_FIELDS, PROJECT_DIFF_FIELDS } from "~/modules/plans/diff";
import {
  readSnapshot,
  SNAPSHOT_FORMAT,
  type PlanSnapshot,
  type PlanSnapshotProject,
} from "~/modules/plans/snapshot";

function project(code: string, over: Partial<PlanSnapshotProject> = {}): PlanSnapshotProject {
  return {
    id: Number(code.replace(/\D/g, "")) || 1,
    code,
    titleVi: `Dự án ${code}`,
    titleEn: null,
    descriptionVi: "Mô tả",
    descriptionEn: null,
    domain: "transport",
    components: ["ioc"],
    phase: "proposed",
    organisationId: 10,
    provinceId: 10,
    cityId: null,
    hostingModel: "government_cloud",
    hardwareCapex: 0,
    handlesPersonalData: false,
    personalDataCategories: [],
    operatorType: "government_agency",
    operatorName: null,
    citizenAppName: null,
    citizenAppPlatforms: [],
    appId: null,
    replicatesProjectId: null,
    startDate: "2026-01-01",
    endDate: null,
    strategyNodeIds: [3, 7],
    cooperatingOrganisationIds: [],
    budgetTotal: 5_000_000_000,
    ...over,
  };
}

function snapshot(projects: PlanSnapshotProject[], plan: Partial<PlanSnapshot["plan"]> = {}): PlanSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    plan: {
      code: "KH-HCM-2026-2030",
      organisationId: 10,
      titleVi: "Kế hoạch đô thị thông minh",
      titleEn: null,
      summaryVi: "Tóm tắt",
      summaryEn: null,
      periodStart: 2026,
      periodEnd: 2030,
      ...plan,
    },
    projects,
  };
}

describe("diffSnapshots", () => {
  it("finds nothing between two equal snapshots", () => {
    const a = snapshot([project("HCM-2026-001"), project("HCM-2026-002")]);
    const d = diffSnapshots(a, structuredClone(a));
    expect(d.identical).toBe(true);
    expect(d.plan).toEqual([]);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([]);
    expect(d.unchangedCount).toBe(2);
  });

  it("reports changed plan fields in display order with before and after", () => {
    const a = snapshot([], { titleVi: "Cũ", periodEnd: 2030 });
    const b = snapshot([], { titleVi: "Mới", periodEnd: 2031, summaryEn: "Summary" });
    const d = diffSnapshots(a, b);
    expect(d.plan).toEqual([
      { field: "titleVi", before: "Cũ", after: "Mới" },
      { field: "summaryEn", before: null, after: "Summary" },
      { field: "periodEnd", before: 2030, after: 2031 },
    ]);
    expect(d.identical).toBe(false);
  });

  it("matches projects by code: added, removed, changed and unchanged", () => {
    const a = snapshot([project("P-1"), project("P-2"), project("P-3")]);
    const b = snapshot([
      project("P-1"),
      project("P-3", { phase: "approved", budgetTotal: 6_000_000_000 }),
      project("P-4", { titleVi: "Dự án mới", budgetTotal: 1 }),
    ]);
    const d = diffSnapshots(a, b);
    expect(d.added).toEqual([
      { key: "P-4", code: "P-4", titleVi: "Dự án mới", titleEn: null, budgetTotal: 1 },
    ]);
    expect(d.removed.map((p) => p.code)).toEqual(["P-2"]);
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0].code).toBe("P-3");
    expect(d.changed[0].changes).toEqual([
      { field: "phase", before: "proposed", after: "approved" },
      { field: "budgetTotal", before: 5_000_000_000, after: 6_000_000_000 },
    ]);
    expect(d.unchangedCount).toBe(1);
  });

  it("lists added and removed projects sorted by code", () => {
    const d = diffSnapshots(snapshot([project("B"), project("A")]), snapshot([project("D"), project("C")]));
    expect(d.added.map((p) => p.code)).toEqual(["C", "D"]);
    expect(d.removed.map((p) => p.code)).toEqual(["A", "B"]);
  });

  it("compares list fields as sets and names the items added and removed", () => {
    const a = snapshot([project("P-1", { strategyNodeIds: [7, 3], cooperatingOrganisationIds: [5] })]);
    const b = snapshot([project("P-1", { strategyNodeIds: [3, 7], cooperatingOrganisationIds: [6, 5, 9] })]);
    const d = diffSnapshots(a, b);
    // Order alone is no change.
    expect(d.changed[0].changes.map((c) => c.field)).toEqual(["cooperatingOrganisationIds"]);
    expect(d.changed[0].changes[0]).toEqual({
      field: "cooperatingOrganisationIds",
      before: [5],
      after: [5, 6, 9],
      added: [6, 9],
      removed: [],
    });
  });

  it("reports list items removed, and a list emptied", () => {
    const d = diffSnapshots(
      snapshot([
        project("P-1", { personalDataCategories: ["identity", "location"], citizenAppPlatforms: ["web"] }),
      ]),
      snapshot([project("P-1", { personalDataCategories: ["identity"], citizenAppPlatforms: [] })]),
    );
    const byField = Object.fromEntries(d.changed[0].changes.map((c) => [c.field, c]));
    expect(byField.personalDataCategories).toMatchObject({ added: [], removed: ["location"] });
    expect(byField.citizenAppPlatforms).toMatchObject({
      before: ["web"],
      after: [],
      added: [],
      removed: ["web"],
    });
  });

  it("treats an empty string and null as the same (no value)", () => {
    const d = diffSnapshots(
      snapshot([project("P-1", { titleEn: null, operatorName: "" })], { titleEn: "" }),
      snapshot([project("P-1", { titleEn: "", operatorName: null })], { titleEn: null }),
    );
    expect(d.identical).toBe(true);
  });

  it("reports booleans and money precisely", () => {
    const d = diffSnapshots(
      snapshot([
        project("P-1", { handlesPersonalData: false, hardwareCapex: 0, budgetTotal: 1_000_000_001 }),
      ]),
      snapshot([project("P-1", { handlesPersonalData: true, hardwareCapex: 0, budgetTotal: 1_000_000_000 })]),
    );
    expect(d.changed[0].changes).toEqual([
      { field: "handlesPersonalData", before: false, after: true },
      { field: "budgetTotal", before: 1_000_000_001, after: 1_000_000_000 },
    ]);
  });

  it("never compares a project's id or code (identity, not content)", () => {
    const d = diffSnapshots(snapshot([project("P-1", { id: 1 })]), snapshot([project("P-1", { id: 99 })]));
    expect(d.identical).toBe(true);
  });

  it("reads the older, shorter snapshot format without inventing changes", () => {
    // The demo's early revisions kept only a few fields.
    const old = {
      plan: { code: "KH-P-HCM-2026", titleVi: "Kế hoạch", periodStart: 2026, periodEnd: 2030 },
      projects: [
        { code: "P-1", titleVi: "Dự án P-1" },
        { code: "P-2", titleVi: "Dự án P-2" },
      ],
    };
    const now = snapshot([project("P-1", { titleVi: "Dự án P-1" }), project("P-3")], {
      code: "KH-P-HCM-2026",
      titleVi: "Kế hoạch mới",
    });
    const d = diffSnapshots(JSON.stringify(old), now);
    expect(d.plan).toEqual([{ field: "titleVi", before: "Kế hoạch", after: "Kế hoạch mới" }]);
    expect(d.changed).toEqual([]);
    expect(d.unchangedCount).toBe(1);
    expect(d.added.map((p) => p.code)).toEqual(["P-3"]);
    expect(d.removed.map((p) => p.code)).toEqual(["P-2"]);
    expect(d.notRecorded.plan).toEqual(expect.arrayContaining(["organisationId", "summaryVi"]));
    expect(d.notRecorded.project).toEqual(
      expect.arrayContaining(["domain", "budgetTotal", "strategyNodeIds"]),
    );
    expect(d.notRecorded.project).not.toContain("titleVi");
  });

  it("accepts JSON text, objects, garbage and null", () => {
    const a = snapshot([project("P-1")]);
    expect(diffSnapshots(JSON.stringify(a), a).identical).toBe(true);
    const fromNothing = diffSnapshots(null, a);
    expect(fromNothing.added.map((p) => p.code)).toEqual(["P-1"]);
    expect(fromNothing.notRecorded.plan).toEqual([...PLAN_DIFF_FIELDS]);
    expect(diffSnapshots("{not json", "[]").identical).toBe(true);
  });

  it("shows fields it does not know after the known ones, alphabetically", () => {
    const a = { plan: { code: "X", zeta: 1, alpha: "a" }, projects: [] };
    const b = { plan: { code: "Y", zeta: 2, alpha: "b" }, projects: [] };
    expect(diffSnapshots(a, b).plan.map((c) => c.field)).toEqual(["code", "alpha", "zeta"]);
  });

  it("keys projects without a code by id, and keeps duplicates visible", () => {
    const a = { plan: {}, projects: [{ id: 5, titleVi: "A" }] };
    const b = {
      plan: {},
      projects: [
        { id: 5, titleVi: "B" },
        { code: "Q", titleVi: "x" },
        { code: "Q", titleVi: "y" },
      ],
    };
    const d = diffSnapshots(a, b);
    expect(d.changed.map((p) => p.key)).toEqual(["#5"]);
    expect(d.added).toHaveLength(2);
  });

  it("knows every reviewable project field of the snapshot format", () => {
    const keys = Object.keys(project("P-1")).filter((k) => k !== "id" && k !== "code");
    expect([...PROJECT_DIFF_FIELDS].sort()).toEqual(keys.sort());
  });
});

describe("readSnapshot", () => {
  it("keeps scalars and lists, stringifies nested objects, drops non-records", () => {
    const s = readSnapshot({
      plan: { a: 1, b: { c: 2 }, d: [1, "x", { y: 1 }] },
      projects: [1, { code: "P" }],
    });
    expect(s.plan).toEqual({ a: 1, b: '{"c":2}', d: [1, "x"] });
    expect(s.projects).toEqual([{ code: "P" }]);
  });
});
