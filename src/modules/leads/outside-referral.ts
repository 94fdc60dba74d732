import type { Database, Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { createDisclosure } from '../disclosures';
import { withinTransaction } from './in-transaction';
import type { LeadRow } from './leads.repo';

export interface OutsideRecipient {
  agency: string;
  name: string;
  address: string;
}

/**
 * A referral that leaves DHS (a task-force partner, a local police department) is a disclosure
 * under routine use G, with an accounting entry for the subject. It is recorded through the
 * disclosures module inside the referral's own transaction, so a lead is never referred outside
 * without its accounting, nor accounted without being referred.
 */
export async function discloseReferral(
  database: Database,
  tx: Tx,
  ctx: RequestContext,
  lead: LeadRow,
  recipient: OutsideRecipient,
): Promise<{ ref: string; agency: string }> {
  if (lead.subject_type !== 'person') {
    throw new AppError('VALIDATION_FAILED', 'A lead on an organization is disclosed outside DHS through the Privacy Office, not by referral.');
  }
  const d = await createDisclosure(withinTransaction(database, tx), ctx, {
    subjectType: 'lead',
    subjectIds: [lead.number],
    personIds: [lead.subject_id],
    recipient,
    legalBasis: { kind: 'routine_use', code: 'G' },
    purpose: `Referral of lead ${lead.number} (${lead.title}) for investigation of a suspected violation`,
    nature: 'Referral package: the subject’s profile, status determination, evidence and the chain of custody of each fact',
  });
  return { ref: d.ref, agency: recipient.agency };
}
