// One contract, two users (CONVENTIONS 5): the account types are inferred
// from the server's zod schemas; type-only imports add nothing to the bundle.
import type { z } from 'zod';
import type {
  AdminUserSchema,
  CreateUserBody,
  SessionResponse,
  UpdateUserBody,
  UserSchema,
} from '../../../src/modules/auth/auth.schema';
import type { Area, Role } from '../../../src/modules/auth/roles';

export { AREAS as PERMISSIONS, ROLES } from '../../../src/modules/auth/roles';
export type { Role };
export type Permission = Area;

export type User = z.infer<typeof UserSchema>;
export type Session = z.infer<typeof SessionResponse>;
export type UserRow = z.infer<typeof AdminUserSchema>;
export type CreateUserInput = z.input<typeof CreateUserBody>;
export type UpdateUserInput = z.input<typeof UpdateUserBody>;

// The audit routes do not export their schemas yet; these mirror them.
export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEvent {
  seq: number;
  occurredAt: string;
  actorUsername: string | null;
  action: string;
  outcome: AuditOutcome;
  purpose: string | null;
  requestId: string;
  clientIp: string | null;
  subjectType: string | null;
  subjectIds: string[];
  details: Record<string, unknown>;
}

export interface AuditPage {
  events: AuditEvent[];
  nextCursor: string | null;
}

export interface AuditFilters {
  actor: string;
  action: string;
  subject: string;
  /** ISO 8601 instants (UTC) or empty. */
  from: string;
  to: string;
}

/** Alerts of unusual access (GET /api/audit/alerts): the server's contract. */
export type { AuditAlert, AuditAlerts, AlertKind as AuditAlertKind } from '../../../src/modules/audit/alerts.schema';

export interface AuditVerifyResult {
  ok: boolean;
  rows: number;
  firstBrokenSeq: number | null;
  message: string;
}

export interface Health {
  status: 'ok';
  database: 'pglite' | 'postgres';
  version: string;
}
