import type { Tx } from '../../db/database';
import type { PersonRows } from './fact-merge';

// SQL of the assessment pass: one query per fact table, each ordered by the same person key,
// merged in TypeScript (fact-merge.ts). Dates are cast to text so both databases hand back
// 'YYYY-MM-DD' strings. Only this file and status.repo.ts touch SQL for the status module.
//
// The person key is the entity id of the record's subject (entity resolution, record_links role
// 'subject'). Until a record is linked it falls back to a provisional key, the same on every fact
// table so the records of one traveller still meet (docs/status.md, "Persons"):
//   admission: 'p:' citizenship ':' passport, else 'a:' admission number, else 'r:' record id;
//   departure / claim naming an admission number: the key of that admission, linked or not, as
//     the rules match by admission number before anything else (so a departure the resolver put
//     on another entity still closes the admission it names);
//   otherwise the entity of its own link, else (departures) the key of the latest admission on
//     the same passport, else the passport key;
//   SEVIS event: likewise the key of the admission carrying its SEVIS ID, else its own link,
//     else 's:' SEVIS ID.
// Entity ids are UUIDs (no ':'), so they never collide with a provisional key.

/**
 * Not replaced by a later version of the same source record. In bulk the planner gathers the
 * replaced ids once through the partial index on re-versioned records (migration 0040) and
 * anti-joins them; for one person it asks the unique index row by row. No temporary table, so a
 * bulk read can run in parallel workers and on any connection of a shared snapshot.
 */
function current(alias: string): string {
  return `NOT EXISTS (SELECT 1 FROM source_records o JOIN source_records n ON n.source = o.source
      AND n.record_id = o.record_id AND n.version > o.version
    WHERE o.id = ${alias}.source_record_id AND n.version > 1)`;
}

const subject = (alias: string, link: string) =>
  `LEFT JOIN record_links ${link} ON ${link}.source_record_id = ${alias}.source_record_id AND ${link}.role = 'subject'`;

/**
 * The entity of record `recordId`'s subject, as a lookup (an index probe). In the smaller streams
 * it stands inside coalesce() after the key through an admission, so it runs only for the rows
 * that key does not settle; a join to the 21-million-row links table cost a hash of all of it
 * (17 s of the SEVIS stream's 30 at 10 million admissions).
 */
const ownLink = (recordId: string) => `(SELECT x.entity_id::text FROM record_links x
      WHERE x.source_record_id = ${recordId} AND x.role = 'subject')`;

/** Rows of `alias` whose subject is linked to entity $2 (person reads: through the entity index). */
const linkedTo = (alias: string) => `${alias}.source_record_id IN (SELECT y.source_record_id FROM record_links y
      WHERE y.entity_id = $2::uuid AND y.role = 'subject')`;

/** The person key of admission `a` whose subject's entity is `entity` (an SQL expression). */
export function admissionKey(a: string, entity: string, recordId = `${a}.source_record_id`): string {
  return `coalesce(${entity}::text,
    'p:' || coalesce(${a}.citizenship_country, '') || ':' || ${a}.passport_number,
    'a:' || ${a}.admission_number, 'r:' || ${recordId}::text)`;
}

/** Key of the latest admission matching `where` (a correlated lookup; runs only for unlinked rows). */
function admissionKeyWhere(where: string): string {
  return `(SELECT ${admissionKey('a2', 'l2.entity_id')} FROM admissions a2 ${subject('a2', 'l2')}
    WHERE ${where} ORDER BY a2.source_record_id DESC LIMIT 1)`;
}

function passportKey(alias: string): string {
  return `'p:' || coalesce(${alias}.citizenship_country, '') || ':' || ${alias}.passport_number`;
}

function byPassport(alias: string): string {
  return admissionKeyWhere(
    `a2.passport_number = ${alias}.passport_number AND a2.citizenship_country IS NOT DISTINCT FROM ${alias}.citizenship_country`,
  );
}

export interface FactFilter {
  /** SQL condition restricting the rows (person-status reads); omitted in the bulk pass. */
  where?: string;
}

function and(base: string, extra: string | undefined): string {
  return extra ? `${base} AND (${extra})` : base;
}

export interface TravelFilter {
  /** Conditions on the admission side (alias a, link l) and the departure side (alias d). */
  admissions?: string;
  departures?: string;
}

/** The admissions the pass assesses: dated on or before the AOD ($1), current, with their subject link. */
function admissionSide(f: TravelFilter): string {
  return `(SELECT a.source_record_id AS record_id, l.entity_id AS link_entity, a.admission_number,
        a.class_of_admission, a.admission_date, a.admit_until_date, a.mode, a.citizenship_country,
        a.passport_number, a.sevis_id, a.visa_foil_number, a.birth_date
      FROM admissions a ${subject('a', 'l')}
      WHERE ${and(`(a.admission_date <= $1::date OR a.admission_date IS NULL) AND ${current('a')}`, f.admissions)})`;
}

/** Departures on or before the AOD (a later one cannot close anything), current. */
function departureSide(f: TravelFilter): string {
  return `(SELECT d.source_record_id AS record_id, d.admission_number, d.departure_date,
        d.passport_number, d.citizenship_country
      FROM departures d
      WHERE ${and(`d.departure_date <= $1::date AND ${current('d')}`, f.departures)})`;
}

/** The travel row as one text (see TRAVEL_FIELDS), from an SQL expression per field (NULL if absent). */
function travelText(exprs: Partial<Record<(typeof TRAVEL_FIELDS)[number], string>>): string {
  return `concat(${TRAVEL_FIELDS.map((c) => exprs[c] ?? 'NULL').join(", E'\\x1f', ")})`;
}

/**
 * The travel stream, in two queries whose rows for one person are read in turn: admissions with
 * the departures naming them (this query), then departures no admission claims
 * (loneDeparturesQuery). Together they are the full outer join of admissions and departures on
 * the admission number, in its order (a person's admissions first, by date). A departure naming
 * an admission rides on that admission's row (one hash join pairs them, where a lookup per
 * departure took 13 s per million), so it reaches the admission's person whatever entity its own
 * link says.
 *
 * The key comes from the admission and its link alone, with no correlated lookup, and the row
 * text is built before the sort. The bulk pass reads it with a serial merge-join plan (see
 * READER_GROUPS in assess-run.ts: cheaper than the parallel hash of all links).
 */
export function travelQuery(f: TravelFilter = {}): string {
  const text = travelText({
    record_id: 'a.record_id', admission_number: 'a.admission_number', class_of_admission: 'a.class_of_admission',
    admission_date: 'a.admission_date', admit_until_date: 'a.admit_until_date', mode: 'a.mode',
    citizenship_country: 'a.citizenship_country', passport_number: 'a.passport_number', sevis_id: 'a.sevis_id',
    visa_foil_number: 'a.visa_foil_number', birth_date: 'a.birth_date', dep_record_id: 'd.record_id',
    dep_admission_number: 'd.admission_number', departure_date: 'd.departure_date', dep_passport_number: 'd.passport_number',
  });
  return `SELECT t.pk, t.r FROM (
      SELECT (${admissionKey('a', 'a.link_entity', 'a.record_id')}) COLLATE "C" AS pk, a.admission_date,
        a.record_id, d.departure_date, d.record_id AS dep_record_id, ${text} AS r
      FROM ${admissionSide(f)} a LEFT JOIN ${departureSide(f)} d ON d.admission_number = a.admission_number) t
    ORDER BY t.pk, t.admission_date, t.record_id, t.departure_date, t.dep_record_id`;
}

/**
 * Departures that name no admission of the pass (or none at all): keyed by their own link, else
 * the latest admission on the same passport, else the passport. In the outer join's order they
 * come after a person's admissions, so the merge appends them to the travel rows of their key.
 */
export function loneDeparturesQuery(f: TravelFilter = {}): string {
  // The correlated lookups run only for these few rows (an index probe each).
  const key = `coalesce(${ownLink('d.record_id')},
      CASE WHEN d.passport_number IS NOT NULL THEN ${byPassport('d')} END,
      ${passportKey('d')}, 'r:' || d.record_id::text)`;
  const text = travelText({
    dep_record_id: 'd.record_id', dep_admission_number: 'd.admission_number',
    departure_date: 'd.departure_date', dep_passport_number: 'd.passport_number',
  });
  return `SELECT t.pk, t.r FROM (
      SELECT (${key}) COLLATE "C" AS pk, d.departure_date, d.record_id, ${text} AS r
      FROM ${departureSide(f)} d
      WHERE NOT EXISTS (SELECT 1 FROM ${admissionSide(f)} a WHERE a.admission_number = d.admission_number)) t
    ORDER BY t.pk, t.departure_date, t.record_id`;
}

/**
 * Every SEVIS history row, whatever its date: the engine itself ignores rows after the AOD, and
 * still needs to know a record exists to pick it. $1 is unused here but kept for one signature.
 */
export function sevisQuery(f: FactFilter = {}): string {
  const key = `coalesce(
      CASE WHEN s.sevis_id IS NOT NULL THEN ${admissionKeyWhere('a2.sevis_id = s.sevis_id')} END,
      ${ownLink('s.source_record_id')}, 's:' || s.sevis_id, 'r:' || s.source_record_id::text)`;
  return `SELECT (${key}) COLLATE "C" AS pk, s.sevis_id, s.status, s.status_date::text AS status_date,
      s.termination_reason, s.program_start_date::text AS program_start_date,
      s.program_end_date::text AS program_end_date, s.opt_type,
      s.opt_start_date::text AS opt_start_date, s.opt_end_date::text AS opt_end_date,
      s.visa_type, s.school_code
    FROM sevis_events s
    WHERE ${and(`$1::date IS NOT NULL AND ${current('s')}`, f.where)}
    ORDER BY pk, s.sevis_id, s.status_date NULLS FIRST, s.source_record_id`;
}

/** Every claim: the engine treats one received after the AOD as unknown, a later decision as pending. */
export function claimsQuery(f: FactFilter = {}): string {
  const key = `coalesce(
      CASE WHEN c.admission_number IS NOT NULL THEN ${admissionKeyWhere('a2.admission_number = c.admission_number')} END,
      ${ownLink('c.source_record_id')}, 'c:' || c.receipt_number, 'r:' || c.source_record_id::text)`;
  return `SELECT (${key}) COLLATE "C" AS pk, c.receipt_number, c.form_type, c.admission_number,
      c.requested_class, c.received_date::text AS received_date, c.status,
      c.decision_date::text AS decision_date, c.approved_until_date::text AS approved_until_date
    FROM benefit_applications c
    WHERE ${and(`$1::date IS NOT NULL AND ${current('c')}`, f.where)}
    ORDER BY pk, c.received_date, c.source_record_id`;
}

const riskKey = (alias: string) => `coalesce(${ownLink(`${alias}.source_record_id`)},
      CASE WHEN ${alias}.passport_number IS NOT NULL THEN ${byPassport(alias)} END,
      ${passportKey(alias)}, 'r:' || ${alias}.source_record_id::text)`;

/** EID events on or before the AOD, counted by type per person. */
export function enforcementQuery(f: FactFilter = {}): string {
  return `SELECT pk, event_type, count(*)::int AS n FROM (
      SELECT (${riskKey('e')}) COLLATE "C" AS pk, upper(e.event_type) AS event_type
      FROM enforcement_events e
      WHERE ${and(`e.event_date <= $1::date AND e.event_type IS NOT NULL AND ${current('e')}`, f.where)}
    ) x GROUP BY pk, event_type ORDER BY pk, event_type`;
}

/** Visas revoked on or before the AOD (a revocation with no date is counted: it is on file). */
export function revocationsQuery(f: FactFilter = {}): string {
  return `SELECT pk, count(*)::int AS n FROM (
      SELECT (${riskKey('v')}) COLLATE "C" AS pk
      FROM visas v
      WHERE ${and(`upper(v.status) = 'REVOKED' AND (v.revocation_date <= $1::date OR v.revocation_date IS NULL) AND ${current('v')}`, f.where)}
    ) x GROUP BY pk ORDER BY pk`;
}

/** TECS lookouts entered on or before the AOD. */
export function lookoutsQuery(f: FactFilter = {}): string {
  return `SELECT pk, count(*)::int AS n FROM (
      SELECT (${riskKey('b')}) COLLATE "C" AS pk
      FROM border_events b
      WHERE ${and(`upper(b.record_type) = 'LOOKOUT' AND b.event_date <= $1::date AND ${current('b')}`, f.where)}
    ) x GROUP BY pk ORDER BY pk`;
}

/** The admission part of a travel row that has one. */
export interface AdmissionRow {
  pk: string;
  record_id: string;
  admission_number: string | null;
  class_of_admission: string | null;
  admission_date: string | null;
  admit_until_date: string | null;
  mode: string | null;
  citizenship_country: string | null;
  passport_number: string | null;
  sevis_id: string | null;
  visa_foil_number: string | null;
  birth_date: string | null;
}

/**
 * The travel stream is the big one (a row per admission or departure): each row comes as its key
 * and one text of these fields joined by U+001F (NULL as ''), split only when its person is
 * assessed. One string per row instead of sixteen made the driver's parsing and the garbage
 * collector's work several times smaller. Typed values never contain U+001F.
 */
export const TRAVEL_FIELDS = [
  'record_id', 'admission_number', 'class_of_admission', 'admission_date', 'admit_until_date',
  'mode', 'citizenship_country', 'passport_number', 'sevis_id', 'visa_foil_number', 'birth_date',
  'dep_record_id', 'dep_admission_number', 'departure_date', 'dep_passport_number',
] as const;

/** A travel row as fetched. */
export interface RawTravelRow {
  pk: string;
  r: string;
}


export interface DepartureRow {
  record_id: string;
  admission_number: string | null;
  departure_date: string;
  passport_number: string | null;
}

export interface SevisRow {
  pk: string;
  sevis_id: string | null;
  status: string | null;
  status_date: string | null;
  termination_reason: string | null;
  program_start_date: string | null;
  program_end_date: string | null;
  opt_type: string | null;
  opt_start_date: string | null;
  opt_end_date: string | null;
  visa_type: string | null;
  school_code: string | null;
}

export interface ClaimRow {
  pk: string;
  receipt_number: string | null;
  form_type: string | null;
  admission_number: string | null;
  requested_class: string | null;
  received_date: string | null;
  status: string | null;
  decision_date: string | null;
  approved_until_date: string | null;
}

export interface EnforcementRow {
  pk: string;
  event_type: string;
  n: number;
}

export interface CountRow {
  pk: string;
  n: number;
}

/** The ordered streams of one pass, by name. */
export const FACT_STREAMS = {
  travel: travelQuery,
  loneDepartures: loneDeparturesQuery,
  sevis: sevisQuery,
  claims: claimsQuery,
  enforcement: enforcementQuery,
  revocations: revocationsQuery,
  lookouts: lookoutsQuery,
} as const;
export type FactStreamName = keyof typeof FACT_STREAMS;

/** Each stream's columns, in the order its query selects them (COPY output is positional). */
const STREAM_COLUMNS: Record<FactStreamName, readonly string[]> = {
  travel: ['pk', 'r'],
  loneDepartures: ['pk', 'r'],
  sevis: ['pk', 'sevis_id', 'status', 'status_date', 'termination_reason', 'program_start_date', 'program_end_date', 'opt_type', 'opt_start_date', 'opt_end_date', 'visa_type', 'school_code'],
  claims: ['pk', 'receipt_number', 'form_type', 'admission_number', 'requested_class', 'received_date', 'status', 'decision_date', 'approved_until_date'],
  enforcement: ['pk', 'event_type', 'n'],
  revocations: ['pk', 'n'],
  lookouts: ['pk', 'n'],
};

/** Streams whose rows are a key and one text ({ pk, r }: RawTravelRow). */
export function isTextRowStream(stream: FactStreamName): stream is 'travel' | 'loneDepartures' {
  return stream === 'travel' || stream === 'loneDepartures';
}

/** A row of a stream read by COPY (fields as text, in query order) as a cursor would give it. */
export function factRow(stream: FactStreamName, fields: readonly (string | null)[]): { pk: string } {
  const cols = STREAM_COLUMNS[stream];
  if (fields.length !== cols.length) throw new Error(`${stream}: ${fields.length} fields, expected ${cols.length}`);
  const row: Record<string, string | number | null> = {};
  for (let i = 0; i < cols.length; i++) row[cols[i]!] = cols[i] === 'n' ? Number(fields[i]) : fields[i]!;
  return row as unknown as { pk: string };
}

/** Opens a cursor in `tx` for each stream named (cursors end with the transaction). */
export async function declareFactCursors(tx: Tx, asOf: string, streams: readonly FactStreamName[]): Promise<void> {
  for (const name of streams) {
    await tx.query(`DECLARE status_${name} NO SCROLL CURSOR FOR ${FACT_STREAMS[name]()}`, [asOf]);
  }
}

export async function fetchFacts<T>(tx: Tx, stream: FactStreamName, rows: number): Promise<T[]> {
  return tx.query<T>(`FETCH FORWARD ${Math.floor(rows)} FROM status_${stream}`);
}

/**
 * The stream as `COPY … TO STDOUT` (text format, columns in query order). Unlike a cursor, COPY
 * lets PostgreSQL plan the query in parallel where that pays. COPY takes no parameters: the
 * AOD, checked to be a date, is written into the text.
 */
export function copyFactsSql(stream: FactStreamName, asOf: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`bad as-of date ${asOf}`);
  return `COPY (${FACT_STREAMS[stream]().replaceAll('$1::date', `'${asOf}'::date`)}) TO STDOUT`;
}

/** Session settings of a connection reading the streams; `settings` (planner settings) win over `workMem`. */
export async function prepareFactRead(tx: Tx, workMem: string, settings: Readonly<Record<string, string>> = {}): Promise<void> {
  if (!/^\d+(kB|MB|GB)$/.test(workMem)) throw new Error(`bad work_mem ${workMem}`);
  await tx.query(`SET LOCAL work_mem = '${workMem}'`);
  for (const [name, value] of Object.entries(settings)) {
    await tx.query(`SELECT set_config($1, $2, true)`, [name, value]);
  }
  await tx.query(`SET LOCAL datestyle = 'ISO, YMD'`);
  // The correlated fallback lookups inflate cost estimates past the JIT threshold; compiling
  // them took longer than running the queries.
  await tx.query(`SET LOCAL jit = off`);
}

/**
 * The rows the bulk pass would hand to one resolved person: the same queries, narrowed to the
 * records linked to the entity and those that could join it without a link (departures and
 * claims naming its admissions, SEVIS rows of its SEVIS IDs, records on its passports), and
 * kept only where the person key comes out as the entity id.
 */
export async function personRows(tx: Tx, asOf: string, entityId: string): Promise<PersonRows> {
  const linked = (
    await tx.query<{ id: string }>(
      `SELECT source_record_id::text AS id FROM record_links WHERE entity_id = $1::uuid AND role = 'subject'`,
      [entityId],
    )
  ).map((r) => r.id);
  await tx.query(`SET LOCAL datestyle = 'ISO, YMD'`);
  const own = await tx.query<{ admission_number: string | null; passport_number: string | null; sevis_id: string | null }>(
    `SELECT admission_number, passport_number, sevis_id FROM admissions WHERE source_record_id = ANY($1::bigint[])`,
    [linked],
  );
  const list = (k: keyof (typeof own)[number]) => [...new Set(own.map((a) => a[k]).filter((x): x is string => !!x))];
  const [numbers, passports, sevisIds] = [list('admission_number'), list('passport_number'), list('sevis_id')];
  const run = <T>(query: string, params: unknown[]) =>
    tx.query<T>(`SELECT * FROM (${query}) q WHERE q.pk = $2::uuid::text`, [asOf, entityId, ...params]);
  const byPassport = (alias: string) =>
    `${linkedTo(alias)} OR (${ownLink(`${alias}.source_record_id`)} IS NULL AND ${alias}.passport_number = ANY($3::text[]))`;
  const travel: TravelFilter = {
    admissions: 'a.source_record_id = ANY($3::bigint[])',
    departures: 'd.source_record_id = ANY($3::bigint[]) OR d.admission_number = ANY($4::text[]) OR d.passport_number = ANY($5::text[])',
  };
  const travelParams = [linked, numbers, passports];
  return {
    key: entityId,
    travel: [
      ...(await run<RawTravelRow>(travelQuery(travel), travelParams)),
      ...(await run<RawTravelRow>(loneDeparturesQuery(travel), travelParams)),
    ],
    sevis: await run<SevisRow>(sevisQuery({ where: `${linkedTo('s')} OR s.sevis_id = ANY($3::text[])` }), [sevisIds]),
    claims: await run<ClaimRow>(claimsQuery({ where: `${linkedTo('c')} OR c.admission_number = ANY($3::text[])` }), [numbers]),
    enforcement: await run<EnforcementRow>(enforcementQuery({ where: byPassport('e') }), [passports]),
    revocations: await run<CountRow>(revocationsQuery({ where: byPassport('v') }), [passports]),
    lookouts: await run<CountRow>(lookoutsQuery({ where: byPassport('b') }), [passports]),
  };
}
