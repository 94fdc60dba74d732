/**
 * Entity-resolution matching core (pure, no database). See
 * docs/decisions/0005-entity-resolution.md for the design and its reasons.
 */
import {
  clusterPairs as clusterScored,
  type ClusterConstraints,
  type Clustering,
  type WeightThresholds,
} from './cluster';
import { explainPair } from './explain';
import { logit2, type Model, type Thresholds } from './model';
import { generateCandidates, toStore, type RecordsOrStore } from './pipeline';
import { scoreStorePairs, type ScoreResult } from './score';
import { candidateRows, trainOnStore, type TrainOptions } from './train';
import type { BlockingOptions, BlockingRule } from './blocking';
import { DEFAULT_RULES } from './blocking';
import type { PairList, ScoredPairs } from './types';

export type * from './types';
export type {
  Model,
  ComparisonParams,
  TfTable,
  Thresholds,
  TrainingInfo,
  TrainingSession,
} from './model';
export { MODEL_VERSION, DEFAULT_THRESHOLDS, probabilityOf, logit2, Scorer } from './model';
export { RecordStore } from './store';
export { BlockingIndex, DEFAULT_RULES, NAME_BLOCK_CAP, TIGHT_BLOCK_CAP, DEFAULT_BLOCKING, GrowInt, groupByFirst, sharedCopy, sharedInt32 } from './blocking';
export { chunkCount, claimChunks, sharedCounter, shareInts } from './rows';
export type { BlockingRule, BlockingOptions, CandidatePairs, RuleReport } from './blocking';
export { COMPARISONS } from './comparisons';
export type { ComparisonDef, LevelInfo } from './comparisons';
export type { Clustering, ClusterConstraints, ReviewItem, WeightThresholds } from './cluster';
export type { ScoreResult } from './score';
export type { TrainOptions };
export {
  generateCandidates,
  resolveRecords,
  type ResolveOptions,
  type ResolveResult,
  type CandidateResult,
} from './pipeline';
export { MatchIndex, matchNewRecords, type NewRecordMatches } from './incremental';
export { MatchWorker, resolveRecordsParallel, scoreParallel, type ParallelScores } from './parallel';
export { MatchJobs, type MatchJob, type MatchReply } from './worker-jobs';
export { explainPair };
export { identifierEvidence, identifiersForbid, PROVEN_BITS } from './deterministic';

export interface TrainModelOptions extends TrainOptions {
  rules: readonly BlockingRule[];
  blocking: Partial<BlockingOptions>;
}

/** Unsupervised training (no labels): blocks the records, then u from random pairs, m by EM. */
export function trainModel(records: RecordsOrStore, opts: Partial<TrainModelOptions> = {}): Model {
  const { rules = DEFAULT_RULES, blocking = {}, ...train } = opts;
  const cand = generateCandidates(records, rules, blocking);
  const rows = candidateRows(cand.store, cand.pairs);
  return trainOnStore(cand.store, cand.index, cand.pairs, rows, {
    crossSourceOnly: blocking.crossSourceOnly ?? false,
    ...train,
  });
}

/** Scores candidate pairs (positions into `records`) with a trained model. */
export function scorePairs(
  model: Model,
  records: RecordsOrStore,
  candidatePairs: PairList,
): ScoreResult {
  return scoreStorePairs(model, toStore(records), candidatePairs);
}

/** Converts model thresholds and prior (probabilities) to the weight bars clustering uses. */
export function weightThresholds(t: Thresholds, prior?: number): WeightThresholds {
  return { match: logit2(t.match), review: logit2(t.review), ...(prior !== undefined ? { prior: logit2(prior) } : {}) };
}

/** Scored pairs → entities, coherently (see cluster.ts); thresholds and prior are probabilities. */
export function clusterPairs(
  pairs: ScoredPairs,
  thresholds: Thresholds,
  constraints: ClusterConstraints = {},
  prior?: number,
): Clustering {
  return clusterScored(pairs, weightThresholds(thresholds, prior), constraints);
}
