/** Every threshold and weight of duplicate detection, in one place. */
export const DEDUPE_CONFIG = {
  /** Field weights when building term vectors. */
  fieldWeight: { title: 2, components: 1.5, description: 1 },
  /** Extra weight of a concept term (IOC, LGSP, camera…) over a plain syllable. */
  conceptBoost: 1.5,
  /** Weight of a syllable pair relative to a syllable. */
  bigramWeight: 1,
  /** Weight of the `domain` field as a term. */
  domainWeight: 0.5,
  /** Type classifier: minimum score and share of the best score for a primary type. */
  typeMinScore: 1.5,
  typeRatio: 0.75,

  sameProject: {
    /** score = typeWeight·typeAgreement + (1 − typeWeight)·textSimilarity (+ city bonus). */
    typeWeight: 0.5,
    /** Minimum text similarity when the types agree. */
    minText: 0.12,
    /** Minimum text similarity when neither proposal has a recognised type. */
    minTextUntyped: 0.55,
    /** Same city named on both: bonus; two different cities: penalty. */
    sameCityBonus: 0.05,
    differentCityPenalty: 0.15,
    threshold: 0.5,
    /**
     * Minimum similarity of the titles alone (tf·idf over titles), unless both
     * titles alone are classified as the same solution type(s), or the whole
     * texts are nearly identical (`minTextWithoutTitle`).
     */
    minTitle: 0.4,
    minTextWithoutTitle: 0.9,
  },
  sameSolution: {
    typeWeight: 0.6,
    minText: 0.04,
    threshold: 0.6,
  },

  candidates: {
    /** A type block up to this size is compared pair by pair (inverted index of the block); above it, pairs within one place plus MinHash LSH across places. */
    blockLimit: 5000,
    /** MinHash: bands × rows hash functions. */
    bands: 16,
    rows: 1,
    seed: 0x9e3779b9,
  },
} as const;

export type DedupeConfig = typeof DEDUPE_CONFIG;
