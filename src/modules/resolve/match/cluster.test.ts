import { describe, expect, it } from 'vitest';
import { clusterPairs, PAIR_EVIDENCE_FLOOR } from './cluster';
import type { ScoredPairs } from './types';

function pairs(list: [number, number, number][]): ScoredPairs {
  return {
    a: Int32Array.from(list, (p) => p[0]),
    b: Int32Array.from(list, (p) => p[1]),
    weight: Float64Array.from(list, (p) => p[2]),
    length: list.length,
  };
}

const T = { match: 0, review: -6 };

describe('coherent clustering', () => {
  it('links strong pairs transitively', () => {
    const c = clusterPairs(
      pairs([
        [0, 1, 20],
        [1, 2, 18],
        [0, 2, 15],
      ]),
      T,
      { records: 4 },
    );
    expect(c.clusters).toEqual([[0, 1, 2]]);
    expect(c.entities).toBe(2);
    expect(c.clusterOf[3]).not.toBe(c.clusterOf[0]);
  });

  it('does not chain two people through one weak link', () => {
    // 0–1 and 2–3 are two people; 1–2 barely clears the bar, the other cross pairs contradict it.
    const scored = pairs([
      [0, 1, 25],
      [2, 3, 25],
      [1, 2, 0.5],
      [0, 2, -20],
      [0, 3, -18],
      [1, 3, -12],
    ]);
    const c = clusterPairs(scored, T, { records: 4 });
    expect(c.clusters).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(c.review.some((r) => r.pair === 2 && r.reason === 'incoherent')).toBe(true);
  });

  it('asks for the weight of unscored member pairs before merging', () => {
    const scored = pairs([
      [0, 1, 25],
      [1, 2, 3],
    ]);
    const merged = clusterPairs(scored, T, { records: 3, weightOf: () => 2 });
    const refused = clusterPairs(scored, T, { records: 3, weightOf: () => -30 });
    expect(merged.clusters).toEqual([[0, 1, 2]]);
    expect(refused.clusters).toEqual([[0, 1]]);
  });

  it('counts the pair floor from the prior when it is given: a member pair with no evidence is no contradiction', () => {
    // Records 0 and 2 say nothing about each other: their weight is the prior alone, which in a
    // large world (-17.4 bits at a million persons) lies below match - PAIR_FLOOR (-16).
    const scored = pairs([
      [0, 1, 25],
      [1, 2, 30],
    ]);
    const none = -17.4;
    const withPrior = { ...T, prior: none };
    const together = (t: typeof T, w: number) => {
      const c = clusterPairs(scored, t, { records: 3, weightOf: () => w });
      return c.clusterOf[0] === c.clusterOf[2];
    };
    expect(together(withPrior, none)).toBe(true);
    expect(together(T, none)).toBe(false);
    // Strong evidence against still refuses.
    expect(together(withPrior, none - PAIR_EVIDENCE_FLOOR + 1)).toBe(true);
    expect(together(withPrior, none - PAIR_EVIDENCE_FLOOR - 1)).toBe(false);
  });

  it('asks a refused merge once while neither cluster grows, and again once one has', () => {
    // Two people, records 0–2 and 3–5, joined by three weak edges: the first edge's check of their
    // member pairs refuses the merge, the next two get the same verdict without asking. Then
    // record 6 joins the second person, and the last edge between them asks again.
    const scored = pairs([
      [0, 1, 30], [1, 2, 30], [3, 4, 30], [4, 5, 30],
      [0, 3, 4], [1, 4, 3], [2, 5, 2],
      [5, 6, 1.5],
      [0, 4, 1],
    ]);
    const crossAsked: string[] = [];
    const weightOf = (a: number, b: number) => {
      const same = a < 3 === b < 3;
      if (!same) crossAsked.push(`${a}-${b}`);
      return same ? 10 : -30;
    };
    const c = clusterPairs(scored, T, { records: 7, weightOf });
    expect(c.clusters).toEqual([[0, 1, 2], [3, 4, 5, 6]]);
    expect(c.review.filter((r) => r.reason === 'incoherent').map((r) => r.pair)).toEqual([4, 5, 6, 8]);
    // Each check stops at its first contradicting member pair (0–5, after the scored 0–3 and 0–4).
    expect(crossAsked).toEqual(['0-5', '0-5']);
  });

  it('never merges records with a hard conflict', () => {
    const c = clusterPairs(pairs([[0, 1, 40]]), T, { records: 2, cannotLink: () => true });
    expect(c.clusters).toEqual([]);
    expect(c.review).toEqual([{ pair: 0, reason: 'conflict' }]);
  });

  it('returns the band between review and match thresholds for review', () => {
    const c = clusterPairs(
      pairs([
        [0, 1, -2],
        [2, 3, -9],
      ]),
      T,
      { records: 4 },
    );
    expect(c.clusters).toEqual([]);
    expect(c.review).toEqual([{ pair: 0, reason: 'band' }]);
  });

  it('does not depend on the order of the input pairs', () => {
    const list: [number, number, number][] = [
      [0, 1, 5],
      [1, 2, 5],
      [2, 3, 5],
      [0, 3, -30],
      [4, 5, 9],
    ];
    const a = clusterPairs(pairs(list), T, { records: 6 });
    const b = clusterPairs(pairs([...list].reverse()), T, { records: 6 });
    expect(Array.from(a.clusterOf)).toEqual(Array.from(b.clusterOf));
  });
});
