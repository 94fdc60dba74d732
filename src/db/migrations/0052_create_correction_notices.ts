import type { Migration } from '../migrate';

/**
 * 552a(c)(4): when a record is corrected or a dispute is noted, every earlier recipient on the
 * accounting is informed, or the duty is waived case by case. `record_corrections` is the event
 * (keyed by the record's source key, so any version counts) with its outcome; `correction_notices`
 * one notice per earlier disclosure of the record, addressed as that disclosure was. Append-only.
 */
export const m0052: Migration = {
  name: '0052_create_correction_notices',
  async up(tx) {
    await tx.exec(`
      CREATE SEQUENCE correction_notice_ref_seq;
      CREATE TABLE record_corrections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_record_id bigint NOT NULL,
        source text NOT NULL,
        record_id text NOT NULL,
        event text NOT NULL CHECK (event IN ('corrected','disputed')),
        note text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('notified','no_recipients','waived')),
        waiver_reason text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        recorded_by uuid,
        recorded_by_username text NOT NULL,
        CHECK ((outcome = 'waived') = (waiver_reason IS NOT NULL))
      );
      CREATE INDEX record_corrections_key_idx ON record_corrections (source, record_id, recorded_at);

      CREATE TABLE correction_notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ref text NOT NULL UNIQUE,
        correction_id uuid NOT NULL REFERENCES record_corrections (id),
        disclosure_id uuid NOT NULL REFERENCES disclosures (id),
        recipient_agency text NOT NULL,
        recipient_name text NOT NULL,
        recipient_address text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX correction_notices_correction_idx ON correction_notices (correction_id);

      CREATE FUNCTION corrections_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER record_corrections_keep BEFORE UPDATE OR DELETE ON record_corrections
        FOR EACH ROW EXECUTE FUNCTION corrections_refuse_change();
      CREATE TRIGGER correction_notices_keep BEFORE UPDATE OR DELETE ON correction_notices
        FOR EACH ROW EXECUTE FUNCTION corrections_refuse_change();
    `);
  },
};
