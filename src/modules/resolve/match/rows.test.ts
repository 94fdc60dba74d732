import { describe, expect, it } from 'vitest';
import { COMPARISONS } from './comparisons';
import { generateCandidates } from './pipeline';
import { claimRows, computeRows, sharedRowsJob, sharePairs } from './rows';
import { plantedWorld } from './testing';
import type { PairList } from './types';

const pairs = (list: [number, number][]): PairList => ({
  a: Int32Array.from(list, (p) => p[0]),
  b: Int32Array.from(list, (p) => p[1]),
  length: list.length,
});

describe('sharePairs', () => {
  it('points wanted pairs at the known rows and lists the others after them', () => {
    const known = pairs([
      [1, 3],
      [0, 2],
      [0, 1],
    ]);
    const wanted = pairs([
      [0, 2],
      [1, 2],
      [1, 3],
      [2, 3],
      [0, 1],
    ]);
    const shared = sharePairs(known, wanted, 4);
    expect(Array.from(shared.rowOf)).toEqual([1, 3, 0, 4, 2]);
    expect(Array.from(shared.missing.a)).toEqual([1, 2]);
    expect(Array.from(shared.missing.b)).toEqual([2, 3]);
  });

  it('finds pairs whatever the order of the wanted list', () => {
    const known = pairs([
      [0, 1],
      [2, 3],
    ]);
    const shared = sharePairs(
      known,
      pairs([
        [2, 3],
        [0, 1],
        [2, 3],
      ]),
      4,
    );
    expect(Array.from(shared.rowOf)).toEqual([1, 0, 1]);
    expect(shared.missing.length).toBe(0);
  });
});

describe('claimRows', () => {
  it('fills a shared job with the rows computeRows gives, chunk by chunk', () => {
    const { pairs, store } = generateCandidates(plantedWorld(800, 3).records);
    const job = sharedRowsJob(COMPARISONS.length, pairs.a, pairs.b);
    expect(pairs.length).toBeGreaterThan(2048);
    expect(claimRows(store, COMPARISONS, job)).toBe(pairs.length);
    expect(claimRows(store, COMPARISONS, job)).toBe(0);
    expect(job.levels).toEqual(
      computeRows(store, COMPARISONS, pairs.a, pairs.b, pairs.length).levels,
    );
  });

  it('takes an empty job', () => {
    const job = sharedRowsJob(3, new Int32Array(0), new Int32Array(0));
    expect(job.levels.length).toBe(0);
  });
});
