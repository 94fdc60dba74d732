import { definePermissions } from './policy';

export const AUTH_POLICY = definePermissions({
  'users.manage': { description: 'manage user accounts', roles: ['admin'] },
  'tokens.manage': { description: 'issue API tokens for service accounts', roles: ['admin'] },
});
