import {
  TRAINING_RULES,
  type BlockingOptions,
  type BlockingRule,
  type CandidatePairs,
} from './blocking';
import {
  recordSample,
  sampleRandomPairs,
  samplePairsByRule,
  sessionPicks,
  subsampleIdx,
} from './sampling';
import { COMPARISONS, type ComparisonDef } from './comparisons';
import { runEm, toPatterns, type PatternSet } from './em';
import {
  DEFAULT_THRESHOLDS,
  MODEL_VERSION,
  type ComparisonParams,
  type Model,
  type TfTable,
  type Thresholds,
  type TrainingSession,
} from './model';
import { computeRows, filledDefs, type ComparisonRows } from './rows';
import type { RecordStore } from './store';

export interface TrainOptions {
  /** Random pairs sampled to estimate u. */
  randomPairs: number;
  /** Pairs per EM session at most (a deterministic even subsample beyond). */
  sessionPairs: number;
  crossSourceOnly: boolean;
  seed: number;
  thresholds: Thresholds;
  /** Rules that only feed EM sessions (see TRAINING_RULES). */
  trainingRules: readonly BlockingRule[];
  /** Records sampled for the training-only rules' sessions. */
  sampleRecords: number;
}

export const DEFAULT_TRAIN: TrainOptions = {
  randomPairs: 100_000,
  sessionPairs: 200_000,
  crossSourceOnly: false,
  seed: 42,
  thresholds: DEFAULT_THRESHOLDS,
  trainingRules: TRAINING_RULES,
  sampleRecords: 200_000,
};

/** Fewer non-missing observations than this and m keeps its prior guess. */
const MIN_OBSERVATIONS = 50;
/** Rules that produced fewer pairs than this train no EM session. */
const MIN_SESSION_PAIRS = 20;

/** Exact-agreement probability among random pairs, computed from value counts, not sampled. */
function exactAgreement(counts: number[], nonNull: number): number {
  if (nonNull < 2) return 0;
  let sum = 0;
  for (const c of counts) sum += c * (c - 1);
  return sum / (nonNull * (nonNull - 1));
}

function estimateU(s: RecordStore, rows: ComparisonRows): number[][] {
  return rows.defs.map((def, c) => {
    const k = def.levels.length;
    const counts = new Array<number>(k).fill(0);
    for (let r = 0; r < rows.n; r++) counts[rows.levels[r * rows.width + c]!]!++;
    const col = def.tfColumn?.(s);
    const u = [0];
    if (col && def.tfLevels.includes(1)) {
      // Exact agreement is rare and matters most: compute it exactly from the value counts.
      const exact = Math.max(
        exactAgreement(col.counts, col.nonNull),
        0.5 / Math.max(col.nonNull, 1) ** 2,
      );
      let rest = 0;
      for (let l = 2; l < k; l++) rest += counts[l]! + 0.5;
      u.push(exact);
      for (let l = 2; l < k; l++) u.push(((counts[l]! + 0.5) / rest) * (1 - exact));
      return u;
    }
    let total = 0;
    for (let l = 1; l < k; l++) total += counts[l]! + 0.5;
    for (let l = 1; l < k; l++) u.push((counts[l]! + 0.5) / total);
    return u;
  });
}

/** Prior guess for m: mostly exact agreement, a little of everything else. */
export function initialM(levels: number): number[] {
  const m = [0, 0.8];
  const middle = levels - 3;
  for (let l = 2; l < levels - 1; l++) m.push(0.15 / Math.max(middle, 1));
  m.push(middle > 0 ? 0.05 : 0.2);
  return m;
}

function tfTables(s: RecordStore, defs: readonly ComparisonDef[]): Record<string, TfTable> {
  const out: Record<string, TfTable> = {};
  for (const def of defs) {
    const col = def.tfColumn?.(s);
    if (!col || col.nonNull === 0) continue;
    const counts: Record<string, number> = {};
    col.counts.forEach((c, id) => {
      if (c > 1) counts[col.dict.keys[id]!] = c;
    });
    out[def.name] = { n: col.nonNull, counts };
  }
  return out;
}

function totalPairs(s: RecordStore, crossSource: boolean): number {
  const n = s.size;
  if (!crossSource) return (n * (n - 1)) / 2;
  let same = 0;
  for (const c of s.sources.counts) same += (c * (c - 1)) / 2;
  return (n * (n - 1)) / 2 - same;
}

function patternNonNull(ps: PatternSet): number[] {
  const out = new Array<number>(ps.width).fill(0);
  for (let p = 0; p < ps.size; p++) {
    for (let c = 0; c < ps.width; c++)
      if (ps.levels[p * ps.width + c] !== 0) out[c]! += ps.counts[p]!;
  }
  return out;
}

interface SessionAcc {
  acc: number[][];
  weight: number[];
  sessions: TrainingSession[];
}

/**
 * One EM session (Splink's method): the pairs one rule proposed, with the comparisons the rule
 * agreed on left out — inside its blocks they agree by construction and would only bias EM.
 * u stays at the random-pair estimate. m is pooled over sessions, weighted by expected matches.
 */
function runSession(
  rule: BlockingRule,
  rows: ComparisonRows,
  u: number[][],
  into: SessionAcc,
  pick?: Int32Array,
): void {
  const n = pick ? pick.length : rows.n;
  if (n < MIN_SESSION_PAIRS) return;
  const excluded = rows.defs.map((d) => rule.fields.includes(d.name));
  const patterns = toPatterns(rows.levels, rows.width, n, pick);
  const observed = patternNonNull(patterns);
  const frozen = observed.map((k) => k < MIN_OBSERVATIONS);
  // With one informative comparison left, m and the match share cannot be told apart;
  // a field filled on a few pairs only (a rare middle name) does not make up the second.
  const informative = rows.defs.filter((_, c) => !excluded[c] && observed[c]! >= n * 0.1).length;
  if (informative < 2) return;
  const init = { m: rows.defs.map((d) => initialM(d.levels.length)), u, lambda: 0.1 };
  const fit = runEm(patterns, init, {
    maxIterations: 200,
    tolerance: 1e-6,
    fixU: true,
    frozen,
    excluded,
  });
  const w = fit.lambda * n;
  rows.defs.forEach((_, c) => {
    if (excluded[c] || frozen[c]) return;
    fit.m[c]!.forEach((v, l) => (into.acc[c]![l]! += v * w));
    into.weight[c]! += w;
  });
  into.sessions.push({
    rule: rule.name,
    pairs: n,
    matchShare: fit.lambda,
    iterations: fit.iterations,
    converged: fit.converged,
  });
}

/**
 * P(match) of two random records: EM on the mixture weight alone over all candidate pairs,
 * with m and u fixed; pairs that were never candidates count as non-matches.
 */
function estimatePrior(
  ps: PatternSet,
  m: number[][],
  u: number[][],
  candidates: number,
  total: number,
) {
  const bits = new Float64Array(ps.size);
  let sampled = 0;
  for (let p = 0; p < ps.size; p++) sampled += ps.counts[p]!;
  for (let p = 0; p < ps.size; p++) {
    let w = 0;
    for (let c = 0; c < ps.width; c++) {
      const l = ps.levels[p * ps.width + c]!;
      if (l !== 0) w += Math.log(m[c]![l]! / u[c]![l]!);
    }
    bits[p] = w;
  }
  const scale = candidates / Math.max(sampled, 1);
  let lambda = Math.min(0.5, (0.1 * candidates) / total);
  let expected = 0;
  for (let it = 0; it < 200; it++) {
    const prior = Math.log(lambda / (1 - lambda));
    expected = 0;
    for (let p = 0; p < ps.size; p++)
      expected += ps.counts[p]! / (1 + Math.exp(-(prior + bits[p]!)));
    expected *= scale;
    const next = Math.min(0.5, Math.max(expected, 1) / total);
    if (Math.abs(next - lambda) <= 1e-9 * lambda) break;
    lambda = next;
  }
  return { prior: lambda, expected };
}

/** Observations among proven pairs a comparison needs before they anchor its m. */
const MIN_ANCHOR_OBSERVATIONS = 1_000;
/**
 * Share of the EM estimate in an anchored m. The records that carry identifiers come from the
 * government sources; records without them (commercial data, tips) may be noisier, so EM keeps a
 * say. At 50,000 synthetic persons: share 0 gave pairwise F1 0.9868 (recall 0.9780), 0.1 gave
 * 0.9899, 0.25 gave 0.9896, EM alone 0.9882.
 */
const EM_SHARE = 0.1;

/**
 * m anchored on the candidate pairs an identifier proves (the same passport, A-number, SEVIS
 * ID… — the "shared" level of the identifiers comparison). EM inside a blocking rule's pairs
 * cannot tell one person from namesakes or members of one household: with 85–99 % of the pairs
 * taken as matches, its match class absorbs them, and at 50,000 synthetic persons it put 23 %
 * of matches at "different date of birth" (−2.1 bits), where the pairs an identifier proves show
 * 0.2 %. So where the proven pairs observe a comparison often enough (MIN_ANCHOR_OBSERVATIONS),
 * its m is their level shares mixed with EM's estimate (EM_SHARE); elsewhere (data without
 * identifiers, fields the proven records do not carry) m is EM's. No labels: identifiers are
 * evidence in the data, the same that links records in score.ts.
 */
export function anchorM(defs: readonly ComparisonDef[], rows: ComparisonRows, pooled: number[][]): number[][] {
  const idc = defs.findIndex((d) => d.name === 'identifiers');
  if (idc < 0) return pooled;
  const counts = defs.map((d) => new Float64Array(d.levels.length));
  for (let r = 0; r < rows.n; r++) {
    const off = r * rows.width;
    if (rows.levels[off + idc] !== 1) continue;
    for (let c = 0; c < defs.length; c++) counts[c]![rows.levels[off + c]!]!++;
  }
  return pooled.map((m, c) => {
    if (c === idc) return m;
    let seen = 0;
    for (let l = 1; l < m.length; l++) seen += counts[c]![l]!;
    if (seen < MIN_ANCHOR_OBSERVATIONS) return m;
    return m.map((v, l) => (l === 0 ? v : (1 - EM_SHARE) * (counts[c]![l]! / seen) + EM_SHARE * v));
  });
}

/** The blocking that proposed the candidates: `candidates.rules` bit r is `rules[r]`. */
export interface CandidateBlocking {
  rules: readonly BlockingRule[];
  options: Pick<BlockingOptions, 'maxBlockSize'>;
}

/**
 * Unsupervised training: u from random pairs, m by EM sessions per blocking rule, the prior
 * by EM over all candidates, TF tables from value counts. No labels. `rows` are the candidate
 * pairs' comparison levels over filledDefs(store) (computed once and reused for scoring).
 */
export function trainOnStore(
  s: RecordStore,
  index: CandidateBlocking,
  candidates: CandidatePairs,
  rows: ComparisonRows,
  options: Partial<TrainOptions> = {},
  allDefs: readonly ComparisonDef[] = COMPARISONS,
  pre?: TrainingRows,
): Model {
  const opts = { ...DEFAULT_TRAIN, ...options };
  const defs = rows.defs;
  const given = pre ?? trainingRows(s, defs, trainingPairs(s, index.options.maxBlockSize, opts));
  const u = estimateU(s, given.random);
  const into: SessionAcc = {
    acc: defs.map((d) => new Array<number>(d.levels.length).fill(0)),
    weight: defs.map(() => 0),
    sessions: [],
  };
  index.rules.forEach((rule, r) => {
    const picks = sessionPicks(candidates.rules, candidates.length, r, opts.sessionPairs);
    runSession(rule, rows, u, into, picks);
  });
  opts.trainingRules.forEach((rule, r) => runSession(rule, given.rules[r]!, u, into));
  const pooled = defs.map((d, c) =>
    into.weight[c]! > 0 ? into.acc[c]!.map((v) => v / into.weight[c]!) : initialM(d.levels.length),
  );
  const m = anchorM(defs, rows, pooled);
  const total = Math.max(totalPairs(s, opts.crossSourceOnly), 1);
  const probe = subsampleIdx(rows.n, 500_000);
  const { prior, expected } = estimatePrior(
    toPatterns(rows.levels, rows.width, probe.length, probe),
    m,
    u,
    candidates.length,
    total,
  );
  const comparisons: ComparisonParams[] = allDefs.map((def) => {
    const c = defs.indexOf(def);
    return {
      name: def.name,
      levels: def.levels.map((l) => l.name),
      m: c >= 0 ? m[c]! : initialM(def.levels.length),
      u: c >= 0 ? u[c]! : initialM(def.levels.length),
      active: c >= 0,
    };
  });
  return {
    version: MODEL_VERSION,
    comparisons,
    prior,
    tf: tfTables(s, defs),
    thresholds: opts.thresholds,
    training: {
      records: s.size,
      candidatePairs: candidates.length,
      randomPairs: given.random.n,
      sessions: into.sessions,
      estimatedMatches: expected,
    },
  };
}

/** Pairs training compares besides the candidates: random pairs (u) and training-only rule sessions. */
export interface TrainingPairs {
  /** Random pairs first, then each training rule's pairs; `ends[k]` closes part k. */
  a: Int32Array;
  b: Int32Array;
  ends: number[];
}

/**
 * The training pairs, which depend on the store only (not on blocking): a parallel run samples
 * them before blocking so that a worker can compare them meanwhile.
 */
export function trainingPairs(
  s: RecordStore,
  maxBlockSize: number,
  options: Partial<TrainOptions> = {},
): TrainingPairs {
  const opts = { ...DEFAULT_TRAIN, ...options };
  const rnd = sampleRandomPairs(s, opts.randomPairs, opts.crossSourceOnly, opts.seed);
  const parts: { a: ArrayLike<number>; b: ArrayLike<number>; n: number }[] = [rnd];
  const sample = recordSample(s.size, opts.sampleRecords, opts.seed);
  opts.trainingRules.forEach((rule, r) => {
    const p = samplePairsByRule(s, rule, r, sample, maxBlockSize, opts.sessionPairs);
    parts.push({ a: p.a, b: p.b, n: p.a.length });
  });
  const total = parts.reduce((t, p) => t + p.n, 0);
  const a = new Int32Array(total);
  const b = new Int32Array(total);
  const ends: number[] = [];
  let at = 0;
  for (const p of parts) {
    for (let k = 0; k < p.n; k++) {
      a[at + k] = p.a[k]!;
      b[at + k] = p.b[k]!;
    }
    at += p.n;
    ends.push(at);
  }
  return { a, b, ends };
}

/** Comparison rows of the training pairs, split back into their parts. */
export interface TrainingRows {
  random: ComparisonRows;
  /** One per training rule, in order. */
  rules: ComparisonRows[];
}

export function trainingRows(
  s: RecordStore,
  defs: readonly ComparisonDef[],
  pairs: TrainingPairs,
  levels?: Uint8Array,
): TrainingRows {
  const width = defs.length;
  const all = levels ?? computeRows(s, defs, pairs.a, pairs.b, pairs.a.length).levels;
  const parts = pairs.ends.map((end, k): ComparisonRows => {
    const start = k === 0 ? 0 : pairs.ends[k - 1]!;
    return { defs, width, levels: all.subarray(start * width, end * width), n: end - start };
  });
  return { random: parts[0]!, rules: parts.slice(1) };
}

/** Rows for training from scratch: the filled comparisons over all candidate pairs. */
export function candidateRows(
  s: RecordStore,
  candidates: CandidatePairs,
  defs: readonly ComparisonDef[] = COMPARISONS,
): ComparisonRows {
  return computeRows(s, filledDefs(s, defs), candidates.a, candidates.b, candidates.length);
}
