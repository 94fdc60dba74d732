import { blockPairs, blocksOf, MembershipBuilder } from './blocking-keys';
import type { DecisionConstraints } from './constraints';
import { displayName, entityIdFor, personName } from './entity-ids';
import { identifierEvidence, logit2, RecordStore, Scorer, scorePairs, type Model } from './match';
import type { PairRow } from './match-index.repo';
import type { PersonMention } from './mentions';
import { clusterPersons, type EdgeList, type ReviewPair } from './person-clusters';
import type { DesiredEntity, DesiredLink } from './resolve.types';

/**
 * Person matching over one set of representative mentions held in memory: blocking, scoring
 * and coherent clustering with the analysts' constraints. Pure: the service loads the set and
 * writes what comes out.
 */
export class PersonSet {
  readonly reps: readonly PersonMention[];
  readonly store = new RecordStore();
  readonly position = new Map<number, number>();

  constructor(reps: readonly PersonMention[]) {
    const sorted = [...reps].sort((x, y) => x.mention - y.mention);
    this.reps = sorted.filter((r, k) => k === 0 || sorted[k - 1]!.mention !== r.mention);
    this.store.add(this.reps.map((r) => r.record));
    this.reps.forEach((r, i) => this.position.set(r.mention, i));
  }

  get size(): number {
    return this.reps.length;
  }

  blocks(i: number): number[] {
    return blocksOf(this.store, i);
  }
}

export interface EdgeResult {
  /** Scored pairs at or above the review bar, in mention keys (a < b). */
  edges: PairRow[];
  pairsScored: number;
  /** Blocks over the cap met in this run, with their size. */
  oversized: Map<number, number>;
}

export interface EdgeOptions {
  /** Only pairs with a new record (an incremental batch). */
  isNew?: (mention: number) => boolean;
  /** Only these blocks (those of the new records). */
  onlyBlocks?: ReadonlySet<number>;
}

/** Candidate pairs from the stored-compatible blocks, scored with the model. */
export function scoreEdges(set: PersonSet, model: Model, opts: EdgeOptions = {}): EdgeResult {
  const builder = new MembershipBuilder();
  for (let i = 0; i < set.size; i++) {
    for (const b of set.blocks(i)) if (!opts.onlyBlocks || opts.onlyBlocks.has(b)) builder.add(b, i);
  }
  const isNew = opts.isNew ? Uint8Array.from(set.reps, (r) => (opts.isNew!(r.mention) ? 1 : 0)) : undefined;
  const { pairs, oversized } = blockPairs(builder.build(), set.size, isNew ? { isNew } : {});
  const scored = scorePairs(model, set.store, pairs);
  const reviewBits = logit2(model.thresholds.review);
  const proven = new Set(scored.proven);
  const edges: PairRow[] = [];
  for (let k = 0; k < scored.length; k++) {
    if (scored.weight[k]! < reviewBits) continue;
    edges.push({
      a: set.reps[scored.a[k]!]!.mention,
      b: set.reps[scored.b[k]!]!.mention,
      weight: scored.weight[k]!,
      proven: proven.has(k),
      conflicts: scored.conflicts.get(k) ?? [],
    });
  }
  return { edges, pairsScored: pairs.length, oversized };
}

export interface SetClusters {
  links: DesiredLink[];
  entities: DesiredEntity[];
  /** Review pairs in mention keys. */
  review: ReviewPair[];
}

/**
 * Clusters the set with the edges among its members and the decisions (in mention keys, folded
 * onto representatives by `repOf`), and says what each representative and duplicate links to.
 */
export function clusterSet(
  set: PersonSet,
  model: Model,
  edges: readonly PairRow[],
  decisions: readonly DecisionConstraints[],
  repOf: (mention: number) => number,
  duplicates: ReadonlyMap<number, readonly number[]>,
): SetClusters {
  const pos = (m: number) => set.position.get(repOf(m));
  const list = toEdgeList(edges, set);
  const scorer = new Scorer(model, set.store);
  const s = set.store;
  const must: number[][] = [];
  const cannot: [number[], number[]][] = [];
  for (const d of decisions) {
    for (const g of d.must) {
      const ps = [...new Set(g.map(pos).filter((p): p is number => p !== undefined))];
      if (ps.length > 1) must.push(ps);
    }
    for (const [l, r] of d.cannot) {
      const pl = l.map(pos).filter((p): p is number => p !== undefined);
      const pr = r.map(pos).filter((p): p is number => p !== undefined);
      if (pl.length > 0 && pr.length > 0) cannot.push([pl, pr]);
    }
  }
  const c = clusterPersons({
    n: set.size,
    edges: list,
    weightOf: (a, b) => scorer.weight(a, b),
    identifierConflict: (a, b) => s.identifiers[a] !== null && s.identifiers[b] !== null && identifierEvidence(s, a, b).cannotLink,
    must,
    cannot,
    thresholds: model.thresholds,
  });
  return toResults(set, c, duplicates);
}

function toEdgeList(edges: readonly PairRow[], set: PersonSet): EdgeList {
  const rows = edges
    .map((e) => ({ e, a: set.position.get(e.a), b: set.position.get(e.b) }))
    .filter((x): x is { e: PairRow; a: number; b: number } => x.a !== undefined && x.b !== undefined);
  return {
    a: Int32Array.from(rows, (r) => Math.min(r.a, r.b)),
    b: Int32Array.from(rows, (r) => Math.max(r.a, r.b)),
    weight: Float64Array.from(rows, (r) => r.e.weight),
    proven: Uint8Array.from(rows, (r) => (r.e.proven ? 1 : 0)),
    conflicted: Uint8Array.from(rows, (r) => (r.e.conflicts.length > 0 ? 1 : 0)),
    length: rows.length,
  };
}

function toResults(set: PersonSet, c: ReturnType<typeof clusterPersons>, duplicates: ReadonlyMap<number, readonly number[]>): SetClusters {
  const members = new Map<number, number[]>();
  for (let i = 0; i < set.size; i++) {
    const list = members.get(c.clusterOf[i]!) ?? [];
    list.push(i);
    members.set(c.clusterOf[i]!, list);
  }
  const links: DesiredLink[] = [];
  const entities: DesiredEntity[] = [];
  for (const list of members.values()) {
    const id = entityIdFor(set.reps[list[0]!]!.mention);
    const names: (string | null)[] = [];
    for (const i of list) {
      const rep = set.reps[i]!;
      const name = personName(rep.record);
      const dups = duplicates.get(rep.mention) ?? [];
      for (let k = 0; k <= dups.length; k++) names.push(name);
      // A lone record with identical twins is linked to them by the identifier they share.
      const method = c.method[i] === 'singleton' && dups.length > 0 ? 'identifier' : c.method[i]!;
      links.push({ mention: rep.mention, entityId: id, method, weight: c.weight[i] ?? null });
      for (const d of dups) links.push({ mention: d, entityId: id, method: 'identifier', weight: null });
    }
    entities.push({ id, kind: 'person', orgType: null, displayName: displayName(names) });
  }
  const review = c.review.map((r) => ({ ...r, a: set.reps[r.a]!.mention, b: set.reps[r.b]!.mention }));
  return { links, entities, review };
}
