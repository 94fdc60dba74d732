import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { SESSION_COOKIE } from '../../http/request-context';
import { errorResponses } from '../../shared/http-schema';
import { AppError } from '../../shared/errors';
import { AUTH_POLICY } from './auth.policy';
import { login, logout } from './auth.service';
import {
  AdminUserSchema,
  CreateUserBody,
  IssueTokenBody,
  LoginBody,
  PasswordBody,
  SessionResponse,
  UpdateUserBody,
  UserIdParams,
} from './auth.schema';
import { createUser, issueApiToken, listUsers, resetPassword, updateUser } from './users.service';

export function authRoutes(app: FastifyInstance, deps: { database: Database; config: Config }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = deps;

  r.post('/api/auth/login', {
    config: { access: { auth: 'public' } },
    schema: { tags: ['auth'], summary: 'Sign in; sets the session cookie', body: LoginBody, response: { 200: SessionResponse, ...errorResponses } },
  }, async (request, reply) => {
    const result = await login(deps, request.ctxOrAnonymous() as never, {
      ...request.body,
      userAgent: request.headers['user-agent'] ?? null,
    });
    reply.setCookie(SESSION_COOKIE, result.sessionToken, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: config.cookieSecure ?? request.protocol === 'https',
      expires: result.expiresAt,
    });
    return { user: result.user, csrfToken: result.csrfToken };
  });

  r.get('/api/auth/me', {
    config: { access: { auth: 'public' } },
    schema: { tags: ['auth'], summary: 'The signed-in user, roles and CSRF token', response: { 200: SessionResponse, ...errorResponses } },
  }, async (request) => {
    if (!request.auth?.csrfToken) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
    return { user: request.auth.user, csrfToken: request.auth.csrfToken };
  });

  r.post('/api/auth/logout', {
    config: { access: { auth: 'user' } },
    schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    if (request.auth?.sessionTokenHash) await logout(deps, request.ctx(), request.auth.sessionTokenHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  const manage = { access: { auth: 'user', permission: AUTH_POLICY['users.manage'] } } as const;

  r.get('/api/users', {
    config: manage,
    schema: { tags: ['users'], summary: 'List user accounts', response: { 200: z.object({ users: z.array(AdminUserSchema) }), ...errorResponses } },
  }, async (request) => ({ users: await listUsers(database, request.ctx()) }));

  r.post('/api/users', {
    config: manage,
    schema: { tags: ['users'], summary: 'Create a user', body: CreateUserBody, response: { 201: z.object({ user: AdminUserSchema }), ...errorResponses } },
  }, async (request, reply) => {
    const user = await createUser(database, request.ctx(), request.body);
    return reply.status(201).send({ user });
  });

  r.patch('/api/users/:id', {
    config: manage,
    schema: { tags: ['users'], summary: 'Change roles, name, field office; disable or enable', params: UserIdParams, body: UpdateUserBody, response: { 200: z.object({ user: AdminUserSchema }), ...errorResponses } },
  }, async (request) => ({ user: await updateUser(database, request.ctx(), request.params.id, request.body) }));

  r.post('/api/users/:id/password', {
    config: manage,
    schema: { tags: ['users'], summary: "Reset a user's password", params: UserIdParams, body: PasswordBody, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await resetPassword(database, request.ctx(), request.params.id, request.body.password);
    return reply.status(204).send(null);
  });

  r.post('/api/users/:id/tokens', {
    config: { access: { auth: 'user', permission: AUTH_POLICY['tokens.manage'] } },
    schema: { tags: ['users'], summary: 'Issue an API token (shown once)', params: UserIdParams, body: IssueTokenBody, response: { 201: z.object({ id: z.string(), token: z.string() }), ...errorResponses } },
  }, async (request, reply) => {
    const t = await issueApiToken(database, request.ctx(), {
      userId: request.params.id,
      name: request.body.name,
      expiresAt: request.body.expiresAt ? new Date(request.body.expiresAt) : null,
    });
    return reply.status(201).send(t);
  });
}
