import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterOrgs, type OrgItem } from './org-clusters';

// An incremental run clusters only the organization mentions connected to a batch (by school
// code, name key or analysts' must-groups: component.ts, orgComponent) and must give exactly
// what a full run gives them. Since a name join now depends on what each cluster already holds
// (codes, DSOs) and so on mention order, this checks that clustering a component alone equals
// clustering everything, for every component of random sets.

interface OrgWorld {
  items: OrgItem[];
  must: number[][];
  cannot: [number[], number[]][];
}

const worlds: fc.Arbitrary<OrgWorld> = fc.integer({ min: 2, max: 30 }).chain((n) =>
  fc.record({
    items: fc.array(
      fc.record({
        code: fc.option(fc.constantFrom('C1', 'C2', 'C3', 'C4'), { freq: 2 }),
        key: fc.option(fc.constantFrom('harbor institute', 'quay college', 'state university'), { freq: 3 }),
        dso: fc.option(fc.constantFrom('D1', 'D2', 'D3'), { freq: 2 }),
      }),
      { minLength: n, maxLength: n },
    ),
    must: fc.array(fc.uniqueArray(fc.nat(n - 1), { minLength: 2, maxLength: 3 }), { maxLength: 2 }),
    cannot: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)).map(([l, r]): [number[], number[]] => [[l], [r]]), { maxLength: 2 }),
  }),
);

/** Components of the items joined by a shared code, a shared key or a must-group. */
function components(w: OrgWorld): number[][] {
  const n = w.items.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  const join = (x: number, y: number) => void (parent[find(x)] = find(y));
  for (const field of ['code', 'key'] as const) {
    const first = new Map<string, number>();
    w.items.forEach((it, i) => {
      const v = it[field];
      if (v == null) return;
      if (first.has(v)) join(first.get(v)!, i);
      else first.set(v, i);
    });
  }
  for (const g of w.must) for (const x of g) join(g[0]!, x);
  const out = new Map<number, number[]>();
  for (let i = 0; i < n; i++) out.set(find(i), [...(out.get(find(i)) ?? []), i]);
  return [...out.values()];
}

/** Each item's cluster as the sorted list of its members (original positions), and its method. */
function partition(clusterOf: Int32Array, positions: readonly number[]): Map<number, string> {
  const members = new Map<number, number[]>();
  clusterOf.forEach((c, i) => members.set(c, [...(members.get(c) ?? []), positions[i]!]));
  return new Map(positions.map((p, i) => [p, members.get(clusterOf[i]!)!.join(',')]));
}

describe('organization clustering by component', () => {
  it('gives each component, clustered alone, what clustering everything gives it', () => {
    fc.assert(
      fc.property(worlds, (w) => {
        const all = clusterOrgs(w.items, w.must, w.cannot);
        const whole = partition(all.clusterOf, w.items.map((_, i) => i));
        for (const comp of components(w)) {
          const at = new Map(comp.map((p, i) => [p, i]));
          const local = (xs: readonly number[]) => xs.filter((x) => at.has(x)).map((x) => at.get(x)!);
          const must = w.must.map(local).filter((g) => g.length > 1);
          const cannot = w.cannot.map(([l, r]): [number[], number[]] => [local(l), local(r)]).filter(([l, r]) => l.length > 0 && r.length > 0);
          const alone = clusterOrgs(comp.map((p) => w.items[p]!), must, cannot);
          const part = partition(alone.clusterOf, comp);
          for (const [i, p] of comp.entries()) {
            expect(part.get(p)).toBe(whole.get(p));
            expect(alone.method[i]).toBe(all.method[p]);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });
});
