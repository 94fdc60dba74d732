import type { SourceDefinition } from '../source-types';
import {
  ADMISSION_CLASSES,
  admissionNumber,
  birthDate,
  citizenshipCountry,
  column,
  familyName,
  givenName,
  passportCountry,
  passportNumber,
  recordId,
  sevisId,
  sex,
  visaFoilNumber,
  withSpec,
} from './columns';

export const adisArrivals: SourceDefinition = {
  name: 'adis-arrivals',
  system: 'ADIS',
  title: 'ADIS arrivals (I-94 admissions)',
  description:
    'Arrival and Departure Information System: one row per admission of a nonimmigrant at a port of entry, as recorded on the I-94. The admit-until date is the end of the authorized stay; an empty one means duration of status (D/S), typical for students and exchange visitors.',
  exemptions: [],
  columns: [
    recordId('ADIS-A-000184223'),
    withSpec(admissionNumber, { required: true }),
    withSpec(familyName, { required: true }),
    givenName,
    birthDate,
    sex,
    citizenshipCountry,
    passportNumber,
    passportCountry,
    column({
      name: 'class_of_admission',
      type: 'enum',
      enumValues: ADMISSION_CLASSES,
      required: true,
      description:
        'Class of admission as on the I-94 (B1, B2, WT, WB, F1, J1, M1, H1B, L1, O1, E2, TN, A1, G4, C1, D ...); "F-1" is read as F1.',
      example: 'F1',
    }),
    column({
      name: 'admission_date',
      type: 'date',
      required: true,
      description: 'Date of admission at the port of entry, YYYY-MM-DD.',
      example: '2024-08-19',
    }),
    column({
      name: 'admit_until_date',
      type: 'date',
      description:
        'Last day of the authorized stay, YYYY-MM-DD. Empty means duration of status (D/S). Flagged when before the admission date.',
      example: '',
    }),
    column({
      name: 'port_of_entry',
      type: 'text',
      description: 'Port of entry code where the person was admitted.',
      example: 'JFK',
    }),
    column({
      name: 'mode',
      type: 'enum',
      enumValues: ['air', 'sea', 'land'],
      description: 'Mode of arrival: air, sea or land.',
      example: 'air',
    }),
    withSpec(sevisId, {
      description: 'SEVIS identification number for F, M and J admissions: "N" and 10 digits.',
    }),
    visaFoilNumber,
  ],
  dateOrder: [
    { earlier: 'admission_date', later: 'admit_until_date' },
    { earlier: 'birth_date', later: 'admission_date' },
  ],
};
