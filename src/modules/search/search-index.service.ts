import type { Database, Tx } from '../../db/database';
import { isValidDate } from '../sources/normalize';
import { nameTokens, termFeatures } from './name-keys';
import {
  cleanGinPendingLists,
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
  for (;;) {
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
    const done = step.read < step.limit;
    if (done || indexed >= max) {
      if (indexed > 0) await database.transaction(cleanGinPendingLists);
      return { indexed, newTerms, more: !done };
    }
  }
}

/** Whether names exist that search cannot find yet (a quick check before each search). */
export async function searchIndexBehind(database: Database): Promise<boolean> {
  return database.transaction(indexIsBehind);
}

/**
 * Inside a search's own transaction: index a small backlog of new names so the search finds them.
 * Returns true when more names are left than one search should index.
 */
export async function catchUpInTransaction(tx: Tx, max: number): Promise<boolean> {
  if (!(await indexIsBehind(tx))) return false;
  const { ids, rows } = await takePendingNames(tx, max, { wait: true });
  await indexRows(tx, rows);
  await dequeueNames(tx, ids);
  return ids.length === max && (await indexIsBehind(tx));
}

async function missingNames(tx: Tx, limit: number): Promise<{ ids: string[]; rows: PendingNameRow[] }> {
  const rows = await namesMissing(tx, limit);
  return { ids: rows.map((r) => r.name_id), rows };
}
