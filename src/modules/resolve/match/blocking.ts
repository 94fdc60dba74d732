import { DEFAULT_RULES, type BlockingRule } from './blocking-rules';
import { mix } from './symbols';
import type { RecordStore } from './store';
import type { PairList } from './types';

/** Per-rule block hash: the rule index is mixed in so equal keys of two rules never meet. */
export function hashKey(rule: number, k: number): number {
  return (mix(rule + 0x51ed27, k) >>> 2) + 1;
}

export interface RuleReport {
  rule: string;
  blocks: number;
  /** Blocks larger than the cap, whose pairs were NOT generated. */
  oversizedBlocks: number;
  recordsInOversized: number;
  pairsSkipped: number;
  pairsEmitted: number;
}

export interface BlockingOptions {
  maxBlockSize: number;
  /** Link only records of different sources (a two-file linkage task). */
  crossSourceOnly: boolean;
}

export { DEFAULT_RULES, NAME_BLOCK_CAP, TIGHT_BLOCK_CAP, TRAINING_RULES, type BlockingRule } from './blocking-rules';

export const DEFAULT_BLOCKING: BlockingOptions = { maxBlockSize: 500, crossSourceOnly: false };

/**
 * In-memory blocking index over a RecordStore; add() indexes records as they arrive.
 *
 * The first add() (a whole batch) groups its records into blocks by sorting their (rule, key)
 * entries into flat typed arrays (compressed rows), not through one Map and one array per
 * block: a million records have over twenty million entries, and per-block arrays made
 * blocking the slowest stage of a large run. Records added later (incremental batches) go to
 * small per-rule Maps on top; a block's members are its sorted members, then its later ones,
 * ascending either way.
 */
export class BlockingIndex {
  private indexed = 0;
  // Each record's (rule, block hash) entries, kept so candidate generation never recomputes keys.
  private readonly keyStart = new GrowInt();
  private readonly keyRule = new GrowInt();
  private readonly keyHash = new GrowInt();
  /** Per entry: its block among the sorted ones, or -1 (a block only later records have). */
  private readonly keyBlock = new GrowInt();
  private readonly scratch: number[] = [];
  // Blocks of the first batch, ordered by (hash, rule): members[start[k]..start[k+1]).
  private blockHash = new Int32Array(0);
  private blockRule = new Uint8Array(0);
  private blockStart = new Int32Array(1);
  private members = new Int32Array(0);
  /** Records of the first batch (those in the sorted blocks). */
  private sorted = 0;
  /** Per rule: block hash → members added after the first batch. */
  private readonly later: Map<number, number[]>[];
  private readonly blocksPerRule: number[];
  constructor(
    readonly store: RecordStore,
    readonly rules: readonly BlockingRule[] = DEFAULT_RULES,
    readonly options: BlockingOptions = DEFAULT_BLOCKING,
  ) {
    if (rules.length > 32)
      throw new Error('at most 32 blocking rules (pairs carry a 32-bit rule mask)');
    this.later = rules.map(() => new Map());
    this.blocksPerRule = rules.map(() => 0);
  }

  get size(): number {
    return this.indexed;
  }

  /** Index every store record not indexed yet. */
  add(): void {
    const first = this.indexed;
    // keyStart ends with a sentinel (end of the last record); the next record starts there.
    if (this.keyStart.length > 0) this.keyStart.length--;
    const keys = this.scratch;
    for (let i = first; i < this.store.size; i++) {
      this.keyStart.push(this.keyRule.length);
      for (let r = 0; r < this.rules.length; r++) {
        keys.length = 0;
        this.rules[r]!.keys(this.store, i, keys);
        const ruleStart = this.keyRule.length;
        for (const k of keys) {
          const h = hashKey(r, k);
          // A record joins a block once, however many of its keys lead there.
          let dup = false;
          for (let e = ruleStart; e < this.keyRule.length && !dup; e++)
            dup = this.keyHash.at(e) === h;
          if (dup) continue;
          this.keyRule.push(r);
          this.keyHash.push(h);
          this.keyBlock.push(-1);
        }
      }
    }
    this.keyStart.push(this.keyRule.length);
    this.indexed = this.store.size;
    if (first === 0 && this.sorted === 0) this.buildSorted();
    else this.addLater(first);
  }

  /** Groups all entries into blocks: a stable radix sort by hash, then runs of (hash, rule). */
  private buildSorted(): void {
    const n = this.keyRule.length;
    const hashes = this.keyHash.view();
    const rules = this.keyRule.view();
    let order = new Int32Array(n);
    for (let e = 0; e < n; e++) order[e] = e;
    for (const shift of [0, 16]) {
      const count = new Int32Array(65537);
      for (let e = 0; e < n; e++) count[((hashes[e]! >>> shift) & 0xffff) + 1]!++;
      for (let d = 0; d < 65536; d++) count[d + 1]! += count[d]!;
      const next = new Int32Array(n);
      for (let k = 0; k < n; k++) {
        const e = order[k]!;
        next[count[(hashes[e]! >>> shift) & 0xffff]!++] = e;
      }
      order = next;
    }
    // Within one hash, entries of different rules (a rare collision) are put in rule order.
    for (let k = 0; k < n;) {
      let end = k + 1;
      let mixed = false;
      while (end < n && hashes[order[end]!] === hashes[order[k]!]) {
        if (rules[order[end]!] !== rules[order[k]!]) mixed = true;
        end++;
      }
      if (mixed) {
        const run = Array.from(order.subarray(k, end)).sort(
          (x, y) => rules[x]! - rules[y]! || x - y,
        );
        order.set(run, k);
      }
      k = end;
    }
    const recordOf = new Int32Array(n);
    for (let i = 0; i < this.indexed; i++)
      recordOf.fill(i, this.keyStart.at(i), this.keyStart.at(i + 1));
    let blocks = 0;
    for (let k = 0; k < n; k++) {
      const e = order[k]!;
      const p = k > 0 ? order[k - 1]! : -1;
      if (k === 0 || hashes[e] !== hashes[p] || rules[e] !== rules[p]) blocks++;
    }
    this.blockHash = new Int32Array(blocks);
    this.blockRule = new Uint8Array(blocks);
    this.blockStart = new Int32Array(blocks + 1);
    this.members = new Int32Array(n);
    let b = -1;
    for (let k = 0; k < n; k++) {
      const e = order[k]!;
      const p = k > 0 ? order[k - 1]! : -1;
      if (k === 0 || hashes[e] !== hashes[p] || rules[e] !== rules[p]) {
        b++;
        this.blockHash[b] = hashes[e]!;
        this.blockRule[b] = rules[e]!;
        this.blockStart[b] = k;
        this.blocksPerRule[rules[e]!]!++;
      }
      this.members[k] = recordOf[e]!;
      this.keyBlock.set(e, b);
    }
    this.blockStart[blocks] = n;
    this.sorted = this.indexed;
  }

  /** Sorted block holding (rule, hash), or -1: a binary search over (hash, rule). */
  private findBlock(r: number, h: number): number {
    let lo = 0;
    let hi = this.blockHash.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const mh = this.blockHash[mid]!;
      const cmp = mh !== h ? mh - h : this.blockRule[mid]! - r;
      if (cmp === 0) return mid;
      if (cmp < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private addLater(first: number): void {
    for (let i = first; i < this.indexed; i++) {
      const end = this.keyStart.at(i + 1);
      for (let e = this.keyStart.at(i); e < end; e++) {
        const r = this.keyRule.at(e);
        const h = this.keyHash.at(e);
        const blk = this.findBlock(r, h);
        this.keyBlock.set(e, blk);
        const map = this.later[r]!;
        const list = map.get(h);
        if (list) list.push(i);
        else {
          map.set(h, [i]);
          if (blk < 0) this.blocksPerRule[r]!++;
        }
      }
    }
  }

  /**
   * Candidate pairs (a < b) for every indexed record b ≥ from against all records before it.
   * from = 0 is a full run; from = first new record is an incremental run.
   */
  candidates(from = 0, onlyRule = -1): { pairs: CandidatePairs; report: RuleReport[] } {
    const n = this.indexed;
    const stamp = new Int32Array(n).fill(-1);
    // Where record a's pair with the current b sits, so later rules only add their bit.
    const slot = new Int32Array(n);
    const out = new PairBuffer();
    const report = this.rules.map((r) => emptyReport(r.name));
    const seenOversized = this.rules.map(() => new Set<number>());
    const src = this.store.sources.ids;
    const caps = this.rules.map((rule) =>
      Math.min(this.options.maxBlockSize, rule.maxBlockSize ?? Infinity),
    );
    const anyLater = this.sorted < n;
    const members = this.members;
    const starts = this.blockStart;
    const cross = this.options.crossSourceOnly;
    for (let b = from; b < n; b++) {
      const end = this.keyStart.at(b + 1);
      for (let e = this.keyStart.at(b); e < end; e++) {
        const r = this.keyRule.at(e);
        if (onlyRule >= 0 && r !== onlyRule) continue;
        const rep = report[r]!;
        const blk = this.keyBlock.at(e);
        const s0 = blk >= 0 ? starts[blk]! : 0;
        const s1 = blk >= 0 ? starts[blk + 1]! : 0;
        const later = anyLater ? this.later[r]!.get(this.keyHash.at(e)) : undefined;
        const size = s1 - s0 + (later?.length ?? 0);
        if (size < 2) continue;
        if (size > caps[r]!) {
          const h = this.keyHash.at(e);
          // Pairs this record would have formed with earlier records of the block.
          const earlier =
            below(members, s0, s1, b) + (later ? below(later, 0, later.length, b) : 0);
          rep.pairsSkipped += earlier;
          if (!seenOversized[r]!.has(h)) {
            seenOversized[r]!.add(h);
            rep.oversizedBlocks++;
            rep.recordsInOversized += from === 0 ? size : 0;
          }
          continue;
        }
        const bit = 1 << r;
        for (let k = s0, m = 0, total = size; m < total; m++) {
          const a = m < s1 - s0 ? members[k++]! : later![m - (s1 - s0)]!;
          if (a >= b) break;
          if (stamp[a] === b) {
            if (slot[a]! >= 0) out.rules[slot[a]!]! |= bit;
            continue;
          }
          stamp[a] = b;
          slot[a] = -1;
          if (cross && src[a] === src[b]) continue;
          slot[a] = out.length;
          out.push(a, b, bit);
          rep.pairsEmitted++;
        }
      }
    }
    report.forEach((rep, r) => (rep.blocks = this.blocksPerRule[r]!));
    return { pairs: out.finish(), report };
  }
}

/** Members of list[from..to) (ascending) smaller than x. */
function below(list: ArrayLike<number>, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo - from;
}

function emptyReport(rule: string): RuleReport {
  return {
    rule,
    blocks: 0,
    oversizedBlocks: 0,
    recordsInOversized: 0,
    pairsSkipped: 0,
    pairsEmitted: 0,
  };
}

/**
 * Zeroed columns of n 32-bit integers in a SharedArrayBuffer, for the large columns of a run.
 * V8 counts the memory of an ordinary ArrayBuffer as external and, for about every 64 MB
 * allocated, starts a full collection of the object heap. In a 300,000-person run, whose heap
 * holds gigabytes of records, each took 1–1.8 s, and the blocking stage's columns (tens of
 * megabytes each, grown by doubling) started 14 of them: with the rest of its collections, 25
 * of the stage's 46 s. Shared memory is not counted that way and is freed all the same once
 * unreachable; a worker reads it without a copy (rows.ts shareInts).
 */
export function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * n));
}
export function sharedUint32(n: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(4 * n));
}

/** An exact-length copy of `x` in shared memory (see sharedInt32). */
export function sharedCopy(x: Int32Array): Int32Array {
  const out = sharedInt32(x.length);
  out.set(x);
  return out;
}

/** Growable Int32 column (a plain array of numbers costs 8+ bytes per entry), in shared memory. */
export class GrowInt {
  private data = sharedInt32(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, sharedInt32);
    this.data[this.length++] = v;
  }
  at(i: number): number {
    return this.data[i]!;
  }
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  /** The filled part (a view: valid until the next push). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

function grow<T extends Int32Array | Uint32Array>(arr: T, make: (n: number) => T): T {
  const next = make(arr.length * 2);
  next.set(arr);
  return next;
}

/**
 * Indexes 0..a.length-1 grouped by their record a[k] (0..n-1), each group in index order: the
 * group of record i is order[start[i] .. start[i+1]-1]. A counting sort, linear: no sort or map
 * of pair codes, which would not fit at millions of pairs.
 */
export function groupByFirst(a: ArrayLike<number>, n: number): { start: Int32Array; order: Int32Array } {
  const start = sharedInt32(n + 1);
  for (let k = 0; k < a.length; k++) start[a[k]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = sharedCopy(start.subarray(0, n));
  const order = sharedInt32(a.length);
  for (let k = 0; k < a.length; k++) order[fill[a[k]!]!++] = k;
  return { start, order };
}

/** Growable pair columns, with the bitmask of the rules that proposed each pair. */
export class PairBuffer {
  a = sharedInt32(1024);
  b = sharedInt32(1024);
  rules = sharedUint32(1024);
  length = 0;

  push(a: number, b: number, rules = 0): void {
    if (this.length === this.a.length) {
      this.a = grow(this.a, sharedInt32);
      this.b = grow(this.b, sharedInt32);
      this.rules = grow(this.rules, sharedUint32);
    }
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.rules[this.length] = rules;
    this.length++;
  }

  finish(): CandidatePairs {
    const n = this.length;
    return {
      a: this.a.subarray(0, n),
      b: this.b.subarray(0, n),
      rules: this.rules.subarray(0, n),
      length: n,
    };
  }
}

/** Candidate pairs plus, per pair, a bitmask of the rules (by index) whose blocks hold it. */
export interface CandidatePairs extends PairList {
  rules: Uint32Array;
}
