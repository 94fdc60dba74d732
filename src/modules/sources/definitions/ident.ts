import type { SourceDefinition } from '../source-types';
import {
  aNumber,
  birthDate,
  citizenshipCountry,
  column,
  designedColumns,
  familyName,
  fin,
  givenName,
  passportNumber,
  recordId,
  sex,
  withSpec,
} from './columns';

export const ident: SourceDefinition = {
  name: 'ident',
  system: 'IDENT',
  title: 'IDENT biometric encounters',
  description:
    'Automated Biometric Identification System (IDENT): one row per biometric encounter. The FIN ties together every encounter of the same fingerprints, whatever name was given; a photo reference points to the stored image, never the image itself.',
  // IDENT's own system of records notice claims (j)(2) and (k)(2) for the records it holds.
  exemptions: ['(j)(2)', '(k)(2)'],
  columns: designedColumns([
    recordId('IDENT-ENC-30018872'),
    withSpec(fin, { required: true }),
    column({
      name: 'encounter_date',
      type: 'date',
      required: true,
      description: 'Date of the encounter, YYYY-MM-DD.',
      example: '2024-08-19',
    }),
    column({
      name: 'encounter_type',
      type: 'enum',
      enumValues: ['VISA_APPLICATION', 'ADMISSION', 'ENFORCEMENT', 'BENEFIT'],
      required: true,
      description: 'VISA_APPLICATION, ADMISSION, ENFORCEMENT or BENEFIT.',
      example: 'ADMISSION',
    }),
    familyName,
    givenName,
    birthDate,
    citizenshipCountry,
    sex,
    aNumber,
    withSpec(passportNumber, { issuingCountryColumn: undefined }),
    column({
      name: 'photo_ref',
      type: 'text',
      description: 'Reference of the facial image in the biometric store.',
      example: 'IMG-30018872-01',
    }),
    column({
      name: 'location',
      type: 'text',
      description: 'Where the encounter took place (port, consulate, office).',
      example: 'JFK',
    }),
  ]),
  dateOrder: [{ earlier: 'birth_date', later: 'encounter_date' }],
};
