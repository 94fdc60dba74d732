import {
  BlockingIndex,
  DEFAULT_BLOCKING,
  DEFAULT_RULES,
  type BlockingOptions,
  type BlockingRule,
  type RuleReport,
} from './blocking';
import { clusterPairs, type Clustering } from './cluster';
import { identifiersForbid } from './deterministic';
import { logit2, Scorer, type Model } from './model';
import { scoreStorePairs, type ScoreResult } from './score';
import { RecordStore } from './store';
import type { ComparisonRows } from './rows';
import { candidateRows, trainOnStore, type CandidateBlocking, type TrainingRows, type TrainOptions } from './train';
import type { CandidatePairs } from './blocking';
import type { MatchRecord } from './types';

export type RecordsOrStore = readonly MatchRecord[] | RecordStore;

export function toStore(input: RecordsOrStore): RecordStore {
  if (input instanceof RecordStore) return input;
  const store = new RecordStore();
  store.add(input);
  return store;
}

export interface CandidateResult {
  store: RecordStore;
  index: BlockingIndex;
  pairs: CandidatePairs;
  /** Per rule: blocks, blocks over the cap (skipped, with the pairs they would have given). */
  report: RuleReport[];
}

/** Candidate pairs from the union of blocking rules, with every capped block reported. */
export function generateCandidates(
  input: RecordsOrStore,
  rules: readonly BlockingRule[] = DEFAULT_RULES,
  options: Partial<BlockingOptions> = {},
): CandidateResult {
  const store = toStore(input);
  const index = new BlockingIndex(store, rules, { ...DEFAULT_BLOCKING, ...options });
  index.add();
  const { pairs, report } = index.candidates(0);
  return { store, index, pairs, report };
}

export interface ResolveOptions {
  rules: readonly BlockingRule[];
  blocking: Partial<BlockingOptions>;
  train: Partial<TrainOptions>;
  /** Use this model instead of training one. */
  model?: Model;
  /** Override the coherence bars of clustering (bits). */
  minAverage?: number;
  minPair?: number;
}

export interface ResolveResult {
  store: RecordStore;
  model: Model;
  candidates: CandidateResult;
  scored: ScoreResult;
  clustering: Clustering;
  timings: Record<string, number>;
}

/** Wall-clock laps per stage, in milliseconds. */
export function stopwatch(timings: Record<string, number>): (name: string) => void {
  let t = performance.now();
  return (name) => {
    const now = performance.now();
    timings[name] = now - t;
    t = now;
  };
}

/** Whole-batch resolution: block, train (unless given a model), score, cluster. */
export function resolveRecords(
  input: RecordsOrStore,
  options: Partial<ResolveOptions> = {},
): ResolveResult {
  const timings: Record<string, number> = {};
  const lap = stopwatch(timings);
  const store = toStore(input);
  lap('prepare');
  const candidates = generateCandidates(
    store,
    options.rules ?? DEFAULT_RULES,
    options.blocking ?? {},
  );
  lap('block');
  const rows = candidateRows(store, candidates.pairs);
  lap('compare');
  return finishResolve(store, candidates, rows, options, timings, lap);
}

/**
 * Trains a model on candidates (`rows` are theirs, in their order) that `blocking` proposed, as
 * resolveRecords does.
 */
export function trainOnCandidates(
  store: RecordStore,
  blocking: CandidateBlocking,
  pairs: CandidatePairs,
  rows: ComparisonRows,
  options: Partial<ResolveOptions>,
  pre?: TrainingRows,
): Model {
  const crossSourceOnly = options.blocking?.crossSourceOnly ?? false;
  return trainOnStore(
    store,
    blocking,
    pairs,
    rows,
    { crossSourceOnly, ...options.train },
    undefined,
    pre,
  );
}

/** Train (unless a model is given), score from precomputed rows, and cluster. */
export function finishResolve(
  store: RecordStore,
  candidates: CandidateResult,
  rows: ComparisonRows,
  options: Partial<ResolveOptions>,
  timings: Record<string, number>,
  lap: (name: string) => void,
  /** Training pairs' rows computed elsewhere (a worker), see trainingPairs. */
  pre?: TrainingRows,
): ResolveResult {
  const model = options.model ?? trainOnCandidates(store, candidates.index, candidates.pairs, rows, options, pre);
  lap('train');
  const scorer = new Scorer(model, store);
  const scored = scoreStorePairs(model, store, candidates.pairs, scorer, rows);
  lap('score');
  const clustering = clusterPairs(
    scored,
    { match: logit2(model.thresholds.match), review: logit2(model.thresholds.review), prior: logit2(model.prior) },
    {
      records: store.size,
      weightOf: (a, b) => scorer.weight(a, b),
      cannotLink: (a, b) => identifiersForbid(store, a, b),
      ...(options.minAverage !== undefined ? { minAverage: options.minAverage } : {}),
      ...(options.minPair !== undefined ? { minPair: options.minPair } : {}),
    },
  );
  lap('cluster');
  return { store, model, candidates, scored, clustering, timings };
}
