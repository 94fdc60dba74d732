/** Worker side of assessors.ts: assesses the batches of persons it is sent, in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { answerRequests } from '../../shared/worker-thread';
import { outputOf, type AssessorSetup } from './assessors';
import type { PersonBatch } from './person-batch';
import type { BatchOutput } from './run-output';

const output = outputOf(workerData as AssessorSetup);
answerRequests<{ batch: PersonBatch }, BatchOutput>(parentPort!, ({ batch }) => {
  const reply = output.assessBatch(batch);
  return { reply, transfer: [reply.assessments.buffer, reply.risks.buffer] };
});
