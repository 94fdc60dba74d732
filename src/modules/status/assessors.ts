import { startTsWorker, WorkerClient } from '../../shared/worker-thread';
import type { AssessmentClass, StatusConfig } from './engine';
import type { PersonBatch } from './person-batch';
import { TallyCounter } from './tallies';
import { emptyTotals, RunOutput, type BatchOutput, type RunTotals } from './run-output';

// Who turns persons' rows into assessments: this thread, or worker threads. The assessment pass
// reads and merges the fact streams on the main thread (where its database connections are)
// and hands persons over in batches; the engine, risk scoring and the COPY text of the results
// can then run on another core while the next batch is read.

/** What a RunOutput needs; sent to each worker once. */
export interface AssessorSetup {
  runId: string;
  asOf: string;
  config: StatusConfig;
  suspectSchoolCodes: readonly string[];
}

interface Assessor {
  assess(batch: PersonBatch): Promise<BatchOutput>;
  close(): Promise<void>;
}

export function outputOf(setup: AssessorSetup): RunOutput {
  return new RunOutput(setup.runId, setup.asOf, setup.config, new Set(setup.suspectSchoolCodes));
}

function onThisThread(setup: AssessorSetup): Assessor {
  const output = outputOf(setup);
  return {
    assess: async (batch) => output.assessBatch(batch),
    close: async () => {},
  };
}

function onWorker(setup: AssessorSetup): Assessor {
  // A larger young generation: each batch's rows and facts are short-lived, and the default
  // small nursery promotes much of them before they die.
  const worker = startTsWorker(new URL('./assess-worker.ts', import.meta.url), setup, { maxYoungGenerationSizeMb: 192 });
  const client = new WorkerClient<{ batch: PersonBatch }, BatchOutput>(worker, 'assessment');
  return {
    assess: (batch) => client.request({ batch }, [batch.counts.buffer, batch.travelLengths.buffer]),
    close: () => client.terminate(),
  };
}

/**
 * Batches go to the assessors in turn; totals are the sum of each assessor's latest. With
 * `workers` 0 the batches are assessed on this thread, at once.
 */
export class Assessors {
  private readonly all: Assessor[];
  private readonly totals: RunTotals[];
  private turn = 0;
  /** Fiscal-year tallies of every batch assessed so far. */
  readonly tallies = new TallyCounter();

  constructor(setup: AssessorSetup, workers: number) {
    this.all = workers > 0 ? Array.from({ length: workers }, () => onWorker(setup)) : [onThisThread(setup)];
    this.totals = this.all.map(() => emptyTotals());
  }

  /** How many assess at once. */
  get count(): number {
    return this.all.length;
  }

  /** Assesses a batch; resolves with its COPY text. */
  async assess(batch: PersonBatch): Promise<Pick<BatchOutput, 'assessments' | 'risks'>> {
    const k = this.turn;
    this.turn = (this.turn + 1) % this.all.length;
    const out = await this.all[k]!.assess(batch);
    this.totals[k] = out.totals;
    this.tallies.addTallies(out.tallies);
    return out;
  }

  /** Everything assessed so far (by batches whose results have come back). */
  sum(): RunTotals {
    const sum = emptyTotals();
    for (const t of this.totals) {
      sum.persons += t.persons;
      sum.admissions += t.admissions;
      sum.violators += t.violators;
      for (const [c, n] of Object.entries(t.classCounts)) sum.classCounts[c as AssessmentClass] += n;
    }
    return sum;
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((a) => a.close()));
  }
}
