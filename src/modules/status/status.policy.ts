import { definePermissions } from '../auth/policy';

export const STATUS_POLICY = definePermissions({
  'status.read': {
    description: 'read status assessments, the fiscal-year report and the ranked list of suspected violators',
    roles: ['analyst', 'supervisor', 'privacy_officer'],
  },
  'status.run': {
    description: 'run the status assessment over every admission',
    roles: ['analyst', 'supervisor'],
  },
  'status.export': {
    description: 'export status assessments',
    roles: ['analyst', 'supervisor', 'privacy_officer'],
  },
});
