import { describe, expect, it } from 'vitest';
import { clusterPersons, onePerEntityPair, type EdgeList, type PersonClusterJob } from './person-clusters';

const THRESHOLDS = { match: 0.5, review: 0.01 };

function edges(list: [number, number, number, boolean?][]): EdgeList {
  return {
    a: Int32Array.from(list, (e) => e[0]),
    b: Int32Array.from(list, (e) => e[1]),
    weight: Float64Array.from(list, (e) => e[2]),
    proven: Uint8Array.from(list, (e) => (e[3] ? 1 : 0)),
    conflicted: new Uint8Array(list.length),
    length: list.length,
  };
}

/** n records, the given scored edges; any unscored pair weighs `other` bits. */
function job(n: number, list: [number, number, number, boolean?][], extra: Partial<PersonClusterJob> = {}, other = -30): PersonClusterJob {
  const known = new Map(list.map(([a, b, w]) => [`${a}|${b}`, w]));
  return {
    n,
    edges: edges(list),
    weightOf: (a, b) => known.get(`${Math.min(a, b)}|${Math.max(a, b)}`) ?? other,
    identifierConflict: () => false,
    must: [],
    cannot: [],
    thresholds: THRESHOLDS,
    ...extra,
  };
}

const together = (c: { clusterOf: Int32Array }, a: number, b: number) => c.clusterOf[a] === c.clusterOf[b];

describe('clusterPersons', () => {
  it('links pairs over the match bar, says how each record was linked, and queues the band', () => {
    const c = clusterPersons(job(4, [[0, 1, 60, true], [1, 2, 12], [2, 3, -3]], {}, 5));
    expect(together(c, 0, 1) && together(c, 1, 2)).toBe(true);
    expect(together(c, 2, 3)).toBe(false);
    expect(c.method).toEqual(['identifier', 'identifier', 'probabilistic', 'singleton']);
    expect(c.weight).toEqual([60, 60, 12, null]);
    expect(c.review).toEqual([{ a: 2, b: 3, weight: -3, reason: 'band', pairs: 1 }]);
  });

  it('will not chain two people through one strong link when the rest contradicts it', () => {
    const c = clusterPersons(job(3, [[0, 1, 20], [1, 2, 20]], {}, -40));
    expect(together(c, 0, 1)).toBe(true);
    expect(together(c, 1, 2)).toBe(false);
    expect(c.review.map((r) => r.reason)).toEqual(['incoherent']);
  });

  it('keeps an analyst must-group together against the evidence, and fits newcomers to any of its forms', () => {
    // 0 and 1 look nothing alike, but an analyst said they are one person; 2 looks like 1 only.
    const c = clusterPersons(job(3, [[1, 2, 25]], { must: [[0, 1]] }, -40));
    expect(together(c, 0, 1)).toBe(true);
    expect(together(c, 1, 2)).toBe(true);
    expect(c.method.slice(0, 2)).toEqual(['manual', 'manual']);
  });

  it('never links the two sides of an analyst must-not, nor records with conflicting identifiers (those go to review)', () => {
    const c = clusterPersons(job(4, [[0, 1, 50], [2, 3, 50]], { cannot: [[[0], [1]]], identifierConflict: (a, b) => a + b === 5 }));
    expect(together(c, 0, 1)).toBe(false);
    expect(together(c, 2, 3)).toBe(false);
    expect(c.review).toEqual([{ a: 2, b: 3, weight: 50, reason: 'conflict', pairs: 1 }]);
  });

  it('queues one item per pair of entities: the pair of records joined most strongly', () => {
    // Two people of two records each (0–1 and 2–3) kept apart by conflicting identifiers; all
    // four pairs across them are strong. One question for an analyst, not four.
    const c = clusterPersons(
      job(5, [[0, 1, 40], [2, 3, 40], [0, 2, 9], [0, 3, 12], [1, 2, 7], [1, 3, 12], [3, 4, -2], [2, 4, -1]], { identifierConflict: (a, b) => a + b === 2 }),
    );
    expect(together(c, 0, 1) && together(c, 2, 3) && !together(c, 0, 2)).toBe(true);
    // Equal weights: the first records. Record 4 is an entity of its own, in the band of two.
    expect(c.review).toEqual([
      { a: 0, b: 3, weight: 12, reason: 'conflict', pairs: 4 },
      { a: 2, b: 4, weight: -1, reason: 'band', pairs: 2 },
    ]);
  });

  it('counts a pair of records given twice once, with its strongest reason', () => {
    const items = [
      { a: 5, b: 9, weight: 3, reason: 'band' as const },
      { a: 5, b: 9, weight: 3, reason: 'conflict' as const },
      { a: 6, b: 9, weight: 1, reason: 'band' as const, pairs: 3 },
    ];
    expect(onePerEntityPair(items, (x) => (x < 9 ? 0 : 1))).toEqual([{ a: 5, b: 9, weight: 3, reason: 'conflict', pairs: 4 }]);
  });

  it('gives the same clusters whatever order the edges come in', () => {
    const list: [number, number, number][] = [[0, 1, 9], [1, 2, 9], [0, 2, 9], [3, 4, 9], [2, 3, -2], [4, 5, 30]];
    const a = clusterPersons(job(6, list, {}, -1));
    const b = clusterPersons(job(6, [...list].reverse(), {}, -1));
    expect(Array.from(b.clusterOf)).toEqual(Array.from(a.clusterOf));
  });
});
