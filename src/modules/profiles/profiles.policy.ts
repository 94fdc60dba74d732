import { definePermissions } from '../auth/policy';

/**
 * Profiles and source records. Analysts, supervisors and privacy officers may read them; field
 * agents are refused for now (leads will grant them the subjects referred to them).
 */
export const PROFILES_POLICY = definePermissions({
  'profiles.read': { description: 'read person, organization and source-record profiles', roles: ['analyst', 'supervisor', 'privacy_officer'] },
});
