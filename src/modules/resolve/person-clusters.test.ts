import { describe, expect, it } from 'vitest';
import { clusterPersons, type EdgeList, type PersonClusterJob } from './person-clusters';

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
    expect(c.review).toEqual([{ a: 2, b: 3, weight: -3, reason: 'band' }]);
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
    expect(c.review).toEqual([{ a: 2, b: 3, weight: 50, reason: 'conflict' }]);
  });

  it('gives the same clusters whatever order the edges come in', () => {
    const list: [number, number, number][] = [[0, 1, 9], [1, 2, 9], [0, 2, 9], [3, 4, 9], [2, 3, -2], [4, 5, 30]];
    const a = clusterPersons(job(6, list, {}, -1));
    const b = clusterPersons(job(6, [...list].reverse(), {}, -1));
    expect(Array.from(b.clusterOf)).toEqual(Array.from(a.clusterOf));
  });
});
