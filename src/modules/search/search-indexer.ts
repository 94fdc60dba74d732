import type { Database } from '../../db/database';
import { indexPendingNames, searchIndexBehind, type IndexResult } from './search-index.service';

/**
 * The web server's background search indexer: it indexes the queue of names imports leave
 * (`search_pending`) in batches, each its own transaction, so that a search never has to tell an
 * analyst to run `leadtrac search index`. One run at a time; a trigger during a run makes it run
 * once more afterwards (the run may have passed the new names by). Errors are logged, never
 * thrown: the next trigger retries.
 */
export interface SearchIndexer {
  /** Ask for a run: it starts now, or once more after the run under way. Never throws. */
  trigger(reason: string): void;
  /** Triggers a run if names wait to be indexed (server start). */
  triggerIfBehind(reason: string): Promise<void>;
  /** Settles when no run is under way or asked for (tests wait on this, never on a timer). */
  idle(): Promise<void>;
  /** Stops after the batch under way, waits for it, and ignores later triggers. */
  close(): Promise<void>;
}

/** The subset of the app's (pino) logger the indexer writes to. */
export interface IndexerLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What a run is given: `indexPendingNames` options. */
export interface RunOptions {
  batchSize: number;
  pauseMs: number;
  cleanEachBatch: boolean;
  signal: AbortSignal;
  onProgress: (indexed: number) => void;
}

export interface SearchIndexerOptions {
  log: IndexerLog;
  /** Names per transaction and the pause between batches; defaults by database kind (BACKGROUND_PACE). */
  batchSize?: number;
  pauseMs?: number;
  /** What one run does; tests replace it. Default: `indexPendingNames`. */
  run?: (opts: RunOptions) => Promise<IndexResult>;
}

/**
 * Batch size and pause between batches. PGlite has one connection: a request waits for the batch
 * under way at each of its round trips, so batches stay short and the indexer pauses between them.
 * Measured on the 2-core development machine (load 2–4), PGlite, 40,000 queued names, searches sent back
 * to back during the run: a batch of 1,000 names took 0.1–0.22 s; with a 50 ms pause the run took
 * 6.8–8.7 s (6.8 s without) and a search 32–42 ms at the median, about 200 ms at p95 (idle: 21–25
 * ms; without the pause 152 ms at the median, 553 at p95).
 * On PostgreSQL a batch holds only its own queued names (a search catching up waits for them):
 * 5,000 names took 0.28 s.
 */
export const BACKGROUND_PACE = {
  pglite: { batchSize: 1_000, pauseMs: 50 },
  postgres: { batchSize: 5_000, pauseMs: 0 },
} as const;

/** Progress is logged about this often during a long run. */
const PROGRESS_EVERY = 50_000;

export function createSearchIndexer(
  database: Database,
  options: SearchIndexerOptions,
): SearchIndexer {
  const { log } = options;
  const batchSize = options.batchSize ?? BACKGROUND_PACE[database.kind].batchSize;
  const pauseMs = options.pauseMs ?? BACKGROUND_PACE[database.kind].pauseMs;
  const run = options.run ?? ((o: RunOptions) => indexPendingNames(database, o));
  const stop = new AbortController();
  let loop: Promise<void> | null = null;
  /** Reasons of the triggers that came during the run under way (they ask for one more run). */
  let queued: string[] = [];

  async function runOnce(reason: string): Promise<void> {
    const started = performance.now();
    let logged = 0;
    log.info({ reason, batchSize }, 'search indexer: started');
    try {
      const r = await run({
        batchSize,
        pauseMs,
        cleanEachBatch: true,
        signal: stop.signal,
        onProgress: (indexed) => {
          if (indexed - logged < PROGRESS_EVERY) return;
          logged = indexed;
          log.info({ reason, indexed }, 'search indexer: progress');
        },
      });
      const ms = Math.round(performance.now() - started);
      log.info(
        { reason, indexed: r.indexed, newTerms: r.newTerms, stopped: r.more, ms },
        'search indexer: finished',
      );
    } catch (err) {
      log.error({ reason, err }, 'search indexer: failed (the next trigger retries)');
    }
  }

  async function drive(first: string): Promise<void> {
    let reason = first;
    for (;;) {
      await runOnce(reason);
      if (queued.length === 0 || stop.signal.aborted) break;
      reason = [...new Set(queued)].join(', ');
      queued = [];
    }
    queued = [];
    loop = null;
  }

  function trigger(reason: string): void {
    if (stop.signal.aborted) return;
    if (loop) queued.push(reason);
    else loop = drive(reason);
  }

  async function idle(): Promise<void> {
    while (loop) await loop;
  }

  return {
    trigger,
    idle,
    async triggerIfBehind(reason) {
      try {
        if (await searchIndexBehind(database)) trigger(reason);
      } catch (err) {
        log.error({ reason, err }, 'search indexer: could not read the queue');
      }
    },
    async close() {
      stop.abort();
      await idle();
    },
  };
}
