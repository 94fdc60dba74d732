import type { Migration } from '../migrate';

/**
 * Disclosures outside the agency and the accounting of disclosures (5 U.S.C. 552a(b), (c)).
 *
 * `disclosures` is what was sent, to whom and under which basis (with the basis text as it stood);
 * `disclosure_records` which records of which person went. The accounting is one entry per
 * individual whose records went, self-contained (date, nature, purpose, basis, recipient name and
 * address) with the records listed by source key, so it outlives the records it names.
 *
 * The database keeps the accounting whatever the code does: no UPDATE ever, and no DELETE while
 * fewer than five years have passed, the person's entity still exists, or any version of a record
 * that went still exists ("5 years or the life of the record, whichever is longer").
 * No foreign keys to entities or source_records: disposal removes those, the accounting stays.
 */
export const m0050: Migration = {
  name: '0050_create_disclosures',
  async up(tx) {
    await tx.exec(`
      CREATE SEQUENCE disclosure_ref_seq;
      CREATE TABLE disclosures (
        id uuid PRIMARY KEY,
        ref text NOT NULL UNIQUE,
        subject_type text NOT NULL CHECK (subject_type IN ('person','lead','report')),
        subject_ids text[] NOT NULL,
        recipient_agency text NOT NULL,
        recipient_name text NOT NULL,
        recipient_address text NOT NULL,
        basis_kind text NOT NULL CHECK (basis_kind IN ('routine_use','exception')),
        basis_code text NOT NULL,
        basis_version text NOT NULL,
        basis_title text NOT NULL,
        basis_citation text NOT NULL,
        basis_text text NOT NULL,
        approval_ref text,
        accountable boolean NOT NULL,
        releasable boolean NOT NULL,
        purpose text NOT NULL,
        nature text NOT NULL,
        disclosed_at timestamptz NOT NULL,
        disclosed_by uuid,
        disclosed_by_username text NOT NULL,
        request_id text NOT NULL,
        package_sha256 text NOT NULL
      );
      CREATE INDEX disclosures_time_idx ON disclosures (disclosed_at DESC);

      CREATE TABLE disclosure_records (
        disclosure_id uuid NOT NULL REFERENCES disclosures (id),
        person_id uuid NOT NULL,
        source_record_id bigint NOT NULL,
        PRIMARY KEY (disclosure_id, person_id, source_record_id)
      );
      CREATE INDEX disclosure_records_person_idx ON disclosure_records (person_id);

      CREATE TABLE accounting_entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        disclosure_id uuid NOT NULL REFERENCES disclosures (id),
        person_id uuid NOT NULL,
        disclosed_at timestamptz NOT NULL,
        nature text NOT NULL,
        purpose text NOT NULL,
        basis_kind text NOT NULL,
        basis_code text NOT NULL,
        basis_citation text NOT NULL,
        recipient_agency text NOT NULL,
        recipient_name text NOT NULL,
        recipient_address text NOT NULL,
        releasable boolean NOT NULL,
        -- Set by the database from disclosed_at; the writer cannot shorten it.
        retain_until date NOT NULL,
        UNIQUE (disclosure_id, person_id)
      );
      CREATE INDEX accounting_entries_person_idx ON accounting_entries (person_id, disclosed_at);

      CREATE TABLE accounting_entry_records (
        entry_id bigint NOT NULL REFERENCES accounting_entries (id) ON DELETE CASCADE,
        source_record_id bigint NOT NULL,
        source text NOT NULL,
        record_id text NOT NULL,
        version integer NOT NULL,
        PRIMARY KEY (entry_id, source_record_id)
      );
      CREATE INDEX accounting_entry_records_key_idx ON accounting_entry_records (source, record_id);

      CREATE FUNCTION accounting_entries_set_retention() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- A back-dated entry is still kept five years from when it was written.
        NEW.retain_until := ((GREATEST(NEW.disclosed_at, now()) AT TIME ZONE 'UTC')::date + interval '5 years')::date;
        RETURN NEW;
      END $$;
      CREATE TRIGGER accounting_entries_retention BEFORE INSERT ON accounting_entries
        FOR EACH ROW EXECUTE FUNCTION accounting_entries_set_retention();

      CREATE FUNCTION accounting_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          RAISE EXCEPTION 'the accounting of disclosures cannot be changed: UPDATE refused'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT 1 FROM entities WHERE id = OLD.person_id) THEN
          RAISE EXCEPTION 'accounting entry % is kept while the record of person % exists: DELETE refused', OLD.id, OLD.person_id
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT 1 FROM accounting_entry_records r
                   JOIN source_records s ON s.source = r.source AND s.record_id = r.record_id
                   WHERE r.entry_id = OLD.id) THEN
          RAISE EXCEPTION 'accounting entry % is kept while a record it names exists: DELETE refused', OLD.id
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF (now() AT TIME ZONE 'UTC')::date < OLD.retain_until THEN
          RAISE EXCEPTION 'accounting entry % is kept until % (five years): DELETE refused', OLD.id, OLD.retain_until
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
      END $$;
      CREATE TRIGGER accounting_entries_keep BEFORE UPDATE OR DELETE ON accounting_entries
        FOR EACH ROW EXECUTE FUNCTION accounting_entries_guard();

      -- An entry's records go only with the entry (its cascade runs after the entry is gone).
      CREATE FUNCTION accounting_entry_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM accounting_entries WHERE id = OLD.entry_id) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'the accounting of disclosures cannot be changed: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER accounting_entry_records_keep BEFORE UPDATE OR DELETE ON accounting_entry_records
        FOR EACH ROW EXECUTE FUNCTION accounting_entry_records_guard();

      -- What went and under which basis is history: never rewritten. A disclosure row cannot be
      -- deleted while its records or accounting point at it (foreign keys).
      CREATE FUNCTION disclosures_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% cannot be changed: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER disclosures_no_update BEFORE UPDATE ON disclosures
        FOR EACH ROW EXECUTE FUNCTION disclosures_refuse_update();
      CREATE TRIGGER disclosure_records_no_update BEFORE UPDATE ON disclosure_records
        FOR EACH ROW EXECUTE FUNCTION disclosures_refuse_update();
      CREATE TRIGGER accounting_no_truncate BEFORE TRUNCATE ON accounting_entries
        FOR EACH STATEMENT EXECUTE FUNCTION disclosures_refuse_update();
      CREATE TRIGGER accounting_records_no_truncate BEFORE TRUNCATE ON accounting_entry_records
        FOR EACH STATEMENT EXECUTE FUNCTION disclosures_refuse_update();
      CREATE TRIGGER disclosures_no_truncate BEFORE TRUNCATE ON disclosures
        FOR EACH STATEMENT EXECUTE FUNCTION disclosures_refuse_update();
    `);
  },
};
