/**
 * Thresholds of the wasted-spending rules, in one place. Money is integer VND,
 * periods in days, rates as fractions (0.2 = 20 %).
 */
export const FLAG_CONFIG = {
  /** Stalled spending: disbursed within this window… */
  stalledRecentDays: 90,
  /** …while a milestone is overdue by more than this. */
  stalledOverdueDays: 90,
  /** Cost overrun: an approved line raised by more than this fraction over its original amount. */
  overrunRaisedFraction: 0.2,
  /** Idle allocation: from this month (1–12) of the fiscal year… */
  idleFromMonth: 10,
  /** …a current-year allocation of at least this size… */
  idleMinApproved: 1_000_000_000,
  /** …with less than this fraction disbursed. */
  idleMaxRate: 0.2,
  /** On-premise: hardware capex (or hardware budget lines) at least this large. */
  onPremiseMinCapex: 50_000_000_000,
  /** Shared government cloud available for new hosting from this date. */
  sharedCloudAvailableFrom: "2022-01-01",
  /**
   * Citizen-app overlap: components of a provincial app that duplicate a
   * national app (matched by a name fragment in the app register).
   */
  appOverlaps: [
    { component: "e-id", appName: "VNeID" },
    { component: "public-services", appName: "Dịch vụ công quốc gia" },
  ],
  /** Overlapping functions needed to raise the flag (one shared feature is normal). */
  appOverlapMinFunctions: 2,
  /** Zombie: active and nothing happened in this many days. */
  zombieDays: 180,
  /** Province left out: per-capita approved budget below this fraction of the national median… */
  perCapitaFractionOfMedian: 0.25,
  /** …or fewer approved projects than this fraction of the national median count. */
  projectCountFractionOfMedian: 0.25,
  /** Phases in which a project is being delivered. */
  activePhases: ["approved", "pilot", "evaluation", "scaling"],
  /** Phases that count as "the province has an approved project". */
  approvedPhases: ["approved", "pilot", "evaluation", "scaling", "operational"],
  /** Phases that mean the source pilot has finished its evaluation (or gone beyond). */
  evaluatedPhases: ["evaluation", "scaling", "operational"],
  /** Duplicate groups: a proposal in one of these phases is finished, not proposed again (same_project). */
  groupFinishedPhases: ["operational", "cancelled"],
  /** same_project groups merge when at least this share of the pairs between them were reported… */
  sameProjectLinkage: 0.5,
  /** …up to this many members. */
  sameProjectMaxGroup: 20,
  /** same_solution is high severity from this many provinces building the same solution. */
  sameSolutionHighProvinces: 10,
  /** Members and provinces named in a group flag's explanation (all are in its evidence). */
  groupMembersInExplanation: 6,
} as const;

export type FlagConfig = typeof FLAG_CONFIG;
