import type { SourceDefinition } from '../source-types';
import { personRecordColumns } from './person-records';

export const publicRecords: SourceDefinition = {
  name: 'public',
  system: 'public',
  title: 'Public sources',
  description:
    'Person records gathered from public sources (public records, business registrations, open web) and uploaded for an investigation or analytical project. Same columns as the commercial source.',
  exemptions: [],
  columns: personRecordColumns('PUB-2025-011873'),
  dateOrder: [{ earlier: 'birth_date', later: 'observed_date' }],
};
