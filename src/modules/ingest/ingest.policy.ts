import { definePermissions } from '../auth/policy';

export const INGEST_POLICY = definePermissions({
  'ingest.load': { description: 'load source files', roles: ['analyst', 'supervisor', 'records_officer'] },
  'ingest.read': { description: 'see import batches and their rejects', roles: ['analyst', 'supervisor', 'records_officer', 'privacy_officer'] },
});
