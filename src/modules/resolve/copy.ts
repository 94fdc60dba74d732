import { CopyBinaryWriter } from '../../db/copy-binary';
import type { Tx } from '../../db/database';

/** PostgreSQL COPY text format: tab-separated, \N for NULL, backslash escapes. */
type Field = string | number | boolean | null | undefined;

function copyField(v: Field): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
}

const CHUNK = 10_000;

/**
 * COPY rows into a table, as one stream of chunks of CHUNK rows (see Tx.copyFrom): on PostgreSQL
 * the server takes a chunk while this thread makes the next.
 */
export async function copyRows(tx: Tx, table: string, columns: readonly string[], rows: Iterable<readonly Field[]>, opts: CopyOptions = {}): Promise<number> {
  return copyLines(tx, table, columns, lines(rows), opts);
}

export interface CopyOptions {
  /**
   * Rows written frozen and their pages all-visible (COPY … WITH (FREEZE)): no hint bits to set
   * (and pages to write again) when they are first read, and index-only scans at once. Only into
   * a table created or truncated earlier in the same transaction (PostgreSQL refuses otherwise);
   * the rows are visible to every snapshot once committed, older ones included.
   */
  freeze?: boolean;
}

function* lines(rows: Iterable<readonly Field[]>): Generator<string> {
  for (const r of rows) yield r.map(copyField).join('\t') + '\n';
}

/**
 * copyRows with each row given as its line of COPY text, newline included: for millions of rows
 * of numbers, a line made by concatenation costs a fifth of a row's array and its fields'.
 */
export async function copyLines(tx: Tx, table: string, columns: readonly string[], rows: Iterable<string>, opts: CopyOptions = {}): Promise<number> {
  let total = 0;
  function* chunks(): Generator<string> {
    let buf = '';
    let n = 0;
    for (const line of rows) {
      buf += line;
      total++;
      if (++n === CHUNK) {
        yield buf;
        buf = '';
        n = 0;
      }
    }
    if (n > 0) yield buf;
  }
  await tx.copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN${opts.freeze ? ' WITH (FREEZE)' : ''}`, chunks(), { wholeRows: true });
  return total;
}

/** Bytes of binary rows sent at once (see copyBinary). */
const BINARY_CHUNK = 1 << 18;

/**
 * COPY … WITH (FORMAT binary) of the rows `fill` writes, one stream of chunks as copyLines sends
 * text: `fill` writes rows into the writer and yields between them (after a row or a group of
 * rows) so that a chunk can be sent. The server reads numbers as they are, without parsing text:
 * for the match index's tens of millions of rows of integers, less work on both sides.
 * Returns how many rows were written.
 */
export async function copyBinary(tx: Tx, table: string, columns: readonly string[], fill: (w: CopyBinaryWriter) => Iterable<unknown>, opts: CopyOptions = {}): Promise<number> {
  const w = new CopyBinaryWriter(BINARY_CHUNK * 2);
  function* chunks(): Generator<Uint8Array<ArrayBuffer>> {
    for (const _ of fill(w)) if (w.size >= BINARY_CHUNK) yield w.takeRows();
    if (w.size > 0) yield w.takeRows();
  }
  const options = ['FORMAT binary', ...(opts.freeze ? ['FREEZE'] : [])].join(', ');
  await tx.copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (${options})`, chunks(), { binary: true });
  return w.rowCount;
}

/**
 * Bulk-loads tables with their indexes dropped and built again after: one sort per index
 * instead of an index insertion per row (for keys inserted in no order, a random page of the
 * index read and dirtied per row). With `keys`, primary keys and unique constraints are dropped
 * and added again too, unless a foreign key depends on them (a load that relies on them, an
 * upsert, cannot ask for it); a duplicate loaded fails when they are added, in the same
 * transaction. The definitions are read from the catalog, so the migrations stay their only
 * source.
 */
export async function withoutIndexes(tx: Tx, tables: readonly string[], load: () => Promise<void>, opts: { keys?: boolean } = {}): Promise<void> {
  const keys = !opts.keys ? [] : await tx.query<{ tbl: string; name: string; def: string }>(
    `SELECT t.relname AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def
     FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
     WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1::text[]) AND c.contype IN ('p', 'u')
       AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid)
     ORDER BY c.conname`,
    [tables],
  );
  const indexes = await tx.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = current_schema()::regnamespace)
     ORDER BY i.indexname`,
    [tables],
  );
  for (const i of indexes) await tx.exec(`DROP INDEX ${i.name}`);
  for (const k of keys) await tx.exec(`ALTER TABLE ${k.tbl} DROP CONSTRAINT ${k.name}`);
  await load();
  // Enough memory for each build to sort in memory at millions of rows; restored after.
  const [was] = await tx.query<{ v: string }>(`SELECT current_setting('maintenance_work_mem') AS v`);
  await tx.query(`SELECT set_config('maintenance_work_mem', '256MB', true)`);
  for (const k of keys) await tx.exec(`ALTER TABLE ${k.tbl} ADD CONSTRAINT ${k.name} ${k.def}`);
  for (const i of indexes) await tx.exec(i.def);
  await tx.query(`SELECT set_config('maintenance_work_mem', $1, true)`, [was!.v]);
}
