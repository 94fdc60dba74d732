import type { Migration } from '../migrate';

/**
 * The search index used to find new names by a watermark (the highest name id indexed). Ids are
 * taken when rows are written, not when they commit: a slow batch that commits after a faster one
 * left its lower ids under the watermark, never indexed and never found. Now a statement trigger
 * queues every new name in `search_pending` as part of the writing transaction, so a name is
 * queued exactly when it becomes visible, whatever the order of commits; indexing takes names off
 * the queue (`FOR UPDATE SKIP LOCKED`, so two indexers never take the same name).
 */
export const m0031: Migration = {
  name: '0031_queue_names_for_search',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE search_pending (
        name_id bigint PRIMARY KEY REFERENCES names (id) ON DELETE CASCADE
      );

      CREATE FUNCTION search_queue_names() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_pending (name_id) SELECT id FROM new_names;
        RETURN NULL;
      END $$;

      CREATE TRIGGER names_queue_for_search AFTER INSERT ON names
        REFERENCING NEW TABLE AS new_names FOR EACH STATEMENT EXECUTE FUNCTION search_queue_names();

      INSERT INTO search_pending (name_id)
        SELECT n.id FROM names n WHERE NOT EXISTS (SELECT 1 FROM search_name_keys k WHERE k.name_id = n.id);
    `);
  },
};
