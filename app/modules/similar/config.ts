/** Thresholds of the similar-proposals check (pure; one place to tune them). */
export const SIMILAR_CONFIG = {
  /** At most this many matches are shown for one proposal. */
  maxResults: 8,
  /**
   * At plan submission a match needs a decision when its score reaches this
   * threshold (same_project a little above the dedupe threshold (0.5), so a clear double submission needs one;
   * same_solution only when it is close, since every province proposes the
   * common solutions and each would otherwise need a decision).
   */
  decisionThreshold: { same_project: 0.6, same_solution: 0.85 },
  /** At most this many matches per project need a decision (the strongest). */
  maxDecisionsPerProject: 3,
  /** Shared terms shown in an explanation. */
  explanationTerms: 6,
} as const;
