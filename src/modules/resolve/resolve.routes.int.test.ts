import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { systemContext } from '../../shared/context';
import { buildTestApp, makeUser, signIn, type Session } from '../../test/test-app';
import { plant, uniqueSurname } from './planted';
import { runResolve } from './resolve.service';
import type { ReviewItemView } from './resolve.schema';
import { entityOf, loadSplitWorld, openPrivateDatabase, recordIdOf } from './test-support';

let database: Database;
let drop: () => Promise<void>;
let app: FastifyInstance;
let dir: string;
let analyst: Session;
let analystName: string;

beforeAll(async () => {
  ({ database, drop } = await openPrivateDatabase());
  ({ dir } = await loadSplitWorld(database, 80, 5, 1));
  await runResolve(database, systemContext('test', ['records_officer']));
  app = await buildTestApp(database);
  const u = await makeUser(database, ['analyst']);
  analystName = u.username;
  analyst = await signIn(app, u.username);
});
afterAll(async () => {
  await app.close();
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function as(roles: Parameters<typeof makeUser>[1]): Promise<Session> {
  const u = await makeUser(database, roles);
  return signIn(app, u.username);
}

describe('resolution API', () => {
  it('lists review pairs with both records and an explanation in words, and audits the read', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/resolve/review?limit=5', headers: analyst.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: ReviewItemView[]; total: number }>();
    expect(body.total).toBeGreaterThan(0);
    const item = body.items[0]!;
    expect(item.a.source).toBeTruthy();
    expect(item.explanation.contributions.length).toBeGreaterThan(0);
    expect(item.explanation.summary).toMatch(/^Match weight -?\d/);
    expect(Object.keys(item.a)).not.toContain('ssn');
    const audited = await database.transaction((tx) =>
      tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'resolve.review.list' AND actor_username = $1`, [analystName]),
    );
    expect(audited[0]?.n).toBe(1);
  });

  it('queues one item per pair of persons, counting the pairs of records in review between them', async () => {
    type List = { items: ReviewItemView[]; total: number; more: boolean };
    const get = async (query: string) => {
      const res = await app.inject({ method: 'GET', url: `/api/resolve/review?${query}`, headers: analyst.headers });
      expect(res.statusCode).toBe(200);
      return res.json<List>();
    };
    const pairs = await get('limit=200');
    expect(pairs.total).toBeLessThanOrEqual(200); // the checks below read the whole queue
    expect(pairs.more).toBe(false);
    const key = (i: ReviewItemView) => [i.a.entityId, i.b.entityId].sort().join('|');
    const keys = pairs.items.map(key);
    expect(new Set(keys).size).toBe(keys.length);
    // Persons of several records: an item stands for every pair of their records in review.
    expect(pairs.items.every((i) => i.pairsBetween! >= 1)).toBe(true);
    expect(pairs.items.some((i) => i.pairsBetween! > 1)).toBe(true);
    // Folded by persons, the queue is the same: there is nothing left to fold.
    const persons = await get('by=persons&limit=200');
    expect(persons.items.map((i) => i.id)).toEqual(pairs.items.map((i) => i.id));
    expect(persons.items.map((i) => i.pairsBetween)).toEqual(pairs.items.map((i) => i.pairsBetween));
    expect(persons.total).toBe(pairs.total);
    // Pages of persons follow one another without repeating.
    const first = await get('by=persons&limit=2');
    const second = await get('by=persons&limit=2&offset=2');
    expect(first.more).toBe(true);
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(persons.items.slice(0, 4).map((i) => i.id));

    const conflicts = await get('reason=conflict&limit=200');
    expect(conflicts.items.every((i) => i.reason === 'conflict')).toBe(true);
    expect(conflicts.total).toBe(pairs.items.filter((i) => i.reason === 'conflict').length);
    const refused = await app.inject({ method: 'GET', url: '/api/resolve/review?status=decided&by=persons', headers: analyst.headers });
    expect(refused.statusCode).toBe(400);
  });

  it('explains any two records field by field', async () => {
    const fam = uniqueSurname('Exp');
    const [x, y] = (await plant(database, dir, 'commercial', [
      { given_name: 'Wilhelmina', family_name: fam, birth_date: '1961-09-09', city: 'Denver', state: 'CO', ssn: '912-44-0387' },
      { given_name: 'Mina', family_name: fam, birth_date: '1961-09-09', city: 'Denver', state: 'CO' },
    ])) as [string, string];
    await runResolve(database, systemContext('test', ['records_officer']));
    const a = await recordIdOf(database, 'commercial', x);
    const b = await recordIdOf(database, 'commercial', y);
    const res = await app.inject({ method: 'GET', url: `/api/resolve/explain?a=${a}&b=${b}`, headers: analyst.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ a: { ssnLast4: string | null }; explanation: { contributions: { field: string; text: string }[]; summary: string } }>();
    expect(body.a.ssnLast4).toBe('0387');
    expect(res.body).not.toContain('912-44');
    const surname = body.explanation.contributions.find((c) => c.field === 'family_name');
    expect(surname?.text).toMatch(/^surname: .*[+-]\d+\.\d$/);
    expect(body.explanation.summary.split('\n').length).toBeGreaterThan(3);
    const bad = await app.inject({ method: 'GET', url: `/api/resolve/explain?a=${a}&b=x`, headers: analyst.headers });
    expect(bad.statusCode).toBe(400);
  });

  it('confirms a pair over HTTP, lists the decision, and undoes it', async () => {
    const list = (await app.inject({ method: 'GET', url: '/api/resolve/review?limit=50', headers: analyst.headers })).json<{ items: ReviewItemView[] }>();
    const item = list.items.find((i) => i.a.entityId !== i.b.entityId)!;
    const noReason = await app.inject({ method: 'POST', url: `/api/resolve/review/${item.id}`, headers: analyst.headers, payload: { decision: 'confirm', reason: '' } });
    expect(noReason.statusCode).toBe(400);
    const ok = await app.inject({ method: 'POST', url: `/api/resolve/review/${item.id}`, headers: analyst.headers, payload: { decision: 'confirm', reason: 'same travel history' } });
    expect(ok.statusCode).toBe(200);
    const out = ok.json<{ decision: { id: string; kind: string; decidedBy: string; together: string[][] }; entities: string[] }>();
    expect(out.decision).toMatchObject({ kind: 'confirm', decidedBy: analystName });
    expect(out.decision.together[0]).toEqual(expect.arrayContaining([item.a.ref, item.b.ref]));
    expect(out.entities).toHaveLength(1);
    const log = (await app.inject({ method: 'GET', url: '/api/resolve/decisions', headers: analyst.headers })).json<{ decisions: { id: string; reason: string }[] }>();
    expect(log.decisions[0]).toMatchObject({ id: out.decision.id, reason: 'same travel history' });
    const undo = await app.inject({ method: 'POST', url: `/api/resolve/decisions/${out.decision.id}/undo`, headers: analyst.headers, payload: { reason: 'wrong pair' } });
    expect(undo.statusCode).toBe(200);
    expect(undo.json<{ decision: { undoneBy: string } }>().decision.undoneBy).toBe(analystName);
    expect(undo.json<{ entities: string[] }>().entities.sort()).toEqual([item.a.entityId, item.b.entityId].sort());
  });

  it('merges and splits entities over HTTP', async () => {
    const fam = uniqueSurname('Htp');
    const [x, y] = (await plant(database, dir, 'commercial', [
      { given_name: 'Ansel', family_name: fam, birth_date: '1955-05-05', city: 'Reno', state: 'NV' },
      { given_name: 'Brunhild', family_name: uniqueSurname('Oth'), birth_date: '1944-04-04', city: 'Elko', state: 'NV' },
    ])) as [string, string];
    await runResolve(database, systemContext('test', ['records_officer']));
    const ex = (await entityOf(database, 'commercial', x))!;
    const ey = (await entityOf(database, 'commercial', y))!;
    const merged = await app.inject({ method: 'POST', url: '/api/entities/merge', headers: analyst.headers, payload: { entityIds: [ex, ey], reason: 'alias' } });
    expect(merged.statusCode).toBe(200);
    expect(await entityOf(database, 'commercial', y)).toBe(ex);
    const mergeId = merged.json<{ decision: { id: string } }>().decision.id;
    const refused = await app.inject({ method: 'POST', url: `/api/entities/${ex}/split`, headers: analyst.headers, payload: { records: [await recordIdOf(database, 'commercial', y)], reason: 'not an alias' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('DECISION_CONFLICT');
    await app.inject({ method: 'POST', url: `/api/resolve/decisions/${mergeId}/undo`, headers: analyst.headers, payload: { reason: 'not an alias' } });
    expect(await entityOf(database, 'commercial', y)).toBe(ey);
  });

  it('lets privacy officers read but not decide, and refuses roles without access (audited)', async () => {
    const privacy = await as(['privacy_officer']);
    expect((await app.inject({ method: 'GET', url: '/api/resolve/review', headers: privacy.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/resolve/decisions', headers: privacy.headers })).statusCode).toBe(200);
    const post = await app.inject({ method: 'POST', url: '/api/resolve/review/1', headers: privacy.headers, payload: { decision: 'reject', reason: 'not allowed' } });
    expect(post.statusCode).toBe(403);
    const auditor = await as(['auditor']);
    expect((await app.inject({ method: 'GET', url: '/api/resolve/review', headers: auditor.headers })).statusCode).toBe(403);
    const agent = await as(['field_agent']);
    const merge = await app.inject({
      method: 'POST', url: '/api/entities/merge', headers: agent.headers,
      payload: { entityIds: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'], reason: 'x'.repeat(5) },
    });
    expect(merge.statusCode).toBe(403);
    const denied = await database.transaction((tx) =>
      tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND details->>'route' LIKE '/api/%resolve%' OR (action = 'access.denied' AND details->>'route' = '/api/entities/merge')`),
    );
    expect(denied[0]?.n).toBeGreaterThanOrEqual(3);
  });
});
