import { apiFetch } from './client';
import type {
  AuditAlerts,
  AuditFilters,
  AuditPage,
  AuditVerifyResult,
  CreateUserInput,
  Session,
  UpdateUserInput,
  UserRow,
} from './types';
import { ApiError } from './client';

export function login(username: string, password: string): Promise<Session> {
  return apiFetch<Session>('/api/auth/login', {
    method: 'POST',
    body: { username, password },
    allowUnauthorized: true,
  });
}

/** The current session, or null when nobody is signed in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    return await apiFetch<Session>('/api/auth/me', { allowUnauthorized: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function logout(): Promise<void> {
  return apiFetch<void>('/api/auth/logout', { method: 'POST', allowUnauthorized: true });
}

export async function listUsers(): Promise<UserRow[]> {
  const result = await apiFetch<{ users: UserRow[] }>('/api/users');
  return result.users;
}

export async function createUser(input: CreateUserInput): Promise<UserRow> {
  const result = await apiFetch<{ user: UserRow }>('/api/users', { method: 'POST', body: input });
  return result.user;
}

export async function updateUser(id: string, input: UpdateUserInput): Promise<UserRow> {
  const result = await apiFetch<{ user: UserRow }>(`/api/users/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: input,
  });
  return result.user;
}

export function resetPassword(id: string, password: string): Promise<void> {
  return apiFetch<void>(`/api/users/${encodeURIComponent(id)}/password`, {
    method: 'POST',
    body: { password },
  });
}

export const AUDIT_PAGE_SIZE = 50;

export function auditQueryString(
  filters: AuditFilters,
  cursor: string | null,
  limit = AUDIT_PAGE_SIZE,
): string {
  const params = new URLSearchParams();
  const entries: [string, string][] = [
    ['actor', filters.actor.trim()],
    ['action', filters.action.trim()],
    ['subject', filters.subject.trim()],
    ['from', filters.from],
    ['to', filters.to],
  ];
  for (const [key, value] of entries) if (value) params.set(key, value);
  if (cursor) params.set('cursor', cursor);
  params.set('limit', String(limit));
  return params.toString();
}

export function listAuditEvents(
  filters: AuditFilters,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<AuditPage> {
  return apiFetch<AuditPage>(`/api/audit?${auditQueryString(filters, cursor)}`, { signal });
}

/** The extract of the events the filters select, as a CSV file (GET /api/audit/export.csv). */
export function auditExtractUrl(filters: AuditFilters): string {
  const params = new URLSearchParams(auditQueryString(filters, null));
  params.delete('limit');
  const qs = params.toString();
  return qs ? `/api/audit/export.csv?${qs}` : '/api/audit/export.csv';
}

/** Alerts of unusual access over the last `days` days (UTC), today included. */
export function listAuditAlerts(days: number, signal?: AbortSignal): Promise<AuditAlerts> {
  const to = new Date();
  const from = new Date(to.getTime() - (days - 1) * 86_400_000);
  const params = new URLSearchParams({ from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) });
  return apiFetch<AuditAlerts>(`/api/audit/alerts?${params}`, { signal });
}

export function verifyAuditChain(): Promise<AuditVerifyResult> {
  return apiFetch<AuditVerifyResult>('/api/audit/verify');
}
