import type { Migration } from '../migrate';

/**
 * The blocking version (`BLOCKING_VERSION` in resolve/blocking-keys.ts) each resolution run
 * wrote its match index with. An incremental run extends the stored index only when the last
 * run's version is the code's; otherwise `leadtrac resolve` runs in full. Runs before this
 * column have NULL: version 1.
 */
export const m0022: Migration = {
  name: '0022_add_resolution_run_blocking_version',
  async up(tx) {
    await tx.exec(`ALTER TABLE resolution_runs ADD COLUMN blocking_version integer;`);
  },
};
