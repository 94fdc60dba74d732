import type { Database, Tx } from '../../db/database';
import type { SourceDefinition } from '../sources/source-types';
import type { SourceName } from '../sources/registry';
import type { Chunk } from './chunk-builder';
import { IdBlock } from './chunk-builder';
import { FACT_TABLE, factColumns } from './fact-tables';

/** source_records columns in the order of a chunk's record lines. */
const RECORD_COLUMNS = ['id', 'source', 'record_id', 'version', 'batch_id', 'line_no', 'received_at', 'content_hash', 'payload', 'flags', 'markings'] as const;

/** Core fact tables and their columns in the order of a chunk's fact lines. */
export const CORE_FACTS = {
  identifiers: ['source_record_id', 'role', 'kind', 'value', 'normalized', 'issuing_country', 'valid'],
  names: ['source_record_id', 'role', 'given_name', 'middle_name', 'family_name', 'full_name', 'search_key'],
  addresses: ['source_record_id', 'role', 'line1', 'line2', 'city', 'state', 'postal_code', 'country', 'normalized'],
  relationships: ['source_record_id', 'from_role', 'to_role', 'kind'],
} as const;
type CoreFact = keyof typeof CORE_FACTS;
const CORE_FACT_NAMES = Object.keys(CORE_FACTS) as CoreFact[];

/** One table a chunk writes: where it lands, its columns, and which text of the chunk holds it. */
interface Target {
  table: string;
  columns: readonly string[];
  text: (c: Chunk) => string[];
}

function targets(def: SourceDefinition): Target[] {
  const typed: Target = {
    table: FACT_TABLE[def.name as SourceName],
    columns: ['source_record_id', ...factColumns(def).map((c) => c.name)],
    text: (c) => c.typed,
  };
  const core = CORE_FACT_NAMES.map((name): Target => ({ table: name, columns: CORE_FACTS[name], text: (c) => c[name] }));
  return [typed, ...core];
}

/** The tables a chunk writes rows to (the record table first). */
export function chunkTables(def: SourceDefinition, chunk: Chunk): string[] {
  if (chunk.accepted === 0) return [];
  return ['source_records', ...targets(def).filter((t) => t.text(chunk).length > 0).map((t) => t.table)];
}

const quoted = (cols: readonly string[]) => cols.map((c) => `"${c}"`).join(', ');

function copy(tx: Tx, table: string, columns: readonly string[], text: readonly string[]): Promise<void> {
  return tx.copyFrom(`COPY ${table} (${quoted(columns)}) FROM STDIN`, text);
}

export async function sourceHasRecords(tx: Tx, source: string): Promise<boolean> {
  const r = await tx.query<{ e: boolean }>(`SELECT EXISTS (SELECT 1 FROM source_records WHERE source = $1) AS e`, [source]);
  return r[0]?.e === true;
}

/**
 * `nextval(...)` of the source_records identity sequence, with the sequence named as a constant:
 * a function call in its place would run once per value.
 */
export async function recordIdNextval(tx: Tx): Promise<string> {
  const [s] = await tx.query<{ seq: string }>(`SELECT quote_literal(pg_get_serial_sequence('source_records', 'id')) AS seq`);
  return `nextval(${s?.seq}::regclass)`;
}

/**
 * Takes `n` values from the source_records identity sequence (`nextval` from recordIdNextval) in
 * one statement, so that it is sent before the COPYs of a chunk written meanwhile. They are
 * contiguous unless another session drew from the sequence at the same moment; then the values
 * themselves are fetched.
 */
export async function reserveRecordIds(tx: Tx, nextval: string, n: number): Promise<IdBlock> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [r] = await tx.query<{ lo: string; hi: string }>(
      `SELECT min(v)::text AS lo, max(v)::text AS hi FROM (SELECT ${nextval} AS v FROM generate_series(1, $1::int)) s`,
      [n],
    );
    const lo = Number(r?.lo);
    if (Number(r?.hi) - lo + 1 === n) return new IdBlock(lo, n);
  }
  const rows = await tx.query<{ v: string }>(`SELECT ${nextval}::text AS v FROM generate_series(1, $1::int)`, [n]);
  return new IdBlock(0, n, rows.map((r) => Number(r.v)));
}

/** Does the store hold any version of any of these record ids of the source? */
export async function anyRecordHeld(tx: Tx, source: string, recordIds: readonly string[]): Promise<boolean> {
  const r = await tx.query<{ e: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM source_records WHERE source = $1 AND record_id = ANY($2::text[])) AS e`,
    [source, recordIds],
  );
  return r[0]?.e === true;
}

/** A chunk whose record ids are all new: COPY straight into the final tables. */
export async function copyChunk(tx: Tx, def: SourceDefinition, chunk: Chunk): Promise<void> {
  if (chunk.accepted === 0) return;
  await copy(tx, 'source_records', RECORD_COLUMNS, chunk.records);
  for (const t of targets(def)) {
    const text = t.text(chunk);
    if (text.length > 0) await copy(tx, t.table, t.columns, text);
  }
}

export async function copyRejects(tx: Tx, text: readonly string[]): Promise<void> {
  if (text.length > 0) await copy(tx, 'source_rejects', ['batch_id', 'line_no', 'reason', 'raw_text'], text);
}

/** Temporary tables shaped like the chunk's COPY text, for chunks that need the careful path. */
export async function createStage(tx: Tx, def: SourceDefinition): Promise<void> {
  const stages = [{ table: 'source_records', columns: RECORD_COLUMNS as readonly string[] }, ...targets(def)];
  await tx.exec(
    stages
      .map((t) => `CREATE TEMP TABLE ingest_stage_${t.table} ON COMMIT DROP AS SELECT ${quoted(t.columns)} FROM ${t.table} WITH NO DATA;`)
      .join('\n') + '\nCREATE TEMP TABLE ingest_promoted (id bigint PRIMARY KEY) ON COMMIT DROP;',
  );
}

/**
 * The careful path for a chunk some of whose record ids may be held already (or repeat in the
 * file): stage it, then promote set-based. A row whose (record_id, content hash) is already held is
 * skipped; a changed record becomes its next version (records are never updated). The facts of
 * the rows promoted follow them, keyed by the ids reserved for them. Returns the rows inserted.
 * The held versions of each staged record id are looked up through the (source, record_id,
 * version) index (LATERAL): a join would let the planner, blind to the temporary table's size,
 * read every record of the source for each chunk.
 */
export async function stageAndPromote(tx: Tx, def: SourceDefinition, chunk: Chunk): Promise<number> {
  if (chunk.accepted === 0) return 0;
  const facts = targets(def);
  await copy(tx, 'ingest_stage_source_records', RECORD_COLUMNS, chunk.records);
  for (const t of facts) {
    const text = t.text(chunk);
    if (text.length > 0) await copy(tx, `ingest_stage_${t.table}`, t.columns, text);
  }
  const cols = RECORD_COLUMNS.filter((c) => c !== 'version');
  await tx.query(
    `WITH s AS (
       SELECT DISTINCT ON (record_id, content_hash) * FROM ingest_stage_source_records ORDER BY record_id, content_hash, line_no
     ), fresh AS (
       SELECT s.*, h.v FROM s
       CROSS JOIN LATERAL (
         SELECT max(r.version) AS v, coalesce(bool_or(r.content_hash = s.content_hash), false) AS held
         FROM source_records r WHERE r.source = $1 AND r.record_id = s.record_id) h
       WHERE NOT h.held
     ), ins AS (
       INSERT INTO source_records (${quoted(cols)}, version) OVERRIDING SYSTEM VALUE
       SELECT ${cols.map((c) => `f.${c}`).join(', ')}, coalesce(f.v, 0) + row_number() OVER (PARTITION BY f.record_id ORDER BY f.line_no)
       FROM fresh f
       ORDER BY f.line_no
       RETURNING id)
     INSERT INTO ingest_promoted SELECT id FROM ins`,
    [def.name],
  );
  for (const t of facts) {
    await tx.query(`INSERT INTO ${t.table} (${quoted(t.columns)})
      SELECT ${quoted(t.columns)} FROM ingest_stage_${t.table} WHERE source_record_id IN (SELECT id FROM ingest_promoted)`);
  }
  const [n] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ingest_promoted`);
  await tx.exec(`TRUNCATE ingest_promoted, ingest_stage_source_records, ${facts.map((t) => `ingest_stage_${t.table}`).join(', ')}`);
  return n?.n ?? 0;
}
export interface BatchRow {
  id: string;
  source: string;
  fileName: string;
  fileSize: number;
  fileSha256: string;
  format: 'csv' | 'ndjson';
  loadedBy: string | null;
  loadedByUsername: string;
  legalProcessRef: string | null;
  startedAt: Date;
  rowsRead: number;
  rowsAccepted: number;
  rowsFlagged: number;
  rowsRejected: number;
  rowsSkipped: number;
}

export async function insertBatch(tx: Tx, b: BatchRow): Promise<void> {
  await tx.db
    .insertInto('source_batches')
    .values({
      id: b.id,
      source: b.source,
      file_name: b.fileName,
      file_size: b.fileSize,
      file_sha256: b.fileSha256,
      format: b.format,
      loaded_by: b.loadedBy,
      loaded_by_username: b.loadedByUsername,
      legal_process_ref: b.legalProcessRef,
      started_at: b.startedAt,
      rows_read: b.rowsRead,
      rows_accepted: b.rowsAccepted,
      rows_flagged: b.rowsFlagged,
      rows_rejected: b.rowsRejected,
      rows_skipped: b.rowsSkipped,
    })
    .execute();
}

/** Record the final counts (the batch row is written first: records and rejects refer to it). */
export async function finishBatch(tx: Tx, id: string, c: Pick<BatchRow, 'rowsRead' | 'rowsAccepted' | 'rowsFlagged' | 'rowsRejected' | 'rowsSkipped'>): Promise<void> {
  await tx.db
    .updateTable('source_batches')
    .set({
      rows_read: c.rowsRead,
      rows_accepted: c.rowsAccepted,
      rows_flagged: c.rowsFlagged,
      rows_rejected: c.rowsRejected,
      rows_skipped: c.rowsSkipped,
      finished_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function findBatchByFile(db: Database['db'], source: string, sha256: string) {
  return db
    .selectFrom('source_batches')
    .selectAll()
    .where('source', '=', source)
    .where('file_sha256', '=', sha256)
    .orderBy('finished_at', 'asc')
    .executeTakeFirst();
}

export async function listBatches(db: Database['db'], limit: number) {
  return db.selectFrom('source_batches').selectAll().orderBy('finished_at', 'desc').limit(limit).execute();
}

export async function getBatch(db: Database['db'], id: string) {
  return db.selectFrom('source_batches').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listRejects(db: Database['db'], batchId: string, limit: number) {
  return db.selectFrom('source_rejects').selectAll().where('batch_id', '=', batchId).orderBy('line_no').limit(limit).execute();
}
