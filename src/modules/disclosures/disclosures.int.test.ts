import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { buildTestApp, makeUser, signIn, type Session } from '../../test/test-app';
import { openTestDatabase } from '../../test/test-db';
import type { DisclosureView } from './disclosures.schema';
import { CLASSIFICATION } from './pdf-frame';
import { pdfPageTexts } from './pdf-text';
import { disclose, makeTestPerson, type TestPerson } from './test-fixtures';

let database: Database;
let app: FastifyInstance;
let privacy: Session;
let supervisor: Session;
let analyst: Session;
let auditor: Session;
let yuri: TestPerson;
let mira: TestPerson;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  [yuri, mira] = [await makeTestPerson(database), await makeTestPerson(database, 'Mira')];
  const session = async (role: 'privacy_officer' | 'supervisor' | 'analyst' | 'auditor') => signIn(app, (await makeUser(database, [role])).username);
  [privacy, supervisor, analyst, auditor] = await Promise.all([session('privacy_officer'), session('supervisor'), session('analyst'), session('auditor')]);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function auditRows(action: string, requestId?: string) {
  const rows = await database.transaction((tx) =>
    tx.query<{ action: string; outcome: string; subject_ids: string[]; details: Record<string, unknown>; request_id: string }>(
      `SELECT action, outcome, subject_ids, details, request_id FROM audit_log WHERE action = $1 ${requestId ? 'AND request_id = $2' : ''} ORDER BY seq`,
      requestId ? [action, requestId] : [action],
    ),
  );
  return rows.map((r) => ({ ...r, details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details }));
}

async function entriesOf(personId: string) {
  return database.transaction((tx) =>
    tx.query<{ disclosure_id: string; basis_code: string; recipient_name: string; records: string[] }>(
      `SELECT a.disclosure_id::text AS disclosure_id, a.basis_code, a.recipient_name,
              (SELECT array_agg(source_record_id::text ORDER BY source_record_id) FROM accounting_entry_records r WHERE r.entry_id = a.id) AS records
         FROM accounting_entries a WHERE a.person_id = $1::uuid ORDER BY a.id`,
      [personId],
    ),
  );
}

describe('disclosing records', () => {
  it('lists routine uses A–N with the SORN citation and the (b) exceptions, marked for the caller', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/disclosures/legal-bases', headers: supervisor.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ version: string; sorn: { citation: string }; bases: { kind: string; code: string; text: string; allowedForCaller: boolean }[] }>();
    expect(body.sorn.citation).toBe('81 FR 52700');
    expect(body.bases.filter((b) => b.kind === 'routine_use').map((b) => b.code).join('')).toBe('ABCDEFGHIJKLMN');
    expect(body.bases.filter((b) => b.allowedForCaller).map((b) => b.code)).toEqual(['G', 'I']);
  });

  it('writes the disclosure, one accounting entry per individual with their records, and an audit row', async () => {
    const res = await disclose(app, privacy, { persons: [yuri, mira] });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json<DisclosureView>();
    expect(d.ref).toMatch(/^DSC-\d{4}-\d{6}$/);
    expect(d.accountable).toBe(true);
    expect(d.individuals.map((i) => i.personId).sort()).toEqual([yuri.id, mira.id].sort());
    for (const p of [yuri, mira]) {
      const mine = (await entriesOf(p.id)).filter((e) => e.disclosure_id === d.id);
      expect(mine).toHaveLength(1);
      // The subject's own records go (two arrivals and the tip about them), nobody else's.
      expect(mine[0]!.records).toHaveLength(3);
      expect(mine[0]!.records).toEqual(expect.arrayContaining([p.refs['A1'], p.refs['A2'], p.tipRef]));
    }
    const [row] = await auditRows('disclosure.create', res.headers['x-request-id'] as string);
    expect(row).toMatchObject({ outcome: 'success', details: expect.objectContaining({ disclosureId: d.id, accountingEntries: 2 }) });
    expect(row!.subject_ids.sort()).toEqual([yuri.id, mira.id].sort());
  });

  it('records no accounting for internal need-to-know sharing under (b)(1), but audits it', async () => {
    const before = (await entriesOf(yuri.id)).length;
    const res = await disclose(app, privacy, { persons: [yuri], kind: 'exception', code: 'b1', agency: 'ICE Enforcement and Removal Operations' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<DisclosureView>().accountable).toBe(false);
    expect(await entriesOf(yuri.id)).toHaveLength(before);
    expect(await auditRows('disclosure.create', res.headers['x-request-id'] as string)).toEqual([expect.objectContaining({ details: expect.objectContaining({ accountable: false, accountingEntries: 0 }) })]);
  });

  it('sends only the records named, and refuses records that are not the persons\'', async () => {
    const ok = await disclose(app, privacy, { persons: [yuri], recordIds: [yuri.refs['A1']!] });
    expect(ok.json<DisclosureView>().individuals).toEqual([{ personId: yuri.id, displayName: yuri.name, records: 1 }]);
    const bad = await disclose(app, privacy, { persons: [yuri], recordIds: [mira.refs['A1']!] });
    expect(bad.statusCode).toBe(400);
  });
});

describe('who may disclose', () => {
  it('lets a supervisor disclose under routine uses G and I only', async () => {
    expect((await disclose(app, supervisor, { persons: [mira], code: 'I' })).statusCode).toBe(201);
    const a = await disclose(app, supervisor, { persons: [mira], code: 'A' });
    expect(a.statusCode).toBe(403);
    expect(a.json().error.message).toMatch(/routine uses G and I/);
  });

  it('refuses analysts and auditors, and audits each refusal', async () => {
    for (const s of [analyst, auditor]) {
      const res = await disclose(app, s, { persons: [mira] });
      expect(res.statusCode).toBe(403);
      expect(await auditRows('access.denied', res.headers['x-request-id'] as string)).toHaveLength(1);
    }
    const read = await app.inject({ method: 'GET', url: `/api/persons/${mira.id}/accounting`, headers: analyst.headers });
    expect(read.statusCode).toBe(403);
  });

  it('refuses consumer reporting agencies whatever basis is claimed, and records the attempt', async () => {
    const cra = await disclose(app, privacy, { persons: [mira], agency: 'Experian Consumer Services', code: 'H' });
    expect(cra.statusCode).toBe(422);
    expect(cra.json().error.code).toBe('NO_LEGAL_BASIS');
    expect(await auditRows('disclosure.refused', cra.headers['x-request-id'] as string)).toEqual([expect.objectContaining({ outcome: 'denied' })]);
    const b12 = await disclose(app, privacy, { persons: [mira], kind: 'exception', code: 'b12' });
    expect(b12.statusCode).toBe(422);
  });

  it('requires the Chief Privacy Officer approval to be cited for routine use N', async () => {
    expect((await disclose(app, privacy, { persons: [mira], code: 'N' })).statusCode).toBe(400);
    expect((await disclose(app, privacy, { persons: [mira], code: 'N', approvalRef: 'CPO memo 2026-014' })).statusCode).toBe(201);
  });
});

describe('the disclosure package', () => {
  let d: DisclosureView;
  beforeAll(async () => {
    d = (await disclose(app, privacy, { persons: [yuri, mira], code: 'G' })).json<DisclosureView>();
  });

  it('is a PDF with the banner at top and bottom and the disclosure id on every page', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/disclosures/${d.id}/package.pdf`, headers: privacy.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pages = pdfPageTexts(res.rawPayload);
    expect(pages.length).toBeGreaterThanOrEqual(3); // cover + one page per individual
    pages.forEach((text, i) => {
      expect(text.split(CLASSIFICATION).length - 1, `page ${i + 1}`).toBe(2);
      expect(text).toContain(`Disclosure ${d.ref} · page ${i + 1} of ${pages.length}`);
    });
    const all = pages.join('\n');
    expect(all).toContain(yuri.passport);
    expect(all).toContain('Routine use G');
    // A tip about the subject goes; who gave it does not.
    expect(all).not.toContain(yuri.tipsterName);
    expect(await auditRows('disclosure.package', res.headers['x-request-id'] as string)).toEqual([expect.objectContaining({ details: expect.objectContaining({ format: 'pdf', matchesDigest: true }) })]);
  });

  it('is JSON and CSV carrying the marking and the disclosure id', async () => {
    const json = await app.inject({ method: 'GET', url: `/api/disclosures/${d.id}/package.json`, headers: privacy.headers });
    const pkg = json.json<{ classification: string; disclosure: { ref: string }; individuals: { personId: string; records: { fields: { name: string; value: string }[] }[] }[] }>();
    expect(pkg.classification).toBe(CLASSIFICATION);
    expect(pkg.disclosure.ref).toBe(d.ref);
    expect(pkg.individuals.map((i) => i.personId).sort()).toEqual([yuri.id, mira.id].sort());
    const csv = await app.inject({ method: 'GET', url: `/api/disclosures/${d.id}/package.csv`, headers: supervisor.headers });
    const rows = parse<Record<string, string>>(csv.body, { columns: true });
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.every((r) => r['classification'] === CLASSIFICATION && r['disclosure_ref'] === d.ref)).toBe(true);
    expect(rows.some((r) => r['field'] === 'passport_number' && r['value'] === mira.passport)).toBe(true);
  });

  it('reads back the disclosure, audited with the persons it names', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/disclosures/${d.id}`, headers: privacy.headers });
    expect(res.json<DisclosureView>()).toMatchObject({ id: d.id, ref: d.ref, packageSha256: d.packageSha256 });
    const [row] = await auditRows('disclosure.read', res.headers['x-request-id'] as string);
    expect(row!.subject_ids.sort()).toEqual([yuri.id, mira.id].sort());
  });
});

describe('who has accessed a person', () => {
  it('lists the users whose reads named the person or their records', async () => {
    const reader = await makeUser(database, ['analyst']);
    const s = await signIn(app, reader.username);
    expect((await app.inject({ method: 'GET', url: `/api/records/${mira.refs['A2']}`, headers: s.headers })).statusCode).toBe(200);
    const res = await app.inject({ method: 'GET', url: `/api/persons/${mira.id}/access-log`, headers: privacy.headers });
    expect(res.statusCode).toBe(200);
    const log = res.json<{ users: { username: string; actions: string[] }[]; events: { via: string }[] }>();
    expect(log.users.find((u) => u.username === reader.username)?.actions).toEqual(['record.read']);
    expect(log.events.some((e) => e.via === 'person')).toBe(true);
    expect((await app.inject({ method: 'GET', url: `/api/persons/${mira.id}/access-log`, headers: supervisor.headers })).statusCode).toBe(403);
  });
});
