import { describe, expect, it } from 'vitest';
import { PairCache } from './pair-cache';

describe('PairCache', () => {
  it('returns f(a, b) for every pair, also when pairs collide in its slots', () => {
    let calls = 0;
    const f = (a: number, b: number) => {
      calls++;
      return (a * 7 + b * 3) % 251;
    };
    const cache = new PairCache(f, 4); // 16 slots for 900 pairs: most lookups collide
    for (let round = 0; round < 2; round++)
      for (let a = 0; a < 30; a++)
        for (let b = 0; b < 30; b++) expect(cache.get(a, b)).toBe(f(a, b));
    const direct = calls;
    calls = 0;
    const big = new PairCache(f, 16);
    for (let round = 0; round < 3; round++)
      for (let a = 0; a < 30; a++) for (let b = 0; b < 30; b++) big.get(a, b);
    // With room for them all, each distinct pair is computed once (an occasional collision aside).
    expect(calls).toBeLessThan(1000);
    expect(direct).toBeGreaterThan(0);
  });
});
