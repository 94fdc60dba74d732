import { definePermissions } from '../auth/policy';
import type { Role } from '../auth/roles';

/**
 * Disclosures and the accounting of disclosures. Privacy officers do all of it. Supervisors may
 * disclose, but only under the routine uses in SUPERVISOR_ROUTINE_USES (checked by the service),
 * and read the accounting. Analysts and everyone else may not disclose.
 */
export const DISCLOSURES_POLICY = definePermissions({
  'disclosures.bases': { description: 'see the legal bases for disclosure', roles: ['privacy_officer', 'supervisor'] },
  'disclosures.make': { description: 'disclose records outside the agency', roles: ['privacy_officer', 'supervisor'] },
  'disclosures.read': { description: 'read disclosures and their packages', roles: ['privacy_officer', 'supervisor'] },
  'accounting.read': { description: 'read the accounting of disclosures', roles: ['privacy_officer', 'supervisor'] },
  'accounting.decide': { description: 'decide whether the accounting is released to the individual', roles: ['privacy_officer'] },
  'corrections.notify': { description: 'produce or waive (c)(4) notices of corrections and disputes', roles: ['privacy_officer'] },
  'access-log.read': { description: 'see who has accessed a person', roles: ['privacy_officer', 'auditor'] },
});

/** Routine uses a supervisor may disclose under: G (law-enforcement referral) and I (de-confliction). */
export const SUPERVISOR_ROUTINE_USES: readonly string[] = ['G', 'I'];

/** Roles that may disclose under any basis. */
export const FULL_DISCLOSURE_ROLES: readonly Role[] = ['privacy_officer'];
