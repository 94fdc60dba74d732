import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { SOURCE_NAMES, getSource, isSourceName, listSources } from './registry';
import { COLUMN_TYPES, IDENTIFIER_KINDS } from './source-types';

/**
 * The column lists agreed with the sending systems (and with the demo generator, which writes
 * the same files). A change here is a change of contract, not a refactoring.
 */
const CONTRACT: Record<string, string> = {
  'adis-arrivals':
    'record_id admission_number family_name given_name birth_date sex citizenship_country passport_number passport_country class_of_admission admission_date admit_until_date port_of_entry mode sevis_id visa_foil_number',
  'adis-departures':
    'record_id admission_number family_name given_name birth_date citizenship_country passport_number departure_date port mode',
  sevis:
    'record_id sevis_id family_name given_name birth_date birth_country citizenship_country sex visa_type status status_date termination_reason program_start_date program_end_date opt_type opt_start_date opt_end_date school_code school_name education_level major us_address dso_name dso_id',
  claims:
    'record_id receipt_number form_type family_name given_name birth_date a_number admission_number requested_class received_date status decision_date approved_until_date',
  commercial:
    'record_id given_name middle_name family_name birth_date ssn address_line1 address_line2 city state postal_code country phone email employer observed_date',
  public:
    'record_id given_name middle_name family_name birth_date ssn address_line1 address_line2 city state postal_code country phone email employer observed_date',
  'ccd-visas':
    'record_id visa_foil_number family_name given_name birth_date birth_country citizenship_country sex passport_number passport_country visa_class issuance_date expiration_date issuing_post entries status revocation_date revocation_reason',
  eid: 'record_id event_type event_date a_number fin family_name given_name birth_date citizenship_country sex passport_number location charge_code charge_description disposition',
  tecs: 'record_id record_type event_date family_name given_name birth_date citizenship_country passport_number passport_country port direction conveyance vehicle_plate lookout_category lookout_reason commodity declared_value_usd counterparty',
  ident:
    'record_id fin encounter_date encounter_type family_name given_name birth_date citizenship_country sex a_number passport_number photo_ref location',
  tips: 'record_id received_date channel narrative subject_family_name subject_given_name subject_birth_date subject_citizenship_country subject_phone subject_address subject_employer subject_school_name tipster_name tipster_phone tipster_email confidential',
  cdr: 'record_id legal_process_ref calling_number called_number start_time duration_seconds call_type carrier cell_site',
};

const CONTRACT_SOURCES = new Set([
  'adis-arrivals',
  'adis-departures',
  'sevis',
  'claims',
  'commercial',
  'public',
]);

describe('registry', () => {
  it('lists the twelve sources of the command line, in order', () => {
    expect(listSources().map((d) => d.name)).toEqual([...SOURCE_NAMES]);
    expect(SOURCE_NAMES).toHaveLength(12);
  });

  it('finds a source by name and refuses an unknown one with UNKNOWN_SOURCE', () => {
    expect(getSource('sevis').system).toBe('SEVIS');
    expect(isSourceName('sevis')).toBe(true);
    expect(isSourceName('adis')).toBe(false);
    try {
      getSource('adis');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('UNKNOWN_SOURCE');
      expect((e as AppError).message).toContain('adis-arrivals');
    }
  });
});

describe.each(listSources().map((d) => [d.name, d] as const))('definition %s', (name, def) => {
  it('has exactly the agreed columns, in order', () => {
    expect(def.columns.map((c) => c.name).join(' ')).toBe(CONTRACT[name]);
  });

  it('marks columns as contract exactly for the contract sources', () => {
    for (const c of def.columns) expect(c.contract).toBe(CONTRACT_SOURCES.has(name));
  });

  it('starts with a required record_id, and names no column twice', () => {
    expect(def.columns[0]).toMatchObject({ name: 'record_id', required: true });
    expect(new Set(def.columns.map((c) => c.name)).size).toBe(def.columns.length);
  });

  it('declares what each column type needs', () => {
    for (const c of def.columns) {
      expect(COLUMN_TYPES).toContain(c.type);
      expect(c.description.length).toBeGreaterThan(5);
      if (c.type === 'identifier') expect(IDENTIFIER_KINDS).toContain(c.identifierKind);
      if (c.type === 'enum') expect(c.enumValues?.length ?? 0).toBeGreaterThan(0);
      if (c.pattern !== undefined) expect(() => new RegExp(c.pattern as string)).not.toThrow();
      if (c.issuingCountryColumn !== undefined) {
        expect(def.columns.find((x) => x.name === c.issuingCountryColumn)?.type).toBe('country');
      }
    }
  });

  it('has date-order rules only between its own date columns', () => {
    for (const r of def.dateOrder ?? []) {
      expect(def.columns.find((c) => c.name === r.earlier)?.type).toBe('date');
      expect(def.columns.find((c) => c.name === r.later)?.type).toBe('date');
    }
  });
});

describe('source specifics', () => {
  it('requires what the brief requires of adis-arrivals', () => {
    const required = getSource('adis-arrivals')
      .columns.filter((c) => c.required)
      .map((c) => c.name);
    expect(required).toEqual([
      'record_id',
      'admission_number',
      'family_name',
      'class_of_admission',
      'admission_date',
    ]);
  });

  it('protects tipster identity and SSNs with markings', () => {
    const tips = getSource('tips');
    const tipster = tips.columns.filter((c) => c.name.startsWith('tipster_'));
    expect(tipster).toHaveLength(3);
    for (const c of tipster) expect(c).toMatchObject({ sensitivity: 'INFORMANT', role: 'tipster' });
    expect(getSource('commercial').columns.find((c) => c.name === 'ssn')?.sensitivity).toBe('SSN');
  });

  it('carries source-system exemptions for TECS, EID and IDENT only', () => {
    for (const d of listSources()) {
      expect(d.exemptions.length > 0).toBe(['TECS', 'EID', 'IDENT'].includes(d.system));
    }
  });

  it('requires a legal process only for cdr', () => {
    expect(
      listSources()
        .filter((d) => d.requiresLegalProcess === true)
        .map((d) => d.name),
    ).toEqual(['cdr']);
  });
});
