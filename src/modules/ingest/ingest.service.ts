import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { audit, auditAlone } from '../audit';
import { authorize } from '../auth/policy';
import { openSourceFile } from '../sources/readers';
import { getSource } from '../sources/registry';
import { validateBatches } from '../sources/validated-rows';
import { INGEST_POLICY } from './ingest.policy';
import * as repo from './ingest.repo';
import { loadRows } from './load-rows';
import { RejectsWriter } from './rejects-file';

export interface IngestOptions {
  source: string;
  file: string;
  /** The name to record for the file (uploads keep the name the user chose). */
  fileName?: string;
  legalProcessRef?: string;
  /** Write the rows that could not be read to this CSV (line, reason, raw text). */
  rejectsFile?: string;
  onProgress?: (rowsRead: number) => void;
  /** Rows per COPY chunk (default 10,000); tests use small chunks to cross chunk boundaries. */
  chunkRows?: number;
  /**
   * Set the secondary indexes of the tables written aside during the load and build them again
   * before commit. Default: decided by size (a large file into a store holding fewer than half as
   * many records; see load-rows).
   */
  deferIndexes?: boolean;
}

export interface IngestResult {
  batchId: string;
  source: string;
  fileName: string;
  fileSha256: string;
  /** 'loaded', or 'already_loaded' when this exact file was loaded before (nothing changed). */
  status: 'loaded' | 'already_loaded';
  rowsRead: number;
  rowsAccepted: number;
  rowsFlagged: number;
  rowsRejected: number;
  rowsSkipped: number;
  rejectsFile: string | null;
  /** The secondary indexes were built after the rows rather than maintained row by row. */
  indexesDeferred: boolean;
}

export async function fileDigest(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Load one source file as one batch, all or nothing: rows are validated and written with COPY in
 * chunks (see load-rows), inside one transaction with the batch record and its audit row.
 * Unreadable rows are rejected (kept with line and reason); malformed fields are kept and flagged;
 * a file loaded before is a no-op.
 */
export async function ingestFile(database: Database, ctx: RequestContext, opts: IngestOptions): Promise<IngestResult> {
  authorize(ctx, INGEST_POLICY['ingest.load']);
  const def = getSource(opts.source);
  const fileName = opts.fileName ?? path.basename(opts.file);
  const digest = await fileDigest(opts.file);
  const previous = await repo.findBatchByFile(database.db, def.name, digest.sha256);
  if (previous) {
    await auditAlone(database, ctx, { action: 'ingest.skip', subjectType: 'batch', subjectIds: [previous.id], details: { source: def.name, fileName, sha256: digest.sha256 } });
    return {
      batchId: previous.id,
      source: def.name,
      fileName,
      fileSha256: digest.sha256,
      status: 'already_loaded',
      rowsRead: previous.rows_read,
      rowsAccepted: 0,
      rowsFlagged: 0,
      rowsRejected: 0,
      rowsSkipped: previous.rows_read,
      rejectsFile: null,
      indexesDeferred: false,
    };
  }
  const readOpts = opts.legalProcessRef ? { legalProcessRef: opts.legalProcessRef } : {};
  const opened = await openSourceFile(opts.file, def, readOpts);
  const batchId = randomUUID();
  const startedAt = new Date();
  const rejects = opts.rejectsFile ? new RejectsWriter(opts.rejectsFile) : null;
  try {
    const counts = await database.transaction(async (tx) => {
      await repo.insertBatch(tx, {
        id: batchId,
        source: def.name,
        fileName,
        fileSize: digest.size,
        fileSha256: digest.sha256,
        format: opened.format,
        loadedBy: ctx.actor.via === 'system' ? null : ctx.actor.userId,
        loadedByUsername: ctx.actor.username,
        legalProcessRef: opts.legalProcessRef ?? null,
        startedAt,
        rowsRead: 0,
        rowsAccepted: 0,
        rowsFlagged: 0,
        rowsRejected: 0,
        rowsSkipped: 0,
      });
      const c = await loadRows(tx, {
        def,
        batchId,
        receivedAt: startedAt,
        rows: validateBatches(opened, def, readOpts),
        rejects,
        onProgress: opts.onProgress,
        overlap: database.kind === 'postgres',
        fileSize: digest.size,
        ...(opts.chunkRows ? { chunkRows: opts.chunkRows } : {}),
        ...(opts.deferIndexes !== undefined ? { deferIndexes: opts.deferIndexes } : {}),
      });
      await repo.finishBatch(tx, batchId, {
        rowsRead: c.read,
        rowsAccepted: c.inserted,
        rowsFlagged: c.flagged,
        rowsRejected: c.rejected,
        rowsSkipped: c.skipped,
      });
      await audit(tx, ctx, {
        action: 'ingest.load',
        subjectType: 'batch',
        subjectIds: [batchId],
        details: { source: def.name, fileName, sha256: digest.sha256, read: c.read, accepted: c.inserted, flagged: c.flagged, rejected: c.rejected, skipped: c.skipped },
      });
      return c;
    });
    await rejects?.close();
    return {
      batchId,
      source: def.name,
      fileName,
      fileSha256: digest.sha256,
      status: 'loaded',
      rowsRead: counts.read,
      rowsAccepted: counts.inserted,
      rowsFlagged: counts.flagged,
      rowsRejected: counts.rejected,
      rowsSkipped: counts.skipped,
      rejectsFile: rejects && counts.rejected > 0 ? rejects.file : null,
      indexesDeferred: counts.indexesDeferred,
    };
  } catch (e) {
    await rejects?.discard();
    await opened.close();
    throw e;
  }
}
