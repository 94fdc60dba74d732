import type { Database } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import * as repo from './accounting.repo';
import { renderNoticePdf } from './accounting-render';
import { DISCLOSURES_POLICY } from './disclosures.policy';
import type { CorrectionView } from './disclosures.schema';
import type { FileOut } from './disclosures.service';
import { isoOf } from './package-data';

export interface CorrectionInput {
  event: 'corrected' | 'disputed';
  note: string;
}

function presentNotice(n: repo.NoticeRow): CorrectionView['notices'][number] {
  return {
    id: n.id,
    ref: n.ref,
    disclosureId: n.disclosure_id,
    disclosureRef: n.disclosure_ref,
    disclosedAt: isoOf(n.disclosed_at),
    recipient: { agency: n.recipient_agency, name: n.recipient_name, address: n.recipient_address },
    createdAt: isoOf(n.created_at),
  };
}

function present(c: repo.CorrectionRow, notices: readonly repo.NoticeRow[]): CorrectionView {
  return {
    id: c.id,
    recordRef: c.source_record_id,
    source: c.source,
    recordId: c.record_id,
    event: c.event,
    note: c.note,
    outcome: c.outcome,
    waiverReason: c.waiver_reason,
    recordedAt: isoOf(c.recorded_at),
    recordedBy: c.recorded_by_username,
    notices: notices.filter((n) => n.correction_id === c.id).map(presentNotice),
  };
}

/**
 * A record was corrected or a dispute noted (552a(c)(4)): produce one notice for every earlier
 * accountable disclosure of any version of the record, or, with `waiverReason`, record that the
 * duty is waived in this case. The requests module calls this when an amendment is granted.
 */
export async function recordCorrection(
  database: Database,
  ctx: RequestContext,
  recordRef: string,
  input: CorrectionInput,
  waiverReason?: string,
): Promise<CorrectionView> {
  authorize(ctx, DISCLOSURES_POLICY['corrections.notify']);
  return database.transaction(async (tx) => {
    const key = await repo.sourceRecordKey(tx, recordRef);
    if (!key) throw new AppError('NOT_FOUND', `No source record ${recordRef}.`);
    const recipients = await repo.earlierRecipients(tx, key.source, key.record_id);
    const outcome = waiverReason ? 'waived' : recipients.length > 0 ? 'notified' : 'no_recipients';
    const correction = await repo.insertCorrection(tx, {
      source_record_id: key.id,
      source: key.source,
      record_id: key.record_id,
      event: input.event,
      note: input.note,
      outcome,
      waiver_reason: waiverReason ?? null,
      recorded_by: ctx.actor.via === 'system' ? null : ctx.actor.userId,
      recorded_by_username: ctx.actor.username,
    });
    if (outcome === 'notified') await repo.insertNotices(tx, correction.id, recipients);
    const notices = await repo.noticesOf(tx, [correction.id]);
    await audit(tx, ctx, {
      action: waiverReason ? 'corrections.waiver' : 'corrections.notices',
      subjectType: 'record',
      subjectIds: [key.id],
      details: { correctionId: correction.id, event: input.event, outcome, earlierDisclosures: recipients.map((r) => r.disclosure_ref), notices: notices.map((n) => n.ref) },
    });
    return present(correction, notices);
  });
}

/** Every correction and dispute of the record (any version), newest first, with their notices. */
export async function listCorrections(database: Database, ctx: RequestContext, recordRef: string): Promise<CorrectionView[]> {
  authorize(ctx, DISCLOSURES_POLICY['corrections.notify']);
  return database.transaction(async (tx) => {
    const key = await repo.sourceRecordKey(tx, recordRef);
    if (!key) throw new AppError('NOT_FOUND', `No source record ${recordRef}.`);
    const corrections = await repo.correctionsOfRecord(tx, key.source, key.record_id);
    const notices = await repo.noticesOf(tx, corrections.map((c) => c.id));
    await audit(tx, ctx, { action: 'corrections.list', subjectType: 'record', subjectIds: [key.id], details: { corrections: corrections.length, notices: notices.length } });
    return corrections.map((c) => present(c, notices));
  });
}

export async function getNoticePdf(database: Database, ctx: RequestContext, noticeId: string): Promise<FileOut> {
  authorize(ctx, DISCLOSURES_POLICY['corrections.notify']);
  const found = await database.transaction(async (tx) => {
    const n = await repo.getNotice(tx, noticeId);
    if (!n) throw new AppError('NOT_FOUND', `No notice ${noticeId}.`);
    await audit(tx, ctx, { action: 'corrections.notice_read', subjectType: 'record', subjectIds: [n.correction.source_record_id], details: { notice: n.ref, disclosure: n.disclosure_ref } });
    return n;
  });
  const view = present(found.correction, [found]);
  return { body: await renderNoticePdf(view, view.notices[0]!), contentType: 'application/pdf', fileName: `${found.ref}.pdf` };
}
