import type { TransferListItem } from 'node:worker_threads';
import { startTsWorker, WorkerClient } from '../../../shared/worker-thread';
import { DEFAULT_BLOCKING, DEFAULT_RULES } from './blocking';
import type { Model } from './model';
import {
  finishResolve,
  generateCandidates,
  stopwatch,
  trainOnCandidates,
  type ResolveOptions,
  type ResolveResult,
} from './pipeline';
import { claimRows, filledDefs, sharedRowsJob, type ComparisonRows, type SharedRowsJob } from './rows';
import { COMPARISONS, type ComparisonDef } from './comparisons';
import {
  claimScores,
  pairScoring,
  scoreResult,
  sharedScoreJob,
  type ScoreResult,
  type SharedScoreJob,
} from './score';
import { trainingPairs, trainingRows, type TrainingRows } from './train';
import { RecordStore } from './store';
import type { CandidatePairs } from './blocking';
import type { MatchReply } from './worker-jobs';
import type { MatchRecord, PairList } from './types';

/**
 * The same run as resolveRecords, with the comparison of candidate pairs (the costliest
 * stage) split with a worker thread. The worker rebuilds the store from the records while
 * this thread prepares; while this thread blocks, the worker compares the training pairs
 * (random pairs and training-only rule samples, which need no blocking), so the two cores
 * overlap from the start. Needs a runtime that can load the worker's TypeScript (tsx: the CLI
 * and benches run under it).
 */
export async function resolveRecordsParallel(
  records: readonly MatchRecord[],
  options: Partial<ResolveOptions> = {},
): Promise<ResolveResult> {
  const timings: Record<string, number> = {};
  const lap = stopwatch(timings);
  const worker = new MatchWorker(records);
  try {
    const store = new RecordStore();
    store.add(records);
    lap('prepare');
    const defs = filledDefs(store, COMPARISONS);
    const training = options.model ? null : startTraining(worker, store, defs, options);
    lap('sample');
    const candidates = generateCandidates(
      store,
      options.rules ?? DEFAULT_RULES,
      options.blocking ?? {},
    );
    lap('block');
    const { rows } = await bothThreads(worker, store, defs, candidates.pairs.a, candidates.pairs.b);
    const pre = training ? await training : undefined;
    lap('compare');
    return finishResolve(store, candidates, rows, options, timings, lap, pre);
  } finally {
    await worker.terminate();
  }
}

/** Pairs blocked elsewhere, scored, and the model they were scored with. */
export interface ParallelScores {
  model: Model;
  pairs: PairList;
  scored: ScoreResult;
  timings: Record<string, number>;
}

/**
 * Scores candidate pairs made by another blocking (the database run blocks on stored keys),
 * comparing and scoring on two threads. Without `options.model` a model is trained first on
 * those same pairs, whose rule masks (`rules`, bit r for `options.rules[r]`, default
 * DEFAULT_RULES) say which rules proposed them, with its random and training-rule samples, as
 * resolveRecords trains on its own candidates; each pair is compared once, its row serving
 * training and scoring. The worker compares the training samples while this thread runs
 * `block`. The result is scoreStorePairs's over the same pairs.
 */
export async function scoreParallel(
  store: RecordStore,
  records: readonly MatchRecord[],
  block: () => CandidatePairs | Promise<CandidatePairs>,
  options: Partial<ResolveOptions> = {},
  /** A worker over `records` that the caller keeps (and stops); without, one for this call. */
  given?: MatchWorker,
): Promise<ParallelScores> {
  const timings: Record<string, number> = {};
  const lap = stopwatch(timings);
  const worker = given ?? new MatchWorker(records);
  try {
    const defs = filledDefs(store, COMPARISONS);
    const training = options.model ? null : startTraining(worker, store, defs, options);
    const found = await block();
    lap('block');
    const { rows, shared } = await bothThreads(worker, store, defs, found.a, found.b);
    // The pairs' shared copies from here on: the others can go.
    const pairs = { ...shared, rules: found.rules, length: rows.n };
    lap('compare');
    const model = options.model ?? trainOnCandidates(store, { rules: options.rules ?? DEFAULT_RULES, options: { ...DEFAULT_BLOCKING, ...options.blocking } }, pairs, rows, options, await training!);
    if (!options.model) lap('train');
    const scoring = pairScoring(model, store, pairs, undefined, rows);
    const scoreJob = sharedScoreJob(scoring);
    const scoredThere = worker.score(scoreJob);
    const mine = new Map<number, string[]>();
    claimScores(scoring, scoreJob, mine);
    // In pair order, as one thread would have found them.
    const conflicts = new Map([...mine, ...(await scoredThere)].sort((x, y) => x[0] - y[0]));
    const scored = scoreResult(pairs, { weight: scoreJob.weight, flags: scoreJob.flags, conflicts });
    lap('score');
    return { model, pairs, scored, timings };
  } finally {
    if (!given) await worker.terminate();
  }
}

/**
 * Samples the training pairs (they need no blocking) and has the worker compare them while
 * this thread blocks.
 */
function startTraining(
  worker: MatchWorker,
  store: RecordStore,
  defs: readonly ComparisonDef[],
  options: Partial<ResolveOptions>,
): Promise<TrainingRows> {
  const pairs = trainingPairs(store, { ...DEFAULT_BLOCKING, ...options.blocking }.maxBlockSize, {
    crossSourceOnly: options.blocking?.crossSourceOnly ?? false,
    ...options.train,
  });
  const done = worker.rows(defs, pairs.a, pairs.b).then((l) => trainingRows(store, defs, pairs, l));
  done.catch(() => undefined);
  return done;
}

/** Records per message to a matching worker (see MatchWorker.load). */
const LOAD_SLICE = 50_000;

/**
 * A worker holding its own copy of the store; jobs are answered in order, several may wait.
 * `entry` is the worker's module: rows-worker.ts, or one that answers more kinds of job (its
 * owner sends them through `ask`) and answers the others with MatchJobs.
 */
export class MatchWorker {
  private readonly client: WorkerClient<object, object>;

  /** `source`: the records, or a store built of them on this thread (sent as its snapshot, see RecordStore.snapshot). */
  constructor(source: readonly MatchRecord[] | RecordStore, entry = new URL('./rows-worker.ts', import.meta.url), slice = LOAD_SLICE) {
    // A larger young generation: the worker's store building allocates heavily and short-lived,
    // and the default small nursery spends a large share of the time in scavenges.
    const worker = startTsWorker(entry, null, { maxYoungGenerationSizeMb: 192 });
    this.client = new WorkerClient(worker, 'comparison');
    if (source instanceof RecordStore) void this.client.request({ store: source.snapshot() });
    else this.load(source, slice);
  }

  /**
   * Sends the records as slices, all at once: the worker copies in one slice at a time and adds
   * it to its store, so it never holds more than one slice's records beside the store. Sent as
   * one message, a million persons' records were all copied into the worker, several gigabytes
   * beside the store being built at the run's busiest moment. A slice that fails ends the
   * worker, and with it every job (see WorkerClient).
   */
  private load(records: readonly MatchRecord[], slice: number): void {
    for (let k = 0; k === 0 || k < records.length; k += slice) void this.client.request({ load: records.slice(k, k + slice) });
  }

  /**
   * A job for the worker, posted now: the worker answers in order, so it runs once the store
   * holds every slice. Posting must not wait for this thread's event loop (for the slices'
   * replies, say): the callers go on to work without yielding (blocking, their share of the
   * comparisons), and a job posted after that work left the worker idle through it.
   */
  protected ask(message: object, transfer?: readonly TransferListItem[]): Promise<object> {
    return this.client.request(message, transfer);
  }

  /** Comparison levels of pairs (a[k], b[k]) over `defs`, computed on the worker. */
  async rows(defs: readonly ComparisonDef[], a: Int32Array, b: Int32Array): Promise<Uint8Array> {
    return ((await this.ask({ defs: defs.map((d) => d.name), a, b })) as MatchReply).levels!;
  }

  /** The worker's share of a job in shared memory: resolves when nothing is left to claim. */
  async claim(defs: readonly ComparisonDef[], job: SharedRowsJob): Promise<void> {
    await this.ask({ defs: defs.map((d) => d.name), shared: job });
  }

  /** The worker's share of a scoring job: resolves with the contradictions it found. */
  async score(job: SharedScoreJob): Promise<[number, string[]][]> {
    return ((await this.ask({ score: job })) as MatchReply).conflicts!;
  }

  terminate(): Promise<void> {
    return this.client.terminate();
  }
}

/** Rows of the pairs, computed by this thread and the worker together (see claimRows), and the pairs in shared memory. */
async function bothThreads(
  worker: MatchWorker,
  store: RecordStore,
  defs: readonly ComparisonDef[],
  a: Int32Array,
  b: Int32Array,
): Promise<{ rows: ComparisonRows; shared: { a: Int32Array; b: Int32Array } }> {
  const job = sharedRowsJob(defs.length, a, b);
  const theirs = worker.claim(defs, job);
  claimRows(store, defs, job);
  await theirs;
  return { rows: { defs, width: defs.length, levels: job.levels, n: job.n }, shared: { a: job.a, b: job.b } };
}
