import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { systemContext } from '../../shared/context';
import { buildTestApp, makeUser, signIn, type Session } from '../../test/test-app';
import { openTestDatabase, uniqueName } from '../../test/test-db';
import { ingestFile } from '../ingest';

let database: Database;
let app: FastifyInstance;
let analyst: Session;
let analyst2: Session;
let supervisor: Session;
let nycAgent: Session;
let bosAgent: Session;
let privacy: Session;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  const office = uniqueName('o').slice(-8).toUpperCase();
  const [a, a2, s, n, b, p] = await Promise.all([
    makeUser(database, ['analyst']),
    makeUser(database, ['analyst']),
    makeUser(database, ['supervisor']),
    makeUser(database, ['field_agent'], { fieldOffice: office }),
    makeUser(database, ['field_agent'], { fieldOffice: 'BOS' }),
    makeUser(database, ['privacy_officer']),
  ]);
  const sessions = await Promise.all([a, a2, s, n, b, p].map((u) => signIn(app, u.username)));
  [analyst, analyst2, supervisor, nycAgent, bosAgent, privacy] = sessions as [Session, Session, Session, Session, Session, Session];
  (nycAgent as Session & { office: string }).office = office;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function person(name: string): Promise<string> {
  const r = await database.db.insertInto('entities').values({ kind: 'person', display_name: name }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

const post = (s: Session, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: s.headers, payload: payload as object });
const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: s.headers });
const move = (s: Session, id: string, body: Record<string, unknown>) => post(s, `/api/leads/${id}/transitions`, body);

describe('leads', () => {
  it('adds a second finding on the same subject to the open lead instead of duplicating it', async () => {
    const subjectId = await person('Yuriy Petrov');
    const first = await post(analyst, '/api/leads', { subjectId, type: 'STATUS_VIOLATION', priority: 'HIGH', title: 'Suspected in-country overstay, 212 days' });
    expect(first.statusCode).toBe(201);
    const second = await post(analyst2, '/api/leads', { subjectId, type: 'TIP', priority: 'MEDIUM', title: 'Tip: works without authorization', evidence: [{ kind: 'tip', ref: 'T-1', note: 'tip narrative' }] });
    expect(second.json()).toEqual({ id: first.json().id, merged: true });
    const detail = await get(analyst, `/api/leads/${first.json().id}`);
    expect(detail.json().evidence.map((e: { kind: string }) => e.kind)).toEqual(['note', 'tip']);
    expect(detail.json().lead).toMatchObject({ subjectName: 'Yuriy Petrov', priority: 'HIGH', state: 'new', owner: expect.any(String) });
  });

  it('goes from finding to field-office outcome with separation of duties, recording every step', async () => {
    const office = (nycAgent as Session & { office: string }).office;
    const subjectId = await person('Maria Garcia');
    const { id } = (await post(analyst, '/api/leads', { subjectId, type: 'STATUS_VIOLATION', priority: 'CRITICAL', title: 'Overstay' })).json();
    expect((await move(analyst, id, { action: 'start_research' })).statusCode).toBe(200);
    expect((await move(analyst, id, { action: 'submit_for_review' })).statusCode).toBe(200);
    const selfApprove = await move(analyst, id, { action: 'approve' });
    expect(selfApprove.statusCode).toBe(409);
    expect(selfApprove.json().error.message).toMatch(/supervisor/);
    expect((await move(supervisor, id, { action: 'approve' })).json()).toMatchObject({ state: 'approved_for_referral', overlaps: 0 });
    const hidden = await get(nycAgent, `/api/leads/${id}`);
    expect(hidden.statusCode).toBe(404);
    expect((await move(supervisor, id, { action: 'refer', fieldOffice: office })).json().state).toBe('referred');
    const queue = await get(nycAgent, '/api/leads?queue=referred');
    expect(queue.json().leads.map((l: { id: string }) => l.id)).toContain(id);
    expect((await get(bosAgent, `/api/leads/${id}`)).statusCode).toBe(404);
    expect((await move(bosAgent, id, { action: 'accept' })).statusCode).toBe(404);
    expect((await move(nycAgent, id, { action: 'accept' })).json().state).toBe('accepted');
    expect((await move(nycAgent, id, { action: 'record_outcome', outcome: 'ARREST', outcomeNote: 'Arrested 2026-11-20' })).json().state).toBe('outcome_recorded');
    expect((await move(supervisor, id, { action: 'close', reason: 'outcome recorded' })).json().state).toBe('closed');
    const detail = (await get(privacy, `/api/leads/${id}`)).json();
    expect(detail.transitions.map((t: { action: string }) => t.action)).toEqual(['create', 'start_research', 'submit_for_review', 'approve', 'refer', 'accept', 'record_outcome', 'close']);
    expect(detail.lead).toMatchObject({ outcome: 'ARREST', fieldOffice: office, state: 'closed' });
    const audit = await database.db.selectFrom('audit_log').select('action').where(sql<boolean>`subject_ids @> ARRAY[${id}]::text[]`).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['lead.create', 'lead.approve', 'lead.refer', 'lead.accept', 'lead.record_outcome', 'lead.close']));
  });

  it('never lets the supervisor who prepared a lead approve it', async () => {
    const subjectId = await person('Anh Nguyen');
    const { id } = (await post(supervisor, '/api/leads', { subjectId, type: 'OTHER', priority: 'LOW', title: 'By hand' })).json();
    await move(supervisor, id, { action: 'start_research' });
    await move(supervisor, id, { action: 'submit_for_review' });
    const r = await move(supervisor, id, { action: 'approve' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({ code: 'TRANSITION_REFUSED', message: expect.stringContaining('separation of duties') });
  });

  it('refuses illegal transitions with a clear message', async () => {
    const subjectId = await person('Omar Haddad');
    const { id } = (await post(analyst, '/api/leads', { subjectId, type: 'OTHER', priority: 'LOW', title: 'x by hand' })).json();
    const r = await move(supervisor, id, { action: 'refer', fieldOffice: 'NYC' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.message).toMatch(/new cannot be referred/);
    const close = await move(analyst, id, { action: 'close' });
    expect(close.json().error.message).toMatch(/reason/);
  });

  it('finds overlaps through a shared phone and shows them to both owners', async () => {
    const p = uniqueName('dc');
    // A number of its own, so leads left by earlier runs on a shared database add no overlaps.
    const phone = `+1617555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lt-dc-')), 'c.csv');
    fs.writeFileSync(file, `record_id,given_name,middle_name,family_name,birth_date,ssn,address_line1,address_line2,city,state,postal_code,country,phone,email,employer,observed_date
${p}-1,Ana,,Silva,1990-01-01,,${p} Elm St,,Boston,MA,02110,USA,${phone},,,2026-01-01
${p}-2,Bruno,,Costa,1988-05-05,,9 Oak St,,Boston,MA,02110,USA,${phone},,,2026-01-01
`);
    await ingestFile(database, systemContext('test', ['records_officer']), { source: 'commercial', file });
    const ids = await database.db.selectFrom('source_records').select(['id', 'record_id']).where('record_id', 'in', [`${p}-1`, `${p}-2`]).orderBy('record_id').execute();
    const ana = await person('Ana Silva');
    const bruno = await person('Bruno Costa');
    await database.db.insertInto('record_links').values([
      { source_record_id: ids[0]!.id, role: 'subject', entity_id: ana, method: 'manual', match_weight: null },
      { source_record_id: ids[1]!.id, role: 'subject', entity_id: bruno, method: 'manual', match_weight: null },
    ]).execute();
    const leadA = (await post(analyst, '/api/leads', { subjectId: ana, type: 'STATUS_VIOLATION', priority: 'HIGH', title: 'Lead on Ana' })).json().id as string;
    const leadB = (await post(analyst2, '/api/leads', { subjectId: bruno, type: 'TIP', priority: 'MEDIUM', title: 'Lead on Bruno' })).json().id as string;
    const res = await post(analyst, `/api/leads/${leadA}/deconflict`, {});
    expect(res.statusCode, res.body).toBe(200);
    const found = res.json().overlaps;
    expect(found).toEqual([{ otherLeadId: leadB, kind: 'phone', value: expect.stringContaining(phone.slice(2)) }]);
    const seenByB = (await get(analyst2, `/api/leads/${leadB}`)).json().overlaps;
    expect(seenByB).toEqual([expect.objectContaining({ otherLeadId: leadA, kind: 'phone' })]);
  });

  it('refuses an auditor, and a field agent creating leads', async () => {
    const auditor = await signIn(app, (await makeUser(database, ['auditor'])).username);
    expect((await get(auditor, '/api/leads')).statusCode).toBe(403);
    const subjectId = await person('Nobody');
    expect((await post(nycAgent, '/api/leads', { subjectId, type: 'OTHER', priority: 'LOW', title: 'nope' })).statusCode).toBe(403);
  });
});
