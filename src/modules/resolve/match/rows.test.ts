import { describe, expect, it } from 'vitest';
import { COMPARISONS } from './comparisons';
import { generateCandidates } from './pipeline';
import { claimRows, computeRows, sharedRowsJob } from './rows';
import { plantedWorld } from './testing';

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
