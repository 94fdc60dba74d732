import {
  BlockingIndex,
  DEFAULT_BLOCKING,
  DEFAULT_RULES,
  type BlockingOptions,
  type BlockingRule,
  type RuleReport,
} from './blocking';
import { logit2, Scorer, type Model } from './model';
import { scoreStorePairs, type ScoreResult } from './score';
import { RecordStore } from './store';
import type { MatchRecord } from './types';

/**
 * A live matching index: the normalized records, their blocking keys and a scorer bound to
 * one model. New records are added to it and compared only with what their blocks hold.
 */
export class MatchIndex {
  readonly store: RecordStore;
  readonly blocking: BlockingIndex;
  readonly scorer: Scorer;

  constructor(
    readonly model: Model,
    rules: readonly BlockingRule[] = DEFAULT_RULES,
    options: Partial<BlockingOptions> = {},
    existing?: BlockingIndex,
  ) {
    this.store = existing?.store ?? new RecordStore();
    this.blocking =
      existing ?? new BlockingIndex(this.store, rules, { ...DEFAULT_BLOCKING, ...options });
    this.scorer = new Scorer(model, this.store);
  }

  /** Wraps the store and blocking index of a finished batch run (no re-normalization). */
  static fromBlocking(model: Model, blocking: BlockingIndex): MatchIndex {
    return new MatchIndex(model, blocking.rules, blocking.options, blocking);
  }

  /** Adds records to the index; returns the store position of the first one. */
  add(records: readonly MatchRecord[]): number {
    const start = this.store.add(records);
    this.blocking.add();
    return start;
  }

  get size(): number {
    return this.store.size;
  }
}

export interface NewRecordMatches extends ScoreResult {
  /** Store position of the first new record; pairs join new records to earlier ones or each other. */
  firstNew: number;
  /** Pair indexes at or above the match threshold, strongest first. */
  matches: number[];
  /** Pair indexes in the review band. */
  review: number[];
  report: RuleReport[];
}

/**
 * Incremental matching: adds `newRecords` to the index and scores them against every record
 * sharing a block (older records and the other new ones). The caller links or reviews from
 * the result; nothing already resolved is rescored.
 */
export function matchNewRecords(
  model: Model,
  index: MatchIndex,
  newRecords: readonly MatchRecord[],
): NewRecordMatches {
  const firstNew = index.add(newRecords);
  const { pairs, report } = index.blocking.candidates(firstNew);
  const scored = scoreStorePairs(model, index.store, pairs, index.scorer);
  const matchBits = logit2(model.thresholds.match);
  const reviewBits = logit2(model.thresholds.review);
  const matches: number[] = [];
  const review: number[] = [];
  for (let k = 0; k < scored.length; k++) {
    const w = scored.weight[k]!;
    if (w >= matchBits) matches.push(k);
    else if (w >= reviewBits) review.push(k);
  }
  matches.sort((x, y) => scored.weight[y]! - scored.weight[x]! || x - y);
  return { ...scored, firstNew, matches, review, report };
}
