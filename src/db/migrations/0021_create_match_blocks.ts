import type { Migration } from '../migrate';

/**
 * Blocking keys move from an int[] column with a GIN index to a plain (block, mention) table
 * with a b-tree: looking up the blocks of a 10,000-record batch took seconds through the GIN
 * overlap operator (PGlite planned it as a sequential scan) and milliseconds through the b-tree.
 */
export const m0021: Migration = {
  name: '0021_create_match_blocks',
  async up(tx) {
    await tx.exec(`
      DROP INDEX IF EXISTS match_mentions_blocks_idx;
      ALTER TABLE match_mentions DROP COLUMN IF EXISTS blocks;
      -- One row per block of each representative mention (blocks over the size cap are left out).
      CREATE TABLE match_blocks (
        block integer NOT NULL,
        mention bigint NOT NULL
      );
      CREATE INDEX match_blocks_block_idx ON match_blocks (block);
      CREATE INDEX match_blocks_mention_idx ON match_blocks (mention);
    `);
  },
};
