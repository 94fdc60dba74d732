import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterAffected, type StoredEntities } from './affected';
import { mentionsOf, mustGroups, type DecisionConstraints } from './constraints';
import type { PairRow } from './match-index.repo';
import { clusterPersons, numbering, onePerEntityPair, type ReviewPair } from './person-clusters';

const THRESHOLDS = { match: 0.5, review: 0.01 };
/** logit2(0.5): the match bar in bits; the review bar is about −6.6. */
const MATCH_BITS = 0;
/** Few distinct weights, so that ties (broken by record positions) are common. */
const WEIGHTS = [-6, -3, -1, 0, 1, 4, 9, 20];

interface World {
  n: number;
  edges: PairRow[];
  /** Weight of every unscored pair, n × n. */
  other: number[];
  conflicts: Set<string>;
  decisions: DecisionConstraints[];
  isNew: boolean[];
  maxCross: number;
}

const pairKey = (x: number, y: number) => (x < y ? `${x}|${y}` : `${y}|${x}`);

const worlds: fc.Arbitrary<World> = fc.integer({ min: 2, max: 40 }).chain((n) =>
  fc
    .record({
      edges: fc.uniqueArray(
        fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.constantFrom(...WEIGHTS), fc.boolean(), fc.integer({ min: 0, max: 5 })).filter(([a, b]) => a !== b),
        { selector: ([a, b]) => pairKey(a, b), maxLength: 4 * n },
      ),
      other: fc.array(fc.constantFrom(-40, -12, -3, 0, 5), { minLength: n * n, maxLength: n * n }),
      conflicts: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 }),
      must: fc.array(fc.uniqueArray(fc.nat(n - 1), { minLength: 2, maxLength: 4 }), { maxLength: 2 }),
      cannot: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 2 }),
      isNew: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      maxCross: fc.constantFrom(2, 3, 7, 256),
    })
    .map((r) => {
      const groups = mustGroups([{ id: 'm', must: r.must, cannot: [] }]);
      // Active decisions never put a must-not inside a must-group (findContradiction).
      const cannot = r.cannot.filter(([x, y]) => groups.find(x) !== groups.find(y)).map(([x, y]): [number[], number[]] => [[x], [y]]);
      return {
        n,
        edges: r.edges.map(([x, y, weight, proven, c]) => ({ a: Math.min(x, y), b: Math.max(x, y), weight, proven, conflicts: c === 0 ? ['passport'] : [] })),
        other: r.other,
        conflicts: new Set(r.conflicts.filter(([x, y]) => x !== y).map(([x, y]) => pairKey(x, y))),
        decisions: [{ id: 'd', must: r.must, cannot }],
        isNew: r.isNew,
        maxCross: r.maxCross,
      };
    }),
);

/** clusterPersons over some of the world's records, in record order (as clusterSet calls it), back in record numbers. */
function cluster(w: World, reps: readonly number[], edges: readonly PairRow[], kept?: ReadonlyMap<number, number>) {
  const pos = new Map(reps.map((m, i) => [m, i]));
  const list = edges.filter((e) => pos.has(e.a) && pos.has(e.b));
  const at = (m: number) => pos.get(m)!;
  const d = w.decisions[0]!;
  const c = clusterPersons({
    n: reps.length,
    edges: {
      a: Int32Array.from(list, (e) => Math.min(at(e.a), at(e.b))),
      b: Int32Array.from(list, (e) => Math.max(at(e.a), at(e.b))),
      weight: Float64Array.from(list, (e) => e.weight),
      proven: Uint8Array.from(list, (e) => (e.proven ? 1 : 0)),
      conflicted: Uint8Array.from(list, (e) => (e.conflicts.length > 0 ? 1 : 0)),
      length: list.length,
    },
    weightOf: (x, y) => w.other[Math.min(reps[x]!, reps[y]!) * w.n + Math.max(reps[x]!, reps[y]!)]!,
    identifierConflict: (x, y) => w.conflicts.has(pairKey(reps[x]!, reps[y]!)),
    must: d.must.map((g) => g.filter((m) => pos.has(m)).map(at)).filter((g) => g.length > 1),
    cannot: d.cannot.filter(([[x], [y]]) => pos.has(x!) && pos.has(y!)).map(([l, r]): [number[], number[]] => [l.map(at), r.map(at)]),
    thresholds: THRESHOLDS,
    maxCrossPairs: w.maxCross,
    kept: kept ? Int32Array.from(reps, (m) => kept.get(m) ?? -1) : undefined,
  });
  const entity = new Map(reps.map((m, i) => [m, `${reps.find((x, j) => c.clusterOf[j] === c.clusterOf[i])}`]));
  const linked = new Map(reps.map((m, i) => [m, [c.method[i], c.weight[i]] as const]));
  const review = c.review.map((r) => ({ ...r, a: reps[r.a]!, b: reps[r.b]! }));
  return { entity, linked, review, reached: c.reached.map((i) => reps[i]!) };
}

/** A full run over the old records, then an incremental one with the new records: the merged picture. */
async function incremental(w: World, broken = false) {
  const all = Array.from({ length: w.n }, (_, i) => i);
  const old = all.filter((m) => !w.isNew[m]);
  const oldEdges = w.edges.filter((e) => !w.isNew[e.a] && !w.isNew[e.b]);
  const before = cluster(w, old, oldEdges);
  const stored: StoredEntities = {
    entitiesOf: async (reps) => {
      const ids = new Set(reps.map((m) => before.entity.get(m)));
      return new Map(old.filter((m) => ids.has(before.entity.get(m))).map((m) => [m, before.entity.get(m)!]));
    },
    pairsTouching: async (reps) => oldEdges.filter((e) => reps.includes(e.a) || reps.includes(e.b)),
    pairsAmong: async (reps) => oldEdges.filter((e) => reps.includes(e.a) && reps.includes(e.b)),
  };
  const start = {
    fresh: all.filter((m) => w.isNew[m]),
    dirty: mentionsOf(w.decisions).filter((m) => !w.isNew[m]),
    edges: w.edges.filter((e) => w.isNew[e.a] || w.isNew[e.b]),
  };
  const run = await clusterAffected(stored, start, MATCH_BITS, async (p) => {
    const c = cluster(w, p.reps, p.edges, p.kept);
    return broken ? { ...c, reached: [] } : c;
  });
  const affected = new Set(run.reps);
  const entity = new Map([...before.entity].filter(([m]) => !affected.has(m)));
  const linked = new Map([...before.linked].filter(([m]) => !affected.has(m)));
  for (const m of run.reps) {
    entity.set(m, `new ${run.result.entity.get(m)}`);
    linked.set(m, run.result.linked.get(m)!);
  }
  // As writeRedoReview writes them: the items with an end in the affected set, one per pair of
  // (final) entities; the stored ones between entities it leaves alone stay.
  const numberOf = numbering();
  const review: ReviewPair[] = [
    ...before.review.filter((r) => !affected.has(r.a) && !affected.has(r.b)),
    ...onePerEntityPair(
      [
        ...run.result.review.filter((r) => affected.has(r.a) || affected.has(r.b)),
        ...run.crossing.map((e): ReviewPair => ({ a: e.a, b: e.b, weight: e.weight, reason: e.conflicts.length > 0 ? 'conflict' : 'band' })),
      ],
      (m) => numberOf(entity.get(m)!),
    ),
  ];
  return { entity, linked, review, affected: affected.size };
}

/** Each record's entity as its smallest member; link methods and weights; review items in order. */
function picture(r: { entity: Map<number, string>; linked: Map<number, readonly [unknown, unknown]>; review: ReviewPair[] }, n: number) {
  const first = new Map<string, number>();
  for (let m = 0; m < n; m++) if (!first.has(r.entity.get(m)!)) first.set(r.entity.get(m)!, m);
  return {
    entity: Array.from({ length: n }, (_, m) => first.get(r.entity.get(m)!)),
    linked: Array.from({ length: n }, (_, m) => r.linked.get(m)),
    review: [...r.review].sort((x, y) => x.a - y.a || x.b - y.b),
  };
}

const full = (w: World) => {
  const all = Array.from({ length: w.n }, (_, i) => i);
  return picture(cluster(w, all, w.edges), w.n);
};

describe('clusterAffected', () => {
  it('gives what a full clustering of everything gives: entities, member order, link methods, review items', async () => {
    await fc.assert(
      fc.asyncProperty(worlds, async (w) => {
        expect(picture(await incremental(w), w.n)).toEqual(full(w));
      }),
      { numRuns: 1500 },
    );
  });

  it('clusters again only the entities the batch reaches, not the whole component', async () => {
    // Three people, 0–1, 2–3, 4–5, chained by strong pairs their other members contradict: one
    // connected component. A new record 6 joins 4–5; the other two entities are refused, kept.
    const e = (a: number, b: number, weight: number): PairRow => ({ a, b, weight, proven: false, conflicts: [] });
    const w: World = {
      n: 7,
      edges: [e(0, 1, 20), e(2, 3, 20), e(4, 5, 20), e(1, 2, 1), e(3, 4, 1), e(5, 6, 9), e(4, 6, 9)],
      other: new Array<number>(49).fill(-40),
      conflicts: new Set(),
      decisions: [{ id: 'd', must: [], cannot: [] }],
      isNew: [false, false, false, false, false, false, true],
      maxCross: 256,
    };
    const r = await incremental(w);
    expect(r.affected).toBe(3);
    expect(picture(r, w.n)).toEqual(full(w));
  });
});
