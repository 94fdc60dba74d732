import type { Tx } from '../../db/database';

/** SQL of the search index (the only code that touches its tables). */

export interface PendingNameRow {
  name_id: string;
  source_record_id: string;
  role: string;
  full_name: string;
  birth_date: string | null;
}

export interface NameKeyRow {
  nameId: string;
  sourceRecordId: string;
  role: string;
  key: string;
  birthDate: string | null;
}

export interface TermRow {
  term: string;
  folded: string;
  skeleton: string;
  dm: string;
  nick: string | null;
}

const PENDING_SELECT = `
  SELECT n.id::text AS name_id, n.source_record_id::text AS source_record_id, n.role, n.full_name,
    CASE WHEN n.role = 'subject' THEN coalesce(r.payload->>'birth_date', r.payload->>'subject_birth_date') END AS birth_date
  FROM names n JOIN source_records r ON r.id = n.source_record_id`;

/** Whether names wait to be indexed (one round trip: it runs before every search). */
export async function indexIsBehind(tx: Tx): Promise<boolean> {
  return (await tx.query(`SELECT 1 FROM search_pending LIMIT 1`)).length > 0;
}

/**
 * Queued names, counted up to `cap` (a bounded scan: a search reports the backlog, and a count of
 * a million-row queue would cost it more than the search).
 */
export async function countPendingNames(tx: Tx, cap: number): Promise<number> {
  const [row] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM search_pending LIMIT $1) q`, [cap]);
  return row?.n ?? 0;
}

/**
 * Takes up to `limit` names off the queue for this transaction and returns the ids taken with the
 * rows to index. A queued name's row is gone only if its record was disposed of meanwhile (the
 * queue row then went by cascade).
 *
 * A bulk indexer skips names another transaction has taken. A search (`wait`) waits for that
 * transaction instead: the names it holds are committed to the index, or given back, when it
 * ends, so the search then sees them either way; skipping them would answer without names that
 * were loaded before the search began. Locks are taken in `name_id` order, so two waiting
 * searches cannot deadlock on the queue.
 */
export async function takePendingNames(tx: Tx, limit: number, opts: { wait?: boolean } = {}): Promise<{ ids: string[]; rows: PendingNameRow[] }> {
  const taken = await tx.query<{ name_id: string }>(
    `SELECT name_id::text AS name_id FROM search_pending ORDER BY name_id LIMIT $1 FOR UPDATE${opts.wait ? '' : ' SKIP LOCKED'}`,
    [limit],
  );
  const ids = taken.map((t) => t.name_id);
  if (ids.length === 0) return { ids, rows: [] };
  const rows = await tx.query<PendingNameRow>(`${PENDING_SELECT} WHERE n.id = ANY($1::bigint[]) ORDER BY n.id`, [ids]);
  return { ids, rows };
}

/** Takes names off the queue once their keys are written (in the same transaction). */
export async function dequeueNames(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await tx.query(`DELETE FROM search_pending WHERE name_id = ANY($1::bigint[])`, [ids]);
}

/** Names never indexed, queued or not (slow: an anti-join over every name; for repairs). */
export async function namesMissing(tx: Tx, limit: number): Promise<PendingNameRow[]> {
  return tx.query<PendingNameRow>(
    `${PENDING_SELECT} WHERE NOT EXISTS (SELECT 1 FROM search_name_keys k WHERE k.name_id = n.id) ORDER BY n.id LIMIT $1`,
    [limit],
  );
}

export async function insertNameKeys(tx: Tx, rows: readonly NameKeyRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO search_name_keys (name_id, source_record_id, role, key, tokens, birth_date)
     SELECT u.name_id, u.source_record_id, u.role, u.key, string_to_array(u.key, ' '), u.birth_date
     FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::date[])
       AS u(name_id, source_record_id, role, key, birth_date)
     ON CONFLICT (name_id) DO NOTHING`,
    [rows.map((r) => r.nameId), rows.map((r) => r.sourceRecordId), rows.map((r) => r.role), rows.map((r) => r.key), rows.map((r) => r.birthDate)],
  );
}

/** Terms not yet in the vocabulary (the caller sends only those). Metaphone is computed in SQL. */
export async function knownTerms(tx: Tx, terms: readonly string[]): Promise<Set<string>> {
  if (terms.length === 0) return new Set();
  const rows = await tx.query<{ term: string }>(`SELECT term FROM search_terms WHERE term = ANY($1::text[])`, [terms]);
  return new Set(rows.map((r) => r.term));
}

/** Terms are inserted in sorted order, so that two indexers adding the same new terms wait for each other rather than deadlock. */
export async function insertTerms(tx: Tx, unsorted: readonly TermRow[]): Promise<void> {
  if (unsorted.length === 0) return;
  const rows = [...unsorted].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  await tx.query(
    `INSERT INTO search_terms (term, folded, skeleton, dm, metaphone, metaphone_alt, nick)
     SELECT u.term, u.folded, u.skeleton, string_to_array(u.dm, ' '), dmetaphone(u.term), dmetaphone_alt(u.term), u.nick
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(term, folded, skeleton, dm, nick)
     ON CONFLICT (term) DO NOTHING`,
    [rows.map((r) => r.term), rows.map((r) => r.folded), rows.map((r) => r.skeleton), rows.map((r) => r.dm), rows.map((r) => r.nick)],
  );
}

/**
 * Merge the GIN indexes' pending lists after a batch of inserts: a search scans a pending list
 * linearly, which made the first searches after a large load slow until autovacuum ran.
 */
export async function cleanGinPendingLists(tx: Tx): Promise<void> {
  for (const index of ['search_name_keys_tokens_idx', 'search_terms_trgm_idx', 'search_terms_dm_idx']) {
    await tx.query(`SELECT gin_clean_pending_list($1::regclass)`, [index]);
  }
}
