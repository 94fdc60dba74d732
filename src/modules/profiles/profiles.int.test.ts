import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { ingestRows, makeEntity, randomDigits, uniqueSurname } from '../search/test-world';
import { buildTestApp, makeUser, signIn, type Session } from '../../test/test-app';
import { openTestDatabase } from '../../test/test-db';
import type { OrganizationProfile, PersonProfile, RecordView } from './profiles.schema';

let database: Database;
let app: FastifyInstance;
let analyst: Session;
const family = uniqueSurname();
const tipster = `Dana ${uniqueSurname().latin}`;
const ssn = `9${randomDigits(2)}-${randomDigits(2)}-${randomDigits(4)}`;
const phone = `+1617555${randomDigits(4)}`;
const schoolCode = `BOS214F${randomDigits(8)}`;
const ids = {} as Record<'person' | 'tipster' | 'dso' | 'school', string>;
const refs = {} as Record<'sevis1' | 'ssnRecord' | 'tip' | 'call' | 'arrival', string>;
let sevisPrefix = '';
const PURPOSE = { 'x-purpose': 'Case 2026-0412: status violation review' };

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  const subject = { family_name: family.latin, given_name: 'Yuriy' };
  const a = await ingestRows(database, 'adis-arrivals', [{ record_id: 'A1', admission_number: randomDigits(11), ...subject, birth_date: '1990-02-14', sex: 'M', citizenship_country: 'RUS', passport_number: `P${randomDigits(7)}`, passport_country: 'RUS', class_of_admission: 'F1', admission_date: '2024-08-19', port_of_entry: 'JFK', mode: 'air' }]);
  const dep = await ingestRows(database, 'adis-departures', [{ record_id: 'D1', ...subject, departure_date: '2025-12-20', port: 'IAD', mode: 'air' }]);
  const sevisRow = { sevis_id: `N${randomDigits(10)}`, ...subject, birth_date: '1990-02-14', citizenship_country: 'RUS', visa_type: 'F1', school_code: schoolCode, school_name: 'Harborview Institute', dso_name: 'Priya Hallorann', dso_id: `DSO${randomDigits(7)}` };
  const s = await ingestRows(database, 'sevis', [
    { record_id: 'S1', ...sevisRow, status: 'INITIAL', status_date: '2024-07-01' },
    { record_id: 'S2', ...sevisRow, status: 'ACTIVE', status_date: '2024-09-03' },
  ]);
  sevisPrefix = s.prefix;
  const v = await ingestRows(database, 'ccd-visas', [{ record_id: 'V1', family_name: family.cyrillic, given_name: 'Юрий', birth_date: '1990-02-15', sex: 'M', citizenship_country: 'RUS', visa_class: 'F1', status: 'ISSUED', issuance_date: '2024-07-02' }]);
  const p = await ingestRows(database, 'public', [{ record_id: 'P1', ...subject, ssn, phone, address_line1: '41 Elm Street', city: 'Boston', state: 'MA', postal_code: '02115', country: 'USA' }]);
  const e = await ingestRows(database, 'eid', [{ record_id: 'E1', event_type: 'ARREST', event_date: '2025-04-09', ...subject, location: 'Newark Field Office', charge_code: 'INA 237(a)(1)(C)(i)', charge_description: 'Failure to maintain status', disposition: 'Released on bond' }]);
  const t = await ingestRows(database, 'tecs', [{ record_id: 'X1', record_type: 'IMPORT', event_date: '2025-03-01', ...subject, commodity: 'Electronics', declared_value_usd: '48000', port: 'SYS' }]);
  const tip = await ingestRows(database, 'tips', [{ record_id: 'T1', received_date: '2025-05-02', channel: 'WEB', narrative: 'Stopped attending classes in March.', subject_family_name: family.latin, subject_given_name: 'Yuriy', subject_school_name: 'Harborview Institute', tipster_name: tipster, tipster_phone: `+1617555${randomDigits(4)}`, confidential: 'Y' }]);
  const c = await ingestRows(database, 'cdr', [{ record_id: 'C1', legal_process_ref: 'SUBPOENA-2026-0142', calling_number: phone, called_number: `+1305555${randomDigits(4)}`, start_time: '2026-01-14T18:22:05Z', duration_seconds: '143', call_type: 'VOICE' }]);
  Object.assign(refs, { sevis1: s.refs['S1']!, ssnRecord: p.refs['P1']!, tip: tip.refs['T1']!, call: c.refs['C1']!, arrival: a.refs['A1']! });
  const subjectLinks = [a.refs['A1'], dep.refs['D1'], s.refs['S1'], s.refs['S2'], v.refs['V1'], p.refs['P1'], e.refs['E1'], t.refs['X1'], tip.refs['T1']].map((ref) => ({ ref: ref! }));
  ids.person = await makeEntity(database, { displayName: `Yuriy ${family.latin}`, links: subjectLinks });
  ids.tipster = await makeEntity(database, { displayName: tipster, links: [{ ref: tip.refs['T1']!, role: 'tipster' }] });
  ids.dso = await makeEntity(database, { displayName: 'Priya Hallorann', links: [{ ref: s.refs['S1']!, role: 'dso' }, { ref: s.refs['S2']!, role: 'dso' }] });
  ids.school = await makeEntity(database, { kind: 'organization', orgType: 'school', displayName: 'Harborview Institute', links: [{ ref: s.refs['S1']!, role: 'school' }, { ref: s.refs['S2']!, role: 'school' }] });
  analyst = await signIn(app, (await makeUser(database, ['analyst'])).username);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function get<T>(url: string, headers: Record<string, string> = {}, session = analyst): Promise<{ status: number; body: T }> {
  const res = await app.inject({ method: 'GET', url, headers: { ...session.headers, ...headers } });
  return { status: res.statusCode, body: res.json<T>() };
}

async function lastAudit(action: string, subject: string) {
  const [row] = await database.transaction((tx) =>
    tx.query<{ purpose: string | null; details: Record<string, unknown> }>(
      `SELECT purpose, details FROM audit_log WHERE action = $1 AND $2 = ANY(subject_ids) ORDER BY seq DESC LIMIT 1`,
      [action, subject],
    ),
  );
  return row!;
}

const detail = (p: PersonProfile, section: 'enforcement' | 'travel', label: string) =>
  p[section].flatMap((i) => i.details).find((d) => d.label === label);

describe('person profile', () => {
  it('shows every value with its sources and conflicting values side by side', async () => {
    const { status, body: p } = await get<PersonProfile>(`/api/persons/${ids.person}`);
    expect(status).toBe(200);
    expect(p.names.values.map((v) => v.value)).toEqual(expect.arrayContaining([`Yuriy ${family.latin}`, `Юрий ${family.cyrillic}`]));
    expect(p.birthDates.conflict).toBe(true);
    expect(p.birthDates.values.map((v) => v.value)).toEqual(['1990-02-14', '1990-02-15']);
    const first = p.birthDates.values[0]!.sources.map((x) => x.source).sort();
    expect(first).toEqual(['adis-arrivals', 'sevis', 'sevis']);
    expect(p.birthDates.values[1]!.sources[0]).toMatchObject({ source: 'ccd-visas', recordId: expect.stringMatching(/-V1$/), version: 1, batchDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(p.sex).toMatchObject({ conflict: false, values: [{ value: 'M' }] });
    expect(p.travel.map((t) => t.title)).toEqual(['Departure', 'Admission F1']);
    expect(p.sevis.map((t) => t.title)).toEqual(['SEVIS INITIAL', 'SEVIS ACTIVE']);
    expect(p.visas).toHaveLength(1);
    expect(p.addresses[0]!.value).toBe('41 Elm Street, Boston, MA, 02115, USA');
    expect(p.phones.map((x) => x.value)).toEqual([phone]);
    expect(p.organizations).toEqual([expect.objectContaining({ entityId: ids.school, relation: 'school (SEVIS)' })]);
    expect(p.associates.map((x) => x.entityId)).toContain(ids.dso);
  });

  it('masks sensitive categories without a stated purpose', async () => {
    const { body: p } = await get<PersonProfile>(`/api/persons/${ids.person}`);
    expect(p.purposeStated).toBe(false);
    expect(p.identifiers.find((i) => i.kind === 'ssn')!.value).toBe(`***-**-${ssn.slice(-4)}`);
    expect(detail(p, 'enforcement', 'Charge')).toEqual({ label: 'Charge', value: 'withheld (criminal history)', withheld: true });
    expect(detail(p, 'enforcement', 'Declared value (USD)')!.value).toBe('withheld (financial)');
    expect(p.tips.count).toBe(1);
    const tipDetails = p.tips.items[0]!.details;
    // The tip names its tipster: marked INFORMANT, its narrative is withheld with the identity.
    expect(tipDetails.find((d) => d.label === 'Narrative')!.value).toBe('withheld (informant)');
    expect(tipDetails.find((d) => d.label === 'Tipster')!.value).toBe('withheld (informant)');
    expect(JSON.stringify(p)).not.toContain(tipster);
    expect(JSON.stringify(p)).not.toContain(ssn);
    expect(p.calls).toEqual({ count: 1, withheld: true, items: [] });
    expect(p.associates.map((x) => x.entityId)).not.toContain(ids.tipster);
    expect(p.masked).toEqual(['CDR', 'CRIMINAL', 'FINANCIAL', 'INFORMANT', 'SSN']);
    const audit = await lastAudit('person.read', ids.person);
    expect(audit.purpose).toBeNull();
    expect(audit.details['masked']).toEqual(p.masked);
  });

  it('reveals them under a stated purpose, recorded in the audit row, but not marked content', async () => {
    const { body: p } = await get<PersonProfile>(`/api/persons/${ids.person}`, PURPOSE);
    expect(p.purposeStated).toBe(true);
    expect(p.masked).toEqual(['CDR', 'INFORMANT']);
    expect(p.access).toEqual({ basis: 'purpose', assignment: null, restricted: ['CDR', 'INFORMANT'] });
    expect(p.identifiers.find((i) => i.kind === 'ssn')!.value).toBe(ssn);
    expect(detail(p, 'enforcement', 'Charge')!.value).toBe('Failure to maintain status');
    expect(p.tips.items[0]!.details.find((d) => d.label === 'Tipster')!.value).toBe('withheld (informant)');
    expect(p.calls).toEqual({ count: 1, withheld: true, items: [] });
    const audit = await lastAudit('person.read', ids.person);
    expect(audit.purpose).toBe(PURPOSE['x-purpose']);
    expect(audit.details['revealed']).toEqual(expect.arrayContaining(['CRIMINAL', 'FINANCIAL', 'SSN']));
    expect(audit.details['basis']).toBe('purpose');
  });

  it('reveals marked content too to a holder of the markings permission under a purpose', async () => {
    const supervisor = await signIn(app, (await makeUser(database, ['supervisor'])).username);
    const { body: p } = await get<PersonProfile>(`/api/persons/${ids.person}`, PURPOSE, supervisor);
    expect(p.masked).toEqual([]);
    expect(p.tips.items[0]!.details.find((d) => d.label === 'Tipster')!.value).toBe(tipster);
    expect(p.calls.items[0]!.details.find((d) => d.label === 'From')!.value).toBe(phone);
    expect(p.associates.map((x) => x.entityId)).toContain(ids.tipster);
  });

  it('answers 404 for an unknown person and for an organization id', async () => {
    expect((await get(`/api/persons/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await get(`/api/persons/${ids.school}`)).status).toBe(404);
  });
});

describe('source record view', () => {
  it('shows the payload as received, its batch and its version history', async () => {
    const v2 = await ingestRows(database, 'sevis', [{ record_id: 'S1', sevis_id: 'N0000000001', family_name: family.latin, given_name: 'Yuri', status: 'INITIAL', status_date: '2024-07-01' }], { prefix: sevisPrefix });
    const { status, body: r } = await get<RecordView>(`/api/records/${v2.refs['S1']}`);
    expect(status).toBe(200);
    expect(r.record).toMatchObject({ source: 'sevis', system: 'SEVIS', version: 2 });
    expect(r.payload[0]).toMatchObject({ column: 'record_id' });
    expect(r.payload.find((f) => f.column === 'given_name')!.value).toBe('Yuri');
    expect(r.versions.map((x) => x.version)).toEqual([1, 2]);
    expect(r.versions[1]!.changed).toEqual(expect.arrayContaining(['given_name', 'sevis_id']));
    expect(r.versions[1]!.current).toBe(true);
    expect(r.record.batch.fileName).toBe('sevis.csv');
  });

  it('masks an SSN without a purpose, and withholds marked records (a named tipster, a call) without the permission', async () => {
    const ssnView = (await get<RecordView>(`/api/records/${refs.ssnRecord}`)).body;
    expect(ssnView.payload.find((f) => f.column === 'ssn')).toMatchObject({ value: `***-**-${ssn.slice(-4)}`, withheld: true, sensitivity: 'SSN' });
    // A tip naming its tipster and a call record are marked: a purpose alone does not open their content.
    for (const [ref, marking] of [[refs.tip, 'INFORMANT'], [refs.call, 'CDR']] as const) {
      const marked = await get<RecordView>(`/api/records/${ref}`, PURPOSE);
      expect(marked.status).toBe(200);
      expect(marked.body.record.markings).toEqual([marking]);
      expect(marked.body.masked).toContain(marking);
      expect(marked.body.payload.filter((f) => f.column !== 'record_id' && f.value).every((f) => f.withheld)).toBe(true);
    }
    expect(JSON.stringify((await get(`/api/records/${refs.tip}`, PURPOSE)).body)).not.toContain('Stopped attending');
    expect((await lastAudit('record.read', refs.tip)).details['withheldMarkings']).toEqual(['INFORMANT']);
    const supervisor = await signIn(app, (await makeUser(database, ['supervisor'])).username);
    const tipView = (await get<RecordView>(`/api/records/${refs.tip}`, PURPOSE, supervisor)).body;
    expect(tipView.payload.find((f) => f.column === 'tipster_name')!.value).toBe(tipster);
    const call = await get<RecordView>(`/api/records/${refs.call}`, {}, supervisor);
    expect(call.body.masked).toEqual(['CDR']);
    const open = await get<RecordView>(`/api/records/${refs.call}`, PURPOSE, supervisor);
    expect(open.status).toBe(200);
    expect(open.body.masked).toEqual([]);
    expect(open.body.payload.find((f) => f.column === 'calling_number')!.value).toBe(phone);
    expect((await lastAudit('record.read', refs.call)).purpose).toBe(PURPOSE['x-purpose']);
  });
});

describe('organization profile', () => {
  it('shows a school with its students by SEVIS status and its officials', async () => {
    const { status, body: o } = await get<OrganizationProfile>(`/api/orgs/${ids.school}`);
    expect(status).toBe(200);
    expect(o.organization).toMatchObject({ displayName: 'Harborview Institute', orgType: 'school' });
    expect(o.identifiers).toEqual([expect.objectContaining({ kind: 'school_code', value: schoolCode })]);
    expect(o.students.byStatus).toEqual([{ status: 'ACTIVE', count: 1 }]);
    expect(o.students.items[0]).toMatchObject({ entityId: ids.person, status: 'ACTIVE', statusDate: '2024-09-03' });
    expect(o.officials).toEqual([expect.objectContaining({ entityId: ids.dso, name: 'Priya Hallorann', records: 2 })]);
    const audit = await lastAudit('org.read', ids.school);
    expect(audit.details['personsShown']).toEqual(expect.arrayContaining([ids.person, ids.dso]));
  });
});

describe('access', () => {
  it('refuses a field agent every profile view', async () => {
    const agent = await signIn(app, (await makeUser(database, ['field_agent'])).username);
    for (const url of [`/api/persons/${ids.person}`, `/api/orgs/${ids.school}`, `/api/records/${refs.arrival}`]) {
      expect((await get(url, {}, agent)).status).toBe(403);
    }
  });
});
