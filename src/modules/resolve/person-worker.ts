/** Worker side of PersonWorker (person-engine.ts): matching jobs (see MatchWorker), and clustering a set. */
import { parentPort } from 'node:worker_threads';
import { answerRequests } from '../../shared/worker-thread';
import { MatchJobs, type MatchJob, type Model } from './match';
import { runClusterJob, type SetClusterJob } from './person-engine';

type Job = MatchJob | { cluster: { model: Model; job: SetClusterJob } };

const jobs = new MatchJobs();
answerRequests<Job, object>(parentPort!, (job) => {
  if (!('cluster' in job)) return jobs.answer(job);
  const clusters = runClusterJob(jobs.store, job.cluster.model, job.cluster.job);
  return { reply: { clusters }, transfer: [clusters.clusterOf.buffer as ArrayBuffer] };
});
