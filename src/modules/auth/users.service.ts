import type { Database } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { audit } from '../audit';
import * as repo from './auth.repo';
import { AUTH_POLICY } from './auth.policy';
import { presentUser, type PublicUser } from './auth.service';
import { checkPasswordStrength, hashPassword, randomToken, tokenHash } from './password';
import { authorize } from './policy';
import type { Role } from './roles';

export interface AdminUserView extends PublicUser {
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  isServiceAccount: boolean;
}

function presentAdmin(u: repo.UserRow): AdminUserView {
  return {
    ...presentUser(u),
    disabled: u.disabledAt !== null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    isServiceAccount: u.isServiceAccount,
  };
}

async function mustFind(database: Database, id: string): Promise<repo.UserRow> {
  const u = await repo.findUserById(database.db, id);
  if (!u) throw new AppError('NOT_FOUND', `No user with id ${id}.`);
  return u;
}

export async function listUsers(database: Database, ctx: RequestContext): Promise<AdminUserView[]> {
  authorize(ctx, AUTH_POLICY['users.manage']);
  return database.transaction(async (tx) => {
    const users = await repo.listUsers(tx.db);
    await audit(tx, ctx, { action: 'users.list', details: { returned: users.length } });
    return users.map(presentAdmin);
  });
}

export interface NewUser {
  username: string;
  displayName: string;
  roles: Role[];
  password: string;
  fieldOffice?: string | null | undefined;
  isServiceAccount?: boolean;
}

export async function createUser(database: Database, ctx: RequestContext, input: NewUser): Promise<AdminUserView> {
  authorize(ctx, AUTH_POLICY['users.manage']);
  checkPasswordStrength(input.password);
  const username = input.username.toLowerCase();
  if (await repo.findUserByUsername(database.db, username)) {
    throw new AppError('USERNAME_TAKEN', `The username "${username}" is taken.`);
  }
  const passwordHash = await hashPassword(input.password);
  const id = await database.transaction(async (tx) => {
    const newId = await repo.insertUser(tx.db, {
      username,
      displayName: input.displayName,
      passwordHash,
      fieldOffice: input.fieldOffice ?? null,
      isServiceAccount: input.isServiceAccount ?? false,
    });
    await repo.setUserRoles(tx.db, newId, input.roles);
    await audit(tx, ctx, {
      action: 'users.create',
      subjectType: 'user',
      subjectIds: [newId],
      details: { username, roles: input.roles, fieldOffice: input.fieldOffice ?? null },
    });
    return newId;
  });
  return presentAdmin(await mustFind(database, id));
}

export interface UserChanges {
  displayName?: string | undefined;
  roles?: Role[] | undefined;
  fieldOffice?: string | null | undefined;
  disabled?: boolean | undefined;
}

export async function updateUser(
  database: Database,
  ctx: RequestContext,
  id: string,
  changes: UserChanges,
): Promise<AdminUserView> {
  authorize(ctx, AUTH_POLICY['users.manage']);
  const before = await mustFind(database, id);
  if (id === ctx.actor.userId && (changes.disabled || (changes.roles && !changes.roles.includes('admin')))) {
    throw new AppError('CONFLICT', 'You cannot disable yourself or remove your own admin role.');
  }
  await database.transaction(async (tx) => {
    await repo.updateUserFields(tx.db, id, {
      ...(changes.displayName !== undefined && { displayName: changes.displayName }),
      ...(changes.fieldOffice !== undefined && { fieldOffice: changes.fieldOffice }),
      ...(changes.disabled !== undefined && { disabledAt: changes.disabled ? new Date() : null }),
    });
    if (changes.roles) await repo.setUserRoles(tx.db, id, changes.roles);
    if (changes.disabled) await repo.revokeUserSessions(tx.db, id);
    await audit(tx, ctx, {
      action: changes.disabled === true ? 'users.disable' : changes.disabled === false ? 'users.enable' : 'users.update',
      subjectType: 'user',
      subjectIds: [id],
      details: {
        username: before.username,
        before: { displayName: before.displayName, roles: before.roles, fieldOffice: before.fieldOffice, disabled: before.disabledAt !== null },
        changes,
      },
    });
  });
  return presentAdmin(await mustFind(database, id));
}

export async function resetPassword(database: Database, ctx: RequestContext, id: string, password: string): Promise<void> {
  authorize(ctx, AUTH_POLICY['users.manage']);
  checkPasswordStrength(password);
  const user = await mustFind(database, id);
  const passwordHash = await hashPassword(password);
  await database.transaction(async (tx) => {
    await repo.updateUserFields(tx.db, id, { passwordHash });
    await repo.revokeUserSessions(tx.db, id);
    await audit(tx, ctx, { action: 'users.reset_password', subjectType: 'user', subjectIds: [id], details: { username: user.username } });
  });
}

/** Issue an API token for a service account. The token is shown once; only its hash is kept. */
export async function issueApiToken(
  database: Database,
  ctx: RequestContext,
  input: { userId: string; name: string; expiresAt: Date | null },
): Promise<{ id: string; token: string }> {
  authorize(ctx, AUTH_POLICY['tokens.manage']);
  const user = await mustFind(database, input.userId);
  const token = `ltk_${randomToken()}`;
  const id = await database.transaction(async (tx) => {
    const tokenId = await repo.insertApiToken(tx.db, { userId: user.id, name: input.name, tokenHash: tokenHash(token), expiresAt: input.expiresAt });
    await audit(tx, ctx, { action: 'tokens.issue', subjectType: 'user', subjectIds: [user.id], details: { name: input.name, tokenId } });
    return tokenId;
  });
  return { id, token };
}

export async function findUserIdByUsername(database: Database, username: string): Promise<string | undefined> {
  return (await repo.findUserByUsername(database.db, username))?.id;
}
