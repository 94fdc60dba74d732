import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { buildTestApp, makeUser, signIn, type Session } from '../../test/test-app';
import { openTestDatabase } from '../../test/test-db';
import { appendAuditRows, type NewAuditRow } from './audit.repo';
import type { AuditAlert } from './alerts.schema';

/**
 * Alerts of unusual access, found in planted audit rows (appended through the chain, dated in a
 * past window no other test writes to): a burst of reads against a quiet baseline, a steady heavy
 * reader who is not unusual, field agents refused outside their office, repeated refused reads of
 * sensitive content, and bulk exports.
 */
let database: Database;
let app: FastifyInstance;
let auditor: Session;
let analystSession: Session;
// A random day in 2019 (after 30 days of baseline): repeated runs against one server rarely share it.
const DAY = new Date(Date.UTC(2019, 2, 1) + Math.floor(Math.random() * 250) * 86_400_000).toISOString().slice(0, 10);
const at = (daysBefore: number, hour = 12) => new Date(Date.parse(`${DAY}T00:00:00Z`) - daysBefore * 86_400_000 + hour * 3_600_000);
const users = {} as Record<'burst' | 'steady' | 'agent' | 'oldAgent' | 'refused' | 'onceRefused' | 'exporter', { id: string; username: string }>;

function row(u: { id: string; username: string }, when: Date, action: string, extra: Partial<NewAuditRow> = {}): NewAuditRow {
  return { occurredAt: when, actorId: u.id, actorUsername: u.username, action, outcome: 'success', purpose: null, requestId: randomUUID(), clientIp: '127.0.0.1', subjectType: 'person', subjectIds: [], details: {}, ...extra };
}

const reads = (u: { id: string; username: string }, when: Date, n: number) => Array.from({ length: n }, () => row(u, when, 'person.read', { subjectIds: [randomUUID()] }));
const denied = (u: { id: string; username: string }, code: string, details: Record<string, unknown> = {}) =>
  row(u, at(0, 15), 'access.denied', { outcome: 'denied', subjectType: null, details: { route: '/api/persons/:id', code, ...details } });

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  const made = await Promise.all([
    makeUser(database, ['analyst']),
    makeUser(database, ['analyst']),
    makeUser(database, ['field_agent'], { fieldOffice: 'NYC' }),
    makeUser(database, ['field_agent'], { fieldOffice: 'BOS' }),
    makeUser(database, ['analyst']),
    makeUser(database, ['analyst']),
    makeUser(database, ['analyst']),
  ]);
  (['burst', 'steady', 'agent', 'oldAgent', 'refused', 'onceRefused', 'exporter'] as const).forEach((k, i) => (users[k] = { id: made[i]!.id, username: made[i]!.username }));
  const planted: NewAuditRow[] = [];
  // burst: 2 subjects a day on 10 of the 30 days before, then 40 on the day (and the same subject read twice counts once).
  for (let d = 1; d <= 10; d++) planted.push(...reads(users.burst, at(d * 3), 2));
  const burst = reads(users.burst, at(0), 40);
  planted.push(...burst, row(users.burst, at(0, 13), 'lead.read', { subjectType: 'lead', subjectIds: [randomUUID(), burst[0]!.subjectIds[0]!] }));
  // steady: 30 a day every day; the day is no different.
  for (let d = 0; d <= 30; d++) planted.push(...reads(users.steady, at(d), 30));
  planted.push(denied(users.agent, 'FORBIDDEN', { roles: ['field_agent'], fieldOffice: 'NYC' }), denied(users.agent, 'FORBIDDEN', { roles: ['field_agent'], fieldOffice: 'NYC' }));
  // A refusal recorded before roles went into the row: the account's role decides.
  planted.push(denied(users.oldAgent, 'FORBIDDEN'));
  // Two refusals for want of a purpose, and a marked record read with its content withheld (recorded as denied).
  planted.push(denied(users.refused, 'PURPOSE_REQUIRED'), denied(users.refused, 'PURPOSE_REQUIRED'));
  planted.push(row(users.refused, at(0, 16), 'record.read', { outcome: 'denied', subjectType: 'record', subjectIds: ['123'], details: { markings: ['CDR'], withheldMarkings: ['CDR'] } }));
  // A denied read of something unmarked does not count as a sensitive refusal.
  planted.push(denied(users.refused, 'FORBIDDEN'));
  planted.push(denied(users.onceRefused, 'PURPOSE_REQUIRED'), denied(users.onceRefused, 'PURPOSE_REQUIRED'));
  planted.push(row(users.exporter, at(0, 9), 'entities.export', { subjectType: 'export', details: { format: 'csv', rows: 250_000 } }), row(users.exporter, at(0, 10), 'status.export', { subjectType: 'export', details: { format: 'csv', rows: 12 } }));
  await database.transaction((tx) => appendAuditRows(tx, planted));
  auditor = await signIn(app, (await makeUser(database, ['auditor'])).username);
  analystSession = await signIn(app, (await makeUser(database, ['analyst'])).username);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function alerts(query: string, s = auditor): Promise<AuditAlert[]> {
  const res = await app.inject({ method: 'GET', url: `/api/audit/alerts?from=${DAY}&to=${DAY}${query}`, headers: s.headers });
  expect(res.statusCode, res.body).toBe(200);
  const mine = new Set(Object.values(users).map((u) => u.username));
  return res.json<{ alerts: AuditAlert[] }>().alerts.filter((a) => mine.has(a.actor));
}

const of = (list: AuditAlert[], who: keyof typeof users) => list.filter((a) => a.actor === users[who].username).map((a) => a.kind).sort();

describe('audit alerts', () => {
  it('flags a day far above the user’s own 30-day baseline, not a steady heavy reader', async () => {
    const list = await alerts('&factor=3&floor=25');
    const burst = list.find((a) => a.actor === users.burst.username)!;
    expect(burst).toMatchObject({ kind: 'unusual_volume', day: DAY, count: 40, filter: { actor: users.burst.username, from: DAY, to: DAY } });
    expect(burst.reason).toContain('30-day daily average of 0.7');
    expect(of(list, 'steady')).toEqual([]);
    // The floor and the factor are the caller's to set.
    expect(of(await alerts('&factor=3&floor=50'), 'burst')).toEqual([]);
    // The steady reader read exactly their average: not above it, however low the floor.
    expect(of(await alerts('&factor=1&floor=0'), 'steady')).toEqual([]);
    expect(of(await alerts('&factor=1&floor=0'), 'burst')).toEqual(['unusual_volume']);
  });

  it('flags field agents refused outside their office, by the role in the row or else the account', async () => {
    const list = await alerts('');
    expect(list.find((a) => a.actor === users.agent.username)).toMatchObject({ kind: 'outside_office', severity: 'high', count: 2, filter: { action: 'access.denied' } });
    expect(of(list, 'oldAgent')).toEqual(['outside_office']);
  });

  it('flags repeated refused reads of sensitive or marked content at the threshold', async () => {
    const list = await alerts('&refusals=3');
    expect(list.find((a) => a.actor === users.refused.username)).toMatchObject({ kind: 'refused_sensitive', count: 3 });
    expect(of(list, 'onceRefused')).toEqual([]);
    expect(of(await alerts('&refusals=2'), 'onceRefused')).toEqual(['refused_sensitive']);
  });

  it('flags exports over the row threshold', async () => {
    const list = await alerts('&exportRows=1000');
    expect(list.filter((a) => a.actor === users.exporter.username)).toEqual([
      expect.objectContaining({ kind: 'bulk_export', count: 250_000, severity: 'high', filter: { actor: users.exporter.username, action: 'entities.export', from: DAY, to: DAY } }),
    ]);
  });

  it('is for auditors and privacy officers only, and is itself audited', async () => {
    const refused = await app.inject({ method: 'GET', url: `/api/audit/alerts?from=${DAY}&to=${DAY}`, headers: analystSession.headers });
    expect(refused.statusCode).toBe(403);
    const res = await app.inject({ method: 'GET', url: `/api/audit/alerts?from=${DAY}&to=${DAY}`, headers: auditor.headers });
    const [row] = await database.transaction((tx) => tx.query<{ action: string; details: { from: string } }>(`SELECT action, details FROM audit_log WHERE request_id = $1`, [res.headers['x-request-id']]));
    expect(row).toMatchObject({ action: 'audit.alerts', details: { from: DAY } });
    expect((await app.inject({ method: 'GET', url: `/api/audit/alerts?from=${DAY}&to=2018-01-01`, headers: auditor.headers })).statusCode).toBe(400);
  });
});

describe('audit extract', () => {
  it('exports the filtered events as CSV, marking first, and audits the export', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/audit/export.csv?actor=${users.refused.username}&from=${DAY}&to=${DAY}`, headers: auditor.headers });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="audit-extract-.*\.csv"/);
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe('UNCLASSIFIED // LAW ENFORCEMENT SENSITIVE');
    expect(lines[1]).toBe('seq,occurred_at,actor,action,outcome,purpose,request_id,client_ip,subject_type,subject_ids,details,hash');
    expect(lines.slice(2)).toHaveLength(4);
    expect(lines.slice(2).filter((l) => l.includes(`,${users.refused.username},access.denied,denied,`))).toHaveLength(3);
    const [row] = await database.transaction((tx) => tx.query<{ action: string; details: { rows: number; filter: { actor: string } } }>(`SELECT action, details FROM audit_log WHERE request_id = $1`, [res.headers['x-request-id']]));
    expect(row).toMatchObject({ action: 'audit.export', details: { rows: 4, filter: { actor: users.refused.username } } });
    const analyst = await app.inject({ method: 'GET', url: '/api/audit/export.csv', headers: analystSession.headers });
    expect(analyst.statusCode).toBe(403);
  });
});
