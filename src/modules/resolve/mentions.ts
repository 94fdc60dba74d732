import { CopyTextRows } from '../../db/copy-out';
import type { Tx } from '../../db/database';
import type { Identifier, MatchRecord } from './match';
import { keys } from './keys';
import { mentionKey, type OrgRole, type PersonRole } from './mention-keys';

/**
 * Facts → mentions: the persons and organizations each source record talks about, read
 * set-based from the typed fact tables (one paged query per table, never one per record).
 * A value the validator found malformed is NULL in the fact table but kept as received in the
 * record's payload; matching falls back to it, so a bad date or odd passport still counts.
 */
export interface PersonMention {
  mention: number;
  role: PersonRole;
  source: string;
  recordId: string;
  record: MatchRecord;
}

export interface OrgMention {
  mention: number;
  role: OrgRole;
  source: string;
  recordId: string;
  name: string | null;
  code: string | null;
  /** Schools: the designated school official's identifier on the record (SEVIS), which campuses of one school share. */
  dso: string | null;
}

export interface Mentions {
  persons: PersonMention[];
  orgs: OrgMention[];
}

export type MentionFilter =
  | { kind: 'all' }
  | { kind: 'batches'; batchIds: readonly string[] }
  | { kind: 'records'; recordIds: readonly number[] };

type Row = Record<string, string | null>;

/** Received value: the typed column, or the payload text when the typed value was refused. */
const raw = (c: string) => `coalesce(t.${c}::text, nullif(btrim(r.payload->>'${c}'), ''))`;
const typed = (c: string) => `t.${c}::text`;

interface TableSpec {
  table: string;
  sources: readonly string[];
  /** Output alias → SQL expression over the fact row t and its source record r. */
  cols: Record<string, string>;
}

const TRAVELLER = {
  given: typed('given_name'),
  family: typed('family_name'),
  birth: raw('birth_date'),
  citizenship: raw('citizenship_country'),
};

// Where a source has no passport_country, the passport is taken as issued by the country of
// citizenship (what a passport almost always is); otherwise the same passport read in two
// sources could never prove identity.
const TABLES: readonly TableSpec[] = [
  {
    table: 'admissions',
    sources: ['adis-arrivals'],
    cols: { ...TRAVELLER, sex: typed('sex'), passport: raw('passport_number'), passport_country: `coalesce(${raw('passport_country')}, ${raw('citizenship_country')})`, i94: raw('admission_number'), sevis_id: raw('sevis_id'), visa: raw('visa_foil_number') },
  },
  {
    table: 'departures',
    sources: ['adis-departures'],
    cols: { ...TRAVELLER, passport: raw('passport_number'), passport_country: raw('citizenship_country'), i94: raw('admission_number') },
  },
  {
    table: 'sevis_events',
    sources: ['sevis'],
    cols: {
      ...TRAVELLER, sex: typed('sex'), birth_country: raw('birth_country'), sevis_id: raw('sevis_id'), address_one_line: typed('us_address'),
      dso_name: typed('dso_name'), dso_id: raw('dso_id'), school_code: raw('school_code'), school_name: typed('school_name'),
    },
  },
  {
    table: 'visas',
    sources: ['ccd-visas'],
    cols: { ...TRAVELLER, sex: typed('sex'), birth_country: raw('birth_country'), passport: raw('passport_number'), passport_country: `coalesce(${raw('passport_country')}, ${raw('citizenship_country')})`, visa: raw('visa_foil_number') },
  },
  {
    table: 'benefit_applications',
    sources: ['claims'],
    cols: { given: typed('given_name'), family: typed('family_name'), birth: raw('birth_date'), a_number: raw('a_number'), i94: raw('admission_number') },
  },
  {
    table: 'enforcement_events',
    sources: ['eid'],
    cols: { ...TRAVELLER, sex: typed('sex'), a_number: raw('a_number'), fin: raw('fin'), passport: raw('passport_number'), passport_country: raw('citizenship_country') },
  },
  {
    table: 'border_events',
    sources: ['tecs'],
    cols: { ...TRAVELLER, passport: raw('passport_number'), passport_country: `coalesce(${raw('passport_country')}, ${raw('citizenship_country')})` },
  },
  {
    table: 'biometric_encounters',
    sources: ['ident'],
    cols: { ...TRAVELLER, sex: typed('sex'), fin: raw('fin'), a_number: raw('a_number'), passport: raw('passport_number'), passport_country: raw('citizenship_country') },
  },
  {
    table: 'person_observations',
    sources: ['commercial', 'public'],
    cols: {
      given: typed('given_name'), middle: typed('middle_name'), family: typed('family_name'), birth: raw('birth_date'), ssn: raw('ssn'),
      address: typed('address_line1'), city: typed('city'), state: typed('state'), postal: typed('postal_code'), phone: raw('phone'),
      email: raw('email'), employer: typed('employer'), employer_org: typed('employer'),
    },
  },
  {
    // Tipster columns are never read: informant identities are not resolved into profiles.
    table: 'tips',
    sources: ['tips'],
    cols: {
      given: typed('subject_given_name'), family: typed('subject_family_name'), birth: raw('subject_birth_date'),
      citizenship: raw('subject_citizenship_country'), phone: raw('subject_phone'), address_one_line: typed('subject_address'),
      employer: typed('subject_employer'), employer_org: typed('subject_employer'), school_name: typed('subject_school_name'),
    },
  },
];

const PAGE = 20_000;
const LATEST = `NOT EXISTS (SELECT 1 FROM source_records n WHERE n.source = r.source AND n.record_id = r.record_id AND n.version > r.version)`;

function selectSql(spec: TableSpec): string {
  const cols = Object.entries(spec.cols).map(([alias, expr]) => `${expr} AS ${alias}`).join(', ');
  return `SELECT t.source_record_id::text AS srid, r.source, r.record_id, ${cols}
    FROM ${spec.table} t JOIN source_records r ON r.id = t.source_record_id`;
}

/** A page of a batch's rows (from the batch's records), after record $1. */
function batchPageSql(spec: TableSpec): string {
  return `${selectSql(spec)} WHERE r.id > $1 AND r.batch_id = ANY($2::uuid[]) AND ${LATEST} ORDER BY r.id LIMIT ${PAGE}`;
}

/** The rows of the records $1 (from the fact table's record index). */
function recordsSql(spec: TableSpec): string {
  return `${selectSql(spec)} WHERE t.source_record_id = ANY(${keys('$1', 'bigint')}) ORDER BY t.source_record_id`;
}

/** The output columns of selectSql, in order. */
const columnsOf = (spec: TableSpec) => ['srid', 'source', 'record_id', ...Object.keys(spec.cols)];

/**
 * Every row of one fact table (latest versions), in record order: one COPY, which the server
 * writes while this thread reads (paged queries left each side idle while the other worked:
 * at a million persons, 196 s to read 6.2M fact rows).
 */
async function* wholeTable(tx: Tx, spec: TableSpec): AsyncGenerator<Row[]> {
  const columns = columnsOf(spec);
  const copy = new CopyTextRows(tx.copyTo(`COPY (${selectSql(spec)} WHERE ${LATEST} ORDER BY t.source_record_id) TO STDOUT`));
  try {
    for (let rows = await copy.next(PAGE); rows.length > 0; rows = await copy.next(PAGE)) {
      yield rows.map((fields) => {
        const row: Row = {};
        for (let i = 0; i < columns.length; i++) row[columns[i]!] = fields[i] ?? null;
        return row;
      });
    }
  } finally {
    await copy.close();
  }
}

/**
 * The rows of one fact table that the filter selects, a page at a time. Records given by id are
 * asked for PAGE ids at a time, each id once: paged by position instead, every page probed the
 * index for every id again (an incremental run at a million persons reads some 50,000 stored
 * records, three pages per fact table).
 */
async function* pages(tx: Tx, spec: TableSpec, filter: MentionFilter): AsyncGenerator<Row[]> {
  if (filter.kind === 'all') {
    yield* wholeTable(tx, spec);
    return;
  }
  if (filter.kind === 'records') {
    const ids = [...filter.recordIds].sort((x, y) => x - y);
    for (let k = 0; k < ids.length; k += PAGE) yield await tx.query<Row>(recordsSql(spec), [ids.slice(k, k + PAGE)]);
    return;
  }
  for (let after = '0'; ; ) {
    const rows = await tx.query<Row>(batchPageSql(spec), [after, filter.batchIds]);
    yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!['srid']!;
  }
}

/**
 * Columns whose values repeat across many records (names, dates, countries, places, schools):
 * each distinct value is kept once for the whole load. The driver makes a new string for every
 * field of every row, and a full run holds every record until it ends (at a million persons,
 * six and a half million records). Numbers and identifiers, nearly unique, are left as read.
 */
const SHARED_COLUMNS = [
  'source', 'given', 'middle', 'family', 'birth', 'sex', 'citizenship', 'birth_country', 'passport_country',
  'city', 'state', 'postal', 'employer', 'employer_org', 'school_code', 'school_name', 'dso_name',
] as const;

/** Every mention the filter selects, in record order; progress after each page. */
export async function loadMentions(tx: Tx, filter: MentionFilter, onPage?: (rows: number) => void): Promise<Mentions> {
  const out: Mentions = { persons: [], orgs: [] };
  const seen = new Map<string, string>();
  const share = (row: Row) => {
    for (const c of SHARED_COLUMNS) {
      const v = row[c];
      if (v === undefined || v === null) continue;
      const kept = seen.get(v);
      if (kept === undefined) seen.set(v, v);
      else row[c] = kept;
    }
  };
  // Every fact table, records given by id too: asking which tables hold them cost more than
  // asking the tables that hold none (an index probe per id, no row read).
  for (const spec of TABLES) {
    for await (const rows of pages(tx, spec, filter)) {
      for (const row of rows) {
        share(row);
        addRow(out, row);
      }
      onPage?.(rows.length);
    }
  }
  return out;
}

function addRow(out: Mentions, row: Row): void {
  const srid = Number(row['srid']);
  const base = { source: row['source']!, recordId: row['record_id']! };
  const subject = subjectRecord(row, String(mentionKey(srid, 'subject')), base.source);
  if (subject) out.persons.push({ mention: mentionKey(srid, 'subject'), role: 'subject', ...base, record: subject });
  const dso = dsoRecord(row, String(mentionKey(srid, 'dso')), base.source);
  if (dso) out.persons.push({ mention: mentionKey(srid, 'dso'), role: 'dso', ...base, record: dso });
  if (row['school_code'] || row['school_name']) {
    out.orgs.push({ mention: mentionKey(srid, 'school'), role: 'school', ...base, name: row['school_name'] ?? null, code: row['school_code'] ?? null, dso: row['dso_id'] ?? null });
  }
  if (row['employer_org']) {
    out.orgs.push({ mention: mentionKey(srid, 'employer'), role: 'employer', ...base, name: row['employer_org'], code: null, dso: null });
  }
}

function identifiers(row: Row): Identifier[] {
  const ids: Identifier[] = [];
  const add = (kind: string, value: string | null | undefined, country: string | null = null) => {
    if (value) ids.push({ kind, value, country });
  };
  add('passport', row['passport'], row['passport_country'] ?? null);
  add('a_number', row['a_number']);
  add('fin', row['fin']);
  add('sevis_id', row['sevis_id']);
  add('i94', row['i94']);
  add('visa', row['visa']);
  return ids;
}

/** The subject, when the record names one at all (a tip may not). */
function subjectRecord(row: Row, id: string, source: string): MatchRecord | null {
  const ids = identifiers(row);
  if (!row['given'] && !row['family'] && ids.length === 0) return null;
  const oneLine = row['address_one_line'] ? splitAddress(row['address_one_line']) : null;
  return {
    id,
    source,
    givenName: row['given'] ?? null,
    middleName: row['middle'] ?? null,
    familyName: row['family'] ?? null,
    birthDate: row['birth'] ?? null,
    sex: row['sex'] ?? null,
    citizenship: row['citizenship'] ?? null,
    birthCountry: row['birth_country'] ?? null,
    addressLine: oneLine?.line ?? row['address'] ?? null,
    city: oneLine?.city ?? row['city'] ?? null,
    state: oneLine?.state ?? row['state'] ?? null,
    postalCode: oneLine?.postal ?? row['postal'] ?? null,
    phone: row['phone'] ?? null,
    email: row['email'] ?? null,
    ssn: row['ssn'] ?? null,
    employer: row['employer'] ?? null,
    identifiers: ids,
  };
}

/** The school official named on a SEVIS row: a full name and a SEVIS user id. */
function dsoRecord(row: Row, id: string, source: string): MatchRecord | null {
  const name = row['dso_name']?.trim();
  const dsoId = row['dso_id'];
  if (!name && !dsoId) return null;
  const parts = name ? name.split(/\s+/) : [];
  const family = parts.length > 0 ? parts[parts.length - 1]! : null;
  const given = parts.length > 1 ? parts.slice(0, -1).join(' ') : null;
  return {
    id, source, givenName: given, middleName: null, familyName: family, birthDate: null, sex: null, citizenship: null, birthCountry: null,
    addressLine: null, city: null, state: null, postalCode: null, phone: null, email: null, ssn: null, employer: null,
    identifiers: dsoId ? [{ kind: 'dso_id', value: dsoId, country: null }] : [],
  };
}

/** "41 Elm Street Apt 3, Boston, MA 02115" → street, city, state, ZIP (else the line as is). */
export function splitAddress(text: string): { line: string; city: string | null; state: string | null; postal: string | null } {
  const m = /^(.+?),\s*([^,]+?),\s*([A-Za-z]{2})(?:\s+(\d{5})(?:-\d{4})?)?\s*$/.exec(text.trim());
  if (!m) return { line: text.trim(), city: null, state: null, postal: null };
  return { line: m[1]!, city: m[2]!, state: m[3]!.toUpperCase(), postal: m[4] ?? null };
}
