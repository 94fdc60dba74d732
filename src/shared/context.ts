import type { Role } from '../modules/auth/roles';

/** The acting user of a unit of work. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly roles: readonly Role[];
  readonly fieldOffice: string | null;
  /** 'session' for a signed-in person, 'token' for a service account, 'system' for the CLI. */
  readonly via: 'session' | 'token' | 'system';
}

/**
 * Every service call takes one of these (CONVENTIONS 9): who acts, why, and which request.
 * Services have no other way to learn the actor, so a missing context is a type error.
 */
export interface RequestContext {
  readonly actor: Actor;
  readonly requestId: string;
  readonly clientIp: string | null;
  /** The purpose the user stated for this request, recorded with every read it covers. */
  readonly purpose: string | null;
}

/** A context before sign-in: who is asking is not known yet (sign-in itself, health). */
export interface AnonymousContext {
  readonly actor: null;
  readonly requestId: string;
  readonly clientIp: string | null;
  readonly purpose: null;
}

export type AnyContext = RequestContext | AnonymousContext;

/** The context the command line runs under: a named system actor with the roles it needs. */
export function systemContext(
  command: string,
  roles: readonly Role[] = ['admin'],
  username = 'system',
): RequestContext {
  return {
    actor: { userId: '00000000-0000-0000-0000-000000000000', username, roles, fieldOffice: null, via: 'system' },
    requestId: `cli-${command}-${Date.now().toString(36)}`,
    clientIp: null,
    purpose: `command line: ${command}`,
  };
}
