import type { ColumnSpec } from '../source-types';
import {
  birthDate,
  column,
  familyName,
  givenName,
  phoneColumn,
  recordId,
  withSpec,
} from './columns';

/** The contract columns shared by the `commercial` and `public` person-record sources. */
export function personRecordColumns(recordIdExample: string): ColumnSpec[] {
  return [
    recordId(recordIdExample),
    givenName,
    column({
      name: 'middle_name',
      type: 'name',
      description: 'Middle name(s) or initial.',
      example: 'J',
    }),
    withSpec(familyName, { required: true }),
    birthDate,
    column({
      name: 'ssn',
      type: 'identifier',
      identifierKind: 'ssn',
      sensitivity: 'SSN',
      description:
        'Social Security number, NNN-NN-NNNN (compared as 9 digits). Shown only to users with need to know.',
      example: '912-44-0387',
    }),
    column({
      name: 'address_line1',
      type: 'text',
      description: 'Street address, first line.',
      example: '1207 Larkspur Avenue',
    }),
    column({
      name: 'address_line2',
      type: 'text',
      description: 'Street address, second line (apartment, suite).',
      example: 'Unit 4B',
    }),
    column({
      name: 'city',
      type: 'text',
      description: 'City of the address.',
      example: 'Columbus',
    }),
    column({
      name: 'state',
      type: 'text',
      description: 'State, territory or province (U.S. two-letter code when in the United States).',
      example: 'OH',
    }),
    column({
      name: 'postal_code',
      type: 'text',
      description: 'ZIP code or foreign postal code.',
      example: '43215',
    }),
    column({
      name: 'country',
      type: 'country',
      description: 'Country of the address, ISO 3166-1 alpha-3.',
      example: 'USA',
    }),
    phoneColumn('phone', 'Telephone number, E.164 (+1NXXNXXXXXX).', '+16145550142'),
    column({
      name: 'email',
      type: 'identifier',
      identifierKind: 'email',
      description: 'E-mail address (compared in lower case).',
      example: 'a.rivera@example.com',
    }),
    column({
      name: 'employer',
      type: 'text',
      role: 'employer',
      description: 'Employer named in the record.',
      example: 'Brightline Logistics LLC',
    }),
    column({
      name: 'observed_date',
      type: 'date',
      description: 'Date the source last saw this information, YYYY-MM-DD.',
      example: '2025-03-14',
    }),
  ];
}
