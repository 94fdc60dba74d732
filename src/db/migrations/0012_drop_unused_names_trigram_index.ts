import type { Migration } from '../migrate';

/**
 * `names_search_trgm_idx` (0004) is read by no query: name search has its own index
 * (`search_name_keys`, `search_terms`, 0030), built by the search-index step. A GIN trigram entry
 * per name was about a sixth of the database's time in a bulk load (docs/decisions/0003,
 * "Measurements"), so it goes. `names.search_key` stays: it is what the search index is built from.
 */
export const m0012: Migration = {
  name: '0012_drop_unused_names_trigram_index',
  async up(tx) {
    await tx.exec(`DROP INDEX IF EXISTS names_search_trgm_idx;`);
  },
};
