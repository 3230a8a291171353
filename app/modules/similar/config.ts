/** Thresholds of the similar-proposals check (pure; one place to tune them). */
export const SIMILAR_CONFIG = {
  /** At most this many matches are shown for one proposal. */
  maxResults: 8,
  /**
   * At plan submission a match needs a decision when its score reaches this
   * threshold. same_project: the demo's planted double submissions score
   * 0.706 (English copy) to 1.0, while a generic project of the same type in
   * the same province (a new smart-lighting pilot beside an existing lighting
   * project) scores about 0.58-0.62; 0.65 separates the two. same_solution:
   * only a close copy, since every province proposes the common solutions and
   * each would otherwise need a decision.
   */
  decisionThreshold: { same_project: 0.65, same_solution: 0.85 },
  /** At most this many matches per project need a decision (the strongest). */
  maxDecisionsPerProject: 3,
  /** Shared terms shown in an explanation. */
  explanationTerms: 6,
  /**
   * Where stale read models are allowed (production, ADR 0015), the lists shown beside a form may
   * use a corpus this old after other projects' edits (the edited project itself is always matched
   * as it is now; checks always use a current corpus): rebuilding it for 20,000 projects takes
   * ≈ 0.4 s on the one event loop.
   */
  corpusMaxStaleMs: 10_000,
} as const;
