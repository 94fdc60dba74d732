import { describe, expect, it } from 'vitest';
import { runEm, toPatterns } from './em';
import { rng } from './sampling';

/** Two comparisons with 3 levels each (1 agree, 2 partial, 3 disagree), drawn from known m/u. */
function plant(n: number, lambda: number, m: number[][], u: number[][], seed: number): Uint8Array {
  const r = rng(seed);
  const rows = new Uint8Array(n * m.length);
  const draw = (p: number[]) => {
    let x = r();
    for (let l = 1; l < p.length; l++) {
      x -= p[l]!;
      if (x <= 0) return l;
    }
    return p.length - 1;
  };
  for (let k = 0; k < n; k++) {
    const match = r() < lambda;
    for (let c = 0; c < m.length; c++) rows[k * m.length + c] = draw(match ? m[c]! : u[c]!);
  }
  return rows;
}

describe('EM', () => {
  const m = [
    [0, 0.85, 0.1, 0.05],
    [0, 0.7, 0.2, 0.1],
    [0, 0.9, 0.05, 0.05],
  ];
  const u = [
    [0, 0.05, 0.1, 0.85],
    [0, 0.02, 0.08, 0.9],
    [0, 0.1, 0.1, 0.8],
  ];

  it('recovers planted m and the match share with u fixed', () => {
    const rows = plant(40_000, 0.2, m, u, 3);
    const ps = toPatterns(rows, 3, 40_000);
    expect(ps.size).toBeLessThanOrEqual(27);
    const init = { m: m.map(() => [0, 0.6, 0.3, 0.1]), u, lambda: 0.5 };
    const fit = runEm(ps, init, {
      maxIterations: 500,
      tolerance: 1e-8,
      fixU: true,
      frozen: [false, false, false],
      excluded: [false, false, false],
    });
    expect(fit.converged).toBe(true);
    expect(fit.lambda).toBeCloseTo(0.2, 1);
    for (let c = 0; c < 3; c++)
      for (let l = 1; l < 4; l++) expect(Math.abs(fit.m[c]![l]! - m[c]![l]!)).toBeLessThan(0.03);
  });

  it('leaves excluded and frozen comparisons untouched', () => {
    const rows = plant(5_000, 0.3, m, u, 5);
    const init = { m: m.map(() => [0, 0.6, 0.3, 0.1]), u, lambda: 0.5 };
    const fit = runEm(toPatterns(rows, 3, 5_000), init, {
      maxIterations: 100,
      tolerance: 1e-8,
      fixU: true,
      frozen: [false, true, false],
      excluded: [true, false, false],
    });
    expect(fit.m[0]).toEqual([0, 0.6, 0.3, 0.1]);
    expect(fit.m[1]).toEqual([0, 0.6, 0.3, 0.1]);
    expect(fit.m[2]).not.toEqual([0, 0.6, 0.3, 0.1]);
  });

  it('groups wide rows into the same patterns whether keys are numbers or strings', () => {
    const r = rng(3);
    const group = (width: number, top: number) => {
      const n = 2000;
      const rows = Uint8Array.from({ length: n * width }, () => Math.floor(r() * 3) * top);
      const ps = toPatterns(rows, width, n);
      // Reference: string keys, patterns in order of first appearance.
      const seen = new Map<string, number>();
      for (let k = 0; k < n; k++) {
        const key = Array.from(rows.subarray(k * width, (k + 1) * width)).join(',');
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      expect(Array.from(ps.counts)).toEqual([...seen.values()]);
      expect(Array.from(ps.levels)).toEqual(
        [...seen.keys()].flatMap((k) => k.split(',').map(Number)),
      );
    };
    group(18, 1); // 3^18: numeric keys beyond the old 15-column limit
    group(12, 100); // 201^12 overflows 2^53: string keys
  });
});
