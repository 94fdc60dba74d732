import type { ColumnSpec } from '../source-types';

/**
 * Column building blocks shared by several sources, so that `family_name` or `passport_number`
 * means the same thing (and validates the same way) everywhere.
 */

type ColumnInit = Omit<ColumnSpec, 'required' | 'contract'> &
  Partial<Pick<ColumnSpec, 'required' | 'contract'>>;

/** A column; optional and fixed by contract unless said otherwise. */
export function column(init: ColumnInit): ColumnSpec {
  return { required: false, contract: true, ...init };
}

/** The same column with some attributes changed (e.g. made required, or a different example). */
export function withSpec(base: ColumnSpec, change: Partial<ColumnSpec>): ColumnSpec {
  return { ...base, ...change };
}

export function recordId(example: string, description?: string): ColumnSpec {
  return column({
    name: 'record_id',
    type: 'text',
    required: true,
    description:
      description ??
      'Identifier of the record in the source system, unique within that system. A row without it is rejected.',
    example,
  });
}

export const familyName = column({
  name: 'family_name',
  type: 'name',
  description:
    'Family name (surname) as written in the source; letters and case are kept as received.',
  example: 'Okonkwo-Rivera',
});

export const givenName = column({
  name: 'given_name',
  type: 'name',
  description: 'Given name(s) as written in the source.',
  example: 'Amara Lucia',
});

export const birthDate = column({
  name: 'birth_date',
  type: 'date',
  description: 'Date of birth, YYYY-MM-DD.',
  example: '1994-07-12',
});

export const sex = column({
  name: 'sex',
  type: 'sex',
  description: 'Sex as recorded on the travel document: M, F or X (U when unknown).',
  example: 'F',
});

export const citizenshipCountry = column({
  name: 'citizenship_country',
  type: 'country',
  description:
    'Country of citizenship, ISO 3166-1 alpha-3 (XXA/XXB/XXC/XXX for stateless or refugee).',
  example: 'NGA',
});

export const birthCountry = column({
  name: 'birth_country',
  type: 'country',
  description: 'Country of birth, ISO 3166-1 alpha-3.',
  example: 'NGA',
});

export const passportNumber = column({
  name: 'passport_number',
  type: 'identifier',
  identifierKind: 'passport',
  issuingCountryColumn: 'passport_country',
  description:
    'Passport number: 6 to 9 letters or digits (compared upper-case without spaces or dashes).',
  example: 'A4817736',
});

export const passportCountry = column({
  name: 'passport_country',
  type: 'country',
  description: 'Country that issued the passport, ISO 3166-1 alpha-3.',
  example: 'NGA',
});

export const admissionNumber = column({
  name: 'admission_number',
  type: 'identifier',
  identifierKind: 'admission_number',
  description:
    'I-94 admission number: 11 digits (newer numbers carry a letter in the tenth place).',
  example: '53482017615',
});

export const aNumber = column({
  name: 'a_number',
  type: 'identifier',
  identifierKind: 'a_number',
  description: 'Alien registration number: "A" and 9 digits.',
  example: 'A208331457',
});

export const fin = column({
  name: 'fin',
  type: 'identifier',
  identifierKind: 'fin',
  description: 'Fingerprint identification number (FIN) from IDENT: 10 digits.',
  example: '4410298375',
});

export const sevisId = column({
  name: 'sevis_id',
  type: 'identifier',
  identifierKind: 'sevis_id',
  description: 'SEVIS identification number: "N" and 10 digits.',
  example: 'N0031847265',
});

export const visaFoilNumber = column({
  name: 'visa_foil_number',
  type: 'identifier',
  identifierKind: 'visa_foil',
  description: 'Number printed on the visa foil: 8 digits.',
  example: '48213379',
});

export const phoneColumn = (name: string, description: string, example: string): ColumnSpec =>
  column({ name, type: 'identifier', identifierKind: 'phone', description, example });

/**
 * Classes of admission and visa classes as written on the I-94 and the visa foil (without the
 * hyphen; "F-1" is accepted and read as F1). Kept as data: a new class is a one-line change.
 */
export const ADMISSION_CLASSES: readonly string[] = `
A1 A2 A3 B1 B2 B1B2 BE C1 C1D C2 C3 C4 CW1 CW2 D D1 D2 E1 E2 E2C E3 E3D E3R F1 F2 F3 G1 G2 G3
G4 G5 GB GT H1B H1B1 H1C H2A H2B H2R H3 H4 I J1 J2 K1 K2 K3 K4 L1 L1A L1B L2 M1 M2 M3 N8 N9
NATO1 NATO2 NATO3 NATO4 NATO5 NATO6 NATO7 O1 O2 O3 P1 P2 P3 P4 Q1 R1 R2 S5 S6 S7 T1 T2 T3 T4
T5 T6 TD TN U1 U2 U3 U4 U5 V1 V2 V3 WB WT PAROLE
`
  .split(/\s+/)
  .filter(Boolean);

/** Columns of a source whose layout LeadTrac designed (not fixed by a contract with the sender). */
export function designedColumns(columns: readonly ColumnSpec[]): ColumnSpec[] {
  return columns.map((c) => ({ ...c, contract: false }));
}
