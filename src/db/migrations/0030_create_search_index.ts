import type { Migration } from '../migrate';

/**
 * The analyst search index (docs/search-and-profiles.md). One row per name fact, keyed by the
 * immutable `names` row it was computed from, so re-resolving entities never makes it stale:
 * the entity a name belongs to is read through `record_links` at query time. Name keys are
 * romanized and folded in TypeScript (the resolver's normalize/translit functions), so the
 * index and the query agree on both databases.
 *
 * `search_terms` is the vocabulary of name tokens with their phonetic keys; a query token is
 * expanded over it (trigram, spelling fold, Daitch–Mokotoff, double metaphone, nickname,
 * prefix) and the expansions are looked up in the GIN index over `search_name_keys.tokens`.
 */
export const m0030: Migration = {
  name: '0030_create_search_index',
  async up(tx) {
    await tx.exec(`
      CREATE TABLE search_name_keys (
        name_id bigint PRIMARY KEY REFERENCES names (id) ON DELETE CASCADE,
        source_record_id bigint NOT NULL,
        role text NOT NULL,
        key text NOT NULL,
        tokens text[] NOT NULL,
        birth_date date
      );
      CREATE INDEX search_name_keys_tokens_idx ON search_name_keys USING gin (tokens);
      CREATE INDEX search_name_keys_birth_idx ON search_name_keys (birth_date) WHERE birth_date IS NOT NULL;
      CREATE INDEX search_name_keys_record_idx ON search_name_keys (source_record_id);

      CREATE TABLE search_terms (
        term text PRIMARY KEY,
        folded text NOT NULL,
        skeleton text NOT NULL,
        dm text[] NOT NULL,
        metaphone text NOT NULL,
        metaphone_alt text NOT NULL,
        nick text
      );
      CREATE INDEX search_terms_trgm_idx ON search_terms USING gin (term gin_trgm_ops);
      CREATE INDEX search_terms_prefix_idx ON search_terms (term COLLATE "C");
      CREATE INDEX search_terms_folded_idx ON search_terms (folded);
      CREATE INDEX search_terms_dm_idx ON search_terms USING gin (dm);
      CREATE INDEX search_terms_metaphone_idx ON search_terms (metaphone);
      CREATE INDEX search_terms_metaphone_alt_idx ON search_terms (metaphone_alt);
      CREATE INDEX search_terms_nick_idx ON search_terms (nick) WHERE nick IS NOT NULL;

      -- Organizations are few and carry no name facts of their own: their display name is searched.
      CREATE INDEX search_org_names_trgm_idx ON entities USING gin (lower(display_name) gin_trgm_ops)
        WHERE kind = 'organization';
    `);
  },
};
