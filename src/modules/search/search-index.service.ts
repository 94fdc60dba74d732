import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Database, Tx } from '../../db/database';
import { isValidDate } from '../sources/normalize';
import { nameTokens, termFeatures } from './name-keys';
import {
  cleanGinPendingLists,
  countPendingNames,
  dequeueNames,
  indexIsBehind,
  insertNameKeys,
  insertTerms,
  knownTerms,
  namesMissing,
  takePendingNames,
  type NameKeyRow,
  type PendingNameRow,
} from './search-index.repo';

/**
 * Keeps the search index in step with the `names` facts ingest writes. Rows are keyed by the
 * name fact, so the index only ever grows with new facts (and loses rows with them on disposal,
 * by cascade); entity resolution changes nothing here.
 */
export interface IndexResult {
  indexed: number;
  newTerms: number;
  /** True when names were left for a later call (the `max` was reached). */
  more: boolean;
}

export interface IndexOptions {
  /** Stop after about this many names (a search catching up must stay quick). */
  max?: number;
  batchSize?: number;
  /** Look for every name never indexed, queued or not (slow: an anti-join; for repairs). */
  full?: boolean;
  onProgress?: (indexed: number) => void;
  /** Stop after the batch under way (the server's background indexer, when the app closes). */
  signal?: AbortSignal;
  /**
   * Wait this long between batches (the background indexer on PGlite: a request makes several
   * round trips on the one connection, and each would otherwise wait for a batch).
   */
  pauseMs?: number;
  /**
   * Merge the GIN pending lists after every batch, not only at the end: searches running while a
   * long backlog is indexed scan those lists linearly (on PGlite a search took 220 ms, not 25,
   * while a 40,000-name backlog was indexed without this).
   */
  cleanEachBatch?: boolean;
}

async function indexRows(tx: Tx, rows: readonly PendingNameRow[]): Promise<{ indexed: number; newTerms: number }> {
  const keys: NameKeyRow[] = [];
  const terms = new Set<string>();
  for (const r of rows) {
    // A name with no Latin-readable letters is kept with an empty key: it is indexed, as nothing.
    const tokens = nameTokens(r.full_name);
    for (const t of tokens) terms.add(t);
    const birth = r.birth_date?.trim() ?? null;
    keys.push({ nameId: r.name_id, sourceRecordId: r.source_record_id, role: r.role, key: tokens.join(' '), birthDate: birth && isValidDate(birth) ? birth : null });
  }
  const known = await knownTerms(tx, [...terms]);
  const fresh = [...terms].filter((t) => !known.has(t)).map((t) => {
    const f = termFeatures(t);
    return { term: t, folded: f.folded, skeleton: f.skeleton, dm: f.dm.join(' '), nick: f.nick };
  });
  await insertTerms(tx, fresh);
  await insertNameKeys(tx, keys);
  return { indexed: keys.length, newTerms: fresh.length };
}

export async function indexPendingNames(database: Database, opts: IndexOptions = {}): Promise<IndexResult> {
  const batchSize = opts.batchSize ?? 10_000;
  const max = opts.max ?? Infinity;
  let indexed = 0;
  let newTerms = 0;
  let more = true;
  while (more && indexed < max && !opts.signal?.aborted) {
    const step = await database.transaction(async (tx) => {
      const limit = Math.min(batchSize, max - indexed);
      const { ids, rows } = opts.full ? await missingNames(tx, limit) : await takePendingNames(tx, limit);
      const r = await indexRows(tx, rows);
      await dequeueNames(tx, ids);
      return { ...r, read: ids.length, limit };
    });
    indexed += step.indexed;
    newTerms += step.newTerms;
    opts.onProgress?.(indexed);
    more = step.read === step.limit;
    if (!more || indexed >= max) break;
    if (opts.cleanEachBatch && step.indexed > 0) await database.transaction(cleanGinPendingLists);
    // PGlite answers within the microtask queue: without a turn of the event loop between
    // batches, a run would hold off every request (and the app's close) until it ended.
    await (opts.pauseMs ? sleep(opts.pauseMs) : nextTurn());
  }
  if (indexed > 0) await database.transaction(cleanGinPendingLists);
  return { indexed, newTerms, more };
}

/** Whether names exist that search cannot find yet (a quick check before each search). */
export async function searchIndexBehind(database: Database): Promise<boolean> {
  return database.transaction(indexIsBehind);
}

/** Names still queued after a search's catch-up; `atLeast` when the count stopped at its cap. */
export interface Backlog {
  waiting: number;
  atLeast: boolean;
}

/** A search counts the queued names up to this many (a bounded scan). */
const BACKLOG_COUNT_CAP = 100_000;

/**
 * Inside a search's own transaction: index the queued names so the search finds what was just
 * imported, when there are at most `max` of them. A larger backlog is left whole to the server's
 * background indexer (a search that indexed 5,000 names of it took a second on PGlite, every
 * search until the queue was empty), and its size is returned; null when nothing is left.
 */
export async function catchUpInTransaction(tx: Tx, max: number): Promise<Backlog | null> {
  const queued = await countPendingNames(tx, Math.max(max + 1, BACKLOG_COUNT_CAP));
  if (queued === 0) return null;
  if (queued <= max) {
    const { ids, rows } = await takePendingNames(tx, max, { wait: true });
    await indexRows(tx, rows);
    await dequeueNames(tx, ids);
    if (ids.length < max) return null;
    // Names committed since the count: more than one search should index.
    const waiting = await countPendingNames(tx, BACKLOG_COUNT_CAP);
    return waiting === 0 ? null : { waiting, atLeast: waiting >= BACKLOG_COUNT_CAP };
  }
  return { waiting: queued, atLeast: queued >= BACKLOG_COUNT_CAP };
}

async function missingNames(tx: Tx, limit: number): Promise<{ ids: string[]; rows: PendingNameRow[] }> {
  const rows = await namesMissing(tx, limit);
  return { ids: rows.map((r) => r.name_id), rows };
}
