import type { Database } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { needToKnowFor } from '../access';
import { audit } from '../audit';
import { authorize, holds } from '../auth/policy';
import { personStatus, STATUS_POLICY, type PersonStatusView } from '../status';
import { LEADS_POLICY } from './leads.policy';
import * as repo from './leads.repo';
import { readableLead } from './leads.service';
import { buildReferralPackage, type ReferralPackage } from './referral-data';
import { renderReferralPdf } from './referral-pdf';
import * as referralRepo from './referral.repo';

/**
 * The referral package of a lead, for whoever may read the lead (its field office once referred).
 * What it shows of the subject is the need-to-know decision (access module, channel `referral`);
 * the read is audited under the decision's purpose (`lead:<number>` for the assigned), with what went in.
 */
export async function getReferralPackage(database: Database, ctx: RequestContext, id: string): Promise<ReferralPackage> {
  authorize(ctx, LEADS_POLICY['leads.read']);
  const statusView = await statusInWords(database, ctx, id);
  return database.transaction(async (tx) => {
    const lead = await readableLead(tx, ctx, id);
    const purpose = `Referral package of lead ${lead.number}${ctx.purpose ? ` (${ctx.purpose})` : ''}`;
    const needToKnow = await needToKnowFor(tx, ctx, [lead.subject_id], 'referral');
    const [history, records, core, status] = [
      await repo.leadHistory(tx, id),
      await referralRepo.custodyRecords(tx, lead.subject_id),
      await referralRepo.coreFacts(tx, lead.subject_id),
      statusView ? null : await referralRepo.latestStatus(tx, lead.subject_id),
    ];
    const pkg = buildReferralPackage({ lead, history, records, core, status, statusView, generatedBy: ctx.actor.username, purpose, needToKnow, now: new Date() });
    await audit(tx, { ...ctx, purpose: needToKnow.auditPurpose }, {
      action: 'lead.referral_package',
      subjectType: 'lead',
      subjectIds: [id, lead.subject_id],
      details: { number: lead.number, basis: pkg.needToKnow.basis, masked: pkg.needToKnow.masked, records: pkg.custody.length, withheldRecords: pkg.withheld.records, statusAsOf: pkg.status?.asOf ?? null, evidence: pkg.evidence.length },
    });
    return pkg;
  });
}

/**
 * The status module states the rules in words, for those who may read it (its own read, audited
 * by it). Others — a field agent — and any failure of that module get the run's stored
 * determination instead, its rules read from their codes; the package says which it shows.
 */
async function statusInWords(database: Database, ctx: RequestContext, leadId: string): Promise<PersonStatusView | null> {
  if (!holds(ctx.actor.roles, STATUS_POLICY['status.read'])) return null;
  const lead = await database.transaction((tx) => readableLead(tx, ctx, leadId));
  if (lead.subject_type !== 'person') return null;
  try {
    return await personStatus(database, ctx, lead.subject_id);
  } catch {
    return null;
  }
}

export async function getReferralPdf(database: Database, ctx: RequestContext, id: string): Promise<{ body: Buffer; fileName: string }> {
  const pkg = await getReferralPackage(database, ctx, id);
  return { body: await renderReferralPdf(pkg), fileName: `${pkg.lead.number}-referral.pdf` };
}
