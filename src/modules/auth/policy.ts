import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import type { Role } from './roles';

/** A named permission and the roles that hold it. Each module declares its own in `<module>.policy.ts`. */
export interface Permission {
  readonly name: string;
  /** Said to a user who lacks it: "You may not <description>." */
  readonly description: string;
  readonly roles: readonly Role[];
}

export function definePermissions<const K extends string>(
  defs: Record<K, Omit<Permission, 'name'>>,
): Record<K, Permission> {
  const out = {} as Record<K, Permission>;
  for (const [name, def] of Object.entries(defs) as [K, Omit<Permission, 'name'>][]) {
    out[name] = { name, ...def };
  }
  return out;
}

export function holds(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => permission.roles.includes(r));
}

/** Refuse with a clear message naming what was asked and which roles may do it. */
export function authorize(ctx: RequestContext, permission: Permission): void {
  if (!holds(ctx.actor.roles, permission)) {
    throw new AppError(
      'FORBIDDEN',
      `You may not ${permission.description}: it needs one of the roles ${permission.roles.join(', ')}.`,
      { permission: permission.name },
    );
  }
}
