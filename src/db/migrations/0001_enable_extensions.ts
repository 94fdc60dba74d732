import type { Migration } from '../migrate';

export const m0001: Migration = {
  name: '0001_enable_extensions',
  async up(tx) {
    for (const ext of ['pg_trgm', 'fuzzystrmatch', 'unaccent', 'btree_gin', 'pgcrypto']) {
      await tx.query(`CREATE EXTENSION IF NOT EXISTS ${ext}`);
    }
  },
};
