import { describe, expect, it } from 'vitest';
import { BlockingIndex, DEFAULT_BLOCKING, DEFAULT_RULES, hashKey } from './blocking';
import { RecordStore } from './store';
import { plantedWorld } from './testing';

/** Plain reference: every rule's blocks by Map, all pairs of blocks within the cap, rule bits OR-ed. */
function naivePairs(s: RecordStore, maxBlockSize: number, from: number): Map<string, number> {
  const out = new Map<string, number>();
  DEFAULT_RULES.forEach((rule, r) => {
    const blocks = new Map<number, number[]>();
    for (let i = 0; i < s.size; i++) {
      const keys: number[] = [];
      rule.keys(s, i, keys);
      for (const h of new Set(keys.map((k) => hashKey(r, k))))
        blocks.set(h, [...(blocks.get(h) ?? []), i]);
    }
    const cap = Math.min(maxBlockSize, rule.maxBlockSize ?? Infinity);
    for (const list of blocks.values()) {
      if (list.length > cap) continue;
      for (const a of list)
        for (const b of list) {
          if (a >= b || b < from) continue;
          const k = `${a},${b}`;
          out.set(k, (out.get(k) ?? 0) | (1 << r));
        }
    }
  });
  return out;
}

function asMap(p: { a: Int32Array; b: Int32Array; rules: Uint32Array; length: number }) {
  const m = new Map<string, number>();
  for (let k = 0; k < p.length; k++) {
    const key = `${p.a[k]},${p.b[k]}`;
    expect(m.has(key)).toBe(false);
    m.set(key, p.rules[k]!);
  }
  return m;
}

describe('BlockingIndex', () => {
  const records = plantedWorld(300, 3).records;
  const options = { ...DEFAULT_BLOCKING, maxBlockSize: 12 };

  it('gives every pair of every block within the cap once, with all its rules', () => {
    const s = new RecordStore();
    s.add(records);
    const index = new BlockingIndex(s, DEFAULT_RULES, options);
    index.add();
    const { pairs, report } = index.candidates(0);
    const want = naivePairs(s, options.maxBlockSize, 0);
    expect(want.size).toBeGreaterThan(100);
    expect(asMap(pairs)).toEqual(want);
    expect(report.some((r) => r.oversizedBlocks > 0)).toBe(true);
    expect(report.reduce((t, r) => t + r.pairsEmitted, 0)).toBe(pairs.length);
  });

  it('gives a later batch exactly the pairs a full run gives it', () => {
    const cut = Math.floor(records.length * 0.7);
    const s = new RecordStore();
    s.add(records.slice(0, cut));
    const index = new BlockingIndex(s, DEFAULT_RULES, options);
    index.add();
    s.add(records.slice(cut));
    index.add();
    const inc = index.candidates(cut);
    expect(asMap(inc.pairs)).toEqual(naivePairs(s, options.maxBlockSize, cut));
    // The same store blocked in one go reports the same blocks.
    const whole = new BlockingIndex(s, DEFAULT_RULES, options);
    whole.add();
    expect(index.candidates(0).report.map((r) => r.blocks)).toEqual(
      whole.candidates(0).report.map((r) => r.blocks),
    );
    expect(asMap(index.candidates(0).pairs)).toEqual(asMap(whole.candidates(0).pairs));
  });
});
