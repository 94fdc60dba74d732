import type { Database } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { exportPage } from './export.repo';
import { RESOLVE_POLICY } from './resolve.policy';

export type ExportFormat = 'csv' | 'ndjson';

export interface ExportOptions {
  format: ExportFormat;
  /** The marking every export carries where its format allows (BANNER). */
  classification: string;
  /** Where the rows go (a file, standard output); awaited, so backpressure is honoured. */
  write: (chunk: string) => Promise<void> | void;
  /** Said in the audit row: the file written, or 'stdout'. */
  destination: string;
}

export const ENTITY_EXPORT_HEADER = 'source,record_id,entity_id';

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * `export entities`: one row per source record (its latest version) — the entity of its
 * subject; for a record with no person subject (a call record) the calling party's entity
 * when known; else empty. CSV is exactly `source,record_id,entity_id` (a contract other tools
 * read), so its marking goes to the audit row and the caller's stderr instead; NDJSON rows
 * carry it in a `classification` field.
 */
export async function exportEntities(database: Database, ctx: RequestContext, opts: ExportOptions): Promise<{ rows: number }> {
  authorize(ctx, RESOLVE_POLICY['entities.export']);
  return database.transaction(async (tx) => {
    let rows = 0;
    if (opts.format === 'csv') await opts.write(`${ENTITY_EXPORT_HEADER}\n`);
    for (let after = '0'; ; ) {
      const page = await exportPage(tx, after);
      if (page.length === 0) break;
      let text = '';
      for (const r of page) {
        text +=
          opts.format === 'csv'
            ? `${csvField(r.source)},${csvField(r.recordId)},${r.entityId ?? ''}\n`
            : `${JSON.stringify({ source: r.source, record_id: r.recordId, entity_id: r.entityId, classification: opts.classification })}\n`;
      }
      await opts.write(text);
      rows += page.length;
      after = page[page.length - 1]!.id;
    }
    await audit(tx, ctx, {
      action: 'entities.export',
      subjectType: 'export',
      details: { format: opts.format, rows, destination: opts.destination, classification: opts.classification, columns: ENTITY_EXPORT_HEADER },
    });
    return { rows };
  });
}
