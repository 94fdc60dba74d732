import { definePermissions } from '../auth/policy';

export const LEADS_POLICY = definePermissions({
  'leads.create': { description: 'create leads', roles: ['analyst', 'supervisor'] },
  'leads.read': { description: 'see leads', roles: ['analyst', 'supervisor', 'field_agent', 'privacy_officer'] },
  'leads.work': { description: 'work on leads', roles: ['analyst', 'supervisor', 'field_agent'] },
  'leads.assign': { description: 'assign leads to analysts', roles: ['supervisor'] },
});
