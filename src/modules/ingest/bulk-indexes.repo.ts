import type { Tx } from '../../db/database';

/**
 * Secondary indexes set aside for a large load and built again before it commits. All of it is
 * transactional: a batch that fails or is killed rolls the drop back with the rows, so the
 * indexes are never missing outside the loading transaction.
 */

/**
 * Does source_records hold more than `n` records? The planner's estimate answers for a store
 * analysed as large; otherwise the rows are counted, no further than n + 1.
 */
export async function holdsMoreRecordsThan(tx: Tx, n: number): Promise<boolean> {
  const [est] = await tx.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'source_records'::regclass`);
  if ((est?.n ?? -1) > n) return true;
  const [r] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM source_records LIMIT $1::int) s`, [n + 1]);
  return (r?.n ?? 0) > n;
}

/**
 * Locks the tables for the rest of the transaction and drops their secondary indexes (neither
 * unique nor primary nor backing a constraint: those keep checking every row), returning their
 * definitions. Returns null, having changed nothing, when a table is in use by another session:
 * the load then maintains its indexes row by row rather than wait or block that session's work.
 */
export async function dropSecondaryIndexes(tx: Tx, tables: readonly string[]): Promise<string[] | null> {
  await tx.query(`SAVEPOINT ingest_bulk_indexes`);
  try {
    await tx.query(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE NOWAIT`);
  } catch (e) {
    if ((e as { code?: string }).code !== '55P03') throw e; // lock_not_available; anything else is real
    await tx.query(`ROLLBACK TO SAVEPOINT ingest_bulk_indexes`);
    return null;
  }
  await tx.query(`RELEASE SAVEPOINT ingest_bulk_indexes`);
  const rows = await tx.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     WHERE i.indrelid = ANY($1::text[]::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY 1`,
    [tables],
  );
  if (rows.length > 0) await tx.exec(`DROP INDEX ${rows.map((r) => r.name).join(', ')};`);
  return rows.map((r) => r.definition);
}

/** Builds the indexes again (one sorted pass each: far cheaper than an entry per row). */
export async function createIndexes(tx: Tx, definitions: readonly string[]): Promise<void> {
  for (const d of definitions) await tx.exec(`${d};`);
}
