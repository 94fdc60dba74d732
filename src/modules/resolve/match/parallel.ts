import { Worker } from 'node:worker_threads';
import { DEFAULT_RULES } from './blocking';
import {
  finishResolve,
  generateCandidates,
  stopwatch,
  type ResolveOptions,
  type ResolveResult,
} from './pipeline';
import { computeRows, filledDefs, type ComparisonRows } from './rows';
import { COMPARISONS } from './comparisons';
import { RecordStore } from './store';
import type { MatchRecord } from './types';

/**
 * The same run as resolveRecords, with the comparison of candidate pairs (the costliest
 * stage) split with a worker thread. The worker rebuilds the store from the records while
 * this thread prepares and blocks, so the two cores overlap from the start. Needs a runtime
 * that can load the worker's TypeScript (tsx: the CLI and benches run under it).
 */
export async function resolveRecordsParallel(
  records: readonly MatchRecord[],
  options: Partial<ResolveOptions> = {},
): Promise<ResolveResult> {
  const timings: Record<string, number> = {};
  const lap = stopwatch(timings);
  const worker = startWorker(records);
  try {
    const store = new RecordStore();
    store.add(records);
    lap('prepare');
    const candidates = generateCandidates(
      store,
      options.rules ?? DEFAULT_RULES,
      options.blocking ?? {},
    );
    lap('block');
    const defs = filledDefs(store, COMPARISONS);
    const rows = await splitRows(worker, store, defs, candidates.pairs.a, candidates.pairs.b);
    lap('compare');
    return finishResolve(store, candidates, rows, options, timings, lap);
  } finally {
    await worker.terminate();
  }
}

/**
 * Node 20 does not apply loader hooks given in a worker's execArgv to its entry module, so a
 * small bootstrap registers tsx first and then imports the TypeScript worker.
 */
function startWorker(records: readonly MatchRecord[]): Worker {
  const url = new URL('./rows-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(boot, { eval: true, workerData: records });
}

async function splitRows(
  worker: Worker,
  store: RecordStore,
  defs: ReturnType<typeof filledDefs>,
  a: Int32Array,
  b: Int32Array,
): Promise<ComparisonRows> {
  const n = a.length;
  const half = Math.floor(n / 2);
  const theirs = new Promise<Uint8Array>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  worker.postMessage({ defs: defs.map((d) => d.name), a: a.slice(half), b: b.slice(half) });
  const mine = computeRows(store, defs, a.subarray(0, half), b.subarray(0, half), half);
  const levels = new Uint8Array(n * defs.length);
  levels.set(mine.levels, 0);
  levels.set(await theirs, half * defs.length);
  return { defs, width: defs.length, levels, n };
}
