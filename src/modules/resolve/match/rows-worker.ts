/** Worker side of parallel.ts: builds the same store, then compares and scores pairs on request. */
import { parentPort } from 'node:worker_threads';
import { answerRequests } from '../../../shared/worker-thread';
import { MatchJobs, type MatchJob, type MatchReply } from './worker-jobs';

const jobs = new MatchJobs();
answerRequests<MatchJob, MatchReply>(parentPort!, (job) => jobs.answer(job));
