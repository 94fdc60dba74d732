import type { Role } from '../api/types';
import { ROLES } from '../api/types';

const LABELS: Record<Role, string> = {
  analyst: 'Analyst',
  supervisor: 'Supervisor',
  field_agent: 'Field agent',
  privacy_officer: 'Privacy officer',
  records_officer: 'Records officer',
  auditor: 'Auditor',
  admin: 'Administrator',
};

const COLORS: Record<Role, string> = {
  analyst: 'blue',
  supervisor: 'indigo',
  field_agent: 'teal',
  privacy_officer: 'grape',
  records_officer: 'violet',
  auditor: 'orange',
  admin: 'red',
};

export function roleLabel(role: string): string {
  return (LABELS as Record<string, string>)[role] ?? role;
}

export function roleColor(role: string): string {
  return (COLORS as Record<string, string>)[role] ?? 'gray';
}

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: LABELS[role] }));
