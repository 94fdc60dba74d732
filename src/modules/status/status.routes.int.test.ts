import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { buildTestApp, makeUser, signIn, type Session } from '../../test/test-app';
import { openTestDatabase } from '../../test/test-db';
import { fiscalYearReport, type AssessmentClass } from './engine';
import { exportAssessments } from './export';
import { systemContext } from '../../shared/context';
import { addRecords, seedPerson, uniqueValue, type SeededPerson } from './status-fixtures';
import { EXPORT_CONTRACT_COLUMNS } from './status.schema';

// Runs here use AODs no other test file uses: a run replaces the results of its AOD.
const AOD = '2024-10-01';
let database: Database;
let app: FastifyInstance;
let analyst: Session;
let analystName: string;
// A country code of this test run alone, so its report rows and violators are exactly ours.
const country = uniqueValue('X');

const b2 = (aud: string, extra: Record<string, string | null> = {}) => ({ admission_date: '2022-01-10', admit_until_date: aud, citizenship_country: country, ...extra });
const dep = (date: string) => ({ departure_date: date, citizenship_country: country });

let w: Record<'critical' | 'high' | 'low' | 'compliant' | 'late' | 'wt' | 'diplomat' | 'changes', SeededPerson>;

async function plant() {
  return {
    // 2022-09-30 to 2024-10-01: 732 days; ten-year bar; a conviction and an arrest.
    critical: await seedPerson(database, {
      admissions: [b2('2022-09-30')],
      enforcement: [{ event_type: 'CONVICTION', event_date: '2023-05-01', citizenship_country: country }, { event_type: 'ARREST', event_date: '2023-04-01', citizenship_country: country }],
    }),
    // 214 days; three-year bar; a revoked visa and a lookout.
    high: await seedPerson(database, {
      admissions: [b2('2024-03-01')],
      visas: [{ status: 'REVOKED', revocation_date: '2024-05-01', citizenship_country: country }],
      border: [{ record_type: 'LOOKOUT', event_date: '2024-06-01', citizenship_country: country }],
    }),
    // 30 days in the country.
    low: await seedPerson(database, { admissions: [b2('2024-09-01')] }),
    compliant: await seedPerson(database, { admissions: [b2('2024-03-01', { admission_date: '2024-01-10' })], departures: [dep('2024-02-20')] }),
    // Left 30 days late.
    late: await seedPerson(database, { admissions: [b2('2024-04-01', { admission_date: '2024-01-10' })], departures: [dep('2024-05-01')] }),
    wt: await seedPerson(database, { admissions: [{ ...b2('2024-06-01', { admission_date: '2024-03-10' }), class_of_admission: 'WT' }], departures: [dep('2024-05-30')] }),
    diplomat: await seedPerson(database, { admissions: [{ ...b2('2024-06-01'), class_of_admission: 'A1' }] }),
    changes: await seedPerson(database, { admissions: [b2('2024-07-01', { admission_date: '2024-05-01' })] }),
  };
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  w = await plant();
  const u = await makeUser(database, ['analyst']);
  analystName = u.username;
  analyst = await signIn(app, u.username);
  const run = await app.inject({ method: 'POST', url: '/api/status/runs', headers: analyst.headers, payload: { asOf: AOD } });
  expect(run.statusCode).toBe(200);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function auditActions(username: string, action: string): Promise<number> {
  const rows = await database.transaction((tx) =>
    tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actor_username = $1 AND action = $2`, [username, action]),
  );
  return rows[0]!.n;
}

describe('status API', () => {
  it('lists the run with its AOD, configuration version and counts by class', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/status/runs', headers: analyst.headers });
    const run = res.json().runs.find((r: { asOf: string }) => r.asOf === AOD);
    expect(run).toMatchObject({ current: true, runBy: analystName, configVersion: expect.any(String) });
    expect(run.admissions).toBeGreaterThanOrEqual(8);
    expect(run.classCounts['OUT_OF_SCOPE']).toBeGreaterThanOrEqual(1);
  });

  it('reports the fiscal year as the DHS method counts it, equal to the engine over the exported assessments', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/status/report?fy=2024&asOf=${AOD}`, headers: analyst.headers });
    expect(res.statusCode).toBe(200);
    const { report, run } = res.json();
    expect(run.asOf).toBe(AOD);
    // Ours: compliant, wt (departed in time), late (out of the country), high, low, changes (in
    // the country): six expected departures with AED in FY2024; the diplomat is out of scope;
    // critical's AED is in FY2022.
    const mine = report.byCountry.find((r: { key: string }) => r.key === country);
    expect(mine).toEqual({ key: country, expectedDepartures: 6, outOfCountryOverstays: 1, suspectedInCountryOverstays: 3, totalOverstays: 4, totalOverstayRate: 66.67, suspectedInCountryRate: 50 });

    const rows: { class: AssessmentClass; aed: string | null; class_of_admission: string; citizenship_country: string | null }[] = [];
    await exportAssessments(database, systemContext('test', ['analyst']), {
      format: 'ndjson',
      asOf: AOD,
      write: async (chunk) => {
        for (const line of chunk.split('\n').filter(Boolean)) rows.push(JSON.parse(line));
      },
    });
    const engine = fiscalYearReport(
      rows.map((r) => ({ class: r.class, aed: r.aed, classOfAdmission: r.class_of_admission, citizenshipCountry: r.citizenship_country, asOf: AOD })),
      2024,
    );
    expect(report).toEqual(engine);
    expect(await auditActions(analystName, 'status.report.read')).toBe(1);
  });

  it('serves the report as marked CSV and PDF', async () => {
    const csv = await app.inject({ method: 'GET', url: `/api/status/report.csv?fy=2024&asOf=${AOD}`, headers: analyst.headers });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toBe('UNCLASSIFIED // LAW ENFORCEMENT SENSITIVE');
    expect(lines).toContain(`country_of_citizenship,${country},6,1,3,4,66.67,50.00`);
    const pdf = await app.inject({ method: 'GET', url: `/api/status/report.pdf?fy=2024&asOf=${AOD}`, headers: analyst.headers });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await auditActions(analystName, 'status.report.export')).toBe(2);
  });

  it('ranks suspected violators by risk, each factor explained, and filters them', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/status/violators?asOf=${AOD}&country=${country}`, headers: analyst.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(5);
    const [first, second, third, ...rest] = body.violators;
    expect(first).toMatchObject({ rank: 1, entityId: w.critical.entityId, score: 85, level: 'CRITICAL', overstayDays: 732, barTier: 'TEN_YEAR' });
    expect(first.factors.map((f: { code: string }) => f.code)).toEqual(['OVERSTAY', 'BAR_TIER', 'ENFORCEMENT_HISTORY']);
    // No purpose stated: the points, not the history (risk-need-to-know.int.test.ts has both cases).
    expect(first.factors[2]).toMatchObject({ points: 35, withheld: true });
    expect(second).toMatchObject({ rank: 2, entityId: w.high.entityId, score: 60, level: 'HIGH', classesOfAdmission: ['B2'] });
    expect(second.factors.map((f: { code: string }) => f.code)).toEqual(['OVERSTAY', 'BAR_TIER', 'VISA_REVOKED', 'LOOKOUTS']);
    // 92 days in the country: the 31-day band.
    expect(third).toMatchObject({ rank: 3, entityId: w.changes.entityId, score: 10, level: 'LOW' });
    expect(rest.map((v: { entityId: string }) => v.entityId).sort()).toEqual([w.low.entityId, w.late.entityId].sort());
    expect(rest.every((v: { level: string; score: number }) => v.level === 'LOW' && v.score === 5)).toBe(true);
    expect(first.name).toBe(`Test Traveller ${w.critical.passportNumber}`);

    const high = await app.inject({ method: 'GET', url: `/api/status/violators?asOf=${AOD}&country=${country}&level=HIGH,CRITICAL&class=b-2`, headers: analyst.headers });
    expect(high.json().violators.map((v: { entityId: string }) => v.entityId)).toEqual([w.critical.entityId, w.high.entityId]);
    const page = await app.inject({ method: 'GET', url: `/api/status/violators?asOf=${AOD}&country=${country}&limit=1&offset=1`, headers: analyst.headers });
    expect(page.json()).toMatchObject({ total: 5, violators: [{ rank: 2, entityId: w.high.entityId }] });
    // By violation type: only the traveller who left late overstayed out of the country.
    const out = await app.inject({ method: 'GET', url: `/api/status/violators?asOf=${AOD}&country=${country}&violation=OUT_OF_COUNTRY_OVERSTAY`, headers: analyst.headers });
    expect(out.json()).toMatchObject({ total: 1, violators: [{ entityId: w.late.entityId, violations: ['OUT_OF_COUNTRY_OVERSTAY'] }] });
    const either = await app.inject({ method: 'GET', url: `/api/status/violators?asOf=${AOD}&country=${country}&violation=OUT_OF_COUNTRY_OVERSTAY,SUSPECTED_IN_COUNTRY_OVERSTAY&level=LOW`, headers: analyst.headers });
    expect(either.json().violators.map((v: { entityId: string }) => v.entityId).sort()).toEqual([w.changes.entityId, w.low.entityId, w.late.entityId].sort());
    const wrong = await app.inject({ method: 'GET', url: `/api/status/violators?violation=NOT_A_CLASS`, headers: analyst.headers });
    expect(wrong.statusCode).toBe(400);
    expect(await auditActions(analystName, 'status.violators.search')).toBe(5);
  });

  it("shows a person's admissions with the rules in words, and flags records that arrived after the run", async () => {
    const url = `/api/persons/${w.high.entityId}/status?asOf=${AOD}`;
    const res = await app.inject({ method: 'GET', url, headers: analyst.headers });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ entityId: w.high.entityId, asOf: AOD, risk: { level: 'HIGH', score: 60 } });
    expect(body.admissions).toHaveLength(1);
    const a = body.admissions[0];
    expect(a).toMatchObject({ class: 'SUSPECTED_IN_COUNTRY_OVERSTAY', aed: '2024-03-01', overstayDays: 214, changedSinceRun: false, stored: { class: 'SUSPECTED_IN_COUNTRY_OVERSTAY' } });
    expect(a.admissionRecord).toMatch(/^adis-arrivals /);
    expect(a.rules.map((r: { text: string }) => r.text).join(' ')).toMatch(/2024-03-01/);

    await addRecords(database, w.changes, { departures: [dep('2024-08-01')] });
    const after = await app.inject({ method: 'GET', url: `/api/persons/${w.changes.entityId}/status?asOf=${AOD}`, headers: analyst.headers });
    expect(after.json().admissions[0]).toMatchObject({
      class: 'OUT_OF_COUNTRY_OVERSTAY',
      overstayDays: 31,
      changedSinceRun: true,
      stored: { class: 'SUSPECTED_IN_COUNTRY_OVERSTAY', overstayDays: 92 },
      departureRecord: expect.stringMatching(/^adis-departures /),
    });
    expect(after.json().admissions[0].rules.map((r: { text: string }) => r.text).join(' ')).toMatch(/Departure adis-departures \S+ on 2024-08-01/);

    const missing = await app.inject({ method: 'GET', url: '/api/persons/00000000-0000-4000-8000-000000000000/status', headers: analyst.headers });
    expect(missing.statusCode).toBe(404);
    expect(await auditActions(analystName, 'status.person.read')).toBe(2);
  });

  it('refuses those who may not read or run, and says how to make a missing run', async () => {
    const agent = await signIn(app, (await makeUser(database, ['field_agent'])).username);
    expect((await app.inject({ method: 'GET', url: '/api/status/report?fy=2024', headers: agent.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/status/violators', headers: agent.headers })).statusCode).toBe(403);
    const privacy = await signIn(app, (await makeUser(database, ['privacy_officer'])).username);
    expect((await app.inject({ method: 'GET', url: `/api/status/report?fy=2024&asOf=${AOD}`, headers: privacy.headers })).statusCode).toBe(200);
    const run = await app.inject({ method: 'POST', url: '/api/status/runs', headers: privacy.headers, payload: { asOf: AOD } });
    expect(run.statusCode).toBe(403);
    expect(run.json().error.message).toMatch(/analyst, supervisor/);
    expect((await app.inject({ method: 'GET', url: '/api/status/runs' })).statusCode).toBe(401);
    const none = await app.inject({ method: 'GET', url: '/api/status/report?fy=1999', headers: analyst.headers });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toMatch(/leadtrac assess --as-of 1999-10-01/);
    const bad = await app.inject({ method: 'POST', url: '/api/status/runs', headers: analyst.headers, payload: { asOf: '2024-13-01' } });
    expect(bad.statusCode).toBe(400);
  });

  it('exports the contract columns first, flags joined by |', async () => {
    let text = '';
    const r = await exportAssessments(database, systemContext('test', ['analyst']), { format: 'csv', asOf: AOD, write: async (c) => void (text += c) });
    const lines = text.trimEnd().split('\n');
    expect(lines[0]!.split(',').slice(0, 8)).toEqual([...EXPORT_CONTRACT_COLUMNS]);
    expect(lines).toHaveLength(r.rows + 1);
    const row = lines.find((l) => l.startsWith(`${w.critical.admissionNumbers[0]},`))!;
    expect(row.split(',').slice(0, 8)).toEqual([w.critical.admissionNumbers[0], w.critical.entityId, 'SUSPECTED_IN_COUNTRY_OVERSTAY', '2022-09-30', '732', '732', 'TEN_YEAR', 'VISA_VOID_222G']);
    const wt = lines.find((l) => l.startsWith(`${w.wt.admissionNumbers[0]},`))!;
    expect(wt.split(',')[2]).toBe('COMPLIANT_DEPARTURE');
    expect(await auditActions('system', 'status.export')).toBeGreaterThanOrEqual(2);
  });
});
