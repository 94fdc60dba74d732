import { startTsWorker, WorkerClient } from '../../../shared/worker-thread';
import { DEFAULT_BLOCKING, DEFAULT_RULES } from './blocking';
import type { Model } from './model';
import {
  finishResolve,
  generateCandidates,
  stopwatch,
  trainOnCandidates,
  type CandidateResult,
  type ResolveOptions,
  type ResolveResult,
} from './pipeline';
import {
  claimRows,
  filledDefs,
  sharedRowsJob,
  sharePairs,
  type ComparisonRows,
  type PairRowsAt,
  type SharedRowsJob,
} from './rows';
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
  const worker = new RowsWorker(records);
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
    const rows = await bothThreads(worker, store, defs, candidates.pairs.a, candidates.pairs.b);
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
  /** Pairs compared: the candidates, and training's own candidates when it trained. */
  compared: number;
  /** Of those, candidates training's blocking did not propose (compared for scoring only). */
  scoringOnly: number;
  timings: Record<string, number>;
}

/**
 * Scores candidate pairs made by another blocking (the database run blocks on stored keys),
 * comparing and scoring on two threads. Without `options.model` a model is trained first,
 * exactly as resolveRecords trains it (its own candidates and samples), and a pair both
 * blockings propose is compared once, its row serving training and scoring. The worker
 * compares the training sample, then training's candidates, while this thread runs `block`.
 * The result is scoreStorePairs's over the same pairs.
 */
export async function scoreParallel(
  store: RecordStore,
  records: readonly MatchRecord[],
  block: () => PairList,
  options: Partial<ResolveOptions> = {},
): Promise<ParallelScores> {
  const timings: Record<string, number> = {};
  const lap = stopwatch(timings);
  const worker = new RowsWorker(records);
  try {
    const compared = await compareParallel(worker, store, block, options, lap);
    const { model, rows } = compared;
    const job = sharedScoreJob(pairScoring(model, store, compared.pairs, undefined, rows));
    // The pairs' shared copies from here on: the others can go.
    const pairs = { a: job.a, b: job.b, length: job.n };
    const scoring = pairScoring(model, store, pairs, undefined, rows);
    const theirs = worker.score(job);
    const mine = new Map<number, string[]>();
    claimScores(scoring, job, mine);
    // In pair order, as one thread would have found them.
    const conflicts = new Map([...mine, ...(await theirs)].sort((x, y) => x[0] - y[0]));
    const scored = scoreResult(pairs, { weight: job.weight, flags: job.flags, conflicts });
    lap('score');
    const scoringOnly = rows.more?.n ?? 0;
    return { model, pairs, scored, compared: rows.rows.n + scoringOnly, scoringOnly, timings };
  } finally {
    await worker.terminate();
  }
}

/** The model (given or trained) and the rows of the pairs `block` makes, on both threads. */
async function compareParallel(
  worker: RowsWorker,
  store: RecordStore,
  block: () => PairList,
  options: Partial<ResolveOptions>,
  lap: (name: string) => void,
): Promise<{ model: Model; pairs: PairList; rows: PairRowsAt }> {
  const defs = filledDefs(store, COMPARISONS);
  if (options.model) {
    const pairs = block();
    lap('block');
    const rows = await bothThreads(worker, store, defs, pairs.a, pairs.b);
    lap('compare');
    return { model: options.model, pairs, rows: { rows, rowOf: null, more: null } };
  }
  const training = startTraining(worker, store, defs, options);
  const { candidates, known } = shareCandidates(
    defs.length,
    generateCandidates(store, options.rules ?? DEFAULT_RULES, options.blocking ?? {}),
  );
  const theirs = worker.claim(defs, known);
  lap('candidates');
  const pairs = block();
  const shared = sharePairs(candidates.pairs, pairs, store.size);
  const missing = sharedRowsJob(defs.length, shared.missing.a, shared.missing.b);
  const theirsToo = worker.claim(defs, missing);
  lap('block');
  claimRows(store, defs, known);
  claimRows(store, defs, missing);
  await Promise.all([theirs, theirsToo]);
  const pre = await training;
  lap('compare');
  const width = defs.length;
  const rows = { defs, width, levels: known.levels, n: known.n };
  const model = trainOnCandidates(store, candidates, rows, options, pre);
  lap('train');
  const more = { defs, width, levels: missing.levels, n: missing.n };
  return { model, pairs, rows: { rows, rowOf: shared.rowOf, more } };
}

/** Training's candidates with their pairs moved to shared memory, and the job comparing them. */
function shareCandidates(
  width: number,
  found: CandidateResult,
): { candidates: CandidateResult; known: SharedRowsJob } {
  const known = sharedRowsJob(width, found.pairs.a, found.pairs.b);
  return { candidates: { ...found, pairs: { ...found.pairs, a: known.a, b: known.b } }, known };
}

/**
 * Samples the training pairs (they need no blocking) and has the worker compare them while
 * this thread blocks.
 */
function startTraining(
  worker: RowsWorker,
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

/** What the worker answers: rows of its own pairs, or contradictions found while scoring. */
interface Reply {
  levels: Uint8Array | null;
  conflicts?: [number, string[]][];
}

/** A worker holding its own copy of the store; jobs are answered in order, several may wait. */
class RowsWorker {
  private readonly client: WorkerClient<object, Reply>;

  constructor(records: readonly MatchRecord[]) {
    // A larger young generation: the worker's store building allocates heavily and short-lived,
    // and the default small nursery spends a large share of the time in scavenges.
    const worker = startTsWorker(new URL('./rows-worker.ts', import.meta.url), records, { maxYoungGenerationSizeMb: 192 });
    this.client = new WorkerClient(worker, 'comparison');
  }

  /** Comparison levels of pairs (a[k], b[k]) over `defs`, computed on the worker. */
  async rows(defs: readonly ComparisonDef[], a: Int32Array, b: Int32Array): Promise<Uint8Array> {
    return (await this.client.request({ defs: defs.map((d) => d.name), a, b })).levels!;
  }

  /** The worker's share of a job in shared memory: resolves when nothing is left to claim. */
  async claim(defs: readonly ComparisonDef[], job: SharedRowsJob): Promise<void> {
    await this.client.request({ defs: defs.map((d) => d.name), shared: job });
  }

  /** The worker's share of a scoring job: resolves with the contradictions it found. */
  async score(job: SharedScoreJob): Promise<[number, string[]][]> {
    return (await this.client.request({ score: job })).conflicts!;
  }

  terminate(): Promise<void> {
    return this.client.terminate();
  }
}

/** Rows of the pairs, computed by this thread and the worker together (see claimRows). */
async function bothThreads(
  worker: RowsWorker,
  store: RecordStore,
  defs: readonly ComparisonDef[],
  a: Int32Array,
  b: Int32Array,
): Promise<ComparisonRows> {
  const job = sharedRowsJob(defs.length, a, b);
  const theirs = worker.claim(defs, job);
  claimRows(store, defs, job);
  await theirs;
  return { defs, width: defs.length, levels: job.levels, n: job.n };
}
