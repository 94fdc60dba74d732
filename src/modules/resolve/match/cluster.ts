import type { ScoredPairs } from './types';

/** Thresholds in bits (log2 posterior odds): match ≥ `match`; review ≤ w < match. */
export interface WeightThresholds {
  match: number;
  review: number;
  /**
   * The model's prior in bits (log2 odds that two random records match). With it, the pair
   * floor is counted from the prior — fields adding up to less than −PAIR_EVIDENCE_FLOOR bits —
   * not from the match bar: the prior falls as the data grows (−13 bits at 10,000 records, −15.6
   * at 2M), and a pair with no evidence at all must not read as a contradiction.
   */
  prior?: number;
}

export interface ClusterConstraints {
  /** Number of records (defaults to the largest index in the pairs + 1). */
  records?: number;
  /** Hard conflicts (e.g. different A-numbers): such records never share an entity. */
  cannotLink?(a: number, b: number): boolean;
  /** Weight of any pair, used for member pairs that were not scored (e.g. Scorer.weight). */
  weightOf?(a: number, b: number): number;
  /** Minimum average weight over all cross pairs for two clusters to merge (default: match − 4 bits). */
  minAverage?: number;
  /** No cross pair may weigh less than this (default: prior − PAIR_EVIDENCE_FLOOR, or match − PAIR_FLOOR bits). */
  minPair?: number;
  /** Cross pairs examined per merge at most (a deterministic stride sample beyond). */
  maxCrossPairs?: number;
  /**
   * Records that keep their stored entity (an incremental run's neighbours, see
   * resolve/affected.ts): that entity's number, or −1 for a record being clustered again.
   * Records with different numbers are never merged: an edge whose verdict would merge them is
   * listed in `reached` instead, and the caller must cluster that entity again too.
   */
  kept?: Int32Array;
}

/**
 * The linking edge itself must clear the match bar; the average over all member pairs may sit
 * this many bits lower, because records of one person that were each damaged differently
 * legitimately disagree with each other more than with the record that joins them.
 */
export const AVERAGE_MARGIN = 4;
/** How far below the match bar any single member pair may fall before a merge is refused (no prior given). */
export const PAIR_FLOOR = 16;
/**
 * How much evidence against (bits, prior aside) makes a member pair refuse a merge. At 50,000
 * synthetic persons (the prior −15.3 bits), counting the old floor (match − 16) from the prior
 * instead took pairwise F1 from 0.9899 to 0.9912 at 8 bits, 0.9924 at 12, 0.9928 at 16, with
 * precision 0.9933–0.9930: the old floor read a pair with 0.7 bits against as a contradiction,
 * and refused proven pairs as incoherent. The public benchmarks score the same from 8 to 16.
 */
export const PAIR_EVIDENCE_FLOOR = 12;

export type ReviewReason = 'band' | 'incoherent' | 'conflict';

export interface ReviewItem {
  /** Index into the scored pairs. */
  pair: number;
  reason: ReviewReason;
}

export interface Clustering {
  /** Entity number per record, 0..entities-1, numbered by smallest member. */
  clusterOf: Int32Array;
  entities: number;
  /** Members of every entity with more than one record, ascending. */
  clusters: number[][];
  review: ReviewItem[];
  /** Edges (indexes into the pairs) that would have merged two different `kept` entities. */
  reached: number[];
}

class Clusters {
  readonly parent: Int32Array;
  readonly members: (number[] | null)[];
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.members = new Array<number[] | null>(n).fill(null);
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[x] !== r) {
      const next = this.parent[x]!;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  list(r: number): number[] {
    return this.members[r] ?? [r];
  }
  union(ra: number, rb: number): void {
    const la = this.list(ra);
    const lb = this.list(rb);
    const [big, small, rBig, rSmall] = la.length >= lb.length ? [la, lb, ra, rb] : [lb, la, rb, ra];
    this.parent[rSmall] = rBig;
    this.members[rBig] = big.concat(small);
    this.members[rSmall] = null;
  }
}

/**
 * Scored neighbours of every record (compressed sparse rows), for looking up member-pair
 * weights without a hash map: a Map tops out near 16.7M entries, a 3M-record run has more.
 */
class Neighbours {
  readonly start: Int32Array;
  readonly other: Int32Array;
  readonly weight: Float64Array;
  constructor(n: number, pairs: ScoredPairs, min: number) {
    const deg = new Int32Array(n + 1);
    for (let k = 0; k < pairs.length; k++) {
      if (pairs.weight[k]! < min) continue;
      deg[pairs.a[k]!]!++;
      deg[pairs.b[k]!]!++;
    }
    this.start = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.start[i + 1] = this.start[i]! + deg[i]!;
    this.other = new Int32Array(this.start[n]!);
    this.weight = new Float64Array(this.start[n]!);
    const fill = this.start.slice(0, n);
    for (let k = 0; k < pairs.length; k++) {
      const w = pairs.weight[k]!;
      if (w < min) continue;
      const a = pairs.a[k]!;
      const b = pairs.b[k]!;
      this.other[fill[a]!] = b;
      this.weight[fill[a]!++] = w;
      this.other[fill[b]!] = a;
      this.weight[fill[b]!++] = w;
    }
  }
  get(a: number, b: number): number | undefined {
    for (let k = this.start[a]!; k < this.start[a + 1]!; k++)
      if (this.other[k] === b) return this.weight[k];
    return undefined;
  }
}

/** Scored pairs by descending weight; ties broken by record positions for determinism. */
function edgeOrder(pairs: ScoredPairs, min: number): Int32Array {
  const idx: number[] = [];
  for (let k = 0; k < pairs.length; k++) if (pairs.weight[k]! >= min) idx.push(k);
  idx.sort(
    (x, y) =>
      pairs.weight[y]! - pairs.weight[x]! || pairs.a[x]! - pairs.a[y]! || pairs.b[x]! - pairs.b[y]!,
  );
  return Int32Array.from(idx);
}

interface Check {
  known: Neighbours;
  c: ClusterConstraints;
  minAverage: number;
  minPair: number;
  fallback: number;
}

function crossVerdict(check: Check, la: number[], lb: number[]): ReviewReason | null {
  const total = la.length * lb.length;
  const max = check.c.maxCrossPairs ?? 256;
  const stride = total > max ? total / max : 1;
  let sum = 0;
  let count = 0;
  for (let t = 0; t < total && count < max; t = Math.floor(++count * stride)) {
    const x = la[Math.floor(t / lb.length)]!;
    const y = lb[t % lb.length]!;
    if (check.c.cannotLink?.(x, y)) return 'conflict';
    const w = check.known.get(x, y) ?? check.c.weightOf?.(x, y) ?? check.fallback;
    if (w < check.minPair) return 'incoherent';
    sum += w;
  }
  return sum / Math.max(count, 1) >= check.minAverage ? null : 'incoherent';
}

const REASONS: readonly ReviewReason[] = ['band', 'incoherent', 'conflict'];

/**
 * Merges refused, by the two clusters' roots in the order asked. Every later edge between the
 * same two clusters asks again, and while neither has grown (a root keeps its members until a
 * union makes its list longer) the verdict stands: it is the same sample of the same member
 * pairs. Only merges costing more than a few member pairs are kept, as one number each (the two
 * sizes and the reason), so that a run with millions of refused pairs does not hold an object
 * for each.
 */
class RefusedMerges {
  private readonly map = new Map<number, number>();
  constructor(private readonly n: number) {}
  get(ra: number, rb: number, na: number, nb: number): ReviewReason | undefined {
    if (na * nb <= 4) return undefined;
    const v = this.map.get(ra * this.n + rb);
    if (v === undefined || Math.floor(v / 4) !== na * 2 ** 24 + nb) return undefined;
    return REASONS[v % 4]!;
  }
  set(ra: number, rb: number, na: number, nb: number, reason: ReviewReason): void {
    if (na * nb <= 4 || na >= 2 ** 24 || nb >= 2 ** 24) return;
    this.map.set(ra * this.n + rb, (na * 2 ** 24 + nb) * 4 + REASONS.indexOf(reason));
  }
}

/**
 * Greedy, coherent clustering: strongest links first; two clusters merge only when no hard
 * identifier conflict separates them, no member pair is strongly contradictory, and the
 * average weight over all their member pairs still clears the bar. A single weak link
 * therefore cannot chain two different people together.
 */
export function clusterPairs(
  pairs: ScoredPairs,
  thresholds: WeightThresholds,
  constraints: ClusterConstraints = {},
): Clustering {
  let n = constraints.records ?? 0;
  for (let k = 0; k < pairs.length; k++) n = Math.max(n, pairs.a[k]! + 1, pairs.b[k]! + 1);
  const check: Check = {
    known: new Neighbours(n, pairs, thresholds.review),
    c: constraints,
    minAverage: constraints.minAverage ?? thresholds.match - AVERAGE_MARGIN,
    minPair:
      constraints.minPair ??
      (thresholds.prior !== undefined ? thresholds.prior - PAIR_EVIDENCE_FLOOR : thresholds.match - PAIR_FLOOR),
    // An unscored pair was not even a blocking candidate: treat it as weak, not as damning.
    fallback: thresholds.review,
  };
  const uf = new Clusters(n);
  const review: ReviewItem[] = [];
  const reached: number[] = [];
  const kept = constraints.kept;
  const refused = new RefusedMerges(n);
  for (const k of edgeOrder(pairs, thresholds.match)) {
    const ra = uf.find(pairs.a[k]!);
    const rb = uf.find(pairs.b[k]!);
    if (ra === rb) continue;
    const la = uf.list(ra);
    const lb = uf.list(rb);
    let verdict: ReviewReason | null | undefined = refused.get(ra, rb, la.length, lb.length);
    if (verdict === undefined) {
      verdict = crossVerdict(check, la, lb);
      if (verdict !== null) refused.set(ra, rb, la.length, lb.length, verdict);
    }
    if (verdict !== null) review.push({ pair: k, reason: verdict });
    else if (kept && kept[pairs.a[k]!] !== kept[pairs.b[k]!]) reached.push(k);
    else uf.union(ra, rb);
  }
  for (let k = 0; k < pairs.length; k++) {
    const w = pairs.weight[k]!;
    if (
      w >= thresholds.review &&
      w < thresholds.match &&
      uf.find(pairs.a[k]!) !== uf.find(pairs.b[k]!)
    ) {
      review.push({ pair: k, reason: 'band' });
    }
  }
  return finish(uf, n, review, reached);
}

function finish(uf: Clusters, n: number, review: ReviewItem[], reached: number[]): Clustering {
  const clusterOf = new Int32Array(n).fill(-1);
  const clusters: number[][] = [];
  let next = 0;
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    if (clusterOf[r] === -1) clusterOf[r] = next++;
    clusterOf[i] = clusterOf[r]!;
    if (r === i && (uf.members[r]?.length ?? 1) > 1) {
      clusters.push([...uf.members[r]!].sort((x, y) => x - y));
    }
  }
  return { clusterOf, entities: next, clusters, review, reached };
}
