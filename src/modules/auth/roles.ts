/** The roles of the system (DESIGN: "Request context, access and audit"). */
export const ROLES = [
  'analyst',
  'supervisor',
  'field_agent',
  'privacy_officer',
  'records_officer',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** Areas of the application; the web app shows navigation for those a user may enter. */
export const AREAS = ['search', 'leads', 'status', 'orgs', 'imports', 'privacy', 'audit', 'admin'] as const;
export type Area = (typeof AREAS)[number];

/** Which areas each role may enter. Finer, per-subject need-to-know rules live in each module's policy. */
export const ROLE_AREAS: Readonly<Record<Role, readonly Area[]>> = {
  analyst: ['search', 'leads', 'status', 'orgs', 'imports'],
  supervisor: ['search', 'leads', 'status', 'orgs', 'imports'],
  field_agent: ['leads'],
  privacy_officer: ['search', 'privacy', 'audit'],
  records_officer: ['imports', 'privacy'],
  auditor: ['audit'],
  admin: ['admin', 'audit'],
};

export function areasOf(roles: readonly Role[]): Area[] {
  const set = new Set<Area>();
  for (const r of roles) for (const a of ROLE_AREAS[r]) set.add(a);
  return AREAS.filter((a) => set.has(a));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
