import type { Migration } from '../migrate';

export const m0060: Migration = {
  name: '0060_create_leads',
  async up(tx) {
    await tx.exec(`
      CREATE SEQUENCE lead_number_seq;
      CREATE TABLE leads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        subject_type text NOT NULL CHECK (subject_type IN ('person','organization')),
        subject_id uuid NOT NULL,
        subject_name text NOT NULL,
        lead_type text NOT NULL CHECK (lead_type IN ('STATUS_VIOLATION','SUSPECT_SCHOOL','TIP','OTHER')),
        priority text NOT NULL CHECK (priority IN ('LOW','MEDIUM','HIGH','CRITICAL')),
        state text NOT NULL CHECK (state IN ('new','under_research','ready_for_review','approved_for_referral',
          'referred','accepted','declined','outcome_recorded','closed')),
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        owner_id uuid NOT NULL REFERENCES users (id),
        prepared_by uuid REFERENCES users (id),
        approved_by uuid REFERENCES users (id),
        field_office text,
        outcome text,
        outcome_note text,
        due_date date NOT NULL,
        state_since timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- One open lead per subject: a second finding adds to it instead of duplicating it.
      CREATE UNIQUE INDEX leads_one_open_per_subject ON leads (subject_type, subject_id) WHERE state <> 'closed';
      CREATE INDEX leads_owner_idx ON leads (owner_id, state);
      CREATE INDEX leads_office_idx ON leads (field_office, state);

      CREATE TABLE lead_transitions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        lead_id uuid NOT NULL REFERENCES leads (id),
        action text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        actor_id uuid,
        actor_username text NOT NULL,
        reason text,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX lead_transitions_lead_idx ON lead_transitions (lead_id, id);

      CREATE TABLE lead_evidence (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        lead_id uuid NOT NULL REFERENCES leads (id),
        kind text NOT NULL CHECK (kind IN ('assessment','record','note','tip','risk','attachment')),
        ref text,
        note text NOT NULL,
        added_by text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX lead_evidence_lead_idx ON lead_evidence (lead_id);

      -- Overlaps found by de-confliction, shown to the owners of both leads (routine use I).
      CREATE TABLE lead_overlaps (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        lead_id uuid NOT NULL REFERENCES leads (id),
        other_lead_id uuid NOT NULL REFERENCES leads (id),
        overlap_kind text NOT NULL,
        overlap_value text NOT NULL,
        found_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (lead_id, other_lead_id, overlap_kind, overlap_value)
      );
      CREATE INDEX lead_overlaps_other_idx ON lead_overlaps (other_lead_id);
    `);
  },
};
