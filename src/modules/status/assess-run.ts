import { CopyTextRows } from '../../db/copy-out';
import type { Database, Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { checkAsOf } from './as-of';
import { DEFAULT_STATUS_CONFIG, type AssessmentClass, type StatusConfig } from './engine';
import { mergeByPerson, type FactSources, type RowSource } from './fact-merge';
import {
  copyFactsSql,
  declareFactCursors,
  fetchFacts,
  prepareFactRead,
  type ClaimRow,
  type CountRow,
  type EnforcementRow,
  type FactStreamName,
  type SevisRow,
  type RawTravelRow,
} from './facts.repo';
import { RunOutput } from './run-output';
import { SerialQueue } from './serial-queue';
import { STATUS_POLICY } from './status.policy';
import * as repo from './status.repo';

// The assessment pass: every admission in the database, as of one date, in one streaming pass.
// Six ordered queries (admissions with departures, then one per other fact table) are read through cursors and merged by person key;
// each person is assessed by the engine and the results go back with COPY, in the same
// transaction as the run row and its audit row. No per-person queries.

export interface AssessOptions {
  asOf: string;
  config?: StatusConfig;
  /** School codes the school analytics consider suspect (hook: empty until that module exists). */
  suspectSchoolCodes?: ReadonlySet<string>;
  /**
   * PostgreSQL only: read on two more pooled connections sharing one REPEATABLE READ snapshot
   * (SEPARATE_READER_CONNECTIONS) while the run's own connection writes: the travel stream by
   * COPY on one, which PostgreSQL may plan in parallel, the other streams by cursor on the other.
   */
  separateReader?: boolean;
  /** Rows per FETCH (default 20,000). */
  fetchRows?: number;
  /** COPY text gathered before it is sent (default 4 MiB). */
  flushBytes?: number;
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

const FLUSH_BYTES = 4 << 20;
const MAX_PENDING_WRITES = 2;

/** Pooled connections a run with `separateReader` takes besides its own. */
export const SEPARATE_READER_CONNECTIONS = 2;

/** Where the streams are read: cursors on `main` (through `queue`); travel by COPY on `travel` if there is one. */
interface Readers {
  main: Tx;
  queue: SerialQueue;
  travel?: Tx;
}

type Pass = (readers: Readers) => Promise<void>;

async function repeatableRead(tx: Tx): Promise<void> {
  await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
}

/** Two reading transactions that see the same snapshot of the database. */
async function withSeparateReaders(database: Database, pass: Pass): Promise<void> {
  await database.transaction(async (main) => {
    await repeatableRead(main);
    const [row] = await main.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
    const snapshot = row!.snapshot;
    if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
    await database.transaction(async (travel) => {
      await repeatableRead(travel);
      await travel.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
      const queue = new SerialQueue();
      try {
        await pass({ main, queue, travel });
      } finally {
        await queue.close();
      }
    });
  });
}

const CURSOR_STREAMS: readonly FactStreamName[] = ['loneDepartures', 'sevis', 'claims', 'enforcement', 'revocations', 'lookouts'];

/** Declares the cursors and returns the sources; the COPY reader, if any, must be closed after. */
async function openSources(readers: Readers, asOf: string, rows: number): Promise<{ sources: FactSources; copy: CopyTextRows | null }> {
  const { main, queue, travel } = readers;
  await declareFactCursors(main, asOf, travel ? CURSOR_STREAMS : ['travel', ...CURSOR_STREAMS]);
  const cursor =
    <T>(name: FactStreamName): RowSource<T> =>
    () =>
      queue.run(() => fetchFacts<T>(main, name, rows));
  const copy = travel ? new CopyTextRows(travel.copyTo(copyFactsSql('travel', asOf))) : null;
  const byCopy: RowSource<RawTravelRow> = async () => (await copy!.next(rows)).map(([pk, r]) => ({ pk: pk!, r: r ?? '' }));
  return {
    copy,
    sources: {
      travel: copy ? byCopy : cursor<RawTravelRow>('travel'),
      loneDepartures: cursor<RawTravelRow>('loneDepartures'),
      sevis: cursor<SevisRow>('sevis'),
      claims: cursor<ClaimRow>('claims'),
      enforcement: cursor<EnforcementRow>('enforcement'),
      revocations: cursor<CountRow>('revocations'),
      lookouts: cursor<CountRow>('lookouts'),
    },
  };
}

/** COPY of finished batches runs behind the reading, at most a couple of batches behind. */
class Writer {
  private readonly pending: Promise<void>[] = [];
  constructor(
    private readonly tx: Tx,
    private readonly queue: SerialQueue,
    private readonly runId: string,
    private readonly output: RunOutput,
    private readonly flushBytes: number,
  ) {}

  async flush(force: boolean): Promise<void> {
    if (!force && this.output.pendingBytes() < this.flushBytes) return;
    const { assessments, risks } = this.output.take();
    if (assessments) this.enqueue(() => repo.copyAssessments(this.tx, this.runId, assessments));
    if (risks) this.enqueue(() => repo.copyRisks(this.tx, this.runId, risks));
    while (this.pending.length > (force ? 0 : MAX_PENDING_WRITES)) await this.pending.shift();
  }

  private enqueue(op: () => Promise<void>): void {
    const p = this.queue.run(op);
    p.catch(() => {}); // awaited in flush(); this only keeps an early failure from going unhandled
    this.pending.push(p);
  }
}

async function assessEverything(
  database: Database,
  tx: Tx,
  runId: string,
  opts: AssessOptions,
  output: RunOutput,
  t0: number,
): Promise<void> {
  const writeQueue = new SerialQueue();
  const writer = new Writer(tx, writeQueue, runId, output, opts.flushBytes ?? FLUSH_BYTES);
  const progress = (phase: AssessProgress['phase']) =>
    opts.onProgress?.({ phase, persons: output.persons, admissions: output.admissions, elapsedMs: performance.now() - t0 });
  const pass: Pass = async (readers) => {
    const workMem = opts.workMem ?? '256MB';
    await prepareFactRead(readers.main, workMem);
    if (readers.travel) await prepareFactRead(readers.travel, workMem);
    const { sources, copy } = await openSources(readers, opts.asOf, opts.fetchRows ?? 20_000);
    try {
      await mergeByPerson(sources, (p) => output.addPerson(p), async () => {
        await writer.flush(false);
        progress('assessing');
      });
    } finally {
      await copy?.close();
    }
  };
  try {
    if (opts.separateReader && database.kind === 'postgres') await withSeparateReaders(database, pass);
    else await pass({ main: tx, queue: writeQueue });
    await writer.flush(true);
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
    const output = new RunOutput(runId, asOf, config, opts.suspectSchoolCodes ?? new Set());
    await assessEverything(database, tx, runId, { ...opts, asOf }, output, t0);
    await repo.computeTallies(tx, runId);
    await repo.attachRunPartitions(tx, runId);
    const counts = {
      persons: output.persons,
      admissions: output.admissions,
      violators: output.violators,
      classCounts: output.classCounts,
      elapsedMs: performance.now() - t0,
    };
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
