import type { Role, UpdateUserInput, UserRow } from '../api/types';
import { roleLabel } from '../lib/roles';

export interface EditUserForm {
  displayName: string;
  roles: Role[];
  fieldOffice: string;
}

/** Only the fields that changed are sent, so the audit trail shows what was edited. */
export function changedFields(user: UserRow, form: EditUserForm): UpdateUserInput {
  const input: UpdateUserInput = {};
  const displayName = form.displayName.trim();
  if (displayName !== user.displayName) input.displayName = displayName;
  const sameRoles =
    form.roles.length === user.roles.length && form.roles.every((r) => user.roles.includes(r));
  if (!sameRoles) input.roles = form.roles;
  const fieldOffice = form.fieldOffice.trim() || null;
  if (fieldOffice !== user.fieldOffice) input.fieldOffice = fieldOffice;
  return input;
}

export function matchesFilter(user: UserRow, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  const haystack = [
    user.username,
    user.displayName,
    user.fieldOffice ?? '',
    ...user.roles,
    ...user.roles.map(roleLabel),
  ];
  return haystack.some((s) => s.toLowerCase().includes(needle));
}
