import { describe, expect, it } from "vitest";
import { FLAG_CONFIG } from "~/modules/flags/config";
import {
  addDaysIso,
  costOverrun,
  evaluateProject,
  evaluateProvinces,
  fingerprintOf,
  idleAllocation,
  onPremiseHardware,
  overlappingApp,
  personalDataNoSecurity,
  privatePersonalData,
  replicationBeforeEvaluation,
  stalledSpending,
  zombieProject,
  type ProjectFacts,
  type ProvinceFacts,
  type RuleContext,
} from "~/modules/flags/rules";
import messages from "~/i18n/messages/flags";

const asOf = "2026-11-26";
const ctx: RuleContext = {
  asOf,
  apps: [
    { id: 1, nameVi: "VNeID – Ứng dụng định danh điện tử quốc gia", scope: "national", status: "live" },
    { id: 2, nameVi: "Cổng Dịch vụ công quốc gia", scope: "national", status: "live" },
    { id: 3, nameVi: "eTax Mobile", scope: "national", status: "live" },
  ],
};

/** A healthy, busy pilot: no rule fires. */
const base = (over: Partial<ProjectFacts> = {}): ProjectFacts => ({
  id: 7,
  code: "HCM-2025-001",
  organisationId: 3,
  planId: 11,
  phase: "pilot",
  hostingModel: "government_cloud",
  hardwareCapex: 0,
  handlesPersonalData: false,
  operatorType: "government_agency",
  operatorName: "Sở KH&CN",
  citizenAppName: null,
  components: ["ioc"],
  startDate: "2025-03-01",
  updatedAt: Date.parse("2026-11-01T00:00:00Z"),
  approved: 10_000_000_000,
  disbursed: 6_000_000_000,
  mostRaisedLine: null,
  hardwareApproved: 0,
  hasSecurityLine: true,
  yearApproved: 4_000_000_000,
  yearDisbursed: 3_000_000_000,
  recentDisbursed: 500_000_000,
  recentDisbursements: 2,
  lastDisbursementDate: "2026-11-10",
  lastTransactionDate: "2026-11-10",
  oldestOverdueMilestone: null,
  lastMilestoneActivity: "2026-10-01",
  lastPhaseChange: "2025-06-01",
  source: null,
  ...over,
});

describe("a healthy project", () => {
  it("raises nothing", () => {
    expect(evaluateProject(base(), ctx)).toEqual([]);
  });
});

describe("stalled spending", () => {
  const overdue = (days: number) => ({ id: 5, name: "Nghiệm thu", dueDate: addDaysIso(asOf, -days) });
  it("fires on recent money with a milestone 91 days overdue", () => {
    const f = stalledSpending(base({ oldestOverdueMilestone: overdue(91) }), ctx);
    expect(f?.rule).toBe("stalled_spending");
    expect(f?.evidence).toMatchObject({ milestoneId: 5, overdueDays: 91, recentDisbursed: 500_000_000 });
    expect(f?.moneyAtStake).toBe(500_000_000);
  });
  it("stays quiet at 90 days overdue, or with no recent money", () => {
    expect(stalledSpending(base({ oldestOverdueMilestone: overdue(90) }), ctx)).toBeNull();
    expect(stalledSpending(base({ oldestOverdueMilestone: overdue(89) }), ctx)).toBeNull();
    expect(
      stalledSpending(base({ oldestOverdueMilestone: overdue(200), recentDisbursed: 0, recentDisbursements: 0 }), ctx),
    ).toBeNull();
  });
});

describe("cost overrun", () => {
  it("fires when disbursed exceeds approved", () => {
    const f = costOverrun(base({ disbursed: 11_000_000_000 }), ctx);
    expect(f?.severity).toBe("high");
    expect(f?.moneyAtStake).toBe(1_000_000_000);
    expect(f?.explanationKey).toBe("rule.cost_overrun.explanation.spent");
  });
  it("fires when a line was raised more than 20 %", () => {
    const f = costOverrun(
      base({ mostRaisedLine: { id: 9, fiscalYear: 2025, original: 1_000_000_000, approved: 1_201_000_000, revisions: 2 } }),
      ctx,
    );
    expect(f?.severity).toBe("medium");
    expect(f?.evidence).toMatchObject({ budgetLineId: 9, raisedPct: 20.1, revisions: 2 });
    expect(f?.moneyAtStake).toBe(201_000_000);
  });
  it("stays quiet at spent = approved and at 19.9 % / exactly 20 %", () => {
    expect(costOverrun(base({ disbursed: 10_000_000_000 }), ctx)).toBeNull();
    for (const approved of [1_199_000_000, 1_200_000_000]) {
      expect(
        costOverrun(base({ mostRaisedLine: { id: 9, fiscalYear: 2025, original: 1_000_000_000, approved, revisions: 1 } }), ctx),
      ).toBeNull();
    }
  });
});

describe("idle allocation", () => {
  it("fires late in the year on a low disbursement rate", () => {
    const f = idleAllocation(base({ yearApproved: 10_000_000_000, yearDisbursed: 1_000_000_000 }), ctx);
    expect(f?.evidence).toMatchObject({ fiscalYear: 2026, ratePct: 10 });
    expect(f?.moneyAtStake).toBe(9_000_000_000);
  });
  it("stays quiet before the month, at the threshold rate, on small allocations and on proposals", () => {
    const idle = { yearApproved: 10_000_000_000, yearDisbursed: 1_000_000_000 };
    expect(idleAllocation(base(idle), { ...ctx, asOf: "2026-09-30" })).toBeNull();
    expect(idleAllocation(base({ ...idle, yearDisbursed: 2_000_000_000 }), ctx)).toBeNull();
    expect(idleAllocation(base({ yearApproved: 999_000_000, yearDisbursed: 0 }), ctx)).toBeNull();
    expect(idleAllocation(base({ ...idle, phase: "proposed" }), ctx)).toBeNull();
  });
});

describe("on-premise hardware", () => {
  const big = { hostingModel: "on_premise" as const, hardwareCapex: FLAG_CONFIG.onPremiseMinCapex };
  it("fires on own hardware at the threshold", () => {
    expect(onPremiseHardware(base(big), ctx)?.moneyAtStake).toBe(FLAG_CONFIG.onPremiseMinCapex);
    expect(onPremiseHardware(base({ hostingModel: "on_premise", hardwareApproved: 80_000_000_000 }), ctx)).not.toBeNull();
  });
  it("stays quiet on cloud hosting, small hardware, or before shared cloud existed", () => {
    expect(onPremiseHardware(base({ ...big, hostingModel: "government_cloud" }), ctx)).toBeNull();
    expect(onPremiseHardware(base({ ...big, hardwareCapex: FLAG_CONFIG.onPremiseMinCapex - 1 }), ctx)).toBeNull();
    expect(onPremiseHardware(base({ ...big, startDate: "2021-06-01" }), ctx)).toBeNull();
  });
});

describe("overlapping citizen app", () => {
  const app = { citizenAppName: "Đà Nẵng Smart", components: ["citizen-app", "e-id", "public-services", "e-payment"] };
  it("fires when the app rebuilds VNeID and the national portal", () => {
    const f = overlappingApp(base(app), ctx);
    expect(f?.evidence.overlapsAppIds).toEqual([1, 2]);
  });
  it("stays quiet with one shared feature, no app, or when the national app is retired", () => {
    expect(overlappingApp(base({ ...app, components: ["citizen-app", "public-services", "feedback"] }), ctx)).toBeNull();
    expect(overlappingApp(base({ components: ["e-id", "public-services"] }), ctx)).toBeNull();
    expect(
      overlappingApp(base(app), { ...ctx, apps: ctx.apps.map((a) => (a.id === 1 ? { ...a, status: "retired" as const } : a)) }),
    ).toBeNull();
  });
});

describe("personal data", () => {
  it("fires on a private contractor, quiet for a government operator", () => {
    const pd = { handlesPersonalData: true, operatorType: "private_contractor" as const, operatorName: "FPT" };
    expect(privatePersonalData(base(pd))?.evidence.operator).toBe("FPT");
    expect(privatePersonalData(base({ ...pd, operatorType: "government_agency" }))).toBeNull();
    expect(privatePersonalData(base({ ...pd, operatorType: "state_owned_enterprise" }))).toBeNull();
    expect(privatePersonalData(base({ ...pd, handlesPersonalData: false }))).toBeNull();
  });
  it("fires without a security line, quiet with one", () => {
    expect(personalDataNoSecurity(base({ handlesPersonalData: true, hasSecurityLine: false }))).not.toBeNull();
    expect(personalDataNoSecurity(base({ handlesPersonalData: true, hasSecurityLine: true }))).toBeNull();
    expect(personalDataNoSecurity(base({ handlesPersonalData: false, hasSecurityLine: false }))).toBeNull();
  });
});

describe("replication before evaluation", () => {
  const src = { id: 2, code: "DNG-2024-003", phase: "pilot" as const, evaluatedOn: null };
  it("fires when the source is still a pilot, or was evaluated after the replica started", () => {
    expect(replicationBeforeEvaluation(base({ source: src }), ctx)?.evidence.source).toBe("DNG-2024-003");
    expect(
      replicationBeforeEvaluation(base({ source: { ...src, phase: "evaluation", evaluatedOn: "2025-06-01" } }), ctx),
    ).not.toBeNull();
  });
  it("stays quiet when the source was evaluated before the replica started", () => {
    expect(
      replicationBeforeEvaluation(base({ source: { ...src, phase: "scaling", evaluatedOn: "2025-02-28" } }), ctx),
    ).toBeNull();
    expect(replicationBeforeEvaluation(base({ source: null }), ctx)).toBeNull();
  });
});

describe("zombie project", () => {
  const quiet = (days: number) => {
    const d = addDaysIso(asOf, -days);
    return {
      lastTransactionDate: d,
      lastDisbursementDate: d,
      lastMilestoneActivity: d,
      lastPhaseChange: d,
      updatedAt: Date.parse(`${d}T00:00:00Z`),
    };
  };
  it("fires after 181 quiet days in an active phase", () => {
    const f = zombieProject(base(quiet(181)), ctx);
    expect(f?.evidence).toMatchObject({ idleDays: 181, remaining: 4_000_000_000 });
  });
  it("stays quiet at 180 days, with one recent event, or when not active", () => {
    expect(zombieProject(base(quiet(180)), ctx)).toBeNull();
    expect(zombieProject(base({ ...quiet(400), lastMilestoneActivity: addDaysIso(asOf, -10) }), ctx)).toBeNull();
    expect(zombieProject(base({ ...quiet(400), phase: "operational" }), ctx)).toBeNull();
    expect(zombieProject(base({ ...quiet(400), phase: "proposed" }), ctx)).toBeNull();
  });
});

describe("province left out", () => {
  const prov = (code: string, over: Partial<ProvinceFacts> = {}): ProvinceFacts => ({
    organisationId: code.length,
    code,
    nameVi: code,
    population: 1_000_000,
    disadvantaged: false,
    approvedProjects: 10,
    approvedBudget: 100_000_000_000,
    ...over,
  });
  it("fires on a province with no approved project, and on a far-below-median disadvantaged one", () => {
    const list = [
      prov("P-A"),
      prov("P-BB"),
      prov("P-CCC"),
      prov("P-DDDD", { approvedProjects: 0, approvedBudget: 0 }),
      prov("P-EEEEE", { disadvantaged: true, approvedProjects: 2, approvedBudget: 24_000_000_000 }),
    ];
    const found = evaluateProvinces(list);
    expect(found.map((f) => f.evidence.province).sort()).toEqual(["P-DDDD", "P-EEEEE"]);
    expect(found.find((f) => f.evidence.province === "P-DDDD")?.explanationKey).toBe("rule.province_left_out.explanation.none");
  });
  it("stays quiet just above the threshold, or when the low province is not disadvantaged", () => {
    const list = [
      prov("P-A"),
      prov("P-BB"),
      prov("P-CCC"),
      prov("P-EEEEE", { disadvantaged: true, approvedProjects: 3, approvedBudget: 25_000_000_000 }),
      prov("P-FFFFFF", { disadvantaged: false, approvedProjects: 1, approvedBudget: 1_000_000_000 }),
    ];
    expect(evaluateProvinces(list)).toEqual([]);
  });
});

describe("province left out: few projects", () => {
  const prov = (code: string, n: number, disadvantaged = true): ProvinceFacts => ({
    organisationId: code.length,
    code,
    nameVi: code,
    population: 1_000_000,
    disadvantaged,
    approvedProjects: n,
    approvedBudget: 100_000_000_000,
  });
  it("fires on a disadvantaged province with fewer than a quarter of the median count", () => {
    const found = evaluateProvinces([prov("P-A", 8), prov("P-BB", 8), prov("P-CCC", 8), prov("P-DDDD", 1)]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      explanationKey: "rule.province_left_out.explanation.few",
      evidence: { province: "P-DDDD", approvedProjects: 1, nationalMedianProjects: 8 },
    });
  });
  it("stays quiet at a quarter of the median, or outside disadvantaged regions", () => {
    expect(evaluateProvinces([prov("P-A", 8), prov("P-BB", 8), prov("P-CCC", 8), prov("P-DDDD", 2)])).toEqual([]);
    expect(evaluateProvinces([prov("P-A", 8), prov("P-BB", 8), prov("P-CCC", 8), prov("P-DDDD", 1, false)])).toEqual([]);
  });
});

describe("fingerprints and messages", () => {
  it("is rule + subject, stable across evidence", () => {
    const a = costOverrun(base({ disbursed: 11_000_000_000 }), ctx)!;
    const b = costOverrun(base({ disbursed: 12_000_000_000 }), ctx)!;
    expect(fingerprintOf(a)).toBe(fingerprintOf(b));
    expect(fingerprintOf(a)).toBe("cost_overrun:project:7");
  });
  it("has a title and explanation in both languages for every key a rule emits", () => {
    const keys = Object.keys(messages.vi);
    expect(Object.keys(messages.en).sort()).toEqual([...keys].sort());
    const all = [
      costOverrun(base({ disbursed: 11_000_000_000 }), ctx)!,
      stalledSpending(base({ oldestOverdueMilestone: { id: 1, name: "x", dueDate: "2026-01-01" } }), ctx)!,
    ];
    for (const f of all) {
      expect(keys).toContain(f.titleKey);
      expect(keys).toContain(f.explanationKey);
    }
  });
});
