import type { Database } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { INGEST_POLICY } from './ingest.policy';
import * as repo from './ingest.repo';
import type { BatchView } from './ingest.schema';

type BatchDbRow = NonNullable<Awaited<ReturnType<typeof repo.getBatch>>>;

function present(b: BatchDbRow): BatchView {
  return {
    id: b.id,
    source: b.source,
    fileName: b.file_name,
    fileSize: Number(b.file_size),
    fileSha256: b.file_sha256,
    format: b.format,
    loadedBy: b.loaded_by_username,
    legalProcessRef: b.legal_process_ref,
    startedAt: new Date(b.started_at).toISOString(),
    finishedAt: new Date(b.finished_at).toISOString(),
    rowsRead: b.rows_read,
    rowsAccepted: b.rows_accepted,
    rowsFlagged: b.rows_flagged,
    rowsRejected: b.rows_rejected,
    rowsSkipped: b.rows_skipped,
  };
}

export async function listBatches(database: Database, ctx: RequestContext, limit: number): Promise<BatchView[]> {
  authorize(ctx, INGEST_POLICY['ingest.read']);
  return database.transaction(async (tx) => {
    const rows = await repo.listBatches(tx.db, limit);
    await audit(tx, ctx, { action: 'ingest.list', details: { returned: rows.length } });
    return rows.map(present);
  });
}

/** A batch and its rejected rows. Rejected rows are personal data as received, so the read is audited. */
export async function getBatchWithRejects(database: Database, ctx: RequestContext, id: string, limit: number) {
  authorize(ctx, INGEST_POLICY['ingest.read']);
  return database.transaction(async (tx) => {
    const b = await repo.getBatch(tx.db, id);
    if (!b) throw new AppError('NOT_FOUND', `No import batch ${id}.`);
    const rejects = await repo.listRejects(tx.db, id, limit);
    await audit(tx, ctx, { action: 'ingest.read', subjectType: 'batch', subjectIds: [id], details: { rejectsShown: rejects.length } });
    return { batch: present(b), rejects: rejects.map((r) => ({ line: r.line_no, reason: r.reason, rawText: r.raw_text })) };
  });
}
