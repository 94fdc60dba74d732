import type { Migration } from '../migrate';

/**
 * Status assessment runs (issue 5). A run is one pass of the rules engine over every admission
 * as of one date (the AOD) under one configuration version; its assessments and risk rows live
 * in their own partitions, so a run is written with COPY into an unindexed table, indexed once,
 * attached, and a superseded run (same AOD, run again) is dropped in one statement.
 * Fiscal-year tallies are kept per run so the DHS-style report does not rescan millions of rows.
 * See docs/status.md.
 */
export const m0040: Migration = {
  name: '0040_create_status_assessments',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE status_runs (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        as_of date NOT NULL,
        config_version text NOT NULL,
        -- The whole configuration used, so a run can be explained and repeated exactly.
        config jsonb NOT NULL,
        run_by uuid,
        run_by_username text NOT NULL,
        request_id text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        persons integer NOT NULL DEFAULT 0,
        admissions integer NOT NULL DEFAULT 0,
        violators integer NOT NULL DEFAULT 0,
        class_counts jsonb NOT NULL DEFAULT '{}',
        elapsed_ms integer,
        superseded_at timestamptz,
        superseded_by bigint REFERENCES status_runs (id)
      );
      -- One current run per AOD: running an AOD again replaces its results.
      CREATE UNIQUE INDEX status_runs_current_idx ON status_runs (as_of) WHERE superseded_at IS NULL;

      CREATE TABLE status_assessments (
        run_id bigint NOT NULL,
        -- The resolved entity id, or a provisional key until the records are linked.
        person_key text NOT NULL,
        entity_id uuid,
        admission_number text NOT NULL,
        admission_record_id bigint NOT NULL,
        class text NOT NULL,
        class_of_admission text NOT NULL,
        evaluated_class text NOT NULL,
        citizenship_country text,
        admission_date date,
        admit_until_date date,
        aed date,
        status_end_date date,
        departure_date date,
        departure_record_id bigint,
        overstay_days integer NOT NULL,
        unlawful_presence_days integer NOT NULL,
        bar_tier text NOT NULL,
        -- Sorted flag names joined by '|' (the export format); '' when none.
        flags text NOT NULL,
        -- Codes of the rules fired, in order, joined by '|'. The words are re-derived on demand.
        rules text NOT NULL
      ) PARTITION BY LIST (run_id);
      CREATE INDEX status_assessments_entity_idx ON status_assessments (run_id, entity_id);
      CREATE INDEX status_assessments_admission_idx ON status_assessments (run_id, admission_number);

      -- Suspected violators only, one row per person, with every factor explained.
      CREATE TABLE status_risks (
        run_id bigint NOT NULL,
        person_key text NOT NULL,
        entity_id uuid,
        -- The admission behind the longest overstay: names the person in lists.
        admission_record_id bigint NOT NULL,
        score integer NOT NULL,
        level text NOT NULL,
        citizenship_country text,
        classes_of_admission text[] NOT NULL,
        violations text[] NOT NULL,
        school_codes text[] NOT NULL,
        overstay_days integer NOT NULL,
        bar_tier text NOT NULL,
        factors jsonb NOT NULL
      ) PARTITION BY LIST (run_id);
      CREATE INDEX status_risks_rank_idx ON status_risks (run_id, score DESC, person_key);

      CREATE TABLE status_run_tallies (
        run_id bigint NOT NULL REFERENCES status_runs (id) ON DELETE CASCADE,
        fiscal_year integer NOT NULL,
        class_of_admission text NOT NULL,
        citizenship_country text NOT NULL,
        class text NOT NULL,
        admissions integer NOT NULL,
        PRIMARY KEY (run_id, fiscal_year, class_of_admission, citizenship_country, class)
      );

      -- Read paths of the assessment pass. Only re-versioned records are in the partial index, so
      -- superseded versions are found without scanning source_records; unlinked SEVIS rows find
      -- their admission by SEVIS ID.
      CREATE INDEX source_records_reversioned_idx ON source_records (source, record_id)
        WHERE version > 1;
      CREATE INDEX admissions_sevis_id_idx ON admissions (sevis_id) WHERE sevis_id IS NOT NULL;
    `);
  },
};
