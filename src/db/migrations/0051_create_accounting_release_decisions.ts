import type { Migration } from '../migrate';

/**
 * Case-by-case decisions on releasing a person's accounting of disclosures to them (552a(c)(3),
 * exempted under (j)(2) and (k)(2)): what was decided, why, under which exemption, and which
 * entries the decision covers (entries written later need a new decision). Append-only: a new
 * decision supersedes an old one, which stays as history.
 */
export const m0051: Migration = {
  name: '0051_create_accounting_release_decisions',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE accounting_release_decisions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        person_id uuid NOT NULL,
        decision text NOT NULL CHECK (decision IN ('release','release_in_part','withhold')),
        reason text NOT NULL CHECK (length(trim(reason)) > 0),
        exemption text CHECK (exemption IN ('(j)(2)','(k)(2)')),
        exemption_reason text,
        covered_entry_ids bigint[] NOT NULL,
        withheld_entry_ids bigint[] NOT NULL DEFAULT '{}',
        decided_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid,
        decided_by_username text NOT NULL,
        CHECK (decision = 'release' OR exemption IS NOT NULL)
      );
      CREATE INDEX accounting_release_decisions_person_idx ON accounting_release_decisions (person_id, id DESC);

      CREATE FUNCTION accounting_release_decisions_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'release decisions are kept as made: % refused (record a new decision)', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER accounting_release_decisions_keep BEFORE UPDATE OR DELETE ON accounting_release_decisions
        FOR EACH ROW EXECUTE FUNCTION accounting_release_decisions_refuse();
    `);
  },
};
