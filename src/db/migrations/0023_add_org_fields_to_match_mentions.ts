import type { Migration } from '../migrate';

/**
 * What organization clustering reads of a mention, kept in the match index beside its name key
 * and code: the DSO identifier and the label (the name as received, or the code when there is no
 * name) that names the entity. An incremental run or a decision then clusters a school's
 * mentions from this one table instead of reading every student record again (at 300,000
 * persons a 10,000-record batch touched schools holding 55,953 mentions). Rows written before
 * this column are rewritten by the full run that the index version (BLOCKING_VERSION 5) forces.
 */
export const m0023: Migration = {
  name: '0023_add_org_fields_to_match_mentions',
  async up(tx) {
    await tx.exec(`ALTER TABLE match_mentions ADD COLUMN org_dso text, ADD COLUMN org_label text;`);
  },
};
