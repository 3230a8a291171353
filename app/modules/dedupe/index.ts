/** Duplicate and overlap detection (pure TypeScript). See docs/dedupe.md. */
export { DEDUPE_CONFIG, type DedupeConfig } from "./config";
export {
  ClusterBuilder,
  compareIds,
  describeProposal,
  detectDuplicates,
  forEachCandidate,
  forEachDuplicate,
  forEachPairNaive,
  prepareCorpus,
  scanDuplicates,
  scorePair,
  sharedLabels,
  streamDuplicates,
  type Corpus,
  type DetectResult,
  type DuplicatePair,
  type Explanation,
  type PairKind,
  type PairScore,
  type Proposal,
  type ProposalId,
  type SolutionCluster,
} from "./detect";
export { createAnalyser, normaliseText, syllables, type AnalysedText } from "./normalise";
export { createPlaceResolver, defaultPlaceResolver, type PlaceResolver, type ResolvedPlace } from "./place";
export { classify, SOLUTION_TYPES } from "./solution-types";
export { evaluate, expectedPairs, type KindScore, type LabelledProposal } from "./evaluate";
