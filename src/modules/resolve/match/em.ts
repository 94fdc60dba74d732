/**
 * Expectation–maximisation for a two-class Fellegi–Sunter mixture over comparison
 * patterns. Pairs are aggregated into distinct patterns first (as Splink and fastLink do),
 * so each iteration costs O(patterns × comparisons), not O(pairs).
 */
export interface PatternSet {
  /** levels[p * width + c] = level of comparison c in pattern p. */
  levels: Uint8Array;
  counts: Float64Array;
  width: number;
  size: number;
}

export interface EmParams {
  /** m[c][level], u[c][level]; index 0 (no evidence) is ignored. */
  m: number[][];
  u: number[][];
  lambda: number;
}

export interface EmOptions {
  maxIterations: number;
  tolerance: number;
  /** Keep u as given (estimated from random pairs) instead of re-estimating it. */
  fixU: boolean;
  /** Comparisons whose m stays as initialised (too little evidence to estimate). */
  frozen: boolean[];
  /** Comparisons left out entirely (e.g. the fields the blocking rule itself agreed on). */
  excluded: boolean[];
}

export interface EmResult extends EmParams {
  iterations: number;
  converged: boolean;
}

/**
 * Collapse pair-wise level rows into distinct patterns with counts. `pick` restricts to some
 * rows (pair indexes) without copying them. Keys are mixed-radix numbers, each column's radix
 * one more than its highest level among these rows: sixteen comparisons of a few levels each
 * stay far below 2^53 (exact doubles). Rows whose radices overflow fall back to string keys.
 */
export function toPatterns(
  rows: Uint8Array,
  width: number,
  n: number,
  pick?: ArrayLike<number>,
): PatternSet {
  const index = new Map<number | string, number>();
  const counts: number[] = [];
  const levels: number[] = [];
  const radix = columnRadix(rows, width, n, pick);
  const numeric = radix.reduce((p, r) => p * r, 1) <= Number.MAX_SAFE_INTEGER;
  for (let k = 0; k < n; k++) {
    const off = (pick ? pick[k]! : k) * width;
    let key: number | string;
    if (numeric) {
      key = 0;
      for (let c = 0; c < width; c++) key = key * radix[c]! + rows[off + c]!;
    } else {
      key = String.fromCharCode(...rows.subarray(off, off + width));
    }
    let p = index.get(key);
    if (p === undefined) {
      p = counts.length;
      index.set(key, p);
      counts.push(0);
      for (let c = 0; c < width; c++) levels.push(rows[off + c]!);
    }
    counts[p]!++;
  }
  return {
    levels: Uint8Array.from(levels),
    counts: Float64Array.from(counts),
    width,
    size: counts.length,
  };
}

/** Per column: its highest level among the rows, plus one. */
function columnRadix(
  rows: Uint8Array,
  width: number,
  n: number,
  pick?: ArrayLike<number>,
): number[] {
  const max = new Uint8Array(width);
  for (let k = 0; k < n; k++) {
    const off = (pick ? pick[k]! : k) * width;
    for (let c = 0; c < width; c++) if (rows[off + c]! > max[c]!) max[c] = rows[off + c]!;
  }
  return Array.from(max, (m) => m + 1);
}

const PSEUDO = 0.01;

function posterior(ps: PatternSet, p: number, params: EmParams, excluded: boolean[]): number {
  let logit = Math.log(params.lambda / (1 - params.lambda));
  for (let c = 0; c < ps.width; c++) {
    const l = ps.levels[p * ps.width + c]!;
    if (l === 0 || excluded[c]) continue;
    logit += Math.log(params.m[c]![l]! / params.u[c]![l]!);
  }
  return 1 / (1 + Math.exp(-logit));
}

function normalise(acc: number[], levels: number): number[] {
  let total = 0;
  for (let l = 1; l < levels; l++) total += acc[l]! + PSEUDO;
  const out = [0];
  for (let l = 1; l < levels; l++) out.push((acc[l]! + PSEUDO) / total);
  return out;
}

function maxChange(a: number[][], b: number[][]): number {
  let d = 0;
  for (let c = 0; c < a.length; c++) {
    for (let l = 1; l < a[c]!.length; l++) d = Math.max(d, Math.abs(a[c]![l]! - b[c]![l]!));
  }
  return d;
}

/** Runs EM from `init`; returns the fitted m, u (unless fixed) and match share λ. */
export function runEm(ps: PatternSet, init: EmParams, opts: EmOptions): EmResult {
  let params: EmParams = {
    m: init.m.map((r) => [...r]),
    u: init.u.map((r) => [...r]),
    lambda: init.lambda,
  };
  const nLevels = init.m.map((r) => r.length);
  for (let it = 1; it <= opts.maxIterations; it++) {
    const mAcc = nLevels.map((k) => new Array<number>(k).fill(0));
    const uAcc = nLevels.map((k) => new Array<number>(k).fill(0));
    let matchMass = 0;
    let total = 0;
    for (let p = 0; p < ps.size; p++) {
      const w = ps.counts[p]!;
      const post = posterior(ps, p, params, opts.excluded);
      matchMass += w * post;
      total += w;
      for (let c = 0; c < ps.width; c++) {
        const l = ps.levels[p * ps.width + c]!;
        if (l === 0) continue;
        mAcc[c]![l]! += w * post;
        uAcc[c]![l]! += w * (1 - post);
      }
    }
    const next: EmParams = {
      m: mAcc.map((acc, c) =>
        opts.frozen[c] || opts.excluded[c] ? params.m[c]! : normalise(acc, nLevels[c]!),
      ),
      u: opts.fixU
        ? params.u
        : uAcc.map((acc, c) =>
            opts.frozen[c] || opts.excluded[c] ? params.u[c]! : normalise(acc, nLevels[c]!),
          ),
      lambda: Math.min(0.999, Math.max(1e-9, matchMass / total)),
    };
    const delta = Math.max(maxChange(params.m, next.m), Math.abs(params.lambda - next.lambda));
    params = next;
    if (delta < opts.tolerance) return { ...params, iterations: it, converged: true };
  }
  return { ...params, iterations: opts.maxIterations, converged: false };
}
