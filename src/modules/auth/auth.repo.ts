import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { Role } from './roles';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  fieldOffice: string | null;
  isServiceAccount: boolean;
  disabledAt: Date | null;
  failedLogins: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  roles: Role[];
}

const userColumns = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.password_hash',
  'users.field_office',
  'users.is_service_account',
  'users.disabled_at',
  'users.failed_logins',
  'users.locked_until',
  'users.last_login_at',
  'users.created_at',
] as const;

function baseUserQuery(db: Kysely<DB>) {
  return db
    .selectFrom('users')
    .select(userColumns)
    .select(sql<string[]>`array(SELECT role FROM user_roles WHERE user_roles.user_id = users.id ORDER BY role)`.as('roles'));
}

type Raw = Awaited<ReturnType<ReturnType<typeof baseUserQuery>['executeTakeFirstOrThrow']>>;

function toUser(r: Raw): UserRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    fieldOffice: r.field_office,
    isServiceAccount: r.is_service_account,
    disabledAt: r.disabled_at,
    failedLogins: r.failed_logins,
    lockedUntil: r.locked_until,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
    roles: ((r.roles ?? []) as Role[]).slice().sort(),
  };
}

export async function findUserByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  const r = await baseUserQuery(db)
    .where((eb) => eb(eb.fn('lower', ['users.username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return r && toUser(r);
}

export async function findUserById(db: Kysely<DB>, id: string): Promise<UserRow | undefined> {
  const r = await baseUserQuery(db).where('users.id', '=', id).executeTakeFirst();
  return r && toUser(r);
}

export async function listUsers(db: Kysely<DB>): Promise<UserRow[]> {
  const rows = await baseUserQuery(db).orderBy('users.username').execute();
  return rows.map(toUser);
}

export async function insertUser(
  db: Kysely<DB>,
  u: { username: string; displayName: string; passwordHash: string; fieldOffice: string | null; isServiceAccount?: boolean },
): Promise<string> {
  const { id } = await db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: u.passwordHash,
      field_office: u.fieldOffice,
      is_service_account: u.isServiceAccount ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function setUserRoles(db: Kysely<DB>, userId: string, roles: readonly Role[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length) {
    await db
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
  }
}

export async function updateUserFields(
  db: Kysely<DB>,
  userId: string,
  f: { displayName?: string; fieldOffice?: string | null; disabledAt?: Date | null; passwordHash?: string },
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(f.displayName !== undefined && { display_name: f.displayName }),
      ...(f.fieldOffice !== undefined && { field_office: f.fieldOffice }),
      ...(f.disabledAt !== undefined && { disabled_at: f.disabledAt }),
      ...(f.passwordHash !== undefined && {
        password_hash: f.passwordHash,
        password_changed_at: new Date(),
        failed_logins: 0,
        locked_until: null,
      }),
      updated_at: new Date(),
    })
    .where('id', '=', userId)
    .execute();
}

export async function recordFailedLogin(
  db: Kysely<DB>,
  userId: string,
  lockUntilIfReached: { threshold: number; until: Date },
): Promise<{ failedLogins: number; lockedUntil: Date | null }> {
  const r = await db
    .updateTable('users')
    .set((eb) => ({
      failed_logins: eb('failed_logins', '+', 1),
      locked_until: eb
        .case()
        .when('failed_logins', '>=', lockUntilIfReached.threshold - 1)
        .then(lockUntilIfReached.until)
        .else(eb.ref('locked_until'))
        .end(),
    }))
    .where('id', '=', userId)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirstOrThrow();
  return { failedLogins: r.failed_logins, lockedUntil: r.locked_until };
}

export async function recordSuccessfulLogin(db: Kysely<DB>, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null, last_login_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

export interface SessionRow {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export async function insertSession(
  db: Kysely<DB>,
  s: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date; clientIp: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      expires_at: s.expiresAt,
      client_ip: s.clientIp,
      user_agent: s.userAgent,
    })
    .execute();
}

export async function findSession(db: Kysely<DB>, tokenHash: string): Promise<SessionRow | undefined> {
  const r = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return (
    r && {
      tokenHash: r.token_hash,
      userId: r.user_id,
      csrfToken: r.csrf_token,
      createdAt: r.created_at,
      lastSeenAt: r.last_seen_at,
      expiresAt: r.expires_at,
      revokedAt: r.revoked_at,
    }
  );
}

export async function touchSession(db: Kysely<DB>, tokenHash: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: new Date() }).where('token_hash', '=', tokenHash).execute();
}

export async function revokeSession(db: Kysely<DB>, tokenHash: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: new Date() }).where('token_hash', '=', tokenHash).execute();
}

export async function revokeUserSessions(db: Kysely<DB>, userId: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertApiToken(
  db: Kysely<DB>,
  t: { userId: string; name: string; tokenHash: string; expiresAt: Date | null },
): Promise<string> {
  const r = await db
    .insertInto('api_tokens')
    .values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash, expires_at: t.expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findApiToken(
  db: Kysely<DB>,
  tokenHash: string,
): Promise<{ id: string; userId: string; expiresAt: Date | null; revokedAt: Date | null } | undefined> {
  const r = await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return r && { id: r.id, userId: r.user_id, expiresAt: r.expires_at, revokedAt: r.revoked_at };
}

export async function touchApiToken(db: Kysely<DB>, id: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}
