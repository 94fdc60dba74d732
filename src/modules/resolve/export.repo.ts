import type { Tx } from '../../db/database';

export interface ExportRow {
  id: string;
  source: string;
  recordId: string;
  entityId: string | null;
}

const PAGE = 20_000;

/** Latest versions of source records after `after` (by id), with their subject's or caller's entity. */
export async function exportPage(tx: Tx, after: string): Promise<ExportRow[]> {
  const rows = await tx.query<{ id: string; source: string; record_id: string; entity_id: string | null }>(
    `SELECT r.id::text AS id, r.source, r.record_id, coalesce(s.entity_id, c.entity_id)::text AS entity_id
     FROM source_records r
     LEFT JOIN record_links s ON s.source_record_id = r.id AND s.role = 'subject'
     LEFT JOIN record_links c ON c.source_record_id = r.id AND c.role = 'caller'
     WHERE r.id > $1
       AND NOT EXISTS (SELECT 1 FROM source_records n WHERE n.source = r.source AND n.record_id = r.record_id AND n.version > r.version)
     ORDER BY r.id LIMIT ${PAGE}`,
    [after],
  );
  return rows.map((r) => ({ id: r.id, source: r.source, recordId: r.record_id, entityId: r.entity_id }));
}
