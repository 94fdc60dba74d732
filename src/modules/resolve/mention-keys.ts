/**
 * A mention is one party of one source record: the subject of an arrival, the DSO named on a
 * SEVIS row, the school of that row. Its key packs the record id and the role into one number
 * (record id × 8 + role code) so that mentions sort by record, then role, and travel as one
 * bigint through SQL. Record ids stay far below 2^50, so the key is an exact JS number.
 */
export const ROLE_CODES = { subject: 0, dso: 1, school: 2, employer: 3 } as const;
export type MentionRole = keyof typeof ROLE_CODES;
export const PERSON_ROLES = ['subject', 'dso'] as const;
export const ORG_ROLES = ['school', 'employer'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
export type OrgRole = (typeof ORG_ROLES)[number];

const ROLE_BY_CODE: readonly MentionRole[] = ['subject', 'dso', 'school', 'employer'];

export function mentionKey(recordId: number, role: MentionRole): number {
  return recordId * 8 + ROLE_CODES[role];
}

export function recordOf(mention: number): number {
  return Math.floor(mention / 8);
}

export function roleOf(mention: number): MentionRole {
  const role = ROLE_BY_CODE[mention % 8];
  if (!role) throw new Error(`not a mention key: ${mention}`);
  return role;
}

export function isMentionRole(s: string): s is MentionRole {
  return s in ROLE_CODES;
}

/** "123" (the subject of record 123) or "123:dso" → mention key; null when malformed. */
export function parseMentionRef(ref: string): number | null {
  const m = /^(\d{1,15})(?::([a-z]+))?$/.exec(ref.trim());
  if (!m) return null;
  const role = m[2] ?? 'subject';
  if (!isMentionRole(role)) return null;
  return mentionKey(Number(m[1]), role);
}

export function mentionRef(mention: number): string {
  const role = roleOf(mention);
  return role === 'subject' ? String(recordOf(mention)) : `${recordOf(mention)}:${role}`;
}
