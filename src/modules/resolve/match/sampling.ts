/** Deterministic sampling for training: random pairs, rule sessions, record samples. */
import { hashKey, type BlockingRule } from './blocking';
import type { RecordStore } from './store';

/** Small deterministic PRNG (mulberry32): training must be repeatable. */
export function rng(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export function sampleRandomPairs(s: RecordStore, n: number, crossSource: boolean, seed: number) {
  const rand = rng(seed);
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const src = s.sources.ids;
  let k = 0;
  for (let tries = 0; k < n && tries < n * 20; tries++) {
    const i = Math.floor(rand() * s.size);
    const j = Math.floor(rand() * s.size);
    if (i === j || (crossSource && src[i] === src[j])) continue;
    a[k] = Math.min(i, j);
    b[k] = Math.max(i, j);
    k++;
  }
  return { a, b, n: k };
}

/** Indexes of the pairs carrying rule bit r, evenly thinned to at most max. */
export function sessionPicks(
  rules: Uint32Array,
  length: number,
  r: number,
  max: number,
): Int32Array {
  const bit = 1 << r;
  let count = 0;
  for (let k = 0; k < length; k++) if ((rules[k]! & bit) !== 0) count++;
  const step = Math.max(1, count / max);
  const out = new Int32Array(Math.min(count, max));
  let seen = 0;
  let next = 0;
  let o = 0;
  for (let k = 0; k < length && o < out.length; k++) {
    if ((rules[k]! & bit) === 0) continue;
    if (seen++ >= next) {
      out[o++] = k;
      next += step;
    }
  }
  return out.subarray(0, o);
}

/** Up to `max` record positions, evenly spread, so training cost does not grow with the world. */
export function recordSample(size: number, max: number, seed: number): Int32Array {
  if (size <= max) return Int32Array.from({ length: size }, (_, i) => i);
  const step = size / max;
  const offset = rng(seed)() * step;
  return Int32Array.from({ length: max }, (_, k) =>
    Math.min(size - 1, Math.floor(offset + k * step)),
  );
}

/** Pairs sharing a block of one training-only rule among sampled records, thinned to `max`. */
export function samplePairsByRule(
  s: RecordStore,
  rule: BlockingRule,
  r: number,
  records: Int32Array,
  cap: number,
  max: number,
) {
  const blocks = new Map<number, number[]>();
  const keys: number[] = [];
  for (const i of records) {
    keys.length = 0;
    rule.keys(s, i, keys);
    for (const k of keys) {
      const h = hashKey(r, k);
      const list = blocks.get(h);
      if (list) list.push(i);
      else blocks.set(h, [i]);
    }
  }
  // Count the pairs first, then walk them again keeping only the picked ones: the full pair
  // list of a wide training rule can run to tens of millions and is never needed.
  let total = 0;
  for (const list of blocks.values()) {
    if (list.length < 2 || list.length > cap) continue;
    total += (list.length * (list.length - 1)) / 2;
  }
  const picks = subsampleIdx(total, max);
  const a = new Array<number>(picks.length);
  const b = new Array<number>(picks.length);
  let o = 0;
  let k = 0;
  for (const list of blocks.values()) {
    if (o === picks.length) break;
    if (list.length < 2 || list.length > cap) continue;
    const pairs = (list.length * (list.length - 1)) / 2;
    if (picks[o]! >= k + pairs) {
      k += pairs;
      continue;
    }
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++, k++) {
        if (k !== picks[o]) continue;
        a[o] = list[x]!;
        b[o] = list[y]!;
        if (++o === picks.length) return { a, b };
      }
    }
  }
  return { a, b };
}

export function subsampleIdx(length: number, max: number): Int32Array {
  const n = Math.min(length, max);
  const out = new Int32Array(n);
  const step = length / Math.max(n, 1);
  for (let k = 0; k < n; k++) out[k] = Math.floor(k * step);
  return out;
}
