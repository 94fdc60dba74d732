import type { Migration } from '../migrate';

/**
 * An incremental run looks up the stored members of its batch's blocks (repsInBlocks): at a
 * million persons, some 200,000 blocks among 62 million memberships, each a descent of the block
 * index and then a heap page per member. With the mention in the index, and a full run's rows
 * written frozen (all-visible), the lookup is an index-only scan: a block's members sit together.
 */
export const m0066: Migration = {
  name: '0066_cover_match_block_lookups',
  async up(tx) {
    await tx.exec(`
      DROP INDEX match_blocks_block_idx;
      CREATE INDEX match_blocks_block_idx ON match_blocks (block) INCLUDE (mention);
    `);
  },
};
