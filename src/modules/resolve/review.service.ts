import type { Database, Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { explainPair, logit2, type Model, type PairExplanation } from './match';
import { recordOf } from './mention-keys';
import { loadMentions, type PersonMention } from './mentions';
import { activeModel, linksOf, mentionsOfEntities } from './resolve.repo';
import { RESOLVE_POLICY } from './resolve.policy';
import { listDecisions, listReviewItems, openItemsAfter, openItemsAmong, reviewTotal, type DecisionRow, type PlacedItem, type ReviewItemRow } from './review.repo';
import type { ReviewReason } from './resolve.types';

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
  /** Open items between the same two persons, this one included (null unless the item is open). */
  pairsBetween: number | null;
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

/** How the open queue is listed: record pair by record pair, or one entry per pair of persons. */
export type ReviewGrouping = 'pair' | 'persons';

export interface ReviewQuery {
  status: ReviewItemRow['status'];
  limit: number;
  offset: number;
  /** 'persons' (open items only): the strongest open pair of each pair of persons. */
  by?: ReviewGrouping;
  reason?: ReviewReason;
}

/** Slice of the queue read at a time while folding it by pairs of persons. */
const FOLD_SLICE = 500;

/** Two persons (entity ids; `m` and the mention for a record not linked yet), in either order. */
const personsKey = (x: string, y: string): string => (x < y ? `${x}|${y}` : `${y}|${x}`);

/** The two persons an item is between. */
function personPair(i: PlacedItem): string {
  return personsKey(i.entityA ?? `m${i.a}`, i.entityB ?? `m${i.b}`);
}

/**
 * Open items folded by pair of persons, from the top of the queue: the `offset`-th to the
 * (`offset` + `limit`)-th pair of persons, each by its strongest open item, and whether more
 * follow. A decision on one item settles every pair between the same two persons (it confirms
 * or rejects the entities, not the records), so each pair of persons is one question.
 */
export async function foldByPersons(
  read: (after: { weight: number; id: string } | null, n: number) => Promise<PlacedItem[]>,
  offset: number,
  limit: number,
  slice = FOLD_SLICE,
): Promise<{ items: PlacedItem[]; more: boolean }> {
  const seen = new Set<string>();
  const items: PlacedItem[] = [];
  let after: { weight: number; id: string } | null = null;
  for (;;) {
    const rows = await read(after, slice);
    for (const r of rows) {
      const key = personPair(r);
      if (seen.has(key)) continue;
      seen.add(key);
      if (seen.size <= offset) continue;
      if (items.length === limit) return { items, more: true };
      items.push(r);
    }
    if (rows.length < slice) return { items, more: false };
    const last = rows[rows.length - 1]!;
    after = { weight: last.weight, id: last.id };
  }
}

/**
 * Pairs of records in open review between the persons of each item (the item's own included),
 * by item id: each open item stands for `pairs` of them (one per pair of persons since migration
 * 0064; items written before stand for one each). `seen`: the items' records as `views` read
 * them, with their entities.
 */
async function pairsBetween(tx: Tx, items: readonly ReviewItemRow[], seen: ReadonlyMap<number, MentionView>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const open = items.filter((i) => i.status === 'open');
  if (open.length === 0) return out;
  const entities = open.flatMap((i) => [seen.get(i.a)?.entityId, seen.get(i.b)?.entityId]).filter((e): e is string => !!e);
  const entityOf = new Map<number, string>();
  for (const m of await mentionsOfEntities(tx, [...new Set(entities)])) entityOf.set(m.mention, m.entityId);
  const place = (m: number) => entityOf.get(m) ?? `m${m}`;
  const key = (a: number, b: number) => personsKey(place(a), place(b));
  const counts = new Map<string, number>();
  for (const p of await openItemsAmong(tx, [...new Set([...entityOf.keys(), ...open.flatMap((i) => [i.a, i.b])])])) {
    const k = key(p.a, p.b);
    counts.set(k, (counts.get(k) ?? 0) + p.pairs);
  }
  for (const i of open) out.set(i.id, counts.get(key(i.a, i.b)) ?? i.pairs);
  return out;
}

type ReviewPage = { items: ReviewItemRow[]; total: number; more: boolean };

async function pairByPair(tx: Tx, q: ReviewQuery): Promise<ReviewPage> {
  const { items, total } = await listReviewItems(tx, q.status, q.limit, q.offset, q.reason);
  return { items, total, more: q.offset + items.length < total };
}

async function byPersons(tx: Tx, q: ReviewQuery): Promise<ReviewPage> {
  const { items, more } = await foldByPersons((after, n) => openItemsAfter(tx, after, n, q.reason), q.offset, q.limit);
  return { items, total: await reviewTotal(tx, 'open', q.reason), more };
}

export async function listReview(
  database: Database,
  ctx: RequestContext,
  q: ReviewQuery,
): Promise<{ entries: ReviewEntry[]; total: number; more: boolean }> {
  authorize(ctx, RESOLVE_POLICY['resolve.read']);
  if (q.by === 'persons' && q.status !== 'open') {
    throw new AppError('BAD_REQUEST', 'Only the open queue can be listed by pairs of persons: decided and closed items are listed pair by pair.');
  }
  return database.transaction(async (tx) => {
    const model = await requireModel(tx);
    const { items, total, more } = q.by === 'persons' ? await byPersons(tx, q) : await pairByPair(tx, q);
    const seen = await views(tx, items.flatMap((i) => [i.a, i.b]));
    const between = await pairsBetween(tx, items, seen);
    const entries: ReviewEntry[] = [];
    for (const item of items) {
      const a = seen.get(item.a);
      const b = seen.get(item.b);
      if (a && b) entries.push({ item, a, b, verdict: judge(model, a.record, b.record), pairsBetween: between.get(item.id) ?? null });
    }
    await audit(tx, ctx, {
      action: 'resolve.review.list',
      subjectType: 'source_record',
      subjectIds: [...new Set(entries.flatMap((e) => [String(recordOf(e.a.mention)), String(recordOf(e.b.mention))]))],
      details: { query: q, returned: entries.length, total },
    });
    return { entries, total, more };
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
