import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { buildTestApp, makeUser, signIn, TEST_PASSWORD } from '../../test/test-app';
import { openTestDatabase, uniqueName } from '../../test/test-db';

let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database, { loginMaxFailures: 3, loginLockoutMinutes: 15, sessionIdleMinutes: 30 });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function auditRows(action: string, username: string) {
  return database.db
    .selectFrom('audit_log')
    .select(['action', 'outcome', 'details', 'actor_username'])
    .where('action', '=', action)
    .where('actor_username', '=', username)
    .execute();
}

describe('sign-in', () => {
  it('signs in, sets an http-only same-site cookie, and returns the user, roles and CSRF token', async () => {
    const u = await makeUser(database, ['analyst']);
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ username: u.username, roles: ['analyst'], permissions: ['search', 'leads', 'status', 'orgs', 'imports'] });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = res.cookies.find((c) => c.name === 'lt_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await auditRows('auth.login', u.username)).toEqual([expect.objectContaining({ outcome: 'success' })]);
  });

  it('refuses a wrong password and an unknown user with the same message, and audits both', async () => {
    const u = await makeUser(database, ['analyst']);
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'nope' } });
    const ghostName = uniqueName('ghost');
    const ghost = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: ghostName, password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(ghost.statusCode).toBe(401);
    expect(wrong.json().error).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Wrong username or password.' });
    expect(ghost.json().error).toEqual(wrong.json().error);
    expect(await auditRows('auth.login', u.username)).toEqual([expect.objectContaining({ outcome: 'failure' })]);
    expect(await auditRows('auth.login', ghostName)).toEqual([expect.objectContaining({ outcome: 'failure' })]);
  });

  it('locks the account after repeated failures, even against the right password', async () => {
    const u = await makeUser(database, ['analyst']);
    for (let i = 0; i < 3; i++) {
      await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: 'wrong' } });
    }
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('ACCOUNT_LOCKED');
  });

  it('refuses a disabled user and ends their open sessions', async () => {
    const admin = await makeUser(database, ['admin']);
    const u = await makeUser(database, ['analyst']);
    const userSession = await signIn(app, u.username);
    const adminSession = await signIn(app, admin.username);
    const dis = await app.inject({ method: 'PATCH', url: `/api/users/${u.id}`, headers: adminSession.headers, payload: { disabled: true } });
    expect(dis.statusCode).toBe(200);
    expect(dis.json().user.disabled).toBe(true);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: userSession.cookie } });
    expect(me.statusCode).toBe(401);
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u.username, password: TEST_PASSWORD } });
    expect(res.json().error.code).toBe('ACCOUNT_DISABLED');
  });
});

describe('sessions', () => {
  it('answers /api/auth/me for a session and 401 after sign-out', async () => {
    const u = await makeUser(database, ['auditor']);
    const s = await signIn(app, u.username);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(me.json()).toMatchObject({ user: { username: u.username, permissions: ['audit'] }, csrfToken: s.csrf });
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
    expect(await auditRows('auth.logout', u.username)).toHaveLength(1);
  });

  it('refuses an expired session with SESSION_EXPIRED', async () => {
    const u = await makeUser(database, ['admin']);
    const s = await signIn(app, u.username);
    await database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', u.id).execute();
    const res = await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('refuses a session idle for longer than the idle limit', async () => {
    const u = await makeUser(database, ['admin']);
    const s = await signIn(app, u.username);
    await database.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).where('user_id', '=', u.id).execute();
    const res = await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: s.cookie } });
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('refuses a request with no session at all', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/users' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the token, or with a forged one, and audits it', async () => {
    const admin = await makeUser(database, ['admin']);
    const s = await signIn(app, admin.username);
    const body = { username: uniqueName('csrf'), displayName: 'X', roles: ['analyst'], password: TEST_PASSWORD };
    const missing = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: s.cookie }, payload: body });
    const forged = await app.inject({ method: 'POST', url: '/api/users', headers: { cookie: s.cookie, 'x-csrf-token': 'forged' }, payload: body });
    expect(missing.statusCode).toBe(403);
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CSRF_INVALID');
    const denied = await auditRows('access.denied', admin.username);
    expect(denied.length).toBe(2);
    const ok = await app.inject({ method: 'POST', url: '/api/users', headers: s.headers, payload: body });
    expect(ok.statusCode).toBe(201);
  });
});

describe('admin routes', () => {
  it('refuses an analyst with 403, names the needed role, and audits the refusal', async () => {
    const u = await makeUser(database, ['analyst']);
    const s = await signIn(app, u.username);
    const res = await app.inject({ method: 'GET', url: '/api/users', headers: s.headers });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('admin') });
    const denied = await auditRows('access.denied', u.username);
    expect(denied).toEqual([expect.objectContaining({ outcome: 'denied' })]);
  });

  it('lets an admin create a user, change roles, reset the password; the new password works', async () => {
    const admin = await makeUser(database, ['admin']);
    const s = await signIn(app, admin.username);
    const username = uniqueName('new');
    const created = await app.inject({ method: 'POST', url: '/api/users', headers: s.headers, payload: { username, displayName: 'New Person', roles: ['analyst'], password: TEST_PASSWORD, fieldOffice: 'BOS' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().user.id as string;
    const dup = await app.inject({ method: 'POST', url: '/api/users', headers: s.headers, payload: { username, displayName: 'Again', roles: ['analyst'], password: TEST_PASSWORD } });
    expect(dup.json().error.code).toBe('USERNAME_TAKEN');
    const changed = await app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: s.headers, payload: { roles: ['supervisor', 'analyst'] } });
    expect(changed.json().user.roles).toEqual(['analyst', 'supervisor']);
    const weak = await app.inject({ method: 'POST', url: `/api/users/${id}/password`, headers: s.headers, payload: { password: 'short' } });
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    const reset = await app.inject({ method: 'POST', url: `/api/users/${id}/password`, headers: s.headers, payload: { password: 'Another-Pass-77' } });
    expect(reset.statusCode).toBe(204);
    await expect(signIn(app, username, 'Another-Pass-77')).resolves.toBeDefined();
    await expect(signIn(app, username)).rejects.toThrow(/401/);
  });

  it('issues API tokens that authenticate without a session or CSRF token', async () => {
    const admin = await makeUser(database, ['admin']);
    const s = await signIn(app, admin.username);
    const svc = await makeUser(database, ['auditor']);
    const issued = await app.inject({ method: 'POST', url: `/api/users/${svc.id}/tokens`, headers: s.headers, payload: { name: 'siem export' } });
    expect(issued.statusCode).toBe(201);
    const token = issued.json().token as string;
    const stored = await database.db.selectFrom('api_tokens').select('token_hash').where('user_id', '=', svc.id).execute();
    expect(stored[0]?.token_hash).not.toContain(token);
    const ok = await app.inject({ method: 'GET', url: '/api/audit?limit=1', headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    const bad = await app.inject({ method: 'GET', url: '/api/audit?limit=1', headers: { authorization: 'Bearer ltk_forged' } });
    expect(bad.statusCode).toBe(401);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 and a readable message', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "a", ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' });
  });

  it('answers an oversized body with 413', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: 'x'.repeat(2 * 1024 * 1024) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers schema violations with 400 naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toContain('password');
  });

  it('treats SQL metacharacters in every text field as plain text', async () => {
    const nasty = `Robert'); DROP TABLE users; -- \\ " % _ $1 ;`;
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: nasty, password: nasty } });
    expect(login.statusCode).toBe(401);
    const admin = await makeUser(database, ['admin']);
    const s = await signIn(app, admin.username);
    const bad = await app.inject({ method: 'POST', url: '/api/users', headers: s.headers, payload: { username: nasty, displayName: nasty, roles: ['analyst'], password: TEST_PASSWORD } });
    expect(bad.statusCode).toBe(400);
    const username = uniqueName('sql');
    const ok = await app.inject({ method: 'POST', url: '/api/users', headers: s.headers, payload: { username, displayName: nasty, roles: ['analyst'], password: TEST_PASSWORD, fieldOffice: "NY'C" } });
    expect(ok.json().user.displayName).toBe(nasty);
    const audit = await app.inject({ method: 'GET', url: `/api/audit?actor=${encodeURIComponent("%' OR 1=1 --")}&action=${encodeURIComponent("x'%")}`, headers: s.headers });
    expect(audit.statusCode).toBe(200);
    expect(audit.json().events).toEqual([]);
    const count = await database.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(0);
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('never echoes internals on a 500', async () => {
    const broken = await buildTestApp(database);
    broken.get('/api/boom', { config: { access: { auth: 'public' } } }, async () => {
      throw new Error('secret connection string postgres://x');
    });
    const res = await broken.inject({ method: 'GET', url: '/api/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
    expect(res.json().error.code).toBe('INTERNAL');
    await broken.close();
  });
});

describe('platform', () => {
  it('answers health with the database kind and the classification header', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: database.kind });
    expect(res.headers['x-classification']).toBe('UNCLASSIFIED // LAW ENFORCEMENT SENSITIVE');
  });

  it('serves the OpenAPI document generated from the route schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/users', '/api/audit']));
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
  });

  it('refuses to register an API route that declares no access rule', async () => {
    const fresh = await buildTestApp(database);
    expect(() => fresh.get('/api/undeclared', async () => 'x')).toThrow(/declares no access rule/);
    await fresh.close();
  });
});
