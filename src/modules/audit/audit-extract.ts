import { CLASSIFICATION } from '../../shared/classification';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { authorize } from '../auth/policy';
import { AUDIT_POLICY } from './audit.policy';
import { listAuditRows, type AuditFilter, type AuditRow } from './audit.repo';
import { audit } from './audit.service';

/** The most rows one extract carries; narrow the filters for more. */
export const EXTRACT_MAX_ROWS = 50_000;

const COLUMNS = ['seq', 'occurred_at', 'actor', 'action', 'outcome', 'purpose', 'request_id', 'client_ip', 'subject_type', 'subject_ids', 'details', 'hash'];

/** The extract as CSV: the marking alone on the first row, then the header, then the events (newest first). */
export function renderAuditCsv(rows: readonly AuditRow[]): string {
  return stringify([
    [CLASSIFICATION],
    COLUMNS,
    ...rows.map((r) => [r.seq, r.occurredAt, r.actorUsername ?? '', r.action, r.outcome, r.purpose ?? '', r.requestId, r.clientIp ?? '', r.subjectType ?? '', r.subjectIds.join(' '), JSON.stringify(r.details), r.hash]),
  ]);
}

/** GET /api/audit/export.csv: the events the filters select, as a file; the extract is itself audited. */
export async function exportAuditExtract(
  database: Database,
  ctx: RequestContext,
  filter: Omit<AuditFilter, 'limit' | 'beforeSeq'>,
): Promise<{ csv: string; rows: number; truncated: boolean }> {
  authorize(ctx, AUDIT_POLICY['audit.export']);
  return database.transaction(async (tx) => {
    const found = await listAuditRows(tx.db, { ...filter, limit: EXTRACT_MAX_ROWS + 1 });
    const truncated = found.length > EXTRACT_MAX_ROWS;
    const rows = truncated ? found.slice(0, EXTRACT_MAX_ROWS) : found;
    await audit(tx, ctx, {
      action: 'audit.export',
      subjectType: 'export',
      details: { format: 'csv', rows: rows.length, truncated, filter: { ...filter, from: filter.from?.toISOString(), to: filter.to?.toISOString() }, classification: CLASSIFICATION },
    });
    return { csv: renderAuditCsv(rows), rows: rows.length, truncated };
  });
}
