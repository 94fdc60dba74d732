import { identifierEvidence, PROVEN_BITS } from './deterministic';
import { logit2, Scorer, type Model } from './model';
import type { RecordStore } from './store';
import type { ComparisonRows } from './rows';
import type { PairList, ScoredPairs } from './types';

export interface ScoreResult extends ScoredPairs {
  /** Pair index → contradictions found by the identifier rules (e.g. same passport, other DOB). */
  conflicts: Map<number, string[]>;
  /** Pair indexes proven by a shared identifier without contradiction. */
  proven: number[];
}

/**
 * Scores candidate pairs. Identifier-proven pairs are lifted to PROVEN_BITS; a proven pair
 * whose other fields contradict it is held in the review band instead of linking silently.
 */
export function scoreStorePairs(
  model: Model,
  store: RecordStore,
  pairs: PairList,
  scorer = new Scorer(model, store),
  rows?: ComparisonRows,
): ScoreResult {
  const columns = rows ? scorer.rowColumns(rows.defs) : null;
  const weight = new Float64Array(pairs.length);
  const conflicts = new Map<number, string[]>();
  const proven: number[] = [];
  const matchBits = logit2(model.thresholds.match);
  const reviewBits = logit2(model.thresholds.review);
  const ids = store.identifiers;
  // Identifier comparison level 0 (nothing shared, no conflicting lifetime number) means the
  // identifier rules have nothing to say: skip them for that pair.
  const idCol = rows ? rows.defs.findIndex((d) => d.name === 'identifiers') : -1;
  for (let k = 0; k < pairs.length; k++) {
    const a = pairs.a[k]!;
    const b = pairs.b[k]!;
    let w =
      rows && columns
        ? scorer.weightFromRow(rows.levels, k * rows.width, columns, a, b)
        : scorer.weight(a, b);
    if (ids[a] && ids[b] && (idCol < 0 || rows!.levels[k * rows!.width + idCol] !== 0)) {
      const ev = identifierEvidence(store, a, b);
      if (ev.conflicts.length > 0) {
        conflicts.set(k, ev.conflicts);
        if (ev.proving.length > 0) w = Math.min(Math.max(w, reviewBits), matchBits - 1e-6);
      } else if (ev.proving.length > 0) {
        w = Math.max(w, PROVEN_BITS);
        proven.push(k);
      }
    }
    weight[k] = w;
  }
  return { a: pairs.a, b: pairs.b, length: pairs.length, weight, conflicts, proven };
}
