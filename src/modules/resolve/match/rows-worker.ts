/** Worker side of parallel.ts: rebuilds the same store, then compares and scores pairs on request. */
import { parentPort, workerData } from 'node:worker_threads';
import { COMPARISONS } from './comparisons';
import { answerRequests } from '../../../shared/worker-thread';
import { claimRows, computeRows, type SharedRowsJob } from './rows';
import { claimScores, jobScoring, type SharedScoreJob } from './score';
import { RecordStore } from './store';
import type { MatchRecord } from './types';

/**
 * Rows of its own pairs (answered with them), or a share of a job in shared memory: rows
 * (answered when none is left) or scores (answered with the contradictions found).
 */
type Job =
  | { defs: string[]; a: Int32Array; b: Int32Array }
  | { defs: string[]; shared: SharedRowsJob }
  | { score: SharedScoreJob };

const store = new RecordStore();
store.add(workerData as MatchRecord[]);
const byName = (names: string[]) => names.map((name) => COMPARISONS.find((d) => d.name === name)!);
answerRequests<Job, object>(parentPort!, (job) => {
  if ('score' in job) {
    const conflicts = new Map<number, string[]>();
    claimScores(jobScoring(job.score, store, byName(job.score.defs)), job.score, conflicts);
    return { reply: { levels: null, conflicts: [...conflicts] } };
  }
  if ('shared' in job) {
    claimRows(store, byName(job.defs), job.shared);
    return { reply: { levels: null } };
  }
  const rows = computeRows(store, byName(job.defs), job.a, job.b, job.a.length);
  return { reply: { levels: rows.levels }, transfer: [rows.levels.buffer as ArrayBuffer] };
});
