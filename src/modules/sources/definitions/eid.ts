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

export const eid: SourceDefinition = {
  name: 'eid',
  system: 'EID',
  title: 'EID/ENFORCE enforcement events',
  description:
    'Enforcement Integrated Database (ENFORCE): one row per enforcement event about a person: encounter, arrest, detention, release, Notice to Appear, removal, conviction. Charge columns carry criminal history and are marked CRIMINAL.',
  // Records received from another system keep that system's exemptions (NPRM); EID's own notice
  // claims (j)(2) and (k)(2).
  exemptions: ['(j)(2)', '(k)(2)'],
  columns: designedColumns([
    recordId('EID-EV-2025-0047716'),
    column({
      name: 'event_type',
      type: 'enum',
      enumValues: [
        'ENCOUNTER',
        'ARREST',
        'DETENTION',
        'RELEASE',
        'NTA_ISSUED',
        'REMOVAL',
        'CONVICTION',
      ],
      required: true,
      description: 'ENCOUNTER, ARREST, DETENTION, RELEASE, NTA_ISSUED, REMOVAL or CONVICTION.',
      example: 'ARREST',
    }),
    column({
      name: 'event_date',
      type: 'date',
      required: true,
      description: 'Date of the event, YYYY-MM-DD.',
      example: '2025-04-09',
    }),
    aNumber,
    fin,
    withSpec(familyName, { required: true }),
    givenName,
    birthDate,
    citizenshipCountry,
    sex,
    withSpec(passportNumber, { issuingCountryColumn: undefined }),
    column({
      name: 'location',
      type: 'text',
      description: 'Where the event happened (field office, facility or city).',
      example: 'Newark Field Office',
    }),
    column({
      name: 'charge_code',
      type: 'text',
      sensitivity: 'CRIMINAL',
      description: 'Charge or removability code (statute section).',
      example: 'INA 237(a)(1)(C)(i)',
    }),
    column({
      name: 'charge_description',
      type: 'text',
      sensitivity: 'CRIMINAL',
      description: 'Charge in words.',
      example: 'Failure to maintain nonimmigrant status',
    }),
    column({
      name: 'disposition',
      type: 'text',
      sensitivity: 'CRIMINAL',
      description: 'Outcome of the event (released on bond, removed, convicted ...).',
      example: 'Released on own recognizance',
    }),
  ]),
  dateOrder: [{ earlier: 'birth_date', later: 'event_date' }],
};
