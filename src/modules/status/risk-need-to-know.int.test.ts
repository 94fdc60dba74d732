import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { buildTestApp, makeUser, signIn, type Session } from '../../test/test-app';
import { openTestDatabase } from '../../test/test-db';
import { seedPerson, uniqueValue, type SeededPerson } from './status-fixtures';
import { WITHHELD_FACTOR_TEXT } from './risk-disclosure';

// Need to know in the risk factors: criminal/enforcement history is spelled out only under a
// stated purpose or an assignment; the score and the ranking are the same for everyone.
// This file's AOD is its own: a run replaces the results of its AOD.
const AOD = '2024-11-15';
const PURPOSE = 'Case 2026-0412: status violation review';
const country = uniqueValue('N');
let database: Database;
let app: FastifyInstance;
let analyst: Session;
let analystId: string;
let convicted: SeededPerson;
let arrested: SeededPerson;

type Factor = { code: string; points: number; text: string; withheld?: boolean };
type Violator = { rank: number; entityId: string; score: number; level: string; factors: Factor[] };

const b2 = (aud: string) => ({
  admission_date: '2022-01-10',
  admit_until_date: aud,
  citizenship_country: country,
});
const event = (event_type: string, event_date: string) => ({
  event_type,
  event_date,
  citizenship_country: country,
});

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  convicted = await seedPerson(database, {
    admissions: [b2('2022-09-30')],
    enforcement: [event('CONVICTION', '2023-05-01'), event('ARREST', '2023-04-01')],
  });
  arrested = await seedPerson(database, {
    admissions: [b2('2023-09-30')],
    enforcement: [event('ARREST', '2024-02-01')],
  });
  const u = await makeUser(database, ['analyst']);
  analystId = u.id;
  analyst = await signIn(app, u.username);
  const run = await app.inject({
    method: 'POST',
    url: '/api/status/runs',
    headers: analyst.headers,
    payload: { asOf: AOD },
  });
  expect(run.statusCode, run.body).toBe(200);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function get(url: string, purpose?: string) {
  const res = await app.inject({
    method: 'GET',
    url,
    headers: { ...analyst.headers, ...(purpose ? { 'x-purpose': purpose } : {}) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

async function auditOf(requestId: unknown) {
  const [row] = await database.transaction((tx) =>
    tx.query<{ action: string; purpose: string | null; details: Record<string, unknown> }>(
      `SELECT action, purpose, details FROM audit_log WHERE request_id = $1 AND outcome = 'success' ORDER BY seq DESC LIMIT 1`,
      [requestId],
    ),
  );
  return row!;
}

const enforcement = (v: { factors: Factor[] }) =>
  v.factors.find((f) => f.code === 'ENFORCEMENT_HISTORY')!;
const violatorsUrl = `/api/status/violators?asOf=${AOD}&country=${country}`;

describe('risk factors under need to know', () => {
  it('the violators list withholds enforcement details without a purpose, keeping score and rank', async () => {
    const bare = await get(violatorsUrl);
    const withPurpose = await get(violatorsUrl, PURPOSE);
    const hidden = bare.json<{ violators: Violator[] }>().violators;
    const shown = withPurpose.json<{ violators: Violator[] }>().violators;
    expect(hidden.map((v) => v.entityId)).toEqual([convicted.entityId, arrested.entityId]);
    expect(
      hidden.map((v) => [
        v.entityId,
        v.rank,
        v.score,
        v.level,
        v.factors.map((f) => [f.code, f.points]),
      ]),
    ).toEqual(
      shown.map((v) => [
        v.entityId,
        v.rank,
        v.score,
        v.level,
        v.factors.map((f) => [f.code, f.points]),
      ]),
    );
    expect(enforcement(hidden[0]!)).toEqual({
      code: 'ENFORCEMENT_HISTORY',
      points: 35,
      text: `${WITHHELD_FACTOR_TEXT}: 35 points`,
      withheld: true,
    });
    expect(bare.body).not.toMatch(/ARREST|CONVICTION/);
    expect(enforcement(shown[0]!)).toMatchObject({
      withheld: false,
      text: expect.stringMatching(/1 ARREST x 10, 1 CONVICTION x 25 = 35/),
    });
    expect(enforcement(shown[1]!).text).toMatch(/1 ARREST x 10/);

    const a0 = await auditOf(bare.headers['x-request-id']);
    expect(a0).toMatchObject({ action: 'status.violators.search', purpose: null });
    expect(a0.details['criminalHistory']).toEqual({
      revealedFor: [],
      withheldFor: [convicted.entityId, arrested.entityId],
    });
    const a1 = await auditOf(withPurpose.headers['x-request-id']);
    expect(a1).toMatchObject({ action: 'status.violators.search', purpose: PURPOSE });
    expect(a1.details['criminalHistory']).toEqual({
      revealedFor: [convicted.entityId, arrested.entityId],
      withheldFor: [],
    });
  });

  it("the person's status panel withholds them too, and says so in the audit row", async () => {
    const url = `/api/persons/${convicted.entityId}/status?asOf=${AOD}`;
    const bare = await get(url);
    const withPurpose = await get(url, PURPOSE);
    const hidden = bare.json<{ risk: { score: number; factors: Factor[] } }>().risk;
    const shown = withPurpose.json<{ risk: { score: number; factors: Factor[] } }>().risk;
    expect(hidden.score).toBe(85);
    expect(shown.score).toBe(85);
    expect(enforcement(hidden)).toMatchObject({
      points: 35,
      withheld: true,
      text: `${WITHHELD_FACTOR_TEXT}: 35 points`,
    });
    expect(JSON.stringify(hidden)).not.toMatch(/ARREST|CONVICTION/);
    expect(enforcement(shown)).toMatchObject({
      points: 35,
      withheld: false,
      text: expect.stringMatching(/1 ARREST x 10, 1 CONVICTION x 25/),
    });
    expect(await auditOf(bare.headers['x-request-id'])).toMatchObject({
      action: 'status.person.read',
      purpose: null,
      details: { basis: 'none', revealed: [], masked: ['CRIMINAL'] },
    });
    expect(await auditOf(withPurpose.headers['x-request-id'])).toMatchObject({
      action: 'status.person.read',
      purpose: PURPOSE,
      details: { basis: 'purpose', revealed: ['CRIMINAL'], masked: [] },
    });
  });

  it('an analyst assigned to a lead on the person sees the details without stating a purpose, for that person only', async () => {
    const number = uniqueValue('LT-RISK-');
    await database.transaction((tx) =>
      tx.query(
        `INSERT INTO leads (number, subject_type, subject_id, subject_name, lead_type, priority, state, title, owner_id, field_office, due_date)
         VALUES ($1, 'person', $2::uuid, 'Test Traveller', 'STATUS_VIOLATION', 'HIGH', 'under_research', 'Risk need-to-know fixture', $3::uuid, NULL, '2030-01-01')`,
        [number, convicted.entityId, analystId],
      ),
    );
    const list = await get(violatorsUrl);
    const [first, second] = list.json<{ violators: Violator[] }>().violators;
    expect(enforcement(first!)).toMatchObject({
      withheld: false,
      text: expect.stringMatching(/CONVICTION x 25/),
    });
    expect(enforcement(second!)).toMatchObject({ withheld: true });
    expect((await auditOf(list.headers['x-request-id'])).details['criminalHistory']).toEqual({
      revealedFor: [convicted.entityId],
      withheldFor: [arrested.entityId],
    });

    const panel = await get(`/api/persons/${convicted.entityId}/status?asOf=${AOD}`);
    expect(enforcement(panel.json<{ risk: { factors: Factor[] } }>().risk)).toMatchObject({
      withheld: false,
    });
    expect(await auditOf(panel.headers['x-request-id'])).toMatchObject({
      purpose: `lead:${number}`,
      details: { basis: `lead:${number}`, revealed: ['CRIMINAL'] },
    });
  });
});
