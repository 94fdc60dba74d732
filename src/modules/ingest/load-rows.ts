import type { Tx } from '../../db/database';
import type { SourceDefinition, ValidatedRow } from '../sources';
import { CanonicalRowWriter } from './canonical-row';
import { ChunkBuilder, type Chunk, type ChunkContext } from './chunk-builder';
import * as repo from './ingest.repo';
import { RecordIdSet } from './record-id-set';
import type { RejectsWriter } from './rejects-file';

/** Rows per chunk: one COPY per table per chunk; two chunks' text are held at a time. */
export const CHUNK_ROWS = 25_000;

export interface LoadCounts {
  read: number;
  inserted: number;
  flagged: number;
  rejected: number;
  skipped: number;
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
  const totals: LoadCounts = { read: 0, inserted: 0, flagged: 0, rejected: 0, skipped: 0 };
  let staged = false;

  const write = async (chunk: Chunk): Promise<void> => {
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

  let builder = new ChunkBuilder(ctx, await repo.reserveRecordIds(tx, chunkRows), canonical);
  let pending: Promise<void> | null = null;
  const dispatch = async (last: boolean): Promise<void> => {
    const chunk = builder.build();
    if (pending) await pending;
    pending = null;
    if (last || !plan.overlap) {
      await write(chunk);
      if (!last) builder = new ChunkBuilder(ctx, await repo.reserveRecordIds(tx, chunkRows), canonical);
    } else {
      // Ids for the next chunk are asked for first, so the answer does not wait behind the COPYs.
      const ids = repo.reserveRecordIds(tx, chunkRows);
      const p = write(chunk);
      p.catch(() => {}); // awaited at the next dispatch; this only stops an "unhandled" report meanwhile
      pending = p;
      builder = new ChunkBuilder(ctx, await ids, canonical);
    }
    plan.onProgress?.(totals.read);
  };

  try {
    for await (const batch of plan.rows) {
      for (const r of batch) {
        totals.read++;
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
  return totals;
}
