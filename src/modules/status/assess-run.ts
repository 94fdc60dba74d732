import { CopyTextRows, keyAndText } from '../../db/copy-out';
import type { Database, Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { checkAsOf } from './as-of';
import { DEFAULT_STATUS_CONFIG, type AssessmentClass, type StatusConfig } from './engine';
import { mergeByPerson, type FactSources, type PersonRows, type RowSource } from './fact-merge';
import {
  copyFactsSql,
  declareFactCursors,
  FACT_STREAMS,
  factRow,
  fetchFacts,
  isTextRowStream,
  prepareFactRead,
  type FactStreamName,
} from './facts.repo';
import { Assessors } from './assessors';
import { PersonBatchBuilder } from './person-batch';
import { SerialQueue } from './serial-queue';
import { STATUS_POLICY } from './status.policy';
import * as repo from './status.repo';

// The assessment pass: every admission in the database, as of one date, in one streaming pass.
// Seven ordered queries (admissions with the departures naming them, lone departures, then one
// per other fact table) are read and merged by person key on this thread; persons go in batches
// to the engine (on a worker thread by default, see assessors.ts) and the results go back with
// COPY, in the same transaction as the run row and its audit row. No per-person queries.

export interface AssessOptions {
  asOf: string;
  config?: StatusConfig;
  /** School codes the school analytics consider suspect (hook: empty until that module exists). */
  suspectSchoolCodes?: ReadonlySet<string>;
  /**
   * PostgreSQL only: read on more pooled connections (SEPARATE_READER_CONNECTIONS) sharing one
   * REPEATABLE READ snapshot while the run's own connection writes (see READER_GROUPS).
   */
  separateReader?: boolean;
  /** Rows per FETCH (default 20,000). */
  fetchRows?: number;
  /**
   * Worker threads that assess the persons while this thread reads (default 1); 0 assesses on
   * this thread.
   */
  workers?: number;
  /** Persons handed to an assessor at a time (default 8,192). */
  batchPersons?: number;
  /** Sort memory per query on the reading connection (default 256MB). */
  workMem?: string;
  onProgress?: (p: AssessProgress) => void;
}

export interface AssessProgress {
  phase: 'assessing' | 'indexing';
  persons: number;
  admissions: number;
  elapsedMs: number;
}

export interface AssessRunResult {
  runId: string;
  asOf: string;
  configVersion: string;
  persons: number;
  admissions: number;
  violators: number;
  classCounts: Record<AssessmentClass, number>;
  elapsedMs: number;
  supersededRunId: string | null;
  /** The run as stored. */
  run: repo.RunRow;
}

const DEFAULT_WORKERS = 1;
const BATCH_PERSONS = 8192;

/**
 * With `separateReader`, the streams are read in these groups, each on a pooled connection of its
 * own (all sharing one snapshot), so that the server prepares them at the same time: a group of
 * one stream is read by COPY, a larger group by cursors. At 10 million admissions the SEVIS
 * stream and the group of the small ones together take about as long as travel alone.
 *
 * The travel stream is read with a serial plan of merge joins (`settings`): PostgreSQL 15's
 * parallel plan hashed all 21 million subject links, in 3 processes (about 50 CPU-s at 10
 * million admissions, 27 s of wall); the serial plan sorts them and merges (about 34 CPU-s on
 * one core), while the other core prepares the other groups in about the same time. Its three
 * sorts fit in 2 GB each at 10 million admissions (with 1 GB they spill: +4 s); `work_mem` is a
 * ceiling, so smaller databases use only what they need.
 */
const READER_GROUPS: readonly ReaderGroup[] = [
  { streams: ['travel'], settings: { max_parallel_workers_per_gather: '0', enable_hashjoin: 'off', work_mem: '2GB' } },
  { streams: ['sevis'] },
  { streams: ['loneDepartures', 'claims', 'enforcement', 'revocations', 'lookouts'] },
];

interface ReaderGroup {
  streams: readonly FactStreamName[];
  /** Planner settings of this reader's transaction, over prepareFactRead's. */
  settings?: Readonly<Record<string, string>>;
}

/** Pooled connections a run with `separateReader` takes besides its own. */
export const SEPARATE_READER_CONNECTIONS = READER_GROUPS.length;

/** A connection reading some of the streams, with the queue its cursor fetches go through. */
interface Reader extends ReaderGroup {
  tx: Tx;
  queue: SerialQueue;
}

type Pass = (readers: readonly Reader[]) => Promise<void>;

async function repeatableRead(tx: Tx): Promise<void> {
  await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
}

/** One reading transaction per group, all seeing the snapshot of the first. */
async function withSeparateReaders(database: Database, pass: Pass): Promise<void> {
  const readers: Reader[] = [];
  const open = async (snapshot: string | null): Promise<void> => {
    const group = READER_GROUPS[readers.length]!;
    await database.transaction(async (tx) => {
      await repeatableRead(tx);
      if (snapshot === null) {
        const [row] = await tx.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
        snapshot = row!.snapshot;
        if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
      } else {
        await tx.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
      }
      const queue = new SerialQueue();
      readers.push({ ...group, tx, queue });
      try {
        await (readers.length < READER_GROUPS.length ? open(snapshot) : pass(readers));
      } finally {
        await queue.close();
      }
    });
  };
  await open(null);
}

/** Declares the cursors and returns the sources, and the COPY readers to close once done. */
async function openSources(readers: readonly Reader[], asOf: string, rows: number): Promise<{ sources: FactSources; copies: CopyTextRows[] }> {
  const copies: CopyTextRows[] = [];
  const sources: Partial<Record<FactStreamName, RowSource<unknown>>> = {};
  for (const { tx, queue, streams } of readers) {
    if (streams.length === 1) {
      const name = streams[0]!;
      const copy = new CopyTextRows(tx.copyTo(copyFactsSql(name, asOf)));
      copies.push(copy);
      sources[name] = isTextRowStream(name)
        ? () => copy.nextWith(rows, keyAndText)
        : async () => (await copy.next(rows)).map((fields) => factRow(name, fields));
      continue;
    }
    await declareFactCursors(tx, asOf, streams);
    for (const name of streams) sources[name] = () => queue.run(() => fetchFacts(tx, name, rows));
  }
  return { sources: sources as unknown as FactSources, copies };
}

/**
 * Persons go to the assessors in batches; the COPY of each batch's results runs behind the
 * reading on the run's connection, with a few batches in flight at most.
 */
class Pipeline {
  private readonly batch = new PersonBatchBuilder();
  private readonly inFlight: Promise<void>[] = [];
  constructor(
    private readonly assessors: Assessors,
    private readonly tx: Tx,
    private readonly queue: SerialQueue,
    private readonly runId: string,
    private readonly batchPersons: number,
    private readonly maxInFlight: number,
  ) {}

  add(p: PersonRows): void {
    this.batch.add(p);
  }

  /** Hands over a full batch (every batch, with `force`) and waits while too many are in flight. */
  async step(force: boolean): Promise<void> {
    if (this.batch.size >= this.batchPersons || (force && this.batch.size > 0)) this.dispatch();
    while (this.inFlight.length > (force ? 0 : this.maxInFlight)) await this.inFlight.shift();
  }

  private dispatch(): void {
    const done = this.assessors.assess(this.batch.take()).then(async ({ assessments, risks }) => {
      const writes: Promise<void>[] = [];
      if (assessments.length > 0) writes.push(this.queue.run(() => repo.copyAssessments(this.tx, this.runId, assessments)));
      if (risks.length > 0) writes.push(this.queue.run(() => repo.copyRisks(this.tx, this.runId, risks)));
      await Promise.all(writes);
    });
    done.catch(() => {}); // awaited in step(); this only keeps an early failure from going unhandled
    this.inFlight.push(done);
  }
}

async function assessEverything(
  database: Database,
  tx: Tx,
  opts: AssessOptions,
  assessors: Assessors,
  runId: string,
  t0: number,
): Promise<void> {
  const writeQueue = new SerialQueue();
  const pipeline = new Pipeline(assessors, tx, writeQueue, runId, opts.batchPersons ?? BATCH_PERSONS, 2 * assessors.count);
  const progress = (phase: AssessProgress['phase']) => {
    if (!opts.onProgress) return;
    const t = assessors.sum();
    opts.onProgress({ phase, persons: t.persons, admissions: t.admissions, elapsedMs: performance.now() - t0 });
  };
  const pass: Pass = async (readers) => {
    const workMem = opts.workMem ?? '256MB';
    for (const r of readers) await prepareFactRead(r.tx, workMem, r.settings);
    const { sources, copies } = await openSources(readers, opts.asOf, opts.fetchRows ?? 20_000);
    try {
      await mergeByPerson(sources, (p) => pipeline.add(p), async () => {
        await pipeline.step(false);
        progress('assessing');
      });
    } finally {
      for (const c of copies) await c.close();
    }
  };
  try {
    if (opts.separateReader && database.kind === 'postgres') await withSeparateReaders(database, pass);
    else await pass([{ tx, queue: writeQueue, streams: Object.keys(FACT_STREAMS) as FactStreamName[] }]);
    await pipeline.step(true);
  } finally {
    await writeQueue.close();
  }
  progress('indexing');
}

export async function runAssessment(
  database: Database,
  ctx: RequestContext,
  opts: AssessOptions,
): Promise<AssessRunResult> {
  authorize(ctx, STATUS_POLICY['status.run']);
  const asOf = checkAsOf(opts.asOf);
  const config = opts.config ?? DEFAULT_STATUS_CONFIG;
  const startedAt = new Date();
  const t0 = performance.now();
  return database.transaction(async (tx) => {
    await repo.lockRuns(tx);
    const supersededRunId = await repo.supersedeCurrent(tx, asOf);
    const runId = await repo.insertRun(tx, {
      asOf,
      config,
      runBy: ctx.actor.userId,
      runByUsername: ctx.actor.username,
      requestId: ctx.requestId,
      startedAt,
    });
    await repo.createRunPartitions(tx, runId);
    const setup = { runId, asOf, config, suspectSchoolCodes: [...(opts.suspectSchoolCodes ?? [])] };
    const assessors = new Assessors(setup, opts.workers ?? DEFAULT_WORKERS);
    try {
      await assessEverything(database, tx, { ...opts, asOf }, assessors, runId, t0);
    } finally {
      await assessors.close();
    }
    const totals = assessors.sum();
    await repo.insertTallies(tx, runId, assessors.tallies.take());
    await repo.attachRunPartitions(tx, runId);
    const counts = { ...totals, elapsedMs: performance.now() - t0 };
    await repo.finishRun(tx, runId, counts);
    if (supersededRunId) await repo.retireRun(tx, supersededRunId, runId);
    await audit(tx, ctx, {
      action: 'status.assess',
      subjectType: 'status_run',
      subjectIds: [runId],
      details: { asOf, configVersion: config.version, ...counts, elapsedMs: Math.round(counts.elapsedMs), supersededRunId },
    });
    const run = await repo.runById(tx, runId);
    return { runId, asOf, configVersion: config.version, ...counts, supersededRunId, run: run! };
  });
}
