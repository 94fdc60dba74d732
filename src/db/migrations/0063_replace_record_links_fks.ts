import type { Migration } from '../migrate';

/**
 * record_links' two foreign keys ran two per-row RI checks on every link written, each locking
 * (and so dirtying, and logging) a row of source_records or entities: at a million persons the
 * 7.2 million links of a full run took 319 s, and on a 3-million-row test the keys made the insert
 * four times slower. Links are written only by resolution, from records it has just read and
 * after the entities it has just written; so, as for source_records' batch key (0011) and the
 * fact tables (0010), the insert-side check goes. What the keys' ON DELETE CASCADE gave stays,
 * done once per statement from its deleted rows: disposing of a record or an entity removes its
 * links, and truncating either table empties record_links.
 */
export const m0063: Migration = {
  name: '0063_replace_record_links_fks',
  async up(tx) {
    await tx.exec(`
      ALTER TABLE record_links DROP CONSTRAINT IF EXISTS record_links_source_record_id_fkey;
      ALTER TABLE record_links DROP CONSTRAINT IF EXISTS record_links_entity_id_fkey;

      CREATE FUNCTION record_links_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          -- Not when the same statement emptied record_links too: it is still in use by it.
          IF EXISTS (SELECT 1 FROM record_links) THEN
            TRUNCATE record_links;
          END IF;
        ELSIF TG_TABLE_NAME = 'source_records' THEN
          DELETE FROM record_links l USING gone g WHERE l.source_record_id = g.id;
        ELSE
          DELETE FROM record_links l USING gone g WHERE l.entity_id = g.id;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER source_records_unlink AFTER DELETE ON source_records
        REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION record_links_cascade();
      CREATE TRIGGER source_records_unlink_all AFTER TRUNCATE ON source_records
        FOR EACH STATEMENT EXECUTE FUNCTION record_links_cascade();
      CREATE TRIGGER entities_unlink AFTER DELETE ON entities
        REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION record_links_cascade();
      CREATE TRIGGER entities_unlink_all AFTER TRUNCATE ON entities
        FOR EACH STATEMENT EXECUTE FUNCTION record_links_cascade();
    `);
  },
};
