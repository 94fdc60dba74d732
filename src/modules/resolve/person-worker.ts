/** Worker side of PersonWorker (person-engine.ts): matching jobs (see MatchWorker), a share of a set's blocks and of its candidate pairs, and clustering a set. */
import { parentPort } from 'node:worker_threads';
import { answerRequests } from '../../shared/worker-thread';
import { claimBlocks, claimPairs, type BlockJob, type PairJob } from './blocking-keys';
import { MatchJobs, type MatchJob, type Model } from './match';
import { runClusterJob, type SetClusterJob } from './person-engine';

type Job = MatchJob | { cluster: { model: Model; job: SetClusterJob } } | { pairs: PairJob } | { blocks: BlockJob };

const jobs = new MatchJobs();
answerRequests<Job, object>(parentPort!, (job) => {
  if ('blocks' in job) {
    const ranges = claimBlocks(jobs.store, job.blocks);
    return { reply: { ranges }, transfer: ranges.flatMap((r) => [r.count.buffer, r.list.buffer, r.rules.buffer] as ArrayBuffer[]) };
  }
  if ('pairs' in job) {
    const ranges = claimPairs(job.pairs);
    return { reply: { ranges }, transfer: ranges.flatMap((r) => [r.a.buffer, r.b.buffer, r.rules.buffer] as ArrayBuffer[]) };
  }
  if (!('cluster' in job)) return jobs.answer(job);
  const clusters = runClusterJob(jobs.store, job.cluster.model, job.cluster.job);
  return { reply: { clusters }, transfer: [clusters.clusterOf.buffer as ArrayBuffer] };
});
