import type { Config } from '../../config';
import type { Database } from '../../db/database';
import type { Actor, AnonymousContext, RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { audit, auditAlone } from '../audit';
import * as repo from './auth.repo';
import { dummyPasswordHash, randomToken, tokenHash, verifyPassword } from './password';
import { areasOf, type Area, type Role } from './roles';

export interface AuthDeps {
  database: Database;
  config: Config;
}

export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  fieldOffice: string | null;
  permissions: Area[];
}

export function presentUser(u: repo.UserRow): PublicUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    fieldOffice: u.fieldOffice,
    permissions: areasOf(u.roles),
  };
}

export interface LoginResult {
  user: PublicUser;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
}

const GENERIC_FAILURE = 'Wrong username or password.';

/**
 * Sign in. Every attempt is audited, successful or not. Failures in a row lock the account for a
 * while; an unknown username costs the same time as a wrong password.
 */
export async function login(
  deps: AuthDeps,
  ctx: AnonymousContext,
  input: { username: string; password: string; userAgent: string | null },
): Promise<LoginResult> {
  const { database, config } = deps;
  const user = await repo.findUserByUsername(database.db, input.username);
  const fail = async (code: 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED' | 'ACCOUNT_DISABLED', message: string, reason: string) => {
    await auditAlone(database, ctx, {
      action: 'auth.login',
      outcome: 'failure',
      subjectType: user ? 'user' : null,
      subjectIds: user ? [user.id] : [],
      details: { username: input.username, reason },
    });
    throw new AppError(code, message);
  };
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    return fail('INVALID_CREDENTIALS', GENERIC_FAILURE, 'unknown user');
  }
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    return fail(
      'ACCOUNT_LOCKED',
      `This account is locked after repeated failed sign-ins until ${user.lockedUntil.toISOString()}. Try again later or ask an administrator.`,
      'locked',
    );
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (!passwordOk) {
    const until = new Date(now.getTime() + config.loginLockoutMinutes * 60_000);
    const r = await repo.recordFailedLogin(database.db, user.id, { threshold: config.loginMaxFailures, until });
    return fail('INVALID_CREDENTIALS', GENERIC_FAILURE, `wrong password (${r.failedLogins} in a row)`);
  }
  if (user.disabledAt) {
    return fail('ACCOUNT_DISABLED', 'This account is disabled. Ask an administrator.', 'disabled');
  }
  if (user.isServiceAccount) {
    return fail('INVALID_CREDENTIALS', 'Service accounts sign in with an API token.', 'service account');
  }
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + config.sessionTtlMinutes * 60_000);
  await database.transaction(async (tx) => {
    await repo.recordSuccessfulLogin(tx.db, user.id);
    await repo.insertSession(tx.db, {
      tokenHash: tokenHash(sessionToken),
      userId: user.id,
      csrfToken,
      expiresAt,
      clientIp: ctx.clientIp,
      userAgent: input.userAgent,
    });
    await audit(tx, { ...ctx, actor: null }, {
      action: 'auth.login',
      subjectType: 'user',
      subjectIds: [user.id],
      details: { username: user.username },
    });
  });
  return { user: presentUser(user), sessionToken, csrfToken, expiresAt };
}

export interface Authenticated {
  actor: Actor;
  user: PublicUser;
  csrfToken: string | null;
  sessionTokenHash: string | null;
}

function actorOf(u: repo.UserRow, via: Actor['via']): Actor {
  return { userId: u.id, username: u.username, roles: u.roles, fieldOffice: u.fieldOffice, via };
}

/** Resolve a session cookie to the acting user, or say exactly why not. */
export async function authenticateSession(deps: AuthDeps, sessionToken: string): Promise<Authenticated> {
  const { database, config } = deps;
  const hash = tokenHash(sessionToken);
  const s = await repo.findSession(database.db, hash);
  if (!s || s.revokedAt) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  const now = Date.now();
  if (s.expiresAt.getTime() <= now || s.lastSeenAt.getTime() + config.sessionIdleMinutes * 60_000 <= now) {
    throw new AppError('SESSION_EXPIRED', 'Your session has expired. Sign in again.');
  }
  const u = await repo.findUserById(database.db, s.userId);
  if (!u || u.disabledAt) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled.');
  // Idle timeout needs last-seen; a write per minute at most keeps it cheap.
  if (now - s.lastSeenAt.getTime() > 60_000) await repo.touchSession(database.db, hash);
  return { actor: actorOf(u, 'session'), user: presentUser(u), csrfToken: s.csrfToken, sessionTokenHash: hash };
}

/** Resolve `Authorization: Bearer <token>` (service accounts). */
export async function authenticateToken(deps: AuthDeps, token: string): Promise<Authenticated> {
  const t = await repo.findApiToken(deps.database.db, tokenHash(token));
  if (!t || t.revokedAt || (t.expiresAt && t.expiresAt.getTime() <= Date.now())) {
    throw new AppError('UNAUTHENTICATED', 'The API token is not valid.');
  }
  const u = await repo.findUserById(deps.database.db, t.userId);
  if (!u || u.disabledAt) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled.');
  await repo.touchApiToken(deps.database.db, t.id);
  return { actor: actorOf(u, 'token'), user: presentUser(u), csrfToken: null, sessionTokenHash: null };
}

export async function logout(deps: AuthDeps, ctx: RequestContext, sessionTokenHash: string): Promise<void> {
  await deps.database.transaction(async (tx) => {
    await repo.revokeSession(tx.db, sessionTokenHash);
    await audit(tx, ctx, { action: 'auth.logout', subjectType: 'user', subjectIds: [ctx.actor.userId] });
  });
}
