import type { SourceDefinition } from '../source-types';
import {
  admissionNumber,
  birthDate,
  citizenshipCountry,
  column,
  familyName,
  givenName,
  passportNumber,
  recordId,
  withSpec,
} from './columns';

export const adisDepartures: SourceDefinition = {
  name: 'adis-departures',
  system: 'ADIS',
  title: 'ADIS departures',
  description:
    'Arrival and Departure Information System: one row per recorded departure from the United States (carrier manifests, land exit records). A departure is matched to its admission by admission number when present, otherwise by person.',
  exemptions: [],
  columns: [
    recordId('ADIS-D-000093117'),
    withSpec(admissionNumber, {
      description:
        'I-94 admission number the departure closes, when known (may be empty): 11 digits.',
    }),
    withSpec(familyName, { required: true }),
    givenName,
    birthDate,
    citizenshipCountry,
    withSpec(passportNumber, { issuingCountryColumn: undefined }),
    column({
      name: 'departure_date',
      type: 'date',
      required: true,
      description: 'Date of departure, YYYY-MM-DD.',
      example: '2025-01-30',
    }),
    column({
      name: 'port',
      type: 'text',
      description: 'Port of departure code.',
      example: 'IAD',
    }),
    column({
      name: 'mode',
      type: 'enum',
      enumValues: ['air', 'sea', 'land'],
      description: 'Mode of departure: air, sea or land.',
      example: 'air',
    }),
  ],
  dateOrder: [{ earlier: 'birth_date', later: 'departure_date' }],
};
