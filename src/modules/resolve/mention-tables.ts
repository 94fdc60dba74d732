/**
 * Where each source's mentions are in the typed fact tables: one SQL expression per field a
 * match record reads (see mentions.ts). Tipster columns are never read.
 */
/** Received value: the typed column, or the payload text when the typed value was refused. */
const raw = (c: string) => `coalesce(t.${c}::text, nullif(btrim(r.payload->>'${c}'), ''))`;
const typed = (c: string) => `t.${c}::text`;

export interface TableSpec {
  table: string;
  sources: readonly string[];
  /** Output alias → SQL expression over the fact row t and its source record r. */
  cols: Record<string, string>;
}

const TRAVELLER = {
  given: typed('given_name'),
  family: typed('family_name'),
  birth: raw('birth_date'),
  citizenship: raw('citizenship_country'),
};

// Where a source has no passport_country, the passport is taken as issued by the country of
// citizenship (what a passport almost always is); otherwise the same passport read in two
// sources could never prove identity.
export const TABLES: readonly TableSpec[] = [
  {
    table: 'admissions',
    sources: ['adis-arrivals'],
    cols: {
      ...TRAVELLER,
      sex: typed('sex'),
      passport: raw('passport_number'),
      passport_country: `coalesce(${raw('passport_country')}, ${raw('citizenship_country')})`,
      i94: raw('admission_number'),
      sevis_id: raw('sevis_id'),
      visa: raw('visa_foil_number'),
    },
  },
  {
    table: 'departures',
    sources: ['adis-departures'],
    cols: {
      ...TRAVELLER,
      passport: raw('passport_number'),
      passport_country: raw('citizenship_country'),
      i94: raw('admission_number'),
    },
  },
  {
    table: 'sevis_events',
    sources: ['sevis'],
    cols: {
      ...TRAVELLER,
      sex: typed('sex'),
      birth_country: raw('birth_country'),
      sevis_id: raw('sevis_id'),
      address_one_line: typed('us_address'),
      dso_name: typed('dso_name'),
      dso_id: raw('dso_id'),
      school_code: raw('school_code'),
      school_name: typed('school_name'),
    },
  },
  {
    table: 'visas',
    sources: ['ccd-visas'],
    cols: {
      ...TRAVELLER,
      sex: typed('sex'),
      birth_country: raw('birth_country'),
      passport: raw('passport_number'),
      passport_country: `coalesce(${raw('passport_country')}, ${raw('citizenship_country')})`,
      visa: raw('visa_foil_number'),
    },
  },
  {
    table: 'benefit_applications',
    sources: ['claims'],
    cols: {
      given: typed('given_name'),
      family: typed('family_name'),
      birth: raw('birth_date'),
      a_number: raw('a_number'),
      i94: raw('admission_number'),
    },
  },
  {
    table: 'enforcement_events',
    sources: ['eid'],
    cols: {
      ...TRAVELLER,
      sex: typed('sex'),
      a_number: raw('a_number'),
      fin: raw('fin'),
      passport: raw('passport_number'),
      passport_country: raw('citizenship_country'),
    },
  },
  {
    table: 'border_events',
    sources: ['tecs'],
    cols: {
      ...TRAVELLER,
      passport: raw('passport_number'),
      passport_country: `coalesce(${raw('passport_country')}, ${raw('citizenship_country')})`,
    },
  },
  {
    table: 'biometric_encounters',
    sources: ['ident'],
    cols: {
      ...TRAVELLER,
      sex: typed('sex'),
      fin: raw('fin'),
      a_number: raw('a_number'),
      passport: raw('passport_number'),
      passport_country: raw('citizenship_country'),
    },
  },
  {
    table: 'person_observations',
    sources: ['commercial', 'public'],
    cols: {
      given: typed('given_name'),
      middle: typed('middle_name'),
      family: typed('family_name'),
      birth: raw('birth_date'),
      ssn: raw('ssn'),
      address: typed('address_line1'),
      city: typed('city'),
      state: typed('state'),
      postal: typed('postal_code'),
      phone: raw('phone'),
      email: raw('email'),
      employer: typed('employer'),
      employer_org: typed('employer'),
    },
  },
  {
    // Tipster columns are never read: informant identities are not resolved into profiles.
    table: 'tips',
    sources: ['tips'],
    cols: {
      given: typed('subject_given_name'),
      family: typed('subject_family_name'),
      birth: raw('subject_birth_date'),
      citizenship: raw('subject_citizenship_country'),
      phone: raw('subject_phone'),
      address_one_line: typed('subject_address'),
      employer: typed('subject_employer'),
      employer_org: typed('subject_employer'),
      school_name: typed('subject_school_name'),
    },
  },
];
