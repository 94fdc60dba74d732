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
import { pdfPageTexts } from '../disclosures/pdf-text';
import { ingestFile } from '../ingest';
import { runAssessment } from '../status/assess-run';
import { seedPerson } from '../status/status-fixtures';
import { CLASSIFICATION } from './referral-data';

// Synthetic people only.
let database: Database;
let app: FastifyInstance;
let analyst: Session;
let supervisor: Session;
let agent: Session;
let bosAgent: Session;
let privacy: Session;
let auditor: Session;
let office: string;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  office = uniqueName('r').slice(-7).toUpperCase();
  const users = await Promise.all([
    makeUser(database, ['analyst']),
    makeUser(database, ['supervisor']),
    makeUser(database, ['field_agent'], { fieldOffice: office }),
    makeUser(database, ['field_agent'], { fieldOffice: 'BOS' }),
    makeUser(database, ['privacy_officer']),
    makeUser(database, ['auditor']),
  ]);
  const sessions = await Promise.all(users.map((u) => signIn(app, u.username)));
  [analyst, supervisor, agent, bosAgent, privacy, auditor] = sessions as [Session, Session, Session, Session, Session, Session];
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const post = (s: Session, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: s.headers, payload: payload as object });
const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: s.headers });
const move = (s: Session, id: string, body: Record<string, unknown>) => post(s, `/api/leads/${id}/transitions`, body);

/** A traveller who overstayed, with a commercial record naming them too (both linked to one entity). */
async function overstayer(): Promise<{ entityId: string; admission: string; commercialId: string }> {
  const seeded = await seedPerson(database, { admissions: [{ admission_date: '2019-01-10', admit_until_date: '2019-07-09' }] });
  const commercialId = uniqueName('COM').toUpperCase();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lt-ref-')), 'people.csv');
  fs.writeFileSync(file, `record_id,given_name,middle_name,family_name,birth_date,ssn,address_line1,address_line2,city,state,postal_code,country,phone,email,employer,observed_date
${commercialId},Irina,,Testova,1990-04-02,900-55-0187,14 Elm St,,Queens,NY,11101,USA,+17185550144,,,2020-03-01
`);
  await ingestFile(database, systemContext('test', ['records_officer']), { source: 'commercial', file });
  const rec = await database.db.selectFrom('source_records').select('id').where('source', '=', 'commercial').where('record_id', '=', commercialId).executeTakeFirstOrThrow();
  await database.db.insertInto('record_links').values({ source_record_id: rec.id, role: 'subject', entity_id: seeded.entityId!, method: 'manual', match_weight: null }).execute();
  return { entityId: seeded.entityId!, admission: seeded.admissionNumbers[0]!, commercialId };
}

async function approvedLead(subjectId: string, title: string): Promise<string> {
  const { id } = (await post(analyst, '/api/leads', { subjectId, type: 'STATUS_VIOLATION', priority: 'HIGH', title, evidence: [{ kind: 'assessment', ref: 'AOD 2020', note: 'No departure after the admit-until date' }] })).json<{ id: string }>();
  await move(analyst, id, { action: 'start_research' });
  await move(analyst, id, { action: 'submit_for_review' });
  expect((await move(supervisor, id, { action: 'approve' })).statusCode).toBe(200);
  return id;
}

describe('referral package', () => {
  it('carries the status determination with its rules and the chain of custody, marked on every page', async () => {
    const p = await overstayer();
    // A date no other test assesses, so this run supersedes nobody else's.
    const asOf = `2020-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;
    await runAssessment(database, systemContext('test', ['analyst']), { asOf });
    const id = await approvedLead(p.entityId, 'Suspected in-country overstay');
    expect((await move(supervisor, id, { action: 'refer', fieldOffice: office })).statusCode).toBe(200);

    const res = await get(analyst, `/api/leads/${id}/referral.pdf`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pages = pdfPageTexts(res.rawPayload);
    const number = (await get(analyst, `/api/leads/${id}`)).json<{ lead: { number: string } }>().lead.number;
    for (const page of pages) {
      expect(page.split(CLASSIFICATION).length - 1).toBe(2);
      expect(page).toContain(`Lead ${number}`);
    }
    const text = pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain(`Assessment as of ${asOf}`);
    expect(text).toContain(`Admission ${p.admission}: SUSPECTED IN COUNTRY OVERSTAY`);
    expect(text).toMatch(/Rules applied: .*\(CLASSIFICATION\)/);
    expect(text).toContain('900-55-0187');
    const batch = await database.db.selectFrom('source_records').select('batch_id').where('record_id', '=', p.commercialId).executeTakeFirstOrThrow();
    expect(text).toContain(`commercial ${p.commercialId} v1`);
    expect(text).toContain(`Batch ${batch.batch_id}: file people.csv, line 2`);
    expect(text).toContain('No departure after the admit-until date');

    expect(text).toContain('From adis-arrivals');

    // The field agent may not read the status module; the package gives the run's stored determination.
    const agentText = pdfPageTexts((await get(agent, `/api/leads/${id}/referral.pdf`)).rawPayload).join('\n').replace(/\s+/g, ' ');
    expect(agentText).toContain(`Admission ${p.admission}: SUSPECTED IN COUNTRY OVERSTAY`);
    expect(agentText).toContain('read from their codes');
    expect(agentText).toContain('Classification (CLASSIFICATION)');

    const audit = await database.db.selectFrom('audit_log').select(['action', 'purpose', 'actor_username']).where('action', '=', 'lead.referral_package').where(sql<boolean>`subject_ids @> ARRAY[${id}]::text[]`).orderBy('seq').execute();
    // Both are assigned (the owner; the office it was referred to): the basis is the purpose recorded.
    expect(audit.map((a) => a.purpose)).toEqual([`lead:${number}`, `lead:${number}`]);
  });

  it('goes to the field office it was referred to and to no other', async () => {
    const p = await overstayer();
    const id = await approvedLead(p.entityId, 'Overstay, referral to one office');
    expect((await get(agent, `/api/leads/${id}/referral.pdf`)).statusCode).toBe(404);
    await move(supervisor, id, { action: 'refer', fieldOffice: office });
    expect((await get(agent, `/api/leads/${id}/referral.pdf`)).statusCode).toBe(200);
    expect((await get(bosAgent, `/api/leads/${id}/referral.pdf`)).statusCode).toBe(404);
    expect((await get(auditor, `/api/leads/${id}/referral.pdf`)).statusCode).toBe(403);
  });
});

describe('referral outside DHS', () => {
  it('records a routine use G disclosure with the subject’s accounting entry, in the referral’s transaction', async () => {
    const p = await overstayer();
    const id = await approvedLead(p.entityId, 'Overstay, joint task force');
    const recipient = { agency: 'Queens County Joint Task Force', name: 'Det. Test Recipient', address: '1 Test Plaza, Queens NY' };
    const res = await move(supervisor, id, { action: 'refer', fieldOffice: office, outsideRecipient: recipient });
    expect(res.statusCode, res.body).toBe(200);
    const ref = res.json<{ disclosureRef: string }>().disclosureRef;
    expect(ref).toMatch(/^DSC-\d{4}-\d{6}$/);
    const accounting = (await get(privacy, `/api/persons/${p.entityId}/accounting`)).json<{ entries: { disclosureRef: string; legalBasis: { code: string }; recipient: { agency: string } }[] }>();
    expect(accounting.entries).toContainEqual(expect.objectContaining({ disclosureRef: ref, legalBasis: expect.objectContaining({ code: 'G' }), recipient: expect.objectContaining({ agency: recipient.agency }) }));
    const detail = (await get(supervisor, `/api/leads/${id}`)).json<{ transitions: { action: string; reason: string | null }[] }>();
    expect(detail.transitions.at(-1)).toMatchObject({ action: 'refer', reason: expect.stringContaining(ref) });
  });

  it('refuses an outside recipient on anything but a referral, and leaves no accounting behind', async () => {
    const p = await overstayer();
    const { id } = (await post(analyst, '/api/leads', { subjectId: p.entityId, type: 'OTHER', priority: 'LOW', title: 'By hand' })).json<{ id: string }>();
    const res = await move(analyst, id, { action: 'start_research', outsideRecipient: { agency: 'A', name: 'B', address: 'C' } });
    expect(res.statusCode).toBe(400);
    const accounting = (await get(privacy, `/api/persons/${p.entityId}/accounting`)).json<{ entries: unknown[] }>();
    expect(accounting.entries).toEqual([]);
  });
});

describe('de-confliction', () => {
  it('finds the leads on fellow students of a school, though the school code belongs to the school party', async () => {
    const code = `XYZ214F${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
    const p = uniqueName('sv').toUpperCase();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lt-sch-')), 'sevis.csv');
    const row = (n: number, given: string) =>
      `${p}-${n},N00${p.slice(-8)}${n},Testova,${given},1999-02-0${n},UKR,UKR,F,F1,TERMINATED,2025-05-01,UNAUTHORIZED_EMPLOYMENT,2024-09-01,2028-05-31,,,,${code},Test Institute of Overlaps,BACHELORS,Testing,"${n} Elm St, Dallas, TX 75201",Dana Dso,DSO${p.slice(-6)}`;
    fs.writeFileSync(file, `record_id,sevis_id,family_name,given_name,birth_date,birth_country,citizenship_country,sex,visa_type,status,status_date,termination_reason,program_start_date,program_end_date,opt_type,opt_start_date,opt_end_date,school_code,school_name,education_level,major,us_address,dso_name,dso_id
${row(1, 'Alina')}
${row(2, 'Oksana')}
`);
    await ingestFile(database, systemContext('test', ['records_officer']), { source: 'sevis', file });
    const recs = await database.db.selectFrom('source_records').select(['id', 'record_id']).where('record_id', 'in', [`${p}-1`, `${p}-2`]).orderBy('record_id').execute();
    const students: string[] = [];
    for (const r of recs) {
      const e = await database.db.insertInto('entities').values({ kind: 'person', display_name: `Student ${r.record_id}` }).returning('id').executeTakeFirstOrThrow();
      await database.db.insertInto('record_links').values({ source_record_id: r.id, role: 'subject', entity_id: e.id, method: 'manual', match_weight: null }).execute();
      students.push(e.id);
    }
    const [a, b] = await Promise.all(students.map(async (s) => (await post(analyst, '/api/leads', { subjectId: s, type: 'STATUS_VIOLATION', priority: 'HIGH', title: 'Terminated for unauthorized employment' })).json<{ id: string }>().id));
    const found = (await post(analyst, `/api/leads/${a!}/deconflict`, {})).json<{ overlaps: { otherLeadId: string; kind: string; value: string }[] }>().overlaps;
    expect(found).toContainEqual({ otherLeadId: b!, kind: 'school_code', value: code });
  });
});

describe('queue helpers', () => {
  it('lists the field offices that have agents, for supervisors and analysts only', async () => {
    const offices = (await get(supervisor, '/api/leads/field-offices')).json<{ offices: string[] }>().offices;
    expect(offices).toEqual(expect.arrayContaining([office, 'BOS']));
    expect((await get(auditor, '/api/leads/field-offices')).statusCode).toBe(403);
  });

  it('lists the leads on one subject (the profile’s panel)', async () => {
    const a = await overstayer();
    const b = await overstayer();
    const leadA = (await post(analyst, '/api/leads', { subjectId: a.entityId, type: 'OTHER', priority: 'LOW', title: 'On A' })).json<{ id: string }>().id;
    await post(analyst, '/api/leads', { subjectId: b.entityId, type: 'OTHER', priority: 'LOW', title: 'On B' });
    const list = (await get(supervisor, `/api/leads?queue=all&subjectId=${a.entityId}`)).json<{ leads: { id: string }[] }>().leads;
    expect(list.map((l) => l.id)).toEqual([leadA]);
  });
});
