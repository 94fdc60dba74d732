import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { systemContext } from '../../shared/context';
import { buildTestApp, makeUser, signIn, type Session } from '../../test/test-app';
import { openTestDatabase } from '../../test/test-db';
import { exportAccounting } from './accounting.service';
import type { AccountingView, CorrectionView, DisclosureView, ReleaseView } from './disclosures.schema';
import { CLASSIFICATION } from './pdf-frame';
import { pdfPageTexts } from './pdf-text';
import { disclose, makeTestPerson, type TestPerson } from './test-fixtures';

let database: Database;
let app: FastifyInstance;
let privacy: Session;
let supervisor: Session;
let p: TestPerson;
const disclosures: Record<'g' | 'b7' | 'i', DisclosureView> = {} as never;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  p = await makeTestPerson(database, 'Anton');
  privacy = await signIn(app, (await makeUser(database, ['privacy_officer'])).username);
  supervisor = await signIn(app, (await makeUser(database, ['supervisor'])).username);
  disclosures.g = (await disclose(app, privacy, { persons: [p], code: 'G', agency: 'Ohio State Highway Patrol', name: 'Sgt. Lee Park' })).json();
  disclosures.b7 = (await disclose(app, privacy, { persons: [p], kind: 'exception', code: 'b7', agency: 'FBI Cleveland Field Office', name: 'SAC R. Diaz', recordIds: [p.refs['A1']!] })).json();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = async <T>(url: string, s = privacy) => {
  const res = await app.inject({ method: 'GET', url, headers: s.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};
const post = (url: string, payload: object, s = privacy) => app.inject({ method: 'POST', url, headers: s.headers, payload });

async function sqlError(sql: string, params: unknown[] = []): Promise<string> {
  try {
    await database.transaction((tx) => tx.query(sql, params));
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

describe('the accounting of disclosures', () => {
  it('lists each disclosure of the person with date, nature, purpose, basis, recipient name and address', async () => {
    const a = await get<AccountingView>(`/api/persons/${p.id}/accounting`, supervisor);
    expect(a.entries.map((e) => e.disclosureRef)).toEqual([disclosures.g.ref, disclosures.b7.ref]);
    const g = a.entries[0]!;
    expect(g).toMatchObject({ nature: 'Copies of arrival records', recipient: { agency: 'Ohio State Highway Patrol', name: 'Sgt. Lee Park', address: expect.stringContaining('Springfield') }, legalBasis: { code: 'G', citation: expect.stringContaining('81 FR 52700') }, releasable: true });
    expect(g.date).toBe(new Date().toISOString().slice(0, 10));
    // Kept five years from the disclosure (the database sets it).
    expect(Number(g.retainUntil.slice(0, 4)) - Number(g.date.slice(0, 4))).toBe(5);
    expect(a.entries[1]).toMatchObject({ releasable: false, releaseStatus: 'never', records: [expect.objectContaining({ recordRef: p.refs['A1'] })] });
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database', async () => {
    const [entry] = await database.transaction((tx) => tx.query<{ id: string }>(`SELECT id::text AS id FROM accounting_entries WHERE person_id = $1::uuid LIMIT 1`, [p.id]));
    expect(await sqlError(`UPDATE accounting_entries SET purpose = 'x' WHERE id = $1`, [entry!.id])).toMatch(/UPDATE refused/);
    expect(await sqlError(`UPDATE accounting_entries SET retain_until = '2000-01-01' WHERE id = $1`, [entry!.id])).toMatch(/UPDATE refused/);
    expect(await sqlError(`DELETE FROM accounting_entries WHERE id = $1`, [entry!.id])).toMatch(/while the record of person .* exists/);
    expect(await sqlError(`DELETE FROM accounting_entry_records WHERE entry_id = $1`, [entry!.id])).toMatch(/DELETE refused/);
    expect(await sqlError(`TRUNCATE accounting_entries CASCADE`)).toMatch(/refused/);
    expect(await sqlError(`UPDATE disclosures SET recipient_name = 'x' WHERE id = $1::uuid`, [disclosures.g.id])).toMatch(/UPDATE refused/);
  });

  it('outlives the person and the records: still kept five years after they are disposed of', async () => {
    const gone = await makeTestPerson(database, 'Ilse');
    const d = (await disclose(app, privacy, { persons: [gone], recordIds: [gone.refs['A1']!] })).json<DisclosureView>();
    const [entry] = await database.transaction((tx) => tx.query<{ id: string }>(`SELECT id::text AS id FROM accounting_entries WHERE disclosure_id = $1::uuid`, [d.id]));
    // Dispose of the entity; the record it names still exists.
    await database.transaction((tx) => tx.query(`DELETE FROM entities WHERE id = $1::uuid`, [gone.id]));
    expect(await sqlError(`DELETE FROM accounting_entries WHERE id = $1`, [entry!.id])).toMatch(/while a record it names exists/);
    await database.transaction(async (tx) => {
      await tx.query(`SET LOCAL leadtrac.disposal = 'on'`);
      await tx.query(`DELETE FROM source_records WHERE id = $1::bigint`, [gone.refs['A1']]);
    });
    expect(await sqlError(`DELETE FROM accounting_entries WHERE id = $1`, [entry!.id])).toMatch(/kept until \d{4}-\d{2}-\d{2} \(five years\)/);
    const a = await get<AccountingView>(`/api/persons/${gone.id}/accounting`);
    expect(a.person.displayName).toBe('(person no longer held)');
    expect(a.entries).toHaveLength(1);
  });
});

describe('release of the accounting to the individual (c)(3)', () => {
  it('releases nothing until a privacy officer decides', async () => {
    const r = await get<ReleaseView>(`/api/persons/${p.id}/accounting/release`);
    expect(r).toMatchObject({ decision: null, entries: [], neverReleased: 1 });
  });

  it('never releases (b)(7) entries, even on a decision to release', async () => {
    const res = await post(`/api/persons/${p.id}/accounting/release-decisions`, { decision: 'release', reason: 'Investigation closed; release would not harm it.' });
    expect(res.statusCode, res.body).toBe(201);
    const r = await get<ReleaseView>(`/api/persons/${p.id}/accounting/release`);
    expect(r.entries.map((e) => e.disclosureRef)).toEqual([disclosures.g.ref]);
    expect(r.neverReleased).toBe(1);
  });

  it('respects withholding in part and in whole, which must cite the exemption', async () => {
    disclosures.i = (await disclose(app, privacy, { persons: [p], code: 'I', agency: 'DEA Chicago Division' })).json();
    const a = await get<AccountingView>(`/api/persons/${p.id}/accounting`);
    expect(a.entries.find((e) => e.disclosureRef === disclosures.i.ref)?.releaseStatus).toBe('undecided');
    const gEntry = a.entries.find((e) => e.disclosureRef === disclosures.g.ref)!;
    expect((await post(`/api/persons/${p.id}/accounting/release-decisions`, { decision: 'withhold', reason: 'Open case' })).statusCode).toBe(400);
    const part = await post(`/api/persons/${p.id}/accounting/release-decisions`, { decision: 'release_in_part', reason: 'Referral still open', exemption: '(j)(2)', withheldEntryIds: [gEntry.id] });
    expect(part.statusCode, part.body).toBe(201);
    let r = await get<ReleaseView>(`/api/persons/${p.id}/accounting/release`);
    expect(r.entries.map((e) => e.disclosureRef)).toEqual([disclosures.i.ref]);
    expect(r).toMatchObject({ withheld: 1, neverReleased: 1, undecided: 0 });
    expect((await post(`/api/persons/${p.id}/accounting/release-decisions`, { decision: 'withhold', reason: 'Would alert the subject', exemption: '(k)(2)' })).statusCode).toBe(201);
    r = await get<ReleaseView>(`/api/persons/${p.id}/accounting/release`);
    expect(r.entries).toEqual([]);
    expect(r.decision).toMatchObject({ decision: 'withhold', exemption: '(k)(2)', exemptionReason: 'a' });
  });

  it('lets only privacy officers decide', async () => {
    const res = await post(`/api/persons/${p.id}/accounting/release-decisions`, { decision: 'release', reason: 'x' }, supervisor);
    expect(res.statusCode).toBe(403);
  });

  it('keeps decisions as made', async () => {
    expect(await sqlError(`UPDATE accounting_release_decisions SET decision = 'release' WHERE person_id = $1::uuid`, [p.id])).toMatch(/refused/);
    expect(await sqlError(`DELETE FROM accounting_release_decisions WHERE person_id = $1::uuid`, [p.id])).toMatch(/refused/);
  });
});

describe('(c)(4) notices of corrections and disputes', () => {
  it('produces a notice for every earlier recipient of the record, each as a PDF', async () => {
    const res = await post(`/api/records/${p.refs['A1']}/corrections-notices`, { event: 'corrected', note: 'Admit-until date corrected to 2024-08-04.' });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json<CorrectionView>();
    expect(c.outcome).toBe('notified');
    // A1 went with G, b7 and I; (b)(1) sharing is not on the accounting and gets no notice.
    expect(c.notices.map((n) => n.disclosureRef).sort()).toEqual([disclosures.g.ref, disclosures.b7.ref, disclosures.i.ref].sort());
    expect(c.notices.find((n) => n.disclosureRef === disclosures.b7.ref)?.recipient).toEqual({ agency: 'FBI Cleveland Field Office', name: 'SAC R. Diaz', address: expect.any(String) });
    const pdf = await app.inject({ method: 'GET', url: `/api/corrections-notices/${c.notices[0]!.id}/notice.pdf`, headers: privacy.headers });
    const pages = pdfPageTexts(pdf.rawPayload);
    for (const text of pages) {
      expect(text.split(CLASSIFICATION).length - 1).toBe(2);
      expect(text).toContain(`Notice ${c.notices[0]!.ref}`);
    }
    expect(pages.join('\n')).toContain('Admit-until date corrected');
  });

  it('records a case-by-case waiver instead, and lists both', async () => {
    const res = await post(`/api/records/${p.refs['A2']}/corrections-notices/waiver`, { event: 'disputed', note: 'Subject disputes the port of entry.', reason: 'Notifying recipients would reveal the investigation (NPRM reason (a)).' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<CorrectionView>()).toMatchObject({ outcome: 'waived', notices: [] });
    const list = await get<{ corrections: CorrectionView[] }>(`/api/records/${p.refs['A2']}/corrections-notices`);
    expect(list.corrections.map((c) => c.event)).toEqual(['disputed']);
  });

  it('sends a noted dispute with every later disclosure of the record', async () => {
    const d = (await disclose(app, privacy, { persons: [p], recordIds: [p.refs['A2']!] })).json<DisclosureView>();
    const json = await get<{ individuals: { records: { disputes: { note: string }[] }[] }[] }>(`/api/disclosures/${d.id}/package.json`);
    expect(json.individuals[0]!.records[0]!.disputes).toEqual([expect.objectContaining({ note: 'Subject disputes the port of entry.' })]);
  });

  it('notifies nobody when the record never left the agency', async () => {
    const other = await makeTestPerson(database, 'Nils');
    const res = await post(`/api/records/${other.refs['A1']}/corrections-notices`, { event: 'corrected', note: 'Name spelling.' });
    expect(res.json<CorrectionView>()).toMatchObject({ outcome: 'no_recipients', notices: [] });
  });
});

describe('export accounting', () => {
  it('writes CSV with the marking on every row, and a PDF with it on every page', async () => {
    const ctx = systemContext('export accounting', ['privacy_officer']);
    const csv = await exportAccounting(database, ctx, p.id, 'csv');
    const rows = parse<Record<string, string>>(String(csv.body), { columns: true });
    expect(rows.map((r) => r['disclosure_ref'])).toEqual([disclosures.g.ref, disclosures.b7.ref, disclosures.i.ref, expect.any(String)]);
    expect(rows.every((r) => r['classification'] === CLASSIFICATION && r['person_id'] === p.id)).toBe(true);
    const pdf = await exportAccounting(database, ctx, p.id, 'pdf');
    const pages = pdfPageTexts(pdf.body as Buffer);
    for (const text of pages) expect(text).toContain(`Accounting of disclosures · person ${p.id}`);
    expect(pages.join('\n')).toContain('SAC R. Diaz');
  });
});
