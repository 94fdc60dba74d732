import type { Database, Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { explainPair, logit2, type Model, type PairExplanation } from './match';
import { recordOf } from './mention-keys';
import { loadMentions, type PersonMention } from './mentions';
import { activeModel, linksOf } from './resolve.repo';
import { RESOLVE_POLICY } from './resolve.policy';
import { listDecisions, listReviewItems, type DecisionRow, type ReviewItemRow } from './review.repo';

/** Reads for analysts: the review queue with both records and why they may match. */
export interface MentionView {
  mention: number;
  record: PersonMention;
  entityId: string | null;
}

export interface Verdict {
  explanation: PairExplanation;
  verdict: 'match' | 'review' | 'no match';
  thresholds: { match: number; review: number };
}

export interface ReviewEntry {
  item: ReviewItemRow;
  a: MentionView;
  b: MentionView;
  verdict: Verdict;
}

async function requireModel(tx: Tx): Promise<Model> {
  const m = await activeModel(tx);
  if (!m) throw new AppError('RESOLVE_NO_MODEL', 'Entity resolution has not run yet: run `leadtrac resolve` first.');
  return m.model;
}

async function views(tx: Tx, mentions: readonly number[]): Promise<Map<number, MentionView>> {
  const loaded = await loadMentions(tx, { kind: 'records', recordIds: [...new Set(mentions.map(recordOf))] });
  const links = await linksOf(tx, mentions);
  const wanted = new Set(mentions);
  return new Map(
    loaded.persons.filter((p) => wanted.has(p.mention)).map((p) => [p.mention, { mention: p.mention, record: p, entityId: links.get(p.mention)?.entityId ?? null }]),
  );
}

export function judge(model: Model, a: PersonMention, b: PersonMention): Verdict {
  const explanation = explainPair(model, a.record, b.record);
  const match = logit2(model.thresholds.match);
  const review = logit2(model.thresholds.review);
  const verdict = explanation.weight >= match ? 'match' : explanation.weight >= review ? 'review' : 'no match';
  return { explanation, verdict, thresholds: { ...model.thresholds } };
}

export async function listReview(
  database: Database,
  ctx: RequestContext,
  q: { status: ReviewItemRow['status']; limit: number; offset: number },
): Promise<{ entries: ReviewEntry[]; total: number }> {
  authorize(ctx, RESOLVE_POLICY['resolve.read']);
  return database.transaction(async (tx) => {
    const model = await requireModel(tx);
    const { items, total } = await listReviewItems(tx, q.status, q.limit, q.offset);
    const seen = await views(tx, items.flatMap((i) => [i.a, i.b]));
    const entries: ReviewEntry[] = [];
    for (const item of items) {
      const a = seen.get(item.a);
      const b = seen.get(item.b);
      if (a && b) entries.push({ item, a, b, verdict: judge(model, a.record, b.record) });
    }
    await audit(tx, ctx, {
      action: 'resolve.review.list',
      subjectType: 'source_record',
      subjectIds: [...new Set(entries.flatMap((e) => [String(recordOf(e.a.mention)), String(recordOf(e.b.mention))]))],
      details: { query: q, returned: entries.length, total },
    });
    return { entries, total };
  });
}

export async function explainRecords(database: Database, ctx: RequestContext, a: number, b: number): Promise<{ a: MentionView; b: MentionView; verdict: Verdict }> {
  authorize(ctx, RESOLVE_POLICY['resolve.read']);
  return database.transaction(async (tx) => {
    const model = await requireModel(tx);
    const seen = await views(tx, [a, b]);
    const va = seen.get(a);
    const vb = seen.get(b);
    if (!va || !vb) throw new AppError('NOT_FOUND', `No person is named by ${!va ? 'record a' : 'record b'} (give a source record id, optionally with :dso).`);
    const verdict = judge(model, va.record, vb.record);
    await audit(tx, ctx, {
      action: 'resolve.explain',
      subjectType: 'source_record',
      subjectIds: [String(recordOf(a)), String(recordOf(b))],
      details: { a, b, weight: verdict.explanation.weight, verdict: verdict.verdict },
    });
    return { a: va, b: vb, verdict };
  });
}

export async function listDecisionLog(database: Database, ctx: RequestContext, q: { limit: number; offset: number }): Promise<{ decisions: DecisionRow[]; total: number }> {
  authorize(ctx, RESOLVE_POLICY['resolve.read']);
  return database.transaction(async (tx) => {
    const r = await listDecisions(tx, q.limit, q.offset);
    await audit(tx, ctx, {
      action: 'resolve.decisions.list',
      subjectType: 'entity',
      subjectIds: [...new Set(r.decisions.flatMap((d) => [...d.entitiesBefore, ...d.entitiesAfter]))],
      details: { query: q, returned: r.decisions.length },
    });
    return r;
  });
}
