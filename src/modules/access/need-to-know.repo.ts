import type { Tx } from '../../db/database';

export interface AssignmentRow {
  subject_id: string;
  number: string;
}

/**
 * Open leads (any state but closed) on these subjects that make the user assigned: they own the
 * lead, or it was referred to their field office. Reads the leads module's table, never writes it.
 */
export async function openAssignments(
  tx: Tx,
  who: { userId: string; fieldOffice: string | null; fieldAgent: boolean },
  subjectIds: readonly string[] | null,
): Promise<AssignmentRow[]> {
  return tx.query<AssignmentRow>(
    `SELECT subject_id::text AS subject_id, number FROM leads
     WHERE state <> 'closed'
       AND ($1::uuid[] IS NULL OR subject_id = ANY($1::uuid[]))
       AND (owner_id = $2::uuid
            OR ($3::boolean AND $4::text IS NOT NULL AND field_office = $4::text
                AND state IN ('referred', 'accepted', 'declined', 'outcome_recorded')))
     ORDER BY created_at, number`,
    [subjectIds === null ? null : [...subjectIds], who.userId, who.fieldAgent, who.fieldOffice],
  );
}
