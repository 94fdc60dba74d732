import { blockJob, blockPairs, blockPairsWith, bothShares, claimBlocks, joinBlocks, MembershipBuilder, type BlockJob, type BlockPairs, type BlockRange, type Memberships, type PairJob, type PairRange, type RecordBlocks } from './blocking-keys';
import type { DecisionConstraints } from './constraints';
import { displayName, entityIdFor, personName } from './entity-ids';
import {
  identifiersForbid,
  logit2,
  MatchWorker,
  RecordStore,
  Scorer,
  scoreParallel,
  scorePairs,
  type MatchRecord,
  type Model,
  type ScoreResult,
  type TrainOptions,
} from './match';
import type { PairRow } from './match-index.repo';
import type { PersonMention } from './mentions';
import { clusterPersons, type EdgeList, type PersonClusterJob, type PersonClusters, type ReviewPair } from './person-clusters';
import type { DesiredEntity, DesiredLink } from './resolve.types';

/**
 * Person matching over one set of representative mentions held in memory: blocking, scoring
 * and coherent clustering with the analysts' constraints. Pure: the service loads the set and
 * writes what comes out.
 */
export class PersonSet {
  readonly reps: readonly PersonMention[];
  /** The representatives' records, in store order (none once released). */
  records: readonly MatchRecord[];
  /** The representatives' display names, kept when the records are released. */
  private names: readonly (string | null)[] | null = null;
  readonly store: RecordStore;
  readonly position = new Map<number, number>();
  // Every record's blocks, computed once.
  private cached: RecordBlocks | null = null;

  /** `shared`: a set whose dictionaries this one's store shares (see RecordStore). */
  constructor(reps: readonly PersonMention[], shared?: PersonSet) {
    this.store = new RecordStore(shared?.store);
    const sorted = [...reps].sort((x, y) => x.mention - y.mention);
    this.reps = sorted.filter((r, k) => k === 0 || sorted[k - 1]!.mention !== r.mention);
    this.records = this.reps.map((r) => r.record);
    this.store.add(this.records);
    this.reps.forEach((r, i) => this.position.set(r.mention, i));
  }

  get size(): number {
    return this.reps.length;
  }

  /** The display name of representative i's record. */
  nameOf(i: number): string | null {
    return this.names ? this.names[i]! : personName(this.reps[i]!.record);
  }

  /**
   * Lets the representatives' records go, keeping their names: once the store and a worker's
   * copy are built, a full run needs nothing else of them (at a million persons, gigabytes of
   * objects). Each representative's `record` is then an empty one; only a caller that holds
   * no other reference to the records (and reads none after) frees them.
   */
  releaseRecords(): void {
    this.names = this.reps.map((r) => personName(r.record));
    for (const r of this.reps) r.record = RELEASED;
    this.records = [];
  }

  /** Block numbers of record i, ascending. */
  blocks(i: number): number[] {
    const all = this.allBlocks();
    return Array.from(all.list.subarray(all.start[i], all.start[i + 1]));
  }

  /** Every record's blocks (compressed rows): blocking and the index both need them. */
  allBlocks(): RecordBlocks {
    if (this.cached) return this.cached;
    const job = blockJob(this.size);
    this.cached = joinBlocks(claimBlocks(this.store, job), job);
    return this.cached;
  }

  /**
   * allBlocks, computed by this thread and `worker` (which holds a copy of this set's store)
   * together, each claiming ranges of records as it comes to them; this thread does not wait
   * for a worker that never came to the job.
   */
  async allBlocksWith(worker: PersonWorker): Promise<RecordBlocks> {
    if (this.cached) return this.cached;
    const job = blockJob(this.size);
    this.cached = joinBlocks(await bothShares(job, worker.blocks(job), () => claimBlocks(this.store, job)), job);
    return this.cached;
  }
}

const RELEASED: MatchRecord = Object.freeze({
  id: '', source: '', givenName: null, middleName: null, familyName: null, birthDate: null, sex: null, citizenship: null, birthCountry: null,
  addressLine: null, city: null, state: null, postalCode: null, phone: null, email: null, ssn: null, employer: null, identifiers: [],
});

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

/** Candidate pairs from the stored-compatible blocks, with the blocks over the cap. */
function candidatePairs(set: PersonSet, opts: EdgeOptions): BlockPairs {
  const isNew = opts.isNew ? Uint8Array.from(set.reps, (r) => (opts.isNew!(r.mention) ? 1 : 0)) : undefined;
  return blockPairs(memberships(set, opts.onlyBlocks), set.size, isNew ? { isNew } : {});
}

/** Every candidate pair of the set, made by this thread and the worker together (blockPairsWith). */
function allCandidatePairs(set: PersonSet, worker: PersonWorker): Promise<BlockPairs> {
  return blockPairsWith(memberships(set), set.size, worker);
}

/** The set's block memberships (of `only` these blocks), grouped by block. */
function memberships(set: PersonSet, only?: ReadonlySet<number>): Memberships {
  const builder = new MembershipBuilder();
  const { start, list, rules } = set.allBlocks();
  for (let i = 0; i < set.size; i++) {
    for (let e = start[i]!; e < start[i + 1]!; e++) if (!only || only.has(list[e]!)) builder.add(list[e]!, i, rules[e]);
  }
  return builder.build();
}

/** Candidate pairs from the stored-compatible blocks, scored with the model on this thread (a batch). */
export function scoreEdges(set: PersonSet, model: Model, opts: EdgeOptions = {}): EdgeResult {
  const { pairs, oversized } = candidatePairs(set, opts);
  return { edges: keptEdges(set, model, scorePairs(model, set.store, pairs)), pairsScored: pairs.length, oversized };
}

/**
 * A whole set's scored pairs at or above the review bar, as columns in set positions (a < b),
 * with the contradictions by edge index: no object per pair (at a million persons, 20.8M pair
 * objects held over 1.5 GB through the index writes).
 */
export interface KeptEdges extends EdgeList {
  conflicts: Map<number, string[]>;
}

export interface WholeSetEdges {
  edges: KeptEdges;
  pairsScored: number;
  oversized: Map<number, number>;
  model: Model;
  /** Wall milliseconds per stage. */
  timings: Record<string, number>;
}

/**
 * Every candidate pair of the set, compared and scored on two threads; with `model` null a
 * model is trained first on the same candidates (unsupervised, as trainModel trains on its
 * own), sharing the comparisons with scoring. The pairs and weights are those of scoreEdges.
 */
export async function scoreWholeSet(set: PersonSet, model: Model | null, train: Partial<TrainOptions>, worker: PersonWorker): Promise<WholeSetEdges> {
  // The records' blocks first, on both threads: posted before the training comparisons, the
  // worker's share of them comes while this thread is busy with its own.
  const t0 = performance.now();
  await set.allBlocksWith(worker);
  const keys = performance.now() - t0;
  let oversized = new Map<number, number>();
  const block = async () => {
    const found = await allCandidatePairs(set, worker);
    oversized = found.oversized;
    return found.pairs;
  };
  const done = await scoreParallel(set.store, set.records, block, model ? { model } : { train }, worker);
  const edges = keptColumns(done.model, done.scored);
  return { edges, pairsScored: done.pairs.length, oversized, model: done.model, timings: { keys, ...done.timings } };
}

/** Scored pairs at or above the review bar, as columns: the scored pairs are in set positions already, a < b. */
function keptColumns(model: Model, scored: ScoreResult): KeptEdges {
  const reviewBits = logit2(model.thresholds.review);
  let n = 0;
  for (let k = 0; k < scored.length; k++) if (scored.weight[k]! >= reviewBits) n++;
  const edges: KeptEdges = {
    a: new Int32Array(n),
    b: new Int32Array(n),
    weight: new Float64Array(n),
    proven: new Uint8Array(n),
    conflicted: new Uint8Array(n),
    length: n,
    conflicts: new Map(),
  };
  const proven = new Set(scored.proven);
  for (let k = 0, e = 0; k < scored.length; k++) {
    if (scored.weight[k]! < reviewBits) continue;
    edges.a[e] = Math.min(scored.a[k]!, scored.b[k]!);
    edges.b[e] = Math.max(scored.a[k]!, scored.b[k]!);
    edges.weight[e] = scored.weight[k]!;
    edges.proven[e] = proven.has(k) ? 1 : 0;
    const found = scored.conflicts.get(k);
    if (found && found.length > 0) {
      edges.conflicted[e] = 1;
      edges.conflicts.set(e, found);
    }
    e++;
  }
  return edges;
}

// Shared by every edge without a contradiction (most of millions): frozen, so a push would throw.
const NO_CONFLICTS = Object.freeze([]) as unknown as string[];

/** Scored pairs at or above the review bar, in mention keys (keptColumns as rows, for a batch). */
function keptEdges(set: PersonSet, model: Model, scored: ScoreResult): PairRow[] {
  const kept = keptColumns(model, scored);
  const edges: PairRow[] = [];
  for (let e = 0; e < kept.length; e++) {
    edges.push({
      a: set.reps[kept.a[e]!]!.mention,
      b: set.reps[kept.b[e]!]!.mention,
      weight: kept.weight[e]!,
      proven: kept.proven[e] === 1,
      conflicts: kept.conflicts.get(e) ?? NO_CONFLICTS,
    });
  }
  return edges;
}

export interface SetClusters {
  links: DesiredLink[];
  entities: DesiredEntity[];
  /** Review pairs in mention keys. */
  review: ReviewPair[];
  /** Kept neighbours (mention keys) that an edge would have merged into another entity. */
  reached: number[];
}

/** What clusterPersons needs besides the store and the model: plain data, so that a worker can run it. */
export type SetClusterJob = Omit<PersonClusterJob, 'weightOf' | 'identifierConflict'>;

/**
 * A set to cluster with the edges among its members and the decisions (in mention keys, folded
 * onto representatives by `repOf`). `kept` (an incremental run's neighbours, see affected.ts)
 * maps representatives that keep their stored entity to its number: they are clustered but not
 * reported.
 */
export interface SetClusterInput {
  set: PersonSet;
  model: Model;
  /** In mention keys, or (a whole set's) as columns in positions. */
  edges: readonly PairRow[] | KeptEdges;
  decisions: readonly DecisionConstraints[];
  repOf: (mention: number) => number;
  duplicates: ReadonlyMap<number, readonly number[]>;
  kept?: ReadonlyMap<number, number>;
}

/** Clusters the set and says what each representative and duplicate links to. */
export function clusterSet(input: SetClusterInput): SetClusters {
  return toResults(input, runClusterJob(input.set.store, input.model, clusterJob(input)));
}

/** clusterSet on a worker holding a copy of the set's store: this thread is free meanwhile. */
export async function clusterSetOn(worker: PersonWorker, input: SetClusterInput): Promise<SetClusters> {
  return toResults(input, await worker.cluster(input.model, clusterJob(input)));
}

/** clusterPersons over a store: this thread's, or a worker's copy of it. */
export function runClusterJob(store: RecordStore, model: Model, job: SetClusterJob): PersonClusters {
  const scorer = new Scorer(model, store);
  return clusterPersons({ ...job, weightOf: (a, b) => scorer.weight(a, b), identifierConflict: (a, b) => identifiersForbid(store, a, b) });
}

function clusterJob({ set, model, edges, decisions, repOf, kept }: SetClusterInput): SetClusterJob {
  const pos = (m: number) => set.position.get(repOf(m));
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
  return {
    n: set.size,
    // Columns are copied: the job's are moved to the worker, and the caller still writes these.
    edges: Array.isArray(edges) ? toEdgeList(edges, set) : copyEdgeList(edges as KeptEdges),
    must,
    cannot,
    thresholds: model.thresholds,
    prior: model.prior,
    ...(kept ? { kept: Int32Array.from(set.reps, (r) => kept.get(r.mention) ?? -1) } : {}),
  };
}

/**
 * The matching worker of a set (see MatchWorker), which also clusters: a full run has it
 * cluster while this thread writes the match index.
 */
export class PersonWorker extends MatchWorker {
  /** A worker with a copy of the set's store (its snapshot: the records are not sent, nor normalized again). */
  constructor(set: PersonSet) {
    super(set.store, new URL('./person-worker.ts', import.meta.url));
  }

  /** The worker's share of a set's blocks (see PersonSet.allBlocksWith). */
  async blocks(job: BlockJob): Promise<BlockRange[]> {
    return ((await this.ask({ blocks: job })) as { ranges: BlockRange[] }).ranges;
  }

  /** The worker's share of a set's candidate pairs (see blockPairsWith). */
  async pairs(job: PairJob): Promise<PairRange[]> {
    return ((await this.ask({ pairs: job })) as { ranges: PairRange[] }).ranges;
  }

  async cluster(model: Model, job: SetClusterJob): Promise<PersonClusters> {
    const e = job.edges;
    const transfer = [e.a, e.b, e.weight, e.proven, e.conflicted, ...(job.kept ? [job.kept] : [])].map((x) => x.buffer as ArrayBuffer);
    return ((await this.ask({ cluster: { model, job } }, transfer)) as { clusters: PersonClusters }).clusters;
  }
}

/** The edges between members of the set, in positions: columns filled in one pass (no object per edge). */
function toEdgeList(edges: readonly PairRow[], set: PersonSet): EdgeList {
  const a = new Int32Array(edges.length);
  const b = new Int32Array(edges.length);
  const weight = new Float64Array(edges.length);
  const proven = new Uint8Array(edges.length);
  const conflicted = new Uint8Array(edges.length);
  let n = 0;
  for (const e of edges) {
    const x = set.position.get(e.a);
    const y = set.position.get(e.b);
    if (x === undefined || y === undefined) continue;
    a[n] = Math.min(x, y);
    b[n] = Math.max(x, y);
    weight[n] = e.weight;
    proven[n] = e.proven ? 1 : 0;
    conflicted[n++] = e.conflicts.length > 0 ? 1 : 0;
  }
  return { a: a.slice(0, n), b: b.slice(0, n), weight: weight.slice(0, n), proven: proven.slice(0, n), conflicted: conflicted.slice(0, n), length: n };
}

function copyEdgeList(e: EdgeList): EdgeList {
  return { a: e.a.slice(), b: e.b.slice(), weight: e.weight.slice(), proven: e.proven.slice(), conflicted: e.conflicted.slice(), length: e.length };
}

function toResults({ set, duplicates, kept = new Map() }: SetClusterInput, c: PersonClusters): SetClusters {
  const members = new Map<number, number[]>();
  for (let i = 0; i < set.size; i++) {
    if (kept.has(set.reps[i]!.mention)) continue;
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
      const name = set.nameOf(i);
      const dups = duplicates.get(rep.mention) ?? [];
      for (let k = 0; k <= dups.length; k++) names.push(name);
      // A lone record with identical twins is linked to them by the identifier they share.
      const method = c.method[i] === 'singleton' && dups.length > 0 ? 'identifier' : c.method[i]!;
      links.push({ mention: rep.mention, entityId: id, method, weight: c.weight[i] ?? null });
      for (const d of dups) links.push({ mention: d, entityId: id, method: 'identifier', weight: null });
    }
    entities.push({ id, kind: 'person', orgType: null, displayName: displayName(names) });
  }
  const review = c.review
    .map((r) => ({ ...r, a: set.reps[r.a]!.mention, b: set.reps[r.b]!.mention }))
    .filter((r) => !kept.has(r.a) || !kept.has(r.b));
  return { links, entities, review, reached: c.reached.map((i) => set.reps[i]!.mention) };
}
