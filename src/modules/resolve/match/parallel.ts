import { Worker } from 'node:worker_threads';
import { DEFAULT_BLOCKING, DEFAULT_RULES } from './blocking';
import {
  finishResolve,
  generateCandidates,
  stopwatch,
  type ResolveOptions,
  type ResolveResult,
} from './pipeline';
import { computeRows, filledDefs, type ComparisonRows } from './rows';
import { COMPARISONS, type ComparisonDef } from './comparisons';
import { trainingPairs, trainingRows } from './train';
import { RecordStore } from './store';
import type { MatchRecord } from './types';

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
    const trainPairs = options.model
      ? null
      : trainingPairs(store, { ...DEFAULT_BLOCKING, ...options.blocking }.maxBlockSize, {
          crossSourceOnly: options.blocking?.crossSourceOnly ?? false,
          ...options.train,
        });
    const trainLevels = trainPairs ? worker.rows(defs, trainPairs.a, trainPairs.b) : null;
    lap('sample');
    const candidates = generateCandidates(
      store,
      options.rules ?? DEFAULT_RULES,
      options.blocking ?? {},
    );
    lap('block');
    const rows = await splitRows(worker, store, defs, candidates.pairs.a, candidates.pairs.b);
    const pre =
      trainPairs && trainLevels
        ? trainingRows(store, defs, trainPairs, await trainLevels)
        : undefined;
    lap('compare');
    return finishResolve(store, candidates, rows, options, timings, lap, pre);
  } finally {
    await worker.terminate();
  }
}

/** A worker holding its own copy of the store; jobs are answered in order, several may wait. */
class RowsWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<
    number,
    { resolve: (l: Uint8Array) => void; reject: (e: unknown) => void }
  >();
  private next = 0;

  constructor(records: readonly MatchRecord[]) {
    this.worker = startWorker(records);
    this.worker.on('message', (msg: { id: number; levels: Uint8Array }) => {
      this.waiting.get(msg.id)?.resolve(msg.levels);
      this.waiting.delete(msg.id);
    });
    this.worker.on('error', (e) => {
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    });
  }

  /** Comparison levels of pairs (a[k], b[k]) over `defs`, computed on the worker. */
  rows(defs: readonly ComparisonDef[], a: Int32Array, b: Int32Array): Promise<Uint8Array> {
    const id = this.next++;
    const done = new Promise<Uint8Array>((resolve, reject) =>
      this.waiting.set(id, { resolve, reject }),
    );
    // A rejection nobody awaits yet must not crash the process before the caller awaits it.
    done.catch(() => undefined);
    this.worker.postMessage({ id, defs: defs.map((d) => d.name), a, b });
    return done;
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * Node 20 does not apply loader hooks given in a worker's execArgv to its entry module, so a
 * small bootstrap registers tsx first and then imports the TypeScript worker.
 */
function startWorker(records: readonly MatchRecord[]): Worker {
  const url = new URL('./rows-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); });`;
  // A larger young generation: the worker's store building allocates heavily and short-lived,
  // and the default small nursery spends a large share of the time in scavenges.
  return new Worker(boot, {
    eval: true,
    workerData: records,
    resourceLimits: { maxYoungGenerationSizeMb: 192 },
  });
}

async function splitRows(
  worker: RowsWorker,
  store: RecordStore,
  defs: ReturnType<typeof filledDefs>,
  a: Int32Array,
  b: Int32Array,
): Promise<ComparisonRows> {
  const n = a.length;
  const half = Math.floor(n / 2);
  const theirs = worker.rows(defs, a.slice(half), b.slice(half));
  const mine = computeRows(store, defs, a.subarray(0, half), b.subarray(0, half), half);
  const levels = new Uint8Array(n * defs.length);
  levels.set(mine.levels, 0);
  levels.set(await theirs, half * defs.length);
  return { defs, width: defs.length, levels, n };
}
