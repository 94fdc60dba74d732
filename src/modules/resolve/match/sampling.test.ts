import { describe, expect, it } from 'vitest';
import { hashKey } from './blocking';
import { TRAINING_RULES, type BlockingRule } from './blocking-rules';
import { recordSample, samplePairsByRule, subsampleIdx } from './sampling';
import { RecordStore } from './store';
import { plantedWorld } from './testing';

/** The plain way: every pair of every eligible block, then the even subsample. */
function naive(
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
      blocks.set(h, [...(blocks.get(h) ?? []), i]);
    }
  }
  const a: number[] = [];
  const b: number[] = [];
  for (const list of blocks.values()) {
    if (list.length < 2 || list.length > cap) continue;
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        a.push(list[x]!);
        b.push(list[y]!);
      }
  }
  const picks = subsampleIdx(a.length, max);
  return { a: Array.from(picks, (k) => a[k]!), b: Array.from(picks, (k) => b[k]!) };
}

describe('samplePairsByRule', () => {
  it('picks exactly the pairs of the full enumeration, without building it', () => {
    const s = new RecordStore();
    s.add(plantedWorld(400, 3).records);
    const sample = recordSample(s.size, 700, 42);
    TRAINING_RULES.forEach((rule, r) => {
      for (const [cap, max] of [
        [500, 200],
        [20, 57],
        [500, 1_000_000],
      ] as const) {
        const got = samplePairsByRule(s, rule, r, sample, cap, max);
        const want = naive(s, rule, r, sample, cap, max);
        expect(got.a.length).toBeGreaterThan(0);
        expect(got).toEqual(want);
      }
    });
  });
});
