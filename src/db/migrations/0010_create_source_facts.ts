import type { Migration } from '../migrate';

/**
 * Typed facts of each source system, one row per source record (the record's id is the key, so
 * every fact's provenance is its record). Values here are valid or NULL; what was received, even
 * when malformed, stays in `source_records.payload` with its data-quality flags. Columns follow
 * the source definitions in `src/modules/sources/definitions/` (a test keeps them in step).
 * Like the core facts, no foreign key to source_records (bulk-load cost); disposal deletes both.
 */
export const m0010: Migration = {
  name: '0010_create_source_facts',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE admissions (
        source_record_id bigint PRIMARY KEY,
        admission_number text,
        family_name text,
        given_name text,
        birth_date date,
        sex text,
        citizenship_country text,
        passport_number text,
        passport_country text,
        class_of_admission text,
        admission_date date,
        admit_until_date date,
        port_of_entry text,
        mode text,
        sevis_id text,
        visa_foil_number text
      );
      CREATE TABLE departures (
        source_record_id bigint PRIMARY KEY,
        admission_number text,
        family_name text,
        given_name text,
        birth_date date,
        citizenship_country text,
        passport_number text,
        departure_date date,
        port text,
        mode text
      );
      CREATE TABLE sevis_events (
        source_record_id bigint PRIMARY KEY,
        sevis_id text,
        family_name text,
        given_name text,
        birth_date date,
        birth_country text,
        citizenship_country text,
        sex text,
        visa_type text,
        status text,
        status_date date,
        termination_reason text,
        program_start_date date,
        program_end_date date,
        opt_type text,
        opt_start_date date,
        opt_end_date date,
        school_code text,
        school_name text,
        education_level text,
        major text,
        us_address text,
        dso_name text,
        dso_id text
      );
      CREATE TABLE visas (
        source_record_id bigint PRIMARY KEY,
        visa_foil_number text,
        family_name text,
        given_name text,
        birth_date date,
        birth_country text,
        citizenship_country text,
        sex text,
        passport_number text,
        passport_country text,
        visa_class text,
        issuance_date date,
        expiration_date date,
        issuing_post text,
        entries text,
        status text,
        revocation_date date,
        revocation_reason text
      );
      CREATE TABLE benefit_applications (
        source_record_id bigint PRIMARY KEY,
        receipt_number text,
        form_type text,
        family_name text,
        given_name text,
        birth_date date,
        a_number text,
        admission_number text,
        requested_class text,
        received_date date,
        status text,
        decision_date date,
        approved_until_date date
      );
      CREATE TABLE enforcement_events (
        source_record_id bigint PRIMARY KEY,
        event_type text,
        event_date date,
        a_number text,
        fin text,
        family_name text,
        given_name text,
        birth_date date,
        citizenship_country text,
        sex text,
        passport_number text,
        location text,
        charge_code text,
        charge_description text,
        disposition text
      );
      CREATE TABLE border_events (
        source_record_id bigint PRIMARY KEY,
        record_type text,
        event_date date,
        family_name text,
        given_name text,
        birth_date date,
        citizenship_country text,
        passport_number text,
        passport_country text,
        port text,
        direction text,
        conveyance text,
        vehicle_plate text,
        lookout_category text,
        lookout_reason text,
        commodity text,
        declared_value_usd numeric,
        counterparty text
      );
      CREATE TABLE biometric_encounters (
        source_record_id bigint PRIMARY KEY,
        fin text,
        encounter_date date,
        encounter_type text,
        family_name text,
        given_name text,
        birth_date date,
        citizenship_country text,
        sex text,
        a_number text,
        passport_number text,
        photo_ref text,
        location text
      );
      CREATE TABLE person_observations (
        source_record_id bigint PRIMARY KEY,
        given_name text,
        middle_name text,
        family_name text,
        birth_date date,
        ssn text,
        address_line1 text,
        address_line2 text,
        city text,
        state text,
        postal_code text,
        country text,
        phone text,
        email text,
        employer text,
        observed_date date
      );
      CREATE TABLE tips (
        source_record_id bigint PRIMARY KEY,
        received_date date,
        channel text,
        narrative text,
        subject_family_name text,
        subject_given_name text,
        subject_birth_date date,
        subject_citizenship_country text,
        subject_phone text,
        subject_address text,
        subject_employer text,
        subject_school_name text,
        tipster_name text,
        tipster_phone text,
        tipster_email text,
        confidential text
      );
      CREATE TABLE call_records (
        source_record_id bigint PRIMARY KEY,
        legal_process_ref text,
        calling_number text,
        called_number text,
        start_time timestamptz,
        duration_seconds bigint,
        call_type text,
        carrier text,
        cell_site text
      );
      CREATE INDEX admissions_number_idx ON admissions (admission_number);
      CREATE INDEX admissions_passport_idx ON admissions (passport_number);
      CREATE INDEX departures_number_idx ON departures (admission_number);
      CREATE INDEX departures_passport_idx ON departures (passport_number);
      CREATE INDEX sevis_events_sevis_idx ON sevis_events (sevis_id, status_date);
      CREATE INDEX sevis_events_school_idx ON sevis_events (school_code);
      CREATE INDEX benefit_applications_admission_idx ON benefit_applications (admission_number);
      CREATE INDEX benefit_applications_receipt_idx ON benefit_applications (receipt_number);
      CREATE INDEX call_records_calling_idx ON call_records (calling_number);
      CREATE INDEX call_records_called_idx ON call_records (called_number);
    `);
  },
};
