import type { Database, Tx } from '../../db/database';

// Factories for integration tests: synthetic travellers written straight into the fact tables
// with their source records and (optionally) the entity-resolution links. Each test names only
// the fields it is about. Synthetic data only.

let seq = 0;
const tag = `${Date.now().toString(36)}${process.pid.toString(36)}`;
/** A value no other test (or earlier run against the same server) has used. */
export function uniqueValue(prefix: string): string {
  seq++;
  return `${prefix}${tag}${seq}`.toUpperCase();
}

type Values = Record<string, string | number | null | undefined>;

export interface PersonSpec {
  /** Linked to a new entity (entity resolution done); false leaves the records unlinked. */
  linked?: boolean;
  birthDate?: string;
  admissions?: Values[];
  departures?: Values[];
  sevis?: Values[];
  claims?: Values[];
  enforcement?: Values[];
  visas?: Values[];
  border?: Values[];
}

export interface SeededPerson {
  entityId: string | null;
  admissionNumbers: string[];
  passportNumber: string;
  /** source_records.id of each admission, in order. */
  admissionRecordIds: string[];
}

const SOURCES = {
  admissions: ['adis-arrivals', 'admissions'],
  departures: ['adis-departures', 'departures'],
  sevis: ['sevis', 'sevis_events'],
  claims: ['claims', 'benefit_applications'],
  enforcement: ['eid', 'enforcement_events'],
  visas: ['ccd-visas', 'visas'],
  border: ['tecs', 'border_events'],
} as const;

async function batch(tx: Tx, source: string): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO source_batches (source, file_name, file_size, file_sha256, format, loaded_by_username,
       started_at, rows_read, rows_accepted, rows_flagged, rows_rejected, rows_skipped)
     VALUES ($1, 'fixture.csv', 0, $2, 'csv', 'test', now(), 0, 0, 0, 0, 0) RETURNING id`,
    [source, uniqueValue('sha')],
  );
  return rows[0]!.id;
}

async function record(tx: Tx, batchId: string, source: string, recordId: string, version = 1): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO source_records (source, record_id, version, batch_id, line_no, received_at, content_hash, payload)
     VALUES ($1, $2, $3, $4, 1, now(), $5, '{}') RETURNING id::text AS id`,
    [source, recordId, version, batchId, uniqueValue('h')],
  );
  return rows[0]!.id;
}

async function fact(tx: Tx, table: string, recordId: string, values: Values): Promise<void> {
  const cols = Object.keys(values).filter((k) => values[k] !== undefined);
  const params = [recordId, ...cols.map((c) => values[c] ?? null)];
  await tx.query(
    `INSERT INTO ${table} (source_record_id${cols.map((c) => `, ${c}`).join('')})
     VALUES ($1${cols.map((_, i) => `, $${i + 2}`).join('')})`,
    params,
  );
}

async function link(tx: Tx, recordId: string, entityId: string | null): Promise<void> {
  if (!entityId) return;
  await tx.query(
    `INSERT INTO record_links (source_record_id, role, entity_id, method) VALUES ($1, 'subject', $2, 'identifier')`,
    [recordId, entityId],
  );
}

/** Writes one traveller's records; admissions default to an air B2 entry with a passport. */
export async function seedPerson(database: Database, spec: PersonSpec): Promise<SeededPerson> {
  return database.transaction(async (tx) => {
    const passport = uniqueValue('P').slice(0, 20);
    let entityId: string | null = null;
    if (spec.linked !== false) {
      const e = await tx.query<{ id: string }>(
        `INSERT INTO entities (kind, display_name) VALUES ('person', $1) RETURNING id`,
        [`Test Traveller ${passport}`],
      );
      entityId = e[0]!.id;
    }
    const out: SeededPerson = { entityId, admissionNumbers: [], passportNumber: passport, admissionRecordIds: [] };
    for (const [key, [source, table]] of Object.entries(SOURCES)) {
      const list = spec[key as keyof typeof SOURCES] ?? [];
      if (list.length === 0) continue;
      const batchId = await batch(tx, source);
      for (const v of list) {
        const values: Values = { ...v };
        if (key === 'admissions') {
          values['admission_number'] ??= uniqueValue('9');
          values['passport_number'] ??= passport;
          values['citizenship_country'] ??= 'BRA';
          values['class_of_admission'] ??= 'B2';
          values['mode'] ??= 'air';
          values['birth_date'] ??= spec.birthDate ?? '1990-04-02';
          values['family_name'] ??= 'Testperson';
          values['given_name'] ??= 'Alex';
        }
        if (key === 'departures' || key === 'enforcement' || key === 'visas' || key === 'border') {
          values['passport_number'] ??= passport;
          values['citizenship_country'] ??= 'BRA';
        }
        const sourceRecordId = await record(tx, batchId, source, uniqueValue(`${source}-`));
        await fact(tx, table, sourceRecordId, values);
        await link(tx, sourceRecordId, entityId);
        if (key === 'admissions') {
          out.admissionNumbers.push(String(values['admission_number']));
          out.admissionRecordIds.push(sourceRecordId);
        }
      }
    }
    return out;
  });
}

/** A later version of an admission record (a correction), replacing the earlier one. */
export async function correctAdmission(
  database: Database,
  admissionRecordId: string,
  changes: Values,
): Promise<string> {
  return database.transaction(async (tx) => {
    const old = await tx.query<{ source: string; record_id: string; version: number; entity_id: string | null }>(
      `SELECT r.source, r.record_id, r.version, l.entity_id FROM source_records r
       LEFT JOIN record_links l ON l.source_record_id = r.id AND l.role = 'subject' WHERE r.id = $1`,
      [admissionRecordId],
    );
    const o = old[0]!;
    const current = await tx.query<Values>(`SELECT * FROM admissions WHERE source_record_id = $1`, [admissionRecordId]);
    const values: Values = { ...current[0]!, ...changes };
    delete values['source_record_id'];
    for (const k of Object.keys(values)) {
      const v = values[k] as unknown;
      if (v instanceof Date) values[k] = v.toISOString().slice(0, 10);
    }
    const batchId = await batch(tx, o.source);
    const id = await record(tx, batchId, o.source, o.record_id, o.version + 1);
    await fact(tx, 'admissions', id, values);
    await link(tx, id, o.entity_id);
    return id;
  });
}

/** More records for a person already seeded (e.g. a departure that arrives after a run). */
export async function addRecords(database: Database, person: SeededPerson, spec: Omit<PersonSpec, 'linked' | 'admissions'>): Promise<void> {
  await database.transaction(async (tx) => {
    for (const [key, [source, table]] of Object.entries(SOURCES)) {
      const list = spec[key as keyof typeof spec] as Values[] | undefined;
      if (!list?.length) continue;
      const batchId = await batch(tx, source);
      for (const v of list) {
        const values: Values = { passport_number: person.passportNumber, citizenship_country: 'BRA', ...v };
        if (key === 'sevis' || key === 'claims') {
          delete values['passport_number'];
          if (key === 'claims') delete values['citizenship_country'];
        }
        const id = await record(tx, batchId, source, uniqueValue(`${source}-`));
        await fact(tx, table, id, values);
        await link(tx, id, person.entityId);
      }
    }
  });
}
