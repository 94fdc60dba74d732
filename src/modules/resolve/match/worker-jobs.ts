import type { TransferListItem } from 'node:worker_threads';
import { COMPARISONS } from './comparisons';
import { claimRows, computeRows, type SharedRowsJob } from './rows';
import { claimScores, jobScoring, type SharedScoreJob } from './score';
import type { RecordStore } from './store';

/**
 * What a matching worker (see parallel.ts) is asked: rows of its own pairs (answered with
 * them), or a share of a job in shared memory: rows (answered when none is left) or scores
 * (answered with the contradictions found).
 */
export type MatchJob =
  | { defs: string[]; a: Int32Array; b: Int32Array }
  | { defs: string[]; shared: SharedRowsJob }
  | { score: SharedScoreJob };

export interface MatchReply {
  levels: Uint8Array | null;
  conflicts?: [number, string[]][];
}

const byName = (names: string[]) => names.map((name) => COMPARISONS.find((d) => d.name === name)!);

/** Answers a matching job over the worker's copy of the store. */
export function answerMatchJob(store: RecordStore, job: MatchJob): { reply: MatchReply; transfer?: readonly TransferListItem[] } {
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
}
