import type { Tx } from '../../db/database';

/** The accounting of disclosures, release decisions, (c)(4) corrections and notices, and the access log. */

export interface EntryRow {
  id: string;
  disclosure_id: string;
  disclosure_ref: string;
  person_id: string;
  disclosed_at: Date | string;
  nature: string;
  purpose: string;
  basis_kind: 'routine_use' | 'exception';
  basis_code: string;
  basis_citation: string;
  recipient_agency: string;
  recipient_name: string;
  recipient_address: string;
  releasable: boolean;
  retain_until: string;
  records: { ref: string; source: string; record_id: string; version: number }[] | string;
}

export interface DecisionRow {
  id: string;
  person_id: string;
  decision: 'release' | 'release_in_part' | 'withhold';
  reason: string;
  exemption: string | null;
  exemption_reason: string | null;
  covered_entry_ids: string[];
  withheld_entry_ids: string[];
  decided_at: Date | string;
  decided_by_username: string;
}

export interface CorrectionRow {
  id: string;
  source_record_id: string;
  source: string;
  record_id: string;
  event: 'corrected' | 'disputed';
  note: string;
  outcome: 'notified' | 'no_recipients' | 'waived';
  waiver_reason: string | null;
  recorded_at: Date | string;
  recorded_by_username: string;
}

export interface NoticeRow {
  id: string;
  ref: string;
  correction_id: string;
  disclosure_id: string;
  disclosure_ref: string;
  disclosed_at: Date | string;
  recipient_agency: string;
  recipient_name: string;
  recipient_address: string;
  created_at: Date | string;
}

export interface RecipientRow {
  disclosure_id: string;
  disclosure_ref: string;
  disclosed_at: Date | string;
  recipient_agency: string;
  recipient_name: string;
  recipient_address: string;
}

export interface AccessRow {
  seq: string;
  occurred_at: Date | string;
  actor_username: string | null;
  action: string;
  outcome: string;
  purpose: string | null;
  subject_type: string | null;
  via: 'person' | 'record';
}

const ENTRY_SELECT = `
  SELECT a.id::text AS id, a.disclosure_id::text AS disclosure_id, d.ref AS disclosure_ref, a.person_id::text AS person_id,
         a.disclosed_at, a.nature, a.purpose, a.basis_kind, a.basis_code, a.basis_citation, a.recipient_agency,
         a.recipient_name, a.recipient_address, a.releasable, a.retain_until::text AS retain_until,
         COALESCE((SELECT json_agg(json_build_object('ref', r.source_record_id::text, 'source', r.source,
                     'record_id', r.record_id, 'version', r.version) ORDER BY r.source, r.record_id, r.version)
                     FROM accounting_entry_records r WHERE r.entry_id = a.id), '[]'::json) AS records
    FROM accounting_entries a JOIN disclosures d ON d.id = a.disclosure_id`;

export async function entriesOfPerson(tx: Tx, personId: string): Promise<EntryRow[]> {
  return tx.query<EntryRow>(`${ENTRY_SELECT} WHERE a.person_id = $1::uuid ORDER BY a.disclosed_at, a.id`, [personId]);
}

export async function personName(tx: Tx, personId: string): Promise<string | undefined> {
  const [r] = await tx.query<{ display_name: string }>(
    `SELECT display_name FROM entities WHERE id = $1::uuid AND kind = 'person'`,
    [personId],
  );
  return r?.display_name;
}

export async function decisionsOfPerson(tx: Tx, personId: string): Promise<DecisionRow[]> {
  return tx.query<DecisionRow>(
    `SELECT id::text AS id, person_id::text AS person_id, decision, reason, exemption, exemption_reason,
            covered_entry_ids::text[] AS covered_entry_ids, withheld_entry_ids::text[] AS withheld_entry_ids,
            decided_at, decided_by_username
       FROM accounting_release_decisions WHERE person_id = $1::uuid ORDER BY id DESC`,
    [personId],
  );
}

export async function insertDecision(
  tx: Tx,
  d: Omit<DecisionRow, 'id' | 'decided_at'> & { decided_by: string | null },
): Promise<DecisionRow> {
  const [r] = await tx.query<DecisionRow>(
    `INSERT INTO accounting_release_decisions (person_id, decision, reason, exemption, exemption_reason,
       covered_entry_ids, withheld_entry_ids, decided_by, decided_by_username)
     VALUES ($1::uuid, $2, $3, $4, $5, $6::bigint[], $7::bigint[], $8, $9)
     RETURNING id::text AS id, person_id::text AS person_id, decision, reason, exemption, exemption_reason,
       covered_entry_ids::text[] AS covered_entry_ids, withheld_entry_ids::text[] AS withheld_entry_ids,
       decided_at, decided_by_username`,
    [d.person_id, d.decision, d.reason, d.exemption, d.exemption_reason, d.covered_entry_ids, d.withheld_entry_ids,
      d.decided_by, d.decided_by_username],
  );
  return r!;
}

export async function sourceRecordKey(tx: Tx, ref: string): Promise<{ id: string; source: string; record_id: string } | undefined> {
  const [r] = await tx.query<{ id: string; source: string; record_id: string }>(
    `SELECT id::text AS id, source, record_id FROM source_records WHERE id = $1::bigint`,
    [ref],
  );
  return r;
}

/** Every accountable disclosure, before now, that carried any version of this record: one row per disclosure. */
export async function earlierRecipients(tx: Tx, source: string, recordId: string): Promise<RecipientRow[]> {
  return tx.query<RecipientRow>(
    `SELECT DISTINCT d.id::text AS disclosure_id, d.ref AS disclosure_ref, d.disclosed_at,
            d.recipient_agency, d.recipient_name, d.recipient_address
       FROM accounting_entry_records r
       JOIN accounting_entries a ON a.id = r.entry_id
       JOIN disclosures d ON d.id = a.disclosure_id
      WHERE r.source = $1 AND r.record_id = $2 AND d.disclosed_at <= now()
      ORDER BY d.disclosed_at, d.ref`,
    [source, recordId],
  );
}

export async function insertCorrection(
  tx: Tx,
  c: Omit<CorrectionRow, 'id' | 'recorded_at'> & { recorded_by: string | null },
): Promise<CorrectionRow> {
  const [r] = await tx.query<CorrectionRow>(
    `INSERT INTO record_corrections (source_record_id, source, record_id, event, note, outcome, waiver_reason,
       recorded_by, recorded_by_username)
     VALUES ($1::bigint, $2, $3, $4, $5, $6, $7, $8, $9)
     RETURNING id::text AS id, source_record_id::text AS source_record_id, source, record_id, event, note, outcome,
       waiver_reason, recorded_at, recorded_by_username`,
    [c.source_record_id, c.source, c.record_id, c.event, c.note, c.outcome, c.waiver_reason, c.recorded_by, c.recorded_by_username],
  );
  return r!;
}

export async function insertNotices(tx: Tx, correctionId: string, recipients: readonly RecipientRow[]): Promise<void> {
  for (const r of recipients) {
    await tx.query(
      `INSERT INTO correction_notices (ref, correction_id, disclosure_id, recipient_agency, recipient_name, recipient_address)
       VALUES ('CN-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('correction_notice_ref_seq')::text, 6, '0'),
               $1::uuid, $2::uuid, $3, $4, $5)`,
      [correctionId, r.disclosure_id, r.recipient_agency, r.recipient_name, r.recipient_address],
    );
  }
}

export async function correctionsOfRecord(tx: Tx, source: string, recordId: string): Promise<CorrectionRow[]> {
  return tx.query<CorrectionRow>(
    `SELECT id::text AS id, source_record_id::text AS source_record_id, source, record_id, event, note, outcome,
            waiver_reason, recorded_at, recorded_by_username
       FROM record_corrections WHERE source = $1 AND record_id = $2 ORDER BY recorded_at DESC`,
    [source, recordId],
  );
}

const NOTICE_SELECT = `
  SELECT n.id::text AS id, n.ref, n.correction_id::text AS correction_id, n.disclosure_id::text AS disclosure_id,
         d.ref AS disclosure_ref, d.disclosed_at, n.recipient_agency, n.recipient_name, n.recipient_address, n.created_at
    FROM correction_notices n JOIN disclosures d ON d.id = n.disclosure_id`;

export async function noticesOf(tx: Tx, correctionIds: readonly string[]): Promise<NoticeRow[]> {
  if (correctionIds.length === 0) return [];
  return tx.query<NoticeRow>(`${NOTICE_SELECT} WHERE n.correction_id = ANY($1::uuid[]) ORDER BY n.ref`, [correctionIds]);
}

export async function getNotice(tx: Tx, id: string): Promise<(NoticeRow & { correction: CorrectionRow }) | undefined> {
  const [n] = await tx.query<NoticeRow>(`${NOTICE_SELECT} WHERE n.id = $1::uuid`, [id]);
  if (!n) return undefined;
  const [c] = await tx.query<CorrectionRow>(
    `SELECT id::text AS id, source_record_id::text AS source_record_id, source, record_id, event, note, outcome,
            waiver_reason, recorded_at, recorded_by_username FROM record_corrections WHERE id = $1::uuid`,
    [n.correction_id],
  );
  return { ...n, correction: c! };
}

/**
 * Audit rows naming this person, or one of the records linked to them (record reads name the
 * record, not the person). Both lookups use the GIN index on subject_ids.
 */
export async function accessRows(tx: Tx, personId: string, limit: number): Promise<AccessRow[]> {
  return tx.query<AccessRow>(
    `WITH recs AS (SELECT array_agg(source_record_id::text) AS ids FROM record_links WHERE entity_id = $1::uuid)
     SELECT seq::text AS seq, occurred_at, actor_username, action, outcome, purpose, subject_type,
            CASE WHEN subject_ids @> ARRAY[$1::text] THEN 'person' ELSE 'record' END AS via
       FROM audit_log
      WHERE subject_ids @> ARRAY[$1::text]
         OR (subject_type = 'record' AND subject_ids && COALESCE((SELECT ids FROM recs), '{}'::text[]))
      ORDER BY seq DESC LIMIT $2`,
    [personId, limit],
  );
}
