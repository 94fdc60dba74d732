import { clusterPairs, logit2, PROVEN_BITS, type ScoredPairs, type Thresholds } from './match';
import type { LinkMethod } from './resolve.types';

/**
 * Clustering of one set of person mentions (all of them, or the components a batch or a
 * decision touches), in mention order: position i is the i-th smallest mention key, so a full
 * run and a run over one component break ties identically and give the same clusters.
 */
export interface EdgeList {
  a: Int32Array;
  b: Int32Array;
  weight: Float64Array;
  proven: Uint8Array;
  /** The identifier rules found a contradiction (same passport, other date of birth...). */
  conflicted: Uint8Array;
  length: number;
}

export interface PersonClusterJob {
  n: number;
  /** Scored pairs (positions, a < b) at or above the review bar; others do not matter. */
  edges: EdgeList;
  /** Weight of any pair (for member pairs never scored). */
  weightOf(a: number, b: number): number;
  /** Identifier conflicts that forbid an automatic link (different A-numbers...). */
  identifierConflict(a: number, b: number): boolean;
  /** Analyst constraints, as positions. */
  must: number[][];
  cannot: [number[], number[]][];
  thresholds: Thresholds;
  /** The model's prior (probability): the clustering's pair floor is counted from it (see WeightThresholds). */
  prior?: number;
  /** Neighbours that keep their stored entity (see ClusterConstraints.kept): entity number, −1 for the others. */
  kept?: Int32Array;
  /** Cross pairs a merge examines at most (default clusterPairs'; tests lower it to exercise the sample). */
  maxCrossPairs?: number;
}

export interface ReviewPair {
  a: number;
  b: number;
  weight: number;
  reason: 'band' | 'incoherent' | 'conflict';
  /** Pairs of records in review between the two entities this item stands for (absent: 1). */
  pairs?: number;
}

export interface PersonClusters {
  clusterOf: Int32Array;
  clusters: number;
  method: LinkMethod[];
  /** Strongest weight joining the mention to another member of its entity (null: none). */
  weight: (number | null)[];
  review: ReviewPair[];
  /** Kept records (positions) that an edge would have merged into another entity. */
  reached: number[];
}

/** Weight of an analyst's must-link: above anything evidence can reach, so it merges first. */
const MUST_BITS = 1000;

class Groups {
  readonly gid: Int32Array;
  readonly size: Int32Array;
  constructor(n: number, must: number[][]) {
    this.gid = Int32Array.from({ length: n }, (_, i) => i);
    for (const g of must) {
      const root = Math.min(...g.map((x) => this.root(x)));
      for (const x of g) this.gid[this.root(x)] = root;
    }
    for (let i = 0; i < n; i++) this.gid[i] = this.root(i);
    this.size = new Int32Array(n);
    for (let i = 0; i < n; i++) this.size[this.gid[i]!]!++;
  }
  private root(x: number): number {
    let r = x;
    while (this.gid[r] !== r) r = this.gid[r]!;
    return r;
  }
}

const pairKey = (x: number, y: number) => (x < y ? `${x}|${y}` : `${y}|${x}`);

export function clusterPersons(job: PersonClusterJob): PersonClusters {
  const groups = new Groups(job.n, job.must);
  const forbidden = new Set<string>();
  for (const [l, r] of job.cannot) for (const x of l) for (const y of r) forbidden.add(pairKey(groups.gid[x]!, groups.gid[y]!));
  const pairs = withMustEdges(job.edges, groups, job.n);
  const mustCount = pairs.length - job.edges.length;
  const cannotLink = (x: number, y: number): boolean => {
    const gx = groups.gid[x]!;
    const gy = groups.gid[y]!;
    if (gx === gy) return false;
    return forbidden.has(pairKey(gx, gy)) || job.identifierConflict(x, y);
  };
  const c = clusterPairs(pairs, job.thresholds, {
    records: job.n,
    weightOf: groupWeight(job, groups),
    cannotLink,
    kept: job.kept,
    maxCrossPairs: job.maxCrossPairs,
  }, job.prior);
  const clusterOf = c.clusterOf;
  const clusters = enforceCannot(clusterOf, c.entities, job.cannot, groups);
  const review = reviewPairs(c.review, pairs, mustCount, clusterOf, (x, y) => forbidden.size > 0 && forbidden.has(pairKey(groups.gid[x]!, groups.gid[y]!)), job.edges);
  const { method, weight } = linkMethods(job, pairs, mustCount, clusterOf, groups);
  const reached = c.reached.flatMap((k) => [pairs.a[k]!, pairs.b[k]!]).filter((x) => job.kept![x]! >= 0);
  return { clusterOf, clusters, method, weight, review, reached };
}

/** Members of a must-group are compared at most this many at a time (groups are small). */
const GROUP_SAMPLE = 32;

/**
 * An analyst's must-group is one person seen in several forms: a record fits it when it fits
 * one of those forms, so for coherence a member's weight with an outsider is the group's best.
 */
function groupWeight(job: PersonClusterJob, groups: Groups): (a: number, b: number) => number {
  const members = new Map<number, number[]>();
  for (let i = 0; i < job.n; i++) {
    if (groups.size[groups.gid[i]!]! < 2) continue;
    const list = members.get(groups.gid[i]!) ?? [];
    if (list.length < GROUP_SAMPLE) list.push(i);
    members.set(groups.gid[i]!, list);
  }
  if (members.size === 0) return (a, b) => job.weightOf(a, b);
  return (a, b) => {
    const ga = members.get(groups.gid[a]!) ?? [a];
    const gb = members.get(groups.gid[b]!) ?? [b];
    if (ga.length === 1 && gb.length === 1) return job.weightOf(a, b);
    let best = -Infinity;
    for (const x of ga) for (const y of gb) if (x !== y) best = Math.max(best, job.weightOf(x, y));
    return best;
  };
}

/** Must-groups become cliques of overwhelming edges, listed first; scored pairs follow. */
function withMustEdges(edges: EdgeList, groups: Groups, n: number): ScoredPairs {
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (groups.size[groups.gid[i]!]! < 2) continue;
    const list = members.get(groups.gid[i]!) ?? [];
    list.push(i);
    members.set(groups.gid[i]!, list);
  }
  const ma: number[] = [];
  const mb: number[] = [];
  for (const list of members.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        ma.push(list[x]!);
        mb.push(list[y]!);
      }
    }
  }
  const total = ma.length + edges.length;
  const a = new Int32Array(total);
  const b = new Int32Array(total);
  const weight = new Float64Array(total);
  a.set(ma);
  b.set(mb);
  weight.fill(MUST_BITS, 0, ma.length);
  a.set(edges.a.subarray(0, edges.length), ma.length);
  b.set(edges.b.subarray(0, edges.length), ma.length);
  weight.set(edges.weight.subarray(0, edges.length), ma.length);
  return { a, b, weight, length: total };
}

/**
 * Clustering checks a sample of member pairs when two large clusters meet; an analyst's
 * must-not is a guarantee, so any pair it missed is split out here, with its must-group.
 */
function enforceCannot(clusterOf: Int32Array, clusters: number, cannot: [number[], number[]][], groups: Groups): number {
  let next = clusters;
  for (const [l, r] of cannot) {
    for (const x of l) {
      for (const y of r) {
        if (clusterOf[x] !== clusterOf[y]) continue;
        const from = clusterOf[y]!;
        const g = groups.gid[y]!;
        for (let i = 0; i < clusterOf.length; i++) if (groups.gid[i] === g && clusterOf[i] === from) clusterOf[i] = next;
        next++;
      }
    }
  }
  return next;
}

function reviewPairs(
  items: readonly { pair: number; reason: ReviewPair['reason'] }[],
  pairs: ScoredPairs,
  mustCount: number,
  clusterOf: Int32Array,
  decided: (x: number, y: number) => boolean,
  edges: EdgeList,
): ReviewPair[] {
  const out: ReviewPair[] = [];
  for (const it of items) {
    if (it.pair < mustCount) continue;
    const a = pairs.a[it.pair]!;
    const b = pairs.b[it.pair]!;
    if (clusterOf[a] === clusterOf[b] || decided(a, b)) continue;
    const reason = edges.conflicted[it.pair - mustCount] ? 'conflict' : it.reason;
    out.push({ a, b, weight: pairs.weight[it.pair]!, reason });
  }
  return onePerEntityPair(out, (x) => clusterOf[x]!);
}

const RANK = { band: 0, incoherent: 1, conflict: 2 } as const;

/** Numbers for entity ids, 0, 1, 2… in the order first asked (onePerEntityPair's `entityOf`). */
export function numbering(): (id: string) => number {
  const numbers = new Map<string, number>();
  return (id) => {
    if (!numbers.has(id)) numbers.set(id, numbers.size);
    return numbers.get(id)!;
  };
}

/**
 * One review item per pair of entities (`entityOf` numbers them), in (a, b) order: the pair of
 * records joined most strongly (then the first records; a pair given twice, with its strongest
 * reason), standing for the distinct pairs of records between them. A decision
 * on an item covers both entities whole (decisions.service: confirm merges them, reject keeps
 * every record of one apart from every record of the other), so each other pair of records
 * between them asks the same question: at a million persons the 6.5M items of the queue were
 * 470,000 pairs of entities. No map of string keys: a full run has millions of items.
 */
export function onePerEntityPair<T extends ReviewPair>(items: readonly T[], entityOf: (record: number) => number): (T & { pairs: number })[] {
  const n = items.length;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const x = entityOf(items[k]!.a);
    const y = entityOf(items[k]!.b);
    lo[k] = Math.min(x, y);
    hi[k] = Math.max(x, y);
  }
  const order = Array.from({ length: n }, (_, k) => k);
  order.sort((p, q) => {
    const x = items[p]!;
    const y = items[q]!;
    return lo[p]! - lo[q]! || hi[p]! - hi[q]! || y.weight - x.weight || x.a - y.a || x.b - y.b || RANK[y.reason] - RANK[x.reason];
  });
  const out: (T & { pairs: number })[] = [];
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && lo[order[j]!] === lo[order[i]!] && hi[order[j]!] === hi[order[i]!]) j++;
    let pairs = 0;
    for (let t = i; t < j; t++) {
      const x = items[order[t]!]!;
      const before = t > i ? items[order[t - 1]!]! : null;
      if (!before || before.a !== x.a || before.b !== x.b) pairs += x.pairs ?? 1;
    }
    out.push({ ...items[order[i]!]!, pairs });
    i = j;
  }
  return out.sort((x, y) => x.a - y.a || x.b - y.b);
}

function linkMethods(job: PersonClusterJob, pairs: ScoredPairs, mustCount: number, clusterOf: Int32Array, groups: Groups) {
  const n = job.n;
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) size[clusterOf[i]!]!++;
  const best: (number | null)[] = new Array<number | null>(n).fill(null);
  const proven = new Uint8Array(n);
  for (let k = mustCount; k < pairs.length; k++) {
    const a = pairs.a[k]!;
    const b = pairs.b[k]!;
    if (clusterOf[a] !== clusterOf[b]) continue;
    const w = pairs.weight[k]!;
    if (best[a] === null || w > best[a]!) best[a] = w;
    if (best[b] === null || w > best[b]!) best[b] = w;
    if (job.edges.proven[k - mustCount] && w >= PROVEN_BITS) proven[a] = proven[b] = 1;
  }
  const matchBits = logit2(job.thresholds.match);
  const method: LinkMethod[] = [];
  const weight: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    if (size[clusterOf[i]!]! < 2) {
      method.push('singleton');
      weight.push(null);
    } else if (groups.size[groups.gid[i]!]! > 1 || best[i] === null || best[i]! < matchBits) {
      method.push('manual');
      weight.push(best[i] ?? null);
    } else {
      method.push(proven[i] ? 'identifier' : 'probabilistic');
      weight.push(best[i]!);
    }
  }
  return { method, weight };
}
