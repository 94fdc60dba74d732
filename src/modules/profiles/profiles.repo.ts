import type { Tx } from '../../db/database';

/** SQL behind the person, organization and record views (reads only). */

export interface EntityRow {
  id: string;
  kind: 'person' | 'organization';
  org_type: string | null;
  display_name: string;
}

export interface LinkedRecordRow {
  ref: string;
  role: string;
  source: string;
  record_id: string;
  version: number;
  markings: string[];
  flags: unknown;
  payload: unknown;
  batch_date: string;
}

export interface RoleFactRow {
  ref: string;
  role: string;
  fact: unknown;
}

export interface TypedFactRow {
  ref: string;
  row: unknown;
}

export interface CoPartyRow {
  ref: string;
  my_role: string;
  other_role: string;
  entity_id: string;
  display_name: string;
  kind: 'person' | 'organization';
  org_type: string | null;
}

/** Tables of typed facts a profile reads, each keyed by source_records.id. */
export const FACT_TABLES = [
  'admissions', 'departures', 'sevis_events', 'visas', 'benefit_applications', 'enforcement_events',
  'border_events', 'biometric_encounters', 'person_observations', 'tips', 'call_records',
] as const;
export type FactTable = (typeof FACT_TABLES)[number];

/** JSON objects come back parsed from pg and, for some types, as text from PGlite. */
export function asObject<T = Record<string, unknown>>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export async function getEntity(tx: Tx, id: string): Promise<EntityRow | undefined> {
  const rows = await tx.query<EntityRow>(`SELECT id::text AS id, kind, org_type, display_name FROM entities WHERE id = $1::uuid`, [id]);
  return rows[0];
}

const RECORD_COLUMNS = `r.id::text AS ref, r.source, r.record_id, r.version, r.markings, r.flags, r.payload,
  to_char(b.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS batch_date`;

export async function linkedRecords(tx: Tx, entityId: string): Promise<LinkedRecordRow[]> {
  return tx.query<LinkedRecordRow>(
    `SELECT ${RECORD_COLUMNS}, l.role
     FROM record_links l JOIN source_records r ON r.id = l.source_record_id JOIN source_batches b ON b.id = r.batch_id
     WHERE l.entity_id = $1::uuid ORDER BY r.source, r.record_id, r.version`,
    [entityId],
  );
}

export async function recordsByRefs(tx: Tx, refs: readonly string[]): Promise<Omit<LinkedRecordRow, 'role'>[]> {
  if (refs.length === 0) return [];
  return tx.query(
    `SELECT ${RECORD_COLUMNS} FROM source_records r JOIN source_batches b ON b.id = r.batch_id WHERE r.id = ANY($1::bigint[])`,
    [refs],
  );
}

/** Core facts (names, identifiers, addresses) said about the entity in the role it has in each record. */
export async function roleFacts(tx: Tx, table: 'names' | 'identifiers' | 'addresses', entityId: string): Promise<RoleFactRow[]> {
  return tx.query<RoleFactRow>(
    `SELECT f.source_record_id::text AS ref, f.role, to_jsonb(f) AS fact
     FROM ${table} f JOIN record_links l ON l.source_record_id = f.source_record_id AND l.role = f.role
     WHERE l.entity_id = $1::uuid ORDER BY f.id`,
    [entityId],
  );
}

export async function typedFacts(tx: Tx, table: FactTable, refs: readonly string[]): Promise<TypedFactRow[]> {
  if (refs.length === 0 || !FACT_TABLES.includes(table)) return [];
  return tx.query<TypedFactRow>(
    `SELECT t.source_record_id::text AS ref, to_jsonb(t) AS row FROM ${table} t WHERE t.source_record_id = ANY($1::bigint[])`,
    [refs],
  );
}

/** Call detail records naming one of the phone numbers (as caller or callee). */
export async function callRecordRefsByPhone(tx: Tx, phones: readonly string[]): Promise<string[]> {
  if (phones.length === 0) return [];
  const rows = await tx.query<{ ref: string }>(
    `SELECT DISTINCT i.source_record_id::text AS ref FROM identifiers i JOIN source_records r ON r.id = i.source_record_id
     WHERE i.kind = 'phone' AND i.normalized = ANY($1::text[]) AND r.source = 'cdr'`,
    [phones],
  );
  return rows.map((r) => r.ref);
}

/** Other entities linked to the same records (the student's DSO, the school, a tipster ...). */
export async function coParties(tx: Tx, entityId: string, limit: number): Promise<CoPartyRow[]> {
  return tx.query<CoPartyRow>(
    `SELECT l.source_record_id::text AS ref, l.role AS my_role, o.role AS other_role, o.entity_id::text AS entity_id,
            e.display_name, e.kind, e.org_type
     FROM record_links l
     JOIN record_links o ON o.source_record_id = l.source_record_id AND o.entity_id <> l.entity_id
     JOIN entities e ON e.id = o.entity_id
     WHERE l.entity_id = $1::uuid LIMIT $2`,
    [entityId, limit],
  );
}

export interface RecordRow extends Omit<LinkedRecordRow, 'role'> {
  received_at: string;
  retention_state: string;
  batch_id: string;
  file_name: string;
  loaded_by_username: string;
  legal_process_ref: string | null;
  content_hash: string;
}

export async function getRecord(tx: Tx, ref: string): Promise<RecordRow | undefined> {
  const rows = await tx.query<RecordRow>(
    `SELECT ${RECORD_COLUMNS}, to_char(r.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS received_at,
            r.retention_state, r.batch_id::text AS batch_id, b.file_name, b.loaded_by_username, b.legal_process_ref, r.content_hash
     FROM source_records r JOIN source_batches b ON b.id = r.batch_id WHERE r.id = $1::bigint`,
    [ref],
  );
  return rows[0];
}

export async function recordVersions(tx: Tx, source: string, recordId: string): Promise<RecordRow[]> {
  return tx.query<RecordRow>(
    `SELECT ${RECORD_COLUMNS}, to_char(r.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS received_at,
            r.retention_state, r.batch_id::text AS batch_id, b.file_name, b.loaded_by_username, b.legal_process_ref, r.content_hash
     FROM source_records r JOIN source_batches b ON b.id = r.batch_id
     WHERE r.source = $1 AND r.record_id = $2 ORDER BY r.version`,
    [source, recordId],
  );
}

export async function recordEntities(tx: Tx, ref: string): Promise<{ entity_id: string; role: string; display_name: string; kind: string }[]> {
  return tx.query(
    `SELECT l.entity_id::text AS entity_id, l.role, e.display_name, e.kind
     FROM record_links l JOIN entities e ON e.id = l.entity_id WHERE l.source_record_id = $1::bigint ORDER BY l.role`,
    [ref],
  );
}

export interface SchoolSevisRow {
  ref: string;
  row: unknown;
  student_id: string | null;
  student_name: string | null;
  dso_entity_id: string | null;
  dso_entity_name: string | null;
}

/** SEVIS events of a school: by its school codes and by the records linked to it. */
export async function schoolSevisEvents(tx: Tx, codes: readonly string[], refs: readonly string[]): Promise<SchoolSevisRow[]> {
  return tx.query<SchoolSevisRow>(
    `SELECT s.source_record_id::text AS ref, to_jsonb(s) AS row,
            ls.entity_id::text AS student_id, es.display_name AS student_name,
            ld.entity_id::text AS dso_entity_id, ed.display_name AS dso_entity_name
     FROM sevis_events s
     LEFT JOIN record_links ls ON ls.source_record_id = s.source_record_id AND ls.role = 'subject'
     LEFT JOIN entities es ON es.id = ls.entity_id
     LEFT JOIN record_links ld ON ld.source_record_id = s.source_record_id AND ld.role = 'dso'
     LEFT JOIN entities ed ON ed.id = ld.entity_id
     WHERE s.school_code = ANY($1::text[]) OR s.source_record_id = ANY($2::bigint[])`,
    [codes, refs],
  );
}
