import type { Database } from '../../db/database';
import { systemContext } from '../../shared/context';
import { findUserByUsername } from './auth.repo';
import type { Role } from './roles';
import { createUser } from './users.service';

export const DEMO_PASSWORD = 'LeadTrac-demo-2026!';

export const DEMO_ACCOUNTS: readonly { username: string; displayName: string; role: Role; fieldOffice?: string }[] = [
  { username: 'analyst', displayName: 'Dana Analyst', role: 'analyst' },
  { username: 'supervisor', displayName: 'Sam Supervisor', role: 'supervisor' },
  { username: 'agent', displayName: 'Frankie Agent', role: 'field_agent', fieldOffice: 'NYC' },
  { username: 'privacy', displayName: 'Pat Privacy', role: 'privacy_officer' },
  { username: 'records', displayName: 'Robin Records', role: 'records_officer' },
  { username: 'auditor', displayName: 'Alex Auditor', role: 'auditor' },
  { username: 'admin', displayName: 'Ada Admin', role: 'admin' },
];

/** Create the demo accounts that do not exist yet (one per role). Returns those created. */
export async function ensureDemoAccounts(database: Database): Promise<string[]> {
  const ctx = systemContext('demo accounts');
  const created: string[] = [];
  for (const a of DEMO_ACCOUNTS) {
    if (await findUserByUsername(database.db, a.username)) continue;
    await createUser(database, ctx, {
      username: a.username,
      displayName: a.displayName,
      roles: [a.role],
      password: DEMO_PASSWORD,
      fieldOffice: a.fieldOffice ?? null,
    });
    created.push(a.username);
  }
  return created;
}
