import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticateSession, authenticateToken, type Authenticated, type AuthDeps } from '../modules/auth';
import { authorize } from '../modules/auth/policy';
import type { AnonymousContext, RequestContext } from '../shared/context';
import { AppError } from '../shared/errors';
import './access';

export const SESSION_COOKIE = 'lt_session';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
    /** The context every service call takes; refuses when nobody is signed in. */
    ctx(): RequestContext;
    ctxOrAnonymous(): RequestContext | AnonymousContext;
  }
}

function purposeOf(request: FastifyRequest): string | null {
  const h = request.headers['x-purpose'];
  const v = Array.isArray(h) ? h[0] : h;
  return v && v.trim() ? v.trim().slice(0, 500) : null;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerRequestContext(app: FastifyInstance, deps: AuthDeps): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('ctx', function (this: FastifyRequest): RequestContext {
    if (!this.auth) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
    return { actor: this.auth.actor, requestId: this.id, clientIp: this.ip, purpose: purposeOf(this) };
  });
  app.decorateRequest('ctxOrAnonymous', function (this: FastifyRequest) {
    return this.auth
      ? this.ctx()
      : ({ actor: null, requestId: this.id, clientIp: this.ip, purpose: null } satisfies AnonymousContext);
  });

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && !route.config?.access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule (config.access).`);
    }
  });

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = request.cookies[SESSION_COOKIE];
    if (access.auth === 'public') {
      // Public routes still learn who is asking when they can (e.g. /api/auth/me answers 401 itself).
      if (cookie) request.auth = await authenticateSession(deps, cookie).catch(() => null);
      return;
    }
    if (bearer) request.auth = await authenticateToken(deps, bearer);
    else if (cookie) request.auth = await authenticateSession(deps, cookie);
    else throw new AppError('UNAUTHENTICATED', 'Sign in first.');

    if (STATE_CHANGING.has(request.method) && request.auth.csrfToken !== null) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, request.auth.csrfToken)) {
        throw new AppError('CSRF_INVALID', 'The request is missing its CSRF token (header x-csrf-token) or the token is wrong.');
      }
    }
    if (access.permission) authorize(request.ctx(), access.permission);
  });
}
