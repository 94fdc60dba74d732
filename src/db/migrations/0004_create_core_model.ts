import type { Migration } from '../migrate';

/**
 * The core model later modules fill in: immutable, versioned source records with provenance,
 * the typed facts they carry (identifiers, names, addresses, relationships), and the entities
 * (persons, organizations) those records are resolved into.
 */
export const m0004: Migration = {
  name: '0004_create_core_model',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE source_batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source text NOT NULL,
        file_name text NOT NULL,
        file_size bigint NOT NULL,
        file_sha256 text NOT NULL,
        format text NOT NULL CHECK (format IN ('csv','ndjson')),
        loaded_by uuid,
        loaded_by_username text NOT NULL,
        legal_process_ref text,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        rows_read integer NOT NULL,
        rows_accepted integer NOT NULL,
        rows_flagged integer NOT NULL,
        rows_rejected integer NOT NULL,
        rows_skipped integer NOT NULL
      );
      CREATE INDEX source_batches_file_idx ON source_batches (source, file_sha256);

      -- Rows that could not be read at all: kept with line number, reason and text as received.
      CREATE TABLE source_rejects (
        batch_id uuid NOT NULL REFERENCES source_batches (id),
        line_no integer NOT NULL,
        reason text NOT NULL,
        raw_text text NOT NULL,
        PRIMARY KEY (batch_id, line_no)
      );

      CREATE TABLE source_records (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source text NOT NULL,
        record_id text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        batch_id uuid NOT NULL REFERENCES source_batches (id),
        line_no integer NOT NULL,
        received_at timestamptz NOT NULL,
        content_hash text NOT NULL,
        payload jsonb NOT NULL,
        flags jsonb NOT NULL DEFAULT '[]',
        markings text[] NOT NULL DEFAULT '{}',
        retention_state text NOT NULL DEFAULT 'active'
          CHECK (retention_state IN ('active','archived','on_hold')),
        UNIQUE (source, record_id, version)
      );

      -- Source records are immutable: a correction is a new version. Only the retention module
      -- may change retention_state (it sets leadtrac.retention = 'on' for its transaction), and
      -- only disposal may delete.
      CREATE FUNCTION source_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND current_setting('leadtrac.retention', true) = 'on'
           AND (to_jsonb(NEW) - 'retention_state') = (to_jsonb(OLD) - 'retention_state') THEN
          RETURN NEW;
        END IF;
        IF TG_OP = 'DELETE' AND current_setting('leadtrac.disposal', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'source records are immutable: % refused (add a new version instead)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER source_records_immutable BEFORE UPDATE OR DELETE ON source_records
        FOR EACH ROW EXECUTE FUNCTION source_records_guard();

      CREATE TABLE entities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('person','organization')),
        org_type text CHECK (org_type IN ('school','employer','agency','exchange_program','other')),
        display_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- Which entity each (source record, role in that record) describes, and how we know.
      CREATE TABLE record_links (
        source_record_id bigint NOT NULL REFERENCES source_records (id) ON DELETE CASCADE,
        role text NOT NULL,
        entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
        method text NOT NULL CHECK (method IN ('identifier','probabilistic','manual','singleton')),
        match_weight real,
        linked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source_record_id, role)
      );
      CREATE INDEX record_links_entity_idx ON record_links (entity_id);

      -- Typed facts. Each row names the source record that said it (provenance per fact) and the
      -- role of the party in that record ('subject', 'school', 'dso', 'employer', 'tipster', ...).
      -- No foreign keys on these high-volume tables: a per-row RI trigger dominated bulk loads.
      -- They are written only by ingest, in the same transaction as their record, and removed by
      -- disposal together with it (see docs/decisions/0003-ingest-pipeline.md).
      CREATE TABLE identifiers (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source_record_id bigint NOT NULL,
        role text NOT NULL DEFAULT 'subject',
        kind text NOT NULL CHECK (kind IN ('passport','visa_foil','a_number','sevis_id','fin','ssn',
          'admission_number','receipt_number','phone','email','vehicle_plate','school_code','dso_id',
          'legal_process')),
        value text NOT NULL,
        normalized text NOT NULL,
        issuing_country text,
        valid boolean NOT NULL
      );
      CREATE INDEX identifiers_lookup_idx ON identifiers (kind, normalized);
      CREATE INDEX identifiers_record_idx ON identifiers (source_record_id);

      CREATE TABLE names (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source_record_id bigint NOT NULL,
        role text NOT NULL DEFAULT 'subject',
        given_name text,
        middle_name text,
        family_name text,
        full_name text NOT NULL,
        search_key text NOT NULL
      );
      CREATE INDEX names_record_idx ON names (source_record_id);
      CREATE INDEX names_search_trgm_idx ON names USING gin (search_key gin_trgm_ops);

      CREATE TABLE addresses (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source_record_id bigint NOT NULL,
        role text NOT NULL DEFAULT 'subject',
        line1 text,
        line2 text,
        city text,
        state text,
        postal_code text,
        country text,
        normalized text NOT NULL
      );
      CREATE INDEX addresses_record_idx ON addresses (source_record_id);
      CREATE INDEX addresses_normalized_idx ON addresses (normalized);

      CREATE TABLE relationships (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source_record_id bigint NOT NULL,
        from_role text NOT NULL,
        to_role text NOT NULL,
        kind text NOT NULL,
        start_date date,
        end_date date
      );
      CREATE INDEX relationships_record_idx ON relationships (source_record_id);
    `);
  },
};
