/** Worker side of parallel.ts: rebuilds the same store, then compares and scores pairs on request. */
import { parentPort, workerData } from 'node:worker_threads';
import { answerRequests } from '../../../shared/worker-thread';
import { RecordStore } from './store';
import { answerMatchJob, type MatchJob, type MatchReply } from './worker-jobs';
import type { MatchRecord } from './types';

const store = new RecordStore();
store.add(workerData as MatchRecord[]);
answerRequests<MatchJob, MatchReply>(parentPort!, (job) => answerMatchJob(store, job));
