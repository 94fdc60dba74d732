import type { SourceDefinition } from '../source-types';
import { personRecordColumns } from './person-records';

export const commercial: SourceDefinition = {
  name: 'commercial',
  system: 'commercial',
  title: 'Commercial data providers',
  description:
    'Person records bought from commercial data aggregators (credit-header style address, phone and employment history) and uploaded for an investigation or analytical project. Quality varies; every field is optional except the name.',
  exemptions: [],
  columns: personRecordColumns('CMX-00481-2291'),
  dateOrder: [{ earlier: 'birth_date', later: 'observed_date' }],
};
