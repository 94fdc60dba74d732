import type { Migration } from '../migrate';

/**
 * `status_assessments_admission_idx` (0040, `(run_id, admission_number)`) is read by no query:
 * a person's assessments are found by entity, the export and the report read whole runs. Each
 * run's partition built it anyway, after the load: 13 s of a 10-million-admission run (sorting
 * 8 million admission numbers in the database's collation), about a tenth of the whole pass.
 * A lookup of an assessment by admission number would bring it back.
 */
export const m0062: Migration = {
  name: '0062_drop_unused_assessment_admission_index',
  async up(tx) {
    await tx.exec(`DROP INDEX IF EXISTS status_assessments_admission_idx;`);
  },
};
