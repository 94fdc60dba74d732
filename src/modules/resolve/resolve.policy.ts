import { definePermissions } from '../auth/policy';

/** Who may run, read and steer entity resolution (analysts decide; privacy officers may look). */
export const RESOLVE_POLICY = definePermissions({
  'resolve.run': { description: 'run entity resolution', roles: ['analyst', 'supervisor', 'records_officer'] },
  'resolve.read': {
    description: 'see the review queue, match explanations and resolution decisions',
    roles: ['analyst', 'supervisor', 'privacy_officer'],
  },
  'resolve.decide': { description: 'confirm, reject, merge, split or undo entity decisions', roles: ['analyst', 'supervisor'] },
  'entities.export': { description: 'export the entity of every source record', roles: ['analyst', 'supervisor', 'records_officer'] },
});
