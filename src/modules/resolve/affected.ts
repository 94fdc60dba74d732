import type { PairRow } from './match-index.repo';

/**
 * Incremental clustering that gives exactly what a full run gives, while clustering again only
 * the entities a batch (or a decision) can change, not the whole connected component.
 *
 * Why it is exact. In the greedy clustering (match/cluster.ts) a final cluster only ever merges
 * among its own members, and edges leaving it are refused without changing anything; so for any
 * set U that is a union of final clusters, clustering U alone with the edges among its members
 * gives the same clusters, member-list order (the stride sample) and verdicts as the full run.
 * The affected set A (the new records, plus whole stored entities) is clustered together with
 * its neighbours: every stored entity joined to A by a pair at or above the match bar, each
 * replaying its own history from its internal pairs, and never merged with anything else
 * (`kept`). When some edge's verdict would have merged a neighbour into A, that entity is
 * affected too: A grows and the pass runs again. When no verdict would, the pass is a faithful
 * run of the whole world — inside A as computed, elsewhere as stored (an untouched entity's
 * history depends only on its own members, and every edge between it and A was refused against
 * its stored history) — so A's clusters, A's review items and A's link methods are the full
 * run's. Entities named by a decision are affected from the start (a must-not may have split
 * a cluster after the greedy run, so their stored entities are not replayable on their own).
 */

/** The stored side: entities and pairs of the previous run, loaded on demand. */
export interface StoredEntities {
  /** Every representative of the stored entities holding these representatives, with the entity. */
  entitiesOf(reps: readonly number[]): Promise<Map<number, string>>;
  /** Stored pairs with an end among the representatives. */
  pairsTouching(reps: readonly number[]): Promise<PairRow[]>;
  /** Stored pairs with both ends among the representatives. */
  pairsAmong(reps: readonly number[]): Promise<PairRow[]>;
}

export interface AffectedStart {
  /** New representatives (not in any stored entity). */
  fresh: readonly number[];
  /** Stored representatives whose whole entities must be clustered again. */
  dirty: readonly number[];
  /** Pairs not stored yet (the batch's), each with a fresh end. */
  edges: readonly PairRow[];
}

/** One clustering pass: `reps` ascending; `kept` maps each neighbour to its entity's number. */
export interface AffectedPass {
  reps: number[];
  kept: Map<number, number>;
  edges: PairRow[];
}

export interface AffectedRun<R> {
  /** The last pass's result: the one in which no verdict reached a kept entity. */
  result: R;
  /** The affected representatives (ascending): their links and review items are decided. */
  reps: number[];
  /** Pairs from an affected representative to one outside the pass (all under the match bar). */
  crossing: PairRow[];
  /** Kept neighbours in the last pass, and the passes run. */
  kept: number;
  passes: number;
}

const key = (p: PairRow) => (p.a < p.b ? `${p.a}|${p.b}` : `${p.b}|${p.a}`);

export async function clusterAffected<R extends { reached: readonly number[] }>(
  stored: StoredEntities,
  start: AffectedStart,
  matchBits: number,
  pass: (input: AffectedPass) => Promise<R>,
): Promise<AffectedRun<R>> {
  const affected = new Set([...start.fresh, ...start.dirty]);
  for (const m of (await stored.entitiesOf(start.dirty)).keys()) affected.add(m);
  const pairs = new Map<string, PairRow>();
  const add = (rows: readonly PairRow[]) => rows.forEach((p) => pairs.set(key(p), p));
  add(start.edges);
  const touched = new Set<number>();
  const entityOf = new Map<number, string>();
  const membersOf = new Map<string, number[]>();
  for (let passes = 1; ; passes++) {
    const todo = [...affected].filter((m) => !touched.has(m));
    todo.forEach((m) => touched.add(m));
    add(await stored.pairsTouching(todo));
    // Stored entities a pair at or above the match bar joins to the affected records.
    const near = new Set<number>();
    for (const p of pairs.values()) {
      if (p.weight < matchBits || affected.has(p.a) === affected.has(p.b)) continue;
      const other = affected.has(p.a) ? p.b : p.a;
      if (!entityOf.has(other)) near.add(other);
    }
    const found = await stored.entitiesOf([...near]);
    // A representative without a stored entity (none should be) is an entity of its own.
    for (const m of near) if (!found.has(m)) found.set(m, `#${m}`);
    for (const [m, e] of found) {
      entityOf.set(m, e);
      membersOf.set(e, [...(membersOf.get(e) ?? []), m]);
    }
    add(await stored.pairsAmong([...found.keys()]));

    const kept = new Map<number, number>();
    const numbers = new Map<string, number>();
    for (const [m, e] of entityOf) {
      if (affected.has(m)) continue;
      if (!numbers.has(e)) numbers.set(e, numbers.size);
      kept.set(m, numbers.get(e)!);
    }
    const inPass = (m: number) => affected.has(m) || kept.has(m);
    // Pairs between two kept entities are refused in any run: left out, they cost nothing.
    const edges = [...pairs.values()].filter(
      (p) => inPass(p.a) && inPass(p.b) && !(kept.has(p.a) && kept.has(p.b) && kept.get(p.a) !== kept.get(p.b)),
    );
    const reps = [...affected, ...kept.keys()].sort((x, y) => x - y);
    const result = await pass({ reps, kept, edges });
    if (result.reached.length === 0) {
      const crossing = [...pairs.values()].filter((p) => affected.has(p.a) !== affected.has(p.b) && !inPass(affected.has(p.a) ? p.b : p.a));
      return { result, reps: [...affected].sort((x, y) => x - y), crossing, kept: kept.size, passes };
    }
    for (const m of result.reached) for (const r of membersOf.get(entityOf.get(m)!) ?? [m]) affected.add(r);
  }
}
