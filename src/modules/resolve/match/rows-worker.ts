/** Worker side of parallel.ts: rebuilds the same store, then compares and scores pairs on request. */
import { parentPort, workerData } from 'node:worker_threads';
import { COMPARISONS } from './comparisons';
import { claimRows, computeRows, type SharedRowsJob } from './rows';
import { claimScores, jobScoring, type SharedScoreJob } from './score';
import { RecordStore } from './store';
import type { MatchRecord } from './types';

/**
 * Rows of its own pairs (answered with them), or a share of a job in shared memory: rows
 * (answered when none is left) or scores (answered with the contradictions found).
 */
type Job = { id: number } & (
  | { defs: string[]; a: Int32Array; b: Int32Array }
  | { defs: string[]; shared: SharedRowsJob }
  | { score: SharedScoreJob }
);

const store = new RecordStore();
store.add(workerData as MatchRecord[]);
const byName = (names: string[]) => names.map((name) => COMPARISONS.find((d) => d.name === name)!);
// Jobs are answered in the order they arrive; the id lets the caller keep several in flight.
parentPort!.on('message', (job: Job) => {
  if ('score' in job) {
    const conflicts = new Map<number, string[]>();
    claimScores(jobScoring(job.score, store, byName(job.score.defs)), job.score, conflicts);
    parentPort!.postMessage({ id: job.id, levels: null, conflicts: [...conflicts] });
  } else if ('shared' in job) {
    claimRows(store, byName(job.defs), job.shared);
    parentPort!.postMessage({ id: job.id, levels: null });
  } else {
    const rows = computeRows(store, byName(job.defs), job.a, job.b, job.a.length);
    parentPort!.postMessage({ id: job.id, levels: rows.levels }, [
      rows.levels.buffer as ArrayBuffer,
    ]);
  }
});
