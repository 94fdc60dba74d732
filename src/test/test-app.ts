import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../config';
import type { Database } from '../db/database';
import { buildApp, type AppOptions } from '../http/app';
import { createUser, type Role } from '../modules/auth';
import { systemContext } from '../shared/context';
import { uniqueName } from './test-db';

export const TEST_PASSWORD = 'Test-password-42!';

export async function buildTestApp(database: Database, overrides: Partial<Config> = {}, options: Pick<AppOptions, 'searchIndexer'> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' }, { webDistDir: '/nonexistent', ...overrides });
  return buildApp({ config, database, ...options });
}

/** Create a user with the given roles; returns its username and id. */
export async function makeUser(
  database: Database,
  roles: Role[],
  extra: { fieldOffice?: string } = {},
): Promise<{ username: string; id: string }> {
  const username = uniqueName(roles[0] ?? 'user');
  const u = await createUser(database, systemContext('test'), {
    username,
    displayName: `Test ${username}`,
    roles,
    password: TEST_PASSWORD,
    fieldOffice: extra.fieldOffice ?? null,
  });
  return { username, id: u.id };
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

/** Sign in through the API and return what later requests must send. */
export async function signIn(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'lt_session');
  if (!setCookie) throw new Error('no session cookie');
  const cookie = `lt_session=${setCookie.value}`;
  const csrf = res.json<{ csrfToken: string }>().csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}
