import { identifierEvidence, PROVEN_BITS } from './deterministic';
import { logit2, Scorer, type Model } from './model';
import type { ComparisonDef } from './comparisons';
import { claimChunks, sharedCounter, shareInts, type ComparisonRows } from './rows';
import type { RecordStore } from './store';
import type { PairList, ScoredPairs } from './types';

export interface ScoreResult extends ScoredPairs {
  /** Pair index → contradictions found by the identifier rules (e.g. same passport, other DOB). */
  conflicts: Map<number, string[]>;
  /** Pair indexes proven by a shared identifier without contradiction. */
  proven: number[];
}

/** Per-pair flag of a scoring output: proven by an identifier. */
export const PROVEN_FLAG = 1;

/** Scoring output that several threads can fill, a range of pairs each. */
export interface ScoreOutput {
  weight: Float64Array;
  /** PROVEN_FLAG or 0, per pair. */
  flags: Uint8Array;
  /** Contradictions by pair index, in pair order within a range. */
  conflicts: Map<number, string[]>;
}

/** What scoring a range of pairs needs: built once per run and thread. */
export interface PairScoring {
  model: Model;
  store: RecordStore;
  pairs: PairList;
  scorer: Scorer;
  /** Precomputed rows of the pairs, in their order. */
  rows: ComparisonRows | null;
}

export function pairScoring(
  model: Model,
  store: RecordStore,
  pairs: PairList,
  scorer = new Scorer(model, store),
  rows?: ComparisonRows,
): PairScoring {
  return { model, store, pairs, scorer, rows: rows ?? null };
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
  const out: ScoreOutput = {
    weight: new Float64Array(pairs.length),
    flags: new Uint8Array(pairs.length),
    conflicts: new Map(),
  };
  scoreRange(pairScoring(model, store, pairs, scorer, rows), 0, pairs.length, out);
  return scoreResult(pairs, out);
}

export function scoreResult(pairs: PairList, out: ScoreOutput): ScoreResult {
  const proven: number[] = [];
  for (let k = 0; k < pairs.length; k++) if (out.flags[k] === PROVEN_FLAG) proven.push(k);
  return {
    a: pairs.a,
    b: pairs.b,
    length: pairs.length,
    weight: out.weight,
    conflicts: out.conflicts,
    proven,
  };
}

/** Scores pairs from..to-1 into `out`. */
export function scoreRange(p: PairScoring, from: number, to: number, out: ScoreOutput): void {
  const { model, store, pairs, scorer } = p;
  const rows = p.rows;
  const columns = rows ? scorer.rowColumns(rows.defs) : null;
  const matchBits = logit2(model.thresholds.match);
  const reviewBits = logit2(model.thresholds.review);
  const ids = store.identifiers;
  // Identifier comparison level 0 (nothing shared, no conflicting lifetime number) means the
  // identifier rules have nothing to say: skip them for that pair.
  const idCol = rows ? rows.defs.findIndex((d) => d.name === 'identifiers') : -1;
  for (let k = from; k < to; k++) {
    const a = pairs.a[k]!;
    const b = pairs.b[k]!;
    const levels = rows?.levels;
    const off = rows ? k * rows.width : 0;
    let w =
      levels && columns ? scorer.weightFromRow(levels, off, columns, a, b) : scorer.weight(a, b);
    if (ids[a] && ids[b] && (idCol < 0 || levels![off + idCol] !== 0)) {
      const ev = identifierEvidence(store, a, b);
      if (ev.conflicts.length > 0) {
        out.conflicts.set(k, ev.conflicts);
        if (ev.proving.length > 0) w = Math.min(Math.max(w, reviewBits), matchBits - 1e-6);
      } else if (ev.proving.length > 0) {
        w = Math.max(w, PROVEN_BITS);
        out.flags[k] = PROVEN_FLAG;
      }
    }
    out.weight[k] = w;
  }
}

/** A scoring run in shared memory, for several threads to claim chunks of (claimScores). */
export interface SharedScoreJob {
  model: Model;
  a: Int32Array;
  b: Int32Array;
  n: number;
  /** The pairs' rows, in their order, and their comparisons by name. */
  defs: string[];
  levels: Uint8Array;
  weight: Float64Array;
  flags: Uint8Array;
  next: Int32Array;
}

export function sharedScoreJob(p: PairScoring): SharedScoreJob {
  const n = p.pairs.length;
  if (!p.rows) throw new Error('a shared scoring job needs precomputed rows');
  const { rows } = p;
  return {
    model: p.model,
    a: shareInts(p.pairs.a),
    b: shareInts(p.pairs.b),
    n,
    defs: rows.defs.map((d) => d.name),
    levels: rows.levels,
    weight: new Float64Array(new SharedArrayBuffer(n * 8)),
    flags: new Uint8Array(new SharedArrayBuffer(n)),
    next: sharedCounter(),
  };
}

/** The scoring a job describes, over this thread's copy of the store. */
export function jobScoring(
  job: SharedScoreJob,
  store: RecordStore,
  defs: readonly ComparisonDef[],
): PairScoring & { rows: ComparisonRows } {
  const rows = { defs, width: defs.length, levels: job.levels, n: job.n };
  const pairs = { a: job.a, b: job.b, length: job.n };
  return {
    model: job.model,
    store,
    pairs,
    scorer: new Scorer(job.model, store),
    rows,
  };
}

/** Claims and scores chunks of the job until none is left; contradictions go to `conflicts`. */
export function claimScores(
  p: PairScoring,
  job: SharedScoreJob,
  conflicts: Map<number, string[]>,
): number {
  const out = { weight: job.weight, flags: job.flags, conflicts };
  return claimChunks(job.next, job.n, (from, to) => scoreRange(p, from, to, out));
}
