/** Worker side of parallel.ts: rebuilds the same store, then computes comparison rows on request. */
import { parentPort, workerData } from 'node:worker_threads';
import { COMPARISONS } from './comparisons';
import { computeRows } from './rows';
import { RecordStore } from './store';
import type { MatchRecord } from './types';

interface Job {
  id: number;
  defs: string[];
  a: Int32Array;
  b: Int32Array;
}

const store = new RecordStore();
store.add(workerData as MatchRecord[]);
// Jobs are answered in the order they arrive; the id lets the caller keep several in flight.
parentPort!.on('message', (job: Job) => {
  const defs = job.defs.map((name) => COMPARISONS.find((d) => d.name === name)!);
  const rows = computeRows(store, defs, job.a, job.b, job.a.length);
  parentPort!.postMessage({ id: job.id, levels: rows.levels }, [rows.levels.buffer as ArrayBuffer]);
});
