import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { buildTestApp, makeUser, signIn, type Session } from '../../test/test-app';
import { openTestDatabase, uniqueName } from '../../test/test-db';
import { pdfPageTexts } from '../disclosures/pdf-text';
import type { PersonProfile, RecordView } from '../profiles';
import { ingestRows, makeEntity, randomDigits, uniqueSurname } from '../search/test-world';

/**
 * Need to know through every route that shows a person: an assigned user (the lead's owner; a field
 * agent of the office it was referred to) sees the sensitive categories without a purpose, recorded
 * under `lead:<number>`; an unassigned user needs a purpose, and marked records stay closed to them.
 */
let database: Database;
let app: FastifyInstance;
let owner: Session;
let other: Session;
let agent: Session;
let otherAgent: Session;
let privacy: Session;
const family = uniqueSurname().latin;
const tipster = `Dana ${uniqueSurname().latin}`;
const ssn = `9${randomDigits(2)}-${randomDigits(2)}-${randomDigits(4)}`;
const phone = `+1212555${randomDigits(4)}`;
const office = uniqueName('o').slice(-6).toUpperCase();
const PURPOSE = { 'x-purpose': 'Case 2026-0555: status review' };
let personId = '';
let leadId = '';
let leadNumber = '';
const refs = {} as Record<'ssn' | 'tip' | 'call', string>;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  const subject = { family_name: family, given_name: 'Irina' };
  const a = await ingestRows(database, 'adis-arrivals', [{ record_id: 'A1', admission_number: randomDigits(11), ...subject, birth_date: '1991-03-04', citizenship_country: 'UKR', passport_number: `P${randomDigits(7)}`, passport_country: 'UKR', class_of_admission: 'F1', admission_date: '2024-08-19' }]);
  const p = await ingestRows(database, 'public', [{ record_id: 'P1', ...subject, ssn, phone }]);
  const e = await ingestRows(database, 'eid', [{ record_id: 'E1', event_type: 'ARREST', event_date: '2025-04-09', ...subject, charge_code: 'INA 237(a)(1)(C)(i)', charge_description: 'Failure to maintain status' }]);
  const t = await ingestRows(database, 'tips', [{ record_id: 'T1', received_date: '2025-05-02', channel: 'PHONE', narrative: 'Works nights at a warehouse.', subject_family_name: family, subject_given_name: 'Irina', tipster_name: tipster, confidential: 'Y' }]);
  const c = await ingestRows(database, 'cdr', [{ record_id: 'C1', legal_process_ref: 'SUBPOENA-2026-0555', calling_number: phone, called_number: `+1305555${randomDigits(4)}`, start_time: '2026-01-14T18:22:05Z', duration_seconds: '61', call_type: 'VOICE' }]);
  Object.assign(refs, { ssn: p.refs['P1']!, tip: t.refs['T1']!, call: c.refs['C1']! });
  personId = await makeEntity(database, { displayName: `Irina ${family}`, links: [a.refs['A1'], p.refs['P1'], e.refs['E1'], t.refs['T1'], c.refs['C1']].map((ref) => ({ ref: ref! })) });
  await makeEntity(database, { displayName: tipster, links: [{ ref: t.refs['T1']!, role: 'tipster' }] });
  const [ownerUser, otherUser, agentUser, otherAgentUser, privacyUser] = await Promise.all([
    makeUser(database, ['analyst']),
    makeUser(database, ['analyst']),
    makeUser(database, ['field_agent'], { fieldOffice: office }),
    makeUser(database, ['field_agent'], { fieldOffice: `${office}X` }),
    makeUser(database, ['privacy_officer']),
  ]);
  [owner, other, agent, otherAgent, privacy] = (await Promise.all([ownerUser, otherUser, agentUser, otherAgentUser, privacyUser].map((u) => signIn(app, u.username)))) as [Session, Session, Session, Session, Session];
  leadNumber = uniqueName('LT-NTK-').toUpperCase();
  const [lead] = await database.transaction((tx) =>
    tx.query<{ id: string }>(
      `INSERT INTO leads (number, subject_type, subject_id, subject_name, lead_type, priority, state, title, owner_id, field_office, due_date)
       VALUES ($1, 'person', $2::uuid, $3, 'STATUS_VIOLATION', 'HIGH', 'referred', 'Need-to-know fixture', $4::uuid, $5, '2030-01-01') RETURNING id::text AS id`,
      [leadNumber, personId, `Irina ${family}`, ownerUser.id, office],
    ),
  );
  leadId = lead!.id;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function get(s: Session, url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers: { ...s.headers, ...headers } });
}

async function auditOf(requestId: unknown) {
  const [row] = await database.transaction((tx) => tx.query<{ action: string; purpose: string | null; details: Record<string, unknown> }>(`SELECT action, purpose, details FROM audit_log WHERE request_id = $1 AND outcome = 'success' ORDER BY seq DESC LIMIT 1`, [requestId]));
  return row!;
}

const ssnOf = (p: PersonProfile) => p.identifiers.find((i) => i.kind === 'ssn')!.value;
const tipsterOf = (p: PersonProfile) => p.tips.items[0]!.details.find((d) => d.label === 'Tipster')!.value;
const chargeOf = (p: PersonProfile) => p.enforcement.flatMap((i) => i.details).find((d) => d.label === 'Charge')!.value;

describe('person profile', () => {
  it('shows the assigned owner every category, marked ones too, without a purpose, under the basis lead:<number>', async () => {
    const res = await get(owner, `/api/persons/${personId}`);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<PersonProfile>();
    expect(p.access).toEqual({ basis: 'assignment', assignment: `lead:${leadNumber}`, restricted: [] });
    expect(p.masked).toEqual([]);
    expect(ssnOf(p)).toBe(ssn);
    expect(chargeOf(p)).toBe('Failure to maintain status');
    expect(tipsterOf(p)).toBe(tipster);
    expect(p.calls.items[0]!.details.find((d) => d.label === 'From')!.value).toBe(phone);
    const row = await auditOf(res.headers['x-request-id']);
    expect(row).toMatchObject({ action: 'person.read', purpose: `lead:${leadNumber}`, details: expect.objectContaining({ basis: `lead:${leadNumber}`, masked: [] }) });
  });

  it('masks everything for an unassigned analyst without a purpose', async () => {
    const res = await get(other, `/api/persons/${personId}`);
    const p = res.json<PersonProfile>();
    expect(p.access.basis).toBe('none');
    expect(ssnOf(p)).toBe(`***-**-${ssn.slice(-4)}`);
    expect(chargeOf(p)).toBe('withheld (criminal history)');
    expect(tipsterOf(p)).toBe('withheld (informant)');
    expect(p.calls.withheld).toBe(true);
    expect(res.body).not.toContain(tipster);
    expect((await auditOf(res.headers['x-request-id'])).purpose).toBeNull();
  });

  it('reveals the unmarked categories to an unassigned analyst who states a purpose, and records it', async () => {
    const res = await get(other, `/api/persons/${personId}`, PURPOSE);
    const p = res.json<PersonProfile>();
    expect(p.access).toEqual({ basis: 'purpose', assignment: null, restricted: ['CDR', 'INFORMANT'] });
    expect(ssnOf(p)).toBe(ssn);
    expect(chargeOf(p)).toBe('Failure to maintain status');
    expect(tipsterOf(p)).toBe('withheld (informant)');
    expect(p.calls.withheld).toBe(true);
    expect(p.masked).toEqual(['CDR', 'INFORMANT']);
    expect((await auditOf(res.headers['x-request-id'])).purpose).toBe(PURPOSE['x-purpose']);
  });
});

describe('source record view', () => {
  it('opens a marked tip and a call record to the assigned owner, and to nobody unassigned even with a purpose', async () => {
    for (const ref of [refs.tip, refs.call]) {
      const mine = await get(owner, `/api/records/${ref}`);
      expect(mine.statusCode, mine.body).toBe(200);
      expect((await auditOf(mine.headers['x-request-id'])).purpose).toBe(`lead:${leadNumber}`);
      const theirs = await get(other, `/api/records/${ref}`, PURPOSE);
      expect(theirs.statusCode).toBe(200);
      const view = theirs.json<RecordView>();
      expect(view.access.restricted).toEqual(['CDR', 'INFORMANT']);
      expect(view.payload.filter((f) => f.column !== 'record_id' && f.value).every((f) => f.withheld)).toBe(true);
      expect(theirs.body).not.toContain(tipster);
      expect(theirs.body).not.toContain(phone);
      // The content was refused: the read is recorded as denied (the audit alerts count it).
      const [row] = await database.transaction((tx) => tx.query<{ outcome: string }>(`SELECT outcome FROM audit_log WHERE request_id = $1`, [theirs.headers['x-request-id']]));
      expect(row!.outcome).toBe('denied');
    }
    const tip = (await get(owner, `/api/records/${refs.tip}`)).json<RecordView>();
    expect(tip.record.markings).toEqual(['INFORMANT']);
    expect(tip.payload.find((f) => f.column === 'tipster_name')!.value).toBe(tipster);
  });

  it('opens marked records to the privacy officer under a purpose (Privacy Act processing)', async () => {
    expect((await get(privacy, `/api/records/${refs.tip}`)).body).not.toContain(tipster);
    const res = await get(privacy, `/api/records/${refs.tip}`, { 'x-purpose': 'Privacy Act access request 2026-031' });
    expect(res.json<RecordView>().payload.find((f) => f.column === 'tipster_name')!.value).toBe(tipster);
  });

  it('masks the SSN of an unmarked record for the unassigned, shows it to the assigned', async () => {
    const value = (r: RecordView) => r.payload.find((f) => f.column === 'ssn')!.value;
    expect(value((await get(other, `/api/records/${refs.ssn}`)).json<RecordView>())).toBe(`***-**-${ssn.slice(-4)}`);
    expect(value((await get(owner, `/api/records/${refs.ssn}`)).json<RecordView>())).toBe(ssn);
  });
});

describe('search', () => {
  it('finds the subject by SSN for the assigned owner without a purpose, recorded under the lead', async () => {
    const mine = await get(owner, `/api/search?q=${encodeURIComponent(ssn)}`);
    expect(mine.json<{ results: { entityId: string }[] }>().results.map((r) => r.entityId)).toContain(personId);
    expect((await auditOf(mine.headers['x-request-id'])).purpose).toBe(`lead:${leadNumber}`);
    const theirs = await get(other, `/api/search?q=${encodeURIComponent(ssn)}`);
    expect(theirs.json<{ results: { entityId: string }[] }>().results.map((r) => r.entityId)).not.toContain(personId);
    const stated = await get(other, `/api/search?q=${encodeURIComponent(ssn)}`, PURPOSE);
    expect(stated.json<{ results: { entityId: string }[] }>().results.map((r) => r.entityId)).toContain(personId);
  });
});

interface LeadBody {
  subject: { names: string[]; identifiers: { kind: string; value: string }[]; records: { source: string; markings: string[] }[]; withheldRecords: number; masked: string[]; access: { basis: string; assignment: string | null } };
}

describe('lead page and referral package', () => {
  it('shows the subject to the field agent of the office it was referred to, as an assignment', async () => {
    const res = await get(agent, `/api/leads/${leadId}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<LeadBody>().subject;
    expect(s.access).toEqual({ basis: 'assignment', assignment: `lead:${leadNumber}`, restricted: [] });
    expect(s.identifiers).toContainEqual(expect.objectContaining({ kind: 'ssn', value: ssn }));
    expect(s.records).toContainEqual({ source: 'tips', count: 1, markings: ['INFORMANT'] });
    expect(s.records).toContainEqual({ source: 'cdr', count: 1, markings: ['CDR'] });
    expect(s.withheldRecords).toBe(0);
    expect((await auditOf(res.headers['x-request-id'])).purpose).toBe(`lead:${leadNumber}`);
  });

  it('masks the subject on the lead page for an unassigned analyst, and refuses another office (404)', async () => {
    const s = (await get(other, `/api/leads/${leadId}`)).json<LeadBody>().subject;
    expect(s.access.basis).toBe('none');
    expect(s.identifiers).toContainEqual(expect.objectContaining({ kind: 'ssn', value: `***-**-${ssn.slice(-4)}` }));
    expect(s.records.map((r) => r.source)).not.toContain('cdr');
    expect(s.withheldRecords).toBe(2);
    expect((await get(otherAgent, `/api/leads/${leadId}`)).statusCode).toBe(404);
  });

  it('puts the SSN in the referral package for the assigned, masked for the unassigned without a purpose', async () => {
    const text = async (s: Session) => pdfPageTexts((await get(s, `/api/leads/${leadId}/referral.pdf`)).rawPayload).join('\n');
    const agentText = await text(agent);
    expect(agentText).toContain(ssn);
    expect(agentText).toContain(`lead:${leadNumber}`);
    expect(agentText).not.toContain(tipster);
    const otherText = await text(other);
    expect(otherText).not.toContain(ssn);
    expect(otherText).toContain(`***-**-${ssn.slice(-4)}`);
  });
});

describe('disclosure package', () => {
  it('carries what the legal basis sends, never the informant, and records the disclosure as the basis', async () => {
    const body = {
      subjectType: 'person', subjectIds: [personId], personIds: [personId], recordIds: [refs.ssn, refs.tip],
      recipient: { agency: 'Springfield Police Department', name: 'Det. Casey Marsh', address: '100 Main Street, Springfield, IL 62701' },
      legalBasis: { kind: 'routine_use', code: 'G' }, purpose: 'Referral of a suspected status violation', nature: 'Public records and a tip',
    };
    const created = await app.inject({ method: 'POST', url: '/api/disclosures', headers: privacy.headers, payload: body });
    expect(created.statusCode, created.body).toBe(201);
    const { id, ref } = created.json<{ id: string; ref: string }>();
    const res = await get(privacy, `/api/disclosures/${id}/package.json`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.body).toContain(ssn);
    expect(res.body).not.toContain(tipster);
    expect((await auditOf(res.headers['x-request-id'])).purpose).toBe(`disclosure:${ref}`);
  });
});
