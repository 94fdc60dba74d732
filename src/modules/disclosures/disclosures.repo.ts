import type { Tx } from '../../db/database';

/** Disclosures, what went with them, and the accounting entries: the only code here that touches SQL. */

export interface PersonRow {
  id: string;
  display_name: string;
  kind: string;
}

export interface LinkedRecordRow {
  person_id: string;
  role: string;
  id: string;
  source: string;
  record_id: string;
  version: number;
  received_at: Date | string;
  payload: unknown;
}

export interface DisclosureRow {
  id: string;
  ref: string;
  subject_type: 'person' | 'lead' | 'report';
  subject_ids: string[];
  recipient_agency: string;
  recipient_name: string;
  recipient_address: string;
  basis_kind: 'routine_use' | 'exception';
  basis_code: string;
  basis_version: string;
  basis_title: string;
  basis_citation: string;
  basis_text: string;
  approval_ref: string | null;
  accountable: boolean;
  releasable: boolean;
  purpose: string;
  nature: string;
  disclosed_at: Date | string;
  disclosed_by: string | null;
  disclosed_by_username: string;
  request_id: string;
  package_sha256: string;
}

export interface DisclosedRecordRow {
  person_id: string;
  display_name: string | null;
  source_record_id: string;
  source: string | null;
  record_id: string | null;
  version: number | null;
  received_at: Date | string | null;
  payload: unknown;
}

export interface DisputeRow {
  source: string;
  record_id: string;
  note: string;
  recorded_at: Date | string;
}

export async function nextDisclosureNumber(tx: Tx): Promise<string> {
  const [r] = await tx.query<{ n: string }>(`SELECT nextval('disclosure_ref_seq')::text AS n`);
  return r!.n;
}

export async function findPersons(tx: Tx, ids: readonly string[]): Promise<PersonRow[]> {
  return tx.query<PersonRow>(
    `SELECT id::text AS id, display_name, kind FROM entities WHERE id = ANY($1::uuid[]) AND kind = 'person'`,
    [ids],
  );
}

/** Every record linked to these persons (any role), oldest version first. */
export async function linkedRecords(tx: Tx, personIds: readonly string[]): Promise<LinkedRecordRow[]> {
  return tx.query<LinkedRecordRow>(
    `SELECT rl.entity_id::text AS person_id, rl.role, s.id::text AS id, s.source, s.record_id, s.version,
            s.received_at, s.payload
       FROM record_links rl JOIN source_records s ON s.id = rl.source_record_id
      WHERE rl.entity_id = ANY($1::uuid[])
      ORDER BY s.source, s.record_id, s.version`,
    [personIds],
  );
}

export async function insertDisclosure(tx: Tx, d: DisclosureRow): Promise<void> {
  await tx.query(
    `INSERT INTO disclosures (id, ref, subject_type, subject_ids, recipient_agency, recipient_name, recipient_address,
       basis_kind, basis_code, basis_version, basis_title, basis_citation, basis_text, approval_ref, accountable,
       releasable, purpose, nature, disclosed_at, disclosed_by, disclosed_by_username, request_id, package_sha256)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23)`,
    [d.id, d.ref, d.subject_type, d.subject_ids, d.recipient_agency, d.recipient_name, d.recipient_address,
      d.basis_kind, d.basis_code, d.basis_version, d.basis_title, d.basis_citation, d.basis_text, d.approval_ref,
      d.accountable, d.releasable, d.purpose, d.nature, d.disclosed_at, d.disclosed_by, d.disclosed_by_username,
      d.request_id, d.package_sha256],
  );
}

/** What went: (person, record) pairs, written set-based. */
export async function insertDisclosedRecords(tx: Tx, disclosureId: string, pairs: readonly { personId: string; recordRef: string }[]): Promise<void> {
  await tx.query(
    `INSERT INTO disclosure_records (disclosure_id, person_id, source_record_id)
     SELECT $1::uuid, p, r FROM unnest($2::uuid[], $3::bigint[]) AS t(p, r)`,
    [disclosureId, pairs.map((p) => p.personId), pairs.map((p) => p.recordRef)],
  );
}

/** One accounting entry per individual, each with the records of theirs that went. */
export async function insertAccountingEntries(tx: Tx, d: DisclosureRow, perPerson: ReadonlyMap<string, readonly string[]>): Promise<number> {
  let written = 0;
  for (const [personId, refs] of perPerson) {
    const [entry] = await tx.query<{ id: string }>(
      `INSERT INTO accounting_entries (disclosure_id, person_id, disclosed_at, nature, purpose, basis_kind, basis_code,
         basis_citation, recipient_agency, recipient_name, recipient_address, releasable)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)
       RETURNING id::text AS id`,
      [d.id, personId, d.disclosed_at, d.nature, d.purpose, d.basis_kind, d.basis_code, d.basis_citation,
        d.recipient_agency, d.recipient_name, d.recipient_address, d.releasable],
    );
    await tx.query(
      `INSERT INTO accounting_entry_records (entry_id, source_record_id, source, record_id, version)
       SELECT $1::bigint, s.id, s.source, s.record_id, s.version FROM source_records s WHERE s.id = ANY($2::bigint[])`,
      [entry!.id, refs],
    );
    written++;
  }
  return written;
}

export async function getDisclosureRow(tx: Tx, id: string): Promise<DisclosureRow | undefined> {
  const [r] = await tx.query<DisclosureRow>(`SELECT * FROM disclosures WHERE id = $1::uuid`, [id]);
  return r;
}

export async function listDisclosureRows(tx: Tx, limit: number): Promise<(DisclosureRow & { individuals: number })[]> {
  return tx.query(
    `SELECT d.*, (SELECT count(DISTINCT person_id)::int FROM disclosure_records r WHERE r.disclosure_id = d.id) AS individuals
       FROM disclosures d ORDER BY d.disclosed_at DESC, d.ref DESC LIMIT $1`,
    [limit],
  );
}

/** The records that went with a disclosure, as they stand (a disposed record comes back with nulls). */
export async function disclosedRecords(tx: Tx, disclosureId: string): Promise<DisclosedRecordRow[]> {
  return tx.query<DisclosedRecordRow>(
    `SELECT dr.person_id::text AS person_id, e.display_name, dr.source_record_id::text AS source_record_id,
            s.source, s.record_id, s.version, s.received_at, s.payload
       FROM disclosure_records dr
       LEFT JOIN entities e ON e.id = dr.person_id
       LEFT JOIN source_records s ON s.id = dr.source_record_id
      WHERE dr.disclosure_id = $1::uuid
      ORDER BY e.display_name, dr.person_id, s.source, s.record_id, s.version`,
    [disclosureId],
  );
}

/** Notations of dispute on these records (any version), noted before `before`: sent with every later disclosure. */
export async function disputesOf(tx: Tx, keys: readonly { source: string; recordId: string }[], before: Date): Promise<DisputeRow[]> {
  if (keys.length === 0) return [];
  return tx.query<DisputeRow>(
    `SELECT c.source, c.record_id, c.note, c.recorded_at
       FROM record_corrections c
       JOIN unnest($1::text[], $2::text[]) AS k(source, record_id) ON k.source = c.source AND k.record_id = c.record_id
      WHERE c.event = 'disputed' AND c.recorded_at <= $3
      ORDER BY c.recorded_at`,
    [keys.map((k) => k.source), keys.map((k) => k.recordId), before],
  );
}
