import type { Migration } from '../migrate';

/**
 * The review queue holds one item per pair of entities, the pair of records joined most strongly
 * (see onePerEntityPair): a decision on an item settles the two entities whole, so every other
 * pair of their records asked the same question. At a million persons the 6.5M items were
 * 470,000 pairs of entities. `pairs` keeps how many pairs of records in review the item stands
 * for; items written before count 1 each, and a run folds them as it rewrites their entities.
 */
export const m0064: Migration = {
  name: '0064_add_review_item_pairs',
  async up(tx) {
    await tx.exec(`ALTER TABLE review_queue ADD COLUMN pairs integer NOT NULL DEFAULT 1 CHECK (pairs > 0);`);
  },
};
