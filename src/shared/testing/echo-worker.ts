/** A worker for worker-thread.test.ts: answers { n } with { doubled }, and throws on a negative n. */
import { parentPort, workerData } from 'node:worker_threads';
import { answerRequests } from '../worker-thread';

const offset = (workerData as { offset: number }).offset;
answerRequests<{ n: number }, { doubled: number }>(parentPort!, ({ n }) => {
  if (n < 0) throw new Error(`negative: ${n}`);
  return { reply: { doubled: 2 * n + offset } };
});
