import { definePermissions } from '../auth/policy';

export const AUDIT_POLICY = definePermissions({
  'audit.read': {
    description: 'read the audit log',
    roles: ['auditor', 'privacy_officer', 'admin'],
  },
  'audit.alerts': {
    description: 'see alerts of unusual access',
    roles: ['auditor', 'privacy_officer'],
  },
  'audit.export': {
    description: 'export an extract of the audit log',
    roles: ['auditor', 'privacy_officer', 'admin'],
  },
  'audit.verify': {
    description: 'verify the audit chain',
    roles: ['auditor', 'privacy_officer', 'admin'],
  },
});
