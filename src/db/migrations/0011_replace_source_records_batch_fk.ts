import type { Migration } from '../migrate';

/**
 * The foreign key from source_records to source_batches ran a per-row RI trigger: about 7 µs of
 * the server's time per record loaded, some 15% of a bulk load (docs/decisions/0003). Source
 * records are written only by ingest, in the same transaction as their batch row, which it writes
 * first; so, as for the fact tables (0010), the insert-side check goes. The other half of what
 * the key gave stays: a batch that still has records cannot be deleted or renumbered.
 */
export const m0011: Migration = {
  name: '0011_replace_source_records_batch_fk',
  async up(tx) {
    await tx.exec(`
      ALTER TABLE source_records DROP CONSTRAINT IF EXISTS source_records_batch_id_fkey;

      CREATE FUNCTION source_batches_keep_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (TG_OP = 'DELETE' OR NEW.id IS DISTINCT FROM OLD.id)
           AND EXISTS (SELECT 1 FROM source_records WHERE batch_id = OLD.id) THEN
          RAISE EXCEPTION 'batch % still has source records: it cannot be removed', OLD.id
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$;
      CREATE TRIGGER source_batches_keep_referenced BEFORE DELETE OR UPDATE OF id ON source_batches
        FOR EACH ROW EXECUTE FUNCTION source_batches_keep_referenced();
    `);
  },
};
