import type { Role } from '../api/types';
import type { Decision, RecordView } from './review-api';

/** Analysts and supervisors decide; others who may open the page (privacy officers) only read. */
export function canDecide(roles: readonly Role[]): boolean {
  return roles.includes('analyst') || roles.includes('supervisor');
}

/** The resolver's reference to a record in a role: "123" for the subject, "123:dso" otherwise. */
export function mentionRefOf(recordRef: string, role: string): string {
  return role === 'subject' ? recordRef : `${recordRef}:${role}`;
}

export interface FieldRow {
  label: string;
  a: string;
  b: string;
  /** Both filled and equal once case and spacing are set aside. */
  same: boolean;
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

function ids(r: RecordView): string {
  return r.identifiers
    .map((i) => `${i.kind.replace(/_/g, '-')} ${i.value}${i.country ? ` (${i.country})` : ''}`)
    .join('; ');
}

/** The two records side by side, one row per field either of them fills. */
export function fieldRows(a: RecordView, b: RecordView): FieldRow[] {
  const fields: [string, (r: RecordView) => string | null][] = [
    ['Given name', (r) => r.givenName],
    ['Middle name', (r) => r.middleName],
    ['Family name', (r) => r.familyName],
    ['Date of birth', (r) => r.birthDate],
    ['Sex', (r) => r.sex],
    ['Citizenship', (r) => r.citizenship],
    ['Country of birth', (r) => r.birthCountry],
    ['Address', (r) => r.address],
    ['Phone', (r) => r.phone],
    ['E-mail', (r) => r.email],
    ['SSN (last 4)', (r) => (r.ssnLast4 ? `•••-••-${r.ssnLast4}` : null)],
    ['Employer', (r) => r.employer],
    ['Identifiers', (r) => ids(r) || null],
  ];
  return fields
    .map(([label, get]) => ({ label, a: get(a) ?? '', b: get(b) ?? '' }))
    .filter((row) => row.a !== '' || row.b !== '')
    .map((row) => ({ ...row, same: row.a !== '' && row.b !== '' && norm(row.a) === norm(row.b) }));
}

export function weightColor(weight: number): string {
  if (weight >= 1) return 'teal';
  if (weight <= -1) return 'red';
  return 'gray';
}

export const REASON_LABEL: Record<string, string> = {
  band: 'Between the thresholds',
  incoherent: 'Would join records that disagree',
  conflict: 'Identifier conflict',
};

export const KIND_LABEL: Record<Decision['kind'], string> = {
  confirm: 'Confirmed same person',
  reject: 'Rejected as different',
  merge: 'Merged entities',
  split: 'Split records out',
};

export function describeDecision(d: Decision): string {
  const together = d.together.map((g) => g.join(', ')).join(' | ');
  const apart = d.apart.map(([l, r]) => `${l.join(', ')} ≠ ${r.join(', ')}`).join(' | ');
  return [together && `together: ${together}`, apart && `apart: ${apart}`]
    .filter(Boolean)
    .join('; ');
}
