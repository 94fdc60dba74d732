/** Worker side of PersonWorker (person-engine.ts): matching jobs (see MatchWorker), and clustering a set. */
import { parentPort, workerData } from 'node:worker_threads';
import { answerRequests } from '../../shared/worker-thread';
import { answerMatchJob, RecordStore, type MatchJob, type MatchRecord, type Model } from './match';
import { runClusterJob, type SetClusterJob } from './person-engine';

type Job = MatchJob | { cluster: { model: Model; job: SetClusterJob } };

const store = new RecordStore();
store.add(workerData as MatchRecord[]);
answerRequests<Job, object>(parentPort!, (job) => {
  if (!('cluster' in job)) return answerMatchJob(store, job);
  const clusters = runClusterJob(store, job.cluster.model, job.cluster.job);
  return { reply: { clusters }, transfer: [clusters.clusterOf.buffer as ArrayBuffer] };
});
