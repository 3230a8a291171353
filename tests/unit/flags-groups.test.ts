import { describe, expect, it } from "vitest";
import {
  assignFingerprints,
  cliqueGroups,
  groupFinding,
  linkedGroups,
  livePair,
  moneyBeyondOne,
  readableTerm,
  sharedTermsOf,
  type GroupMember,
} from "~/modules/flags/groups";

const member = (projectId: number, over: Partial<GroupMember> = {}): GroupMember => ({
  projectId,
  code: `HCM-2026-${String(projectId).padStart(3, "0")}`,
  organisationId: 100 + projectId,
  province: "P-HCM",
  provinceName: "Thành phố Hồ Chí Minh",
  phase: "proposed",
  approved: 0,
  startDate: "2026-01-01",
  endDate: "2028-12-31",
  ...over,
});

describe("same_project groups", () => {
  it("do not chain look-alikes: a joins b's group only if it pairs with every member", () => {
    // 0–1 and 1–2 are pairs, 0–2 is not: two groups, not one chain of three.
    const groups = cliqueGroups(4, [
      { i: 0, j: 1, score: 0.9 },
      { i: 1, j: 2, score: 0.8 },
    ]);
    expect(groups).toEqual([[0, 1]]);
    // A full triangle is one group; 3 stays alone.
    expect(
      cliqueGroups(4, [
        { i: 0, j: 1, score: 0.9 },
        { i: 1, j: 2, score: 0.8 },
        { i: 0, j: 2, score: 0.7 },
      ]),
    ).toEqual([[0, 1, 2]]);
  });

  it("the strongest pair wins when a proposal could join two groups", () => {
    const groups = cliqueGroups(4, [
      { i: 0, j: 1, score: 0.6 },
      { i: 1, j: 2, score: 0.95 },
      { i: 2, j: 3, score: 0.9 },
    ]);
    expect(groups).toEqual([[1, 2]]);
  });

  it("average linkage of one half joins a copy paired with part of a group, but stops a chain", () => {
    // 0–1 strong, 2 pairs with 1 only: half of the pairs between {0,1} and {2} → one group.
    expect(
      linkedGroups(
        5,
        [
          { i: 0, j: 1, score: 0.9 },
          { i: 1, j: 2, score: 0.7 },
        ],
        0.5,
      ),
    ).toEqual([[0, 1, 2]]);
    // A chain 0–1–2–3: 3 pairs with 2 only, a third of {0,1,2} → stays out.
    expect(
      linkedGroups(
        5,
        [
          { i: 0, j: 1, score: 0.9 },
          { i: 1, j: 2, score: 0.8 },
          { i: 2, j: 3, score: 0.7 },
        ],
        0.5,
      ),
    ).toEqual([[0, 1, 2]]);
    // The size limit.
    expect(linkedGroups(5, [{ i: 0, j: 1, score: 0.9 }, { i: 1, j: 2, score: 0.8 }, { i: 0, j: 2, score: 0.8 }], 0.5, 2)).toEqual([[0, 1]]);
  });

  it("only live proposals pair: a finished project or a period that does not overlap is a successor, not a double", () => {
    expect(livePair(member(1), member(2))).toBe(true);
    expect(livePair(member(1, { phase: "operational" }), member(2))).toBe(false);
    expect(livePair(member(1, { endDate: "2025-12-31" }), member(2))).toBe(false);
    expect(livePair(member(1, { startDate: null, endDate: null }), member(2))).toBe(true);
  });
});

describe("group findings", () => {
  it("money at stake is what the group costs beyond its largest member", () => {
    expect(moneyBeyondOne([{ approved: 10 }, { approved: 30 }, { approved: 5 }])).toBe(15);
    expect(moneyBeyondOne([{ approved: 7 }])).toBe(0);
  });

  it("carries members, provinces, money, severity and a readable explanation", () => {
    const f = groupFinding(
      "same_project",
      [member(5, { approved: 8e9, phase: "approved" }), member(3, { approved: 2e9, phase: "pilot" })],
      { types: ["ioc"], sharedTerms: ["#ioc", "dieu hanh"], minScore: 0.8, maxScore: 0.8 },
    );
    expect(f.memberIds).toEqual([3, 5]);
    expect(f.severity).toBe("high");
    expect(f.moneyAtStake).toBe(2e9);
    expect(f.organisationId).toBe(105);
    expect(f.evidence).toMatchObject({ count: 2, provinces: ["P-HCM"], termList: "IOC, dieu hanh" });
    expect(f.defaultFingerprint).toBe("same_project:group:3");
    const proposals = groupFinding("same_project", [member(1), member(2)], {
      types: [],
      sharedTerms: [],
      minScore: 0.7,
      maxScore: 0.7,
    });
    expect(proposals.severity).toBe("medium");
  });

  it("same_solution is keyed by its solution type and high from ten provinces", () => {
    const ms = Array.from({ length: 10 }, (_, k) => member(k + 1, { province: `P-${"ABCDEFGHIJ"[k]}` }));
    const f = groupFinding("same_solution", ms, { types: ["ioc"], sharedTerms: [], minScore: 0.7, maxScore: 0.9 });
    expect(f.defaultFingerprint).toBe("same_solution:group:ioc");
    expect(f.severity).toBe("high");
    expect(groupFinding("same_solution", ms.slice(0, 9), { types: ["ioc"], sharedTerms: [], minScore: 0.7, maxScore: 0.9 }).severity).toBe(
      "medium",
    );
  });

  it("readable terms: concept marks dropped, acronyms in capitals", () => {
    expect(readableTerm("#ioc")).toBe("IOC");
    expect(readableTerm("#citizen-app")).toBe("citizen app");
    expect(readableTerm("#air")).toBe("air");
    expect(readableTerm("giam sat")).toBe("giam sat");
  });

  it("shared terms are those every member has, strongest first", () => {
    const docs = [
      { terms: [1, 2, 3], weights: [0.5, 0.3, 0.2] },
      { terms: [1, 3, 4], weights: [0.6, 0.1, 0.3] },
    ];
    expect(sharedTermsOf(docs, ["a", "b", "c", "d", "e"])).toEqual(["b", "d"]);
  });
});

describe("fingerprints survive membership changes", () => {
  const g = (ids: number[], rule: "same_project" | "same_solution" = "same_project") =>
    groupFinding(rule, ids.map((id) => member(id)), { types: [], sharedTerms: [], minScore: 0.7, maxScore: 0.7 });

  it("a group that gains or loses a member keeps its stored fingerprint", () => {
    const stored = [{ id: 1, fingerprint: "same_project:group:10", rule: "same_project", memberIds: [10, 11, 12] }];
    expect(assignFingerprints([g([10, 11, 12, 13])], stored)).toEqual(["same_project:group:10"]);
    expect(assignFingerprints([g([11, 12])], stored)).toEqual(["same_project:group:10"]);
  });

  it("a group sharing less than half of its members with the stored one is new", () => {
    const stored = [{ id: 1, fingerprint: "same_project:group:10", rule: "same_project", memberIds: [10, 11, 12, 13] }];
    expect(assignFingerprints([g([13, 20])], stored)).toEqual(["same_project:group:13"]);
  });

  it("a split keeps the fingerprint on the larger part; the other gets a fresh one even if its default is taken", () => {
    const stored = [{ id: 1, fingerprint: "same_project:group:10", rule: "same_project", memberIds: [10, 11, 12, 13, 14] }];
    const fps = assignFingerprints([g([10, 11]), g([12, 13, 14])], stored);
    expect(fps[1]).toBe("same_project:group:10");
    expect(fps[0]).toBe("same_project:group:10:2");
  });

  it("rules do not share fingerprints", () => {
    const stored = [{ id: 1, fingerprint: "same_project:group:10", rule: "same_project", memberIds: [10, 11] }];
    expect(assignFingerprints([g([10, 11], "same_solution")], stored)).toEqual(["same_solution:group:10"]);
  });
});
