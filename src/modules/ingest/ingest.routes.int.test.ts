import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { buildTestApp, makeUser, signIn } from '../../test/test-app';
import { openTestDatabase, uniqueName } from '../../test/test-db';

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

function multipart(fields: Record<string, string>, file: { name: string; content: string }) {
  const boundary = `----lt${Date.now()}`;
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.content}\r\n`);
  return { payload: parts.join('') + `--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('imports API', () => {
  it('loads an uploaded file, lists the batch, and shows its rejects', async () => {
    const u = await makeUser(database, ['analyst']);
    const s = await signIn(app, u.username);
    const p = uniqueName('up');
    const csv = `record_id,given_name,middle_name,family_name,birth_date,ssn,address_line1,address_line2,city,state,postal_code,country,phone,email,employer,observed_date
${p}-1,Ana,,Silva,1990-01-01,900-12-3456,1 Main St,,Boston,MA,02110,USA,+16175550101,ana@example.test,Acme,2026-01-01
,No,,Id,1990-01-01,,,,,,,,,,,
`;
    const m = multipart({ source: 'commercial' }, { name: 'people.csv', content: csv });
    const res = await app.inject({ method: 'POST', url: '/api/imports', headers: { ...s.headers, 'content-type': m.contentType }, payload: m.payload });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'loaded', fileName: 'people.csv', rowsRead: 2, rowsAccepted: 1, rowsRejected: 1 });
    const list = await app.inject({ method: 'GET', url: '/api/imports', headers: s.headers });
    // Other test files load batches into the same database at the same time, so ours need not be first.
    const batches: { id: string; finishedAt: string }[] = list.json().batches;
    expect(batches.find((b) => b.id === res.json().batchId)).toMatchObject({ loadedBy: u.username, source: 'commercial', fileName: 'people.csv' });
    const finished = batches.map((b) => b.finishedAt);
    expect(finished).toEqual([...finished].sort().reverse());
    const one = await app.inject({ method: 'GET', url: `/api/imports/${res.json().batchId}`, headers: s.headers });
    expect(one.json().rejects).toEqual([{ line: 3, reason: 'missing record_id', rawText: ',No,,Id,1990-01-01,,,,,,,,,,,' }]);
  });

  it('refuses an auditor (no import role) and a missing source field', async () => {
    const a = await makeUser(database, ['auditor']);
    const sa = await signIn(app, a.username);
    const m = multipart({ source: 'commercial' }, { name: 'x.csv', content: 'record_id\n1\n' });
    const denied = await app.inject({ method: 'POST', url: '/api/imports', headers: { ...sa.headers, 'content-type': m.contentType }, payload: m.payload });
    expect(denied.statusCode).toBe(403);
    const u = await makeUser(database, ['analyst']);
    const s = await signIn(app, u.username);
    const noSource = multipart({}, { name: 'x.csv', content: 'record_id\n1\n' });
    const bad = await app.inject({ method: 'POST', url: '/api/imports', headers: { ...s.headers, 'content-type': noSource.contentType }, payload: noSource.payload });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/source/);
  });
});
