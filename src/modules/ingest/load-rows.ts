import type { Tx } from '../../db/database';
import type { SourceDefinition, ValidatedRow } from '../sources';
import { CanonicalRowWriter } from './canonical-row';
import { ChunkBuilder, type Chunk, type ChunkContext } from './chunk-builder';
import * as indexes from './bulk-indexes.repo';
import * as repo from './ingest.repo';
import { RecordIdSet } from './record-id-set';
import type { RejectsWriter } from './rejects-file';

/** Rows per chunk: one COPY per table per chunk; two chunks' text are held at a time. */
export const CHUNK_ROWS = 10_000;

/** A progress report every this many rows read (the CLI prints each as a line). */
const PROGRESS_ROWS = 10_000;

/**
 * A batch of at least this many rows (estimated from the file size and its first chunk) into a
 * store holding fewer than half as many records sets the secondary indexes of the tables it
 * writes aside and builds them again before commit: one sorted pass over what is held and what
 * comes, instead of an entry per row, pays off when what comes is most of it (a first load). A
 * re-delivery of records already held keeps its indexes: most of its rows are skipped.
 */
export const DEFER_INDEXES_MIN_ROWS = 100_000;

export interface LoadCounts {
  read: number;
  inserted: number;
  flagged: number;
  rejected: number;
  skipped: number;
  /** The secondary indexes were set aside during the load and built again at its end. */
  indexesDeferred: boolean;
}

export interface LoadPlan {
  def: SourceDefinition;
  batchId: string;
  receivedAt: Date;
  rows: AsyncIterable<ValidatedRow[]>;
  rejects: RejectsWriter | null;
  onProgress: ((rowsRead: number) => void) | undefined;
  /** Build the next chunk while the database writes this one (PostgreSQL: another process does the work). */
  overlap: boolean;
  chunkRows?: number;
  /** Size of the file in bytes (to estimate its rows from the first chunk). */
  fileSize: number;
  /** Set secondary indexes aside for the load: true or false, or (undefined) decided by size. */
  deferIndexes?: boolean;
}

/**
 * Writes the rows of one batch inside the caller's transaction. A chunk whose record ids are all
 * new to the source (none earlier in the file, none held: asked of the database only when the
 * source held records before this batch) is COPied straight into the final tables; any other goes
 * through staging and set-based promotion, which skips unchanged records and versions changed ones.
 */
export async function loadRows(tx: Tx, plan: LoadPlan): Promise<LoadCounts> {
  const { def } = plan;
  const chunkRows = plan.chunkRows ?? CHUNK_ROWS;
  const ctx: ChunkContext = {
    def,
    batchId: plan.batchId,
    receivedAt: plan.receivedAt,
    seen: new RecordIdSet(),
    collectIds: await repo.sourceHasRecords(tx, def.name),
  };
  const canonical = new CanonicalRowWriter();
  const totals: LoadCounts = { read: 0, inserted: 0, flagged: 0, rejected: 0, skipped: 0, indexesDeferred: false };
  let staged = false;
  /** Bytes of the rows read so far, until the first chunk is written (for the size estimate). */
  let bytes = 0;
  let firstChunk = true;
  let deferred: string[] = [];

  const setIndexesAside = async (chunk: Chunk, last: boolean): Promise<void> => {
    const tables = repo.chunkTables(def, chunk);
    if (tables.length === 0 || plan.deferIndexes === false) return;
    if (plan.deferIndexes === undefined) {
      const estimate = last ? chunk.read : Math.round(plan.fileSize / Math.max(1, bytes / Math.max(1, totals.read)));
      if (estimate < DEFER_INDEXES_MIN_ROWS || (await indexes.holdsMoreRecordsThan(tx, Math.floor(estimate / 2)))) return;
    }
    const dropped = await indexes.dropSecondaryIndexes(tx, tables);
    if (dropped === null) return;
    deferred = dropped;
    totals.indexesDeferred = true;
  };

  const write = async (chunk: Chunk, last: boolean): Promise<void> => {
    if (firstChunk) {
      firstChunk = false;
      await setIndexesAside(chunk, last);
    }
    let inserted = chunk.accepted;
    const held = chunk.recordIds !== null && chunk.recordIds.length > 0 && (await repo.anyRecordHeld(tx, def.name, chunk.recordIds));
    if (chunk.repeatsInFile || held) {
      if (!staged) await repo.createStage(tx, def);
      staged = true;
      inserted = await repo.stageAndPromote(tx, def, chunk);
    } else {
      await repo.copyChunk(tx, def, chunk);
    }
    await repo.copyRejects(tx, chunk.rejects);
    totals.inserted += inserted;
    totals.skipped += chunk.accepted - inserted;
    totals.flagged += chunk.flagged;
    totals.rejected += chunk.rejected;
  };

  const nextval = await repo.recordIdNextval(tx);
  let builder = new ChunkBuilder(ctx, await repo.reserveRecordIds(tx, nextval, chunkRows), canonical);
  let pending: Promise<void> | null = null;
  const dispatch = async (last: boolean): Promise<void> => {
    const chunk = builder.build();
    if (pending) await pending;
    pending = null;
    if (last || !plan.overlap) {
      await write(chunk, last);
      if (!last) builder = new ChunkBuilder(ctx, await repo.reserveRecordIds(tx, nextval, chunkRows), canonical);
    } else {
      // Ids for the next chunk are asked for first, so the answer does not wait behind the COPYs.
      const ids = repo.reserveRecordIds(tx, nextval, chunkRows);
      const p = write(chunk, false);
      p.catch(() => {}); // awaited at the next dispatch; this only stops an "unhandled" report meanwhile
      pending = p;
      builder = new ChunkBuilder(ctx, await ids, canonical);
    }
  };

  try {
    for await (const batch of plan.rows) {
      for (const r of batch) {
        totals.read++;
        if (firstChunk) bytes += r.text.length + 1;
        if (totals.read % PROGRESS_ROWS === 0) plan.onProgress?.(totals.read);
        if (!r.ok) plan.rejects?.write(r.line, r.reason, r.text);
        builder.add(r);
        if (builder.full) await dispatch(false);
      }
    }
  } catch (e) {
    await (pending as Promise<void> | null)?.catch(() => {});
    throw e;
  }
  await dispatch(true);
  await indexes.createIndexes(tx, deferred);
  plan.onProgress?.(totals.read);
  return totals;
}
