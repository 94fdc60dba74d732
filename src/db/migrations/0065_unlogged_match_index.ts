import type { Migration } from '../migrate';

/**
 * The match index (mentions, block memberships, kept pairs, oversized blocks) is derived from the
 * source records by a full run, and only incremental runs read it: it is kept out of the
 * write-ahead log. At a million persons it is tens of millions of rows written by every full run,
 * and their WAL (with the checkpoints it forces and the full-page images after them) was most of
 * what the server wrote. After a crash PostgreSQL empties unlogged tables; `match_index_state`
 * is emptied with them, and a resolve that finds it empty (with a model stored) resolves
 * everything again instead of matching a new batch against nothing.
 */
export const m0065: Migration = {
  name: '0065_unlogged_match_index',
  async up(tx) {
    await tx.exec(`
      ALTER TABLE match_mentions SET UNLOGGED;
      ALTER TABLE match_blocks SET UNLOGGED;
      ALTER TABLE match_pairs SET UNLOGGED;
      ALTER TABLE match_oversized SET UNLOGGED;
      -- One row while the index is whole: the blocking version it was written with.
      CREATE UNLOGGED TABLE match_index_state (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        blocking_version integer NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO match_index_state (blocking_version)
        SELECT coalesce(blocking_version, 1) FROM resolution_runs ORDER BY id DESC LIMIT 1;
    `);
  },
};
