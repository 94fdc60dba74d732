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

export { DEFAULT_RULES, TRAINING_RULES, type BlockingRule } from './blocking-rules';

export const DEFAULT_BLOCKING: BlockingOptions = { maxBlockSize: 500, crossSourceOnly: false };

/** In-memory blocking index over a RecordStore; add() indexes records as they arrive. */
export class BlockingIndex {
  readonly maps: Map<number, number[]>[];
  private indexed = 0;
  // Each record's (rule, block hash) entries, kept so candidate generation never recomputes keys.
  private readonly keyStart = new GrowInt();
  private readonly keyRule = new GrowInt();
  private readonly keyHash = new GrowInt();
  private readonly scratch: number[] = [];
  constructor(
    readonly store: RecordStore,
    readonly rules: readonly BlockingRule[] = DEFAULT_RULES,
    readonly options: BlockingOptions = DEFAULT_BLOCKING,
  ) {
    if (rules.length > 32)
      throw new Error('at most 32 blocking rules (pairs carry a 32-bit rule mask)');
    this.maps = rules.map(() => new Map());
  }

  get size(): number {
    return this.indexed;
  }

  /** Index every store record not indexed yet. */
  add(): void {
    // keyStart ends with a sentinel (end of the last record); the next record starts there.
    if (this.keyStart.length > 0) this.keyStart.length--;
    for (let i = this.indexed; i < this.store.size; i++) {
      this.keyStart.push(this.keyRule.length);
      this.rules.forEach((rule, r) => {
        const map = this.maps[r]!;
        const keys = this.scratch;
        keys.length = 0;
        rule.keys(this.store, i, keys);
        for (const k of keys) {
          const h = hashKey(r, k);
          const block = map.get(h);
          if (block === undefined) map.set(h, [i]);
          else if (block[block.length - 1] !== i) block.push(i);
          else continue;
          this.keyRule.push(r);
          this.keyHash.push(h);
        }
      });
    }
    this.keyStart.push(this.keyRule.length);
    this.indexed = this.store.size;
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
    const seenOversized = this.maps.map(() => new Set<number>());
    const src = this.store.sources.ids;
    for (let b = from; b < n; b++) {
      const end = this.keyStart.at(b + 1);
      for (let e = this.keyStart.at(b); e < end; e++) {
        const r = this.keyRule.at(e);
        if (onlyRule >= 0 && r !== onlyRule) continue;
        const rep = report[r]!;
        const h = this.keyHash.at(e);
        const block = this.maps[r]!.get(h);
        if (block === undefined || block.length < 2) continue;
        if (
          block.length >
          Math.min(this.options.maxBlockSize, this.rules[r]!.maxBlockSize ?? Infinity)
        ) {
          noteOversized(rep, seenOversized[r]!, h, block, b, from);
          continue;
        }
        for (let k = 0; k < block.length; k++) {
          const a = block[k]!;
          if (a >= b) break;
          if (stamp[a] === b) {
            if (slot[a]! >= 0) out.rules[slot[a]!]! |= 1 << r;
            continue;
          }
          stamp[a] = b;
          slot[a] = -1;
          if (this.options.crossSourceOnly && src[a] === src[b]) continue;
          slot[a] = out.length;
          out.push(a, b, 1 << r);
          rep.pairsEmitted++;
        }
      }
    }
    report.forEach((rep, r) => (rep.blocks = this.maps[r]!.size));
    return { pairs: out.finish(), report };
  }
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

function noteOversized(
  rep: RuleReport,
  seen: Set<number>,
  h: number,
  block: number[],
  b: number,
  from: number,
): void {
  // Pairs this record would have formed with earlier records of the block.
  let earlier = 0;
  while (earlier < block.length && block[earlier]! < b) earlier++;
  rep.pairsSkipped += earlier;
  if (!seen.has(h)) {
    seen.add(h);
    rep.oversizedBlocks++;
    rep.recordsInOversized += from === 0 ? block.length : 0;
  }
}

/** Growable Int32 column (a plain array of numbers costs 8+ bytes per entry). */
class GrowInt {
  private data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) this.data = grow(this.data, (n) => new Int32Array(n));
    this.data[this.length++] = v;
  }
  at(i: number): number {
    return this.data[i]!;
  }
}

function grow<T extends Int32Array | Uint32Array>(arr: T, make: (n: number) => T): T {
  const next = make(arr.length * 2);
  next.set(arr);
  return next;
}

/** Growable pair columns, with the bitmask of the rules that proposed each pair. */
export class PairBuffer {
  a = new Int32Array(1024);
  b = new Int32Array(1024);
  rules = new Uint32Array(1024);
  length = 0;

  push(a: number, b: number, rules = 0): void {
    if (this.length === this.a.length) {
      this.a = grow(this.a, (n) => new Int32Array(n));
      this.b = grow(this.b, (n) => new Int32Array(n));
      this.rules = grow(this.rules, (n) => new Uint32Array(n));
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
