import { definePermissions } from '../auth/policy';

/**
 * Analyst search. Field agents are refused for now: leads will later grant them access to the
 * subjects referred to them (need to know through an assignment).
 */
export const SEARCH_POLICY = definePermissions({
  'search.query': { description: 'search persons and organizations', roles: ['analyst', 'supervisor', 'privacy_officer'] },
});
