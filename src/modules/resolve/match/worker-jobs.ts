import type { TransferListItem } from 'node:worker_threads';
import { COMPARISONS } from './comparisons';
import { claimRows, computeRows, type SharedRowsJob } from './rows';
import { claimScores, jobScoring, type SharedScoreJob } from './score';
import { RecordStore, type StoreSnapshot } from './store';
import type { MatchRecord } from './types';

/**
 * What a matching worker (see parallel.ts) is asked: first, to build its store from records
 * (sent in slices, each appended) or from another thread's store (a snapshot);
 * then rows of its own pairs (answered with them), or a share of a job in shared memory: rows
 * (answered when none is left) or scores (answered with the contradictions found).
 */
export type MatchJob =
  | { load: MatchRecord[] }
  | { store: StoreSnapshot }
  | { defs: string[]; a: Int32Array; b: Int32Array }
  | { defs: string[]; shared: SharedRowsJob }
  | { score: SharedScoreJob };

export interface MatchReply {
  levels: Uint8Array | null;
  conflicts?: [number, string[]][];
}

const byName = (names: string[]) => names.map((name) => COMPARISONS.find((d) => d.name === name)!);

/**
 * A matching worker's store and the jobs it answers over it. The records come with the first
 * requests, not as workerData: a worker holds its workerData to its end, and the records (several
 * gigabytes at 300,000 persons) are not needed once the store is built.
 */
export class MatchJobs {
  private built: RecordStore | null = null;

  get store(): RecordStore {
    if (!this.built) throw new Error('matching worker: no records loaded');
    return this.built;
  }

  answer(job: MatchJob): { reply: MatchReply; transfer?: readonly TransferListItem[] } {
    if ('load' in job) {
      (this.built ??= new RecordStore()).add(job.load);
      return { reply: { levels: null } };
    }
    if ('store' in job) {
      if (this.built) throw new Error('matching worker: a store is loaded already');
      this.built = RecordStore.restore(job.store);
      return { reply: { levels: null } };
    }
    const store = this.store;
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
}
