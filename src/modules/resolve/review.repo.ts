import type { Tx } from '../../db/database';
import { copyLines, withoutIndexes } from './copy';
import type { DecisionConstraints } from './constraints';
import { keys } from './keys';
import type { ReviewPair } from './person-clusters';
import type { DecisionKind, ReviewReason } from './resolve.types';

/** SQL of the review queue and of analyst decisions. */
const num = (v: unknown) => Number(v);

export interface ReviewItemRow {
  id: string;
  a: number;
  b: number;
  weight: number;
  reason: ReviewReason;
  status: 'open' | 'decided' | 'closed';
  decisionId: string | null;
  /** Pairs of records in review between the two entities the item stands for. */
  pairs: number;
}

/**
 * Replaces the open review items with an end among `scope` (null: all of them) with `items`:
 * pairs still in review are (re)opened, pairs no longer in review are closed. Decided items stay
 * decided.
 */
export async function replaceReviewItems(
  tx: Tx,
  scope: readonly number[] | null,
  items: readonly ReviewPair[],
): Promise<void> {
  // A full run rewrites most of the queue: its secondary indexes are built once after.
  if (scope === null) await withoutIndexes(tx, ['review_queue'], () => writeReviewItems(tx, scope, items));
  else await writeReviewItems(tx, scope, items);
}

async function writeReviewItems(
  tx: Tx,
  scope: readonly number[] | null,
  items: readonly ReviewPair[],
): Promise<void> {
  // Only what changed is written: pairs no longer in review are closed, new or changed ones
  // (re)opened, the rest neither written nor locked (they are filtered out before the upsert).
  // Closing every open item of the scope and opening it again rewrote each row and its index
  // entries on every run.
  await tx.exec(`CREATE TEMP TABLE IF NOT EXISTS resolve_review (a bigint, b bigint, weight double precision, reason text, pairs integer) ON COMMIT DROP; DELETE FROM resolve_review;`);
  await copyLines(tx, 'resolve_review', ['a', 'b', 'weight', 'reason', 'pairs'], reviewLines(items));
  await tx.exec(`ANALYZE resolve_review`);
  const gone = `q.status = 'open' AND NOT EXISTS (SELECT 1 FROM resolve_review r WHERE r.a = q.mention_a AND r.b = q.mention_b)`;
  if (scope === null) await tx.query(`UPDATE review_queue q SET status = 'closed', updated_at = now() WHERE ${gone}`);
  else if (scope.length > 0) {
    // Every item with an end in the scope: a redo gives again each one still wanted (those
    // reaching outside it among its crossing items), one per pair of entities.
    await tx.query(
      `UPDATE review_queue q SET status = 'closed', updated_at = now()
       WHERE q.id IN (SELECT id FROM review_queue WHERE mention_a = ANY(${keys('$1', 'bigint')})
                      UNION SELECT id FROM review_queue WHERE mention_b = ANY(${keys('$1', 'bigint')}))
         AND ${gone}`,
      [scope],
    );
  }
  if (items.length === 0) return;
  // A scoped run asks the unique index once per item (OFFSET 0 keeps the subquery a per-row
  // probe): as an anti-join the planner hashed every open item of the queue, 0.5 s of a
  // 10,000-record incremental run at 100,000 persons and growing with the queue, not the batch.
  const probe = scope === null ? '' : ' OFFSET 0';
  // In key order, the unique index is filled page after page: in random order, a full run's
  // millions of items each touched a random page of it (6M items: 100 s against 86 s sorted).
  await tx.query(
    `INSERT INTO review_queue (mention_a, mention_b, weight, reason, pairs)
     SELECT a, b, weight, reason, pairs FROM resolve_review r
     WHERE NOT EXISTS (SELECT 1 FROM review_queue q WHERE q.mention_a = r.a AND q.mention_b = r.b AND q.status = 'open' AND q.weight = r.weight AND q.reason = r.reason AND q.pairs = r.pairs${probe})
     ORDER BY a, b
     ON CONFLICT (mention_a, mention_b) DO UPDATE SET weight = EXCLUDED.weight, reason = EXCLUDED.reason, pairs = EXCLUDED.pairs, status = 'open',
       updated_at = CASE WHEN review_queue.status = 'open' AND review_queue.weight = EXCLUDED.weight THEN review_queue.updated_at ELSE now() END`,
  );
}

/** Review items as COPY lines, (a, b) in order (a full run writes millions: no array per row). */
function* reviewLines(items: readonly ReviewPair[]): Generator<string> {
  for (const i of items) yield `${Math.min(i.a, i.b)}\t${Math.max(i.a, i.b)}\t${i.weight}\t${i.reason}\t${i.pairs ?? 1}\n`;
}

type RawItem = { id: string; mention_a: string; mention_b: string; weight: number; reason: ReviewReason; status: ReviewItemRow['status']; decision_id: string | null; pairs: number };
const toItem = (r: RawItem): ReviewItemRow => ({
  id: String(r.id),
  a: num(r.mention_a),
  b: num(r.mention_b),
  weight: Number(r.weight),
  reason: r.reason,
  status: r.status,
  decisionId: r.decision_id === null ? null : String(r.decision_id),
  pairs: num(r.pairs),
});

const ITEM_COLS = 'q.id, q.mention_a, q.mention_b, q.weight, q.reason, q.status, q.decision_id, q.pairs';

export async function listReviewItems(
  tx: Tx,
  status: ReviewItemRow['status'],
  limit: number,
  offset: number,
  reason?: ReviewReason,
): Promise<{ items: ReviewItemRow[]; total: number }> {
  const rows = await tx.query<RawItem>(
    `SELECT ${ITEM_COLS} FROM review_queue q WHERE q.status = $1 AND ($4::text IS NULL OR q.reason = $4)
     ORDER BY q.weight DESC, q.id LIMIT $2 OFFSET $3`,
    [status, limit, offset, reason ?? null],
  );
  return { items: rows.map(toItem), total: await reviewTotal(tx, status, reason) };
}

/** Items in a status (of one reason): by reason, a count of the queue's rows (no kept count). */
export async function reviewTotal(tx: Tx, status: ReviewItemRow['status'], reason?: ReviewReason): Promise<number> {
  if (!reason) return countReview(tx, status);
  const rows = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM review_queue WHERE status = $1 AND reason = $2`, [status, reason]);
  return num(rows[0]!.n);
}

/** The record_links row of mention `m` (an SQL expression of a review_queue column). */
const linkOf = (alias: string, m: string) =>
  `LEFT JOIN record_links ${alias} ON ${alias}.source_record_id = ${m} / 8
     AND ${alias}.role = CASE ${m} % 8 WHEN 0 THEN 'subject' WHEN 1 THEN 'dso' WHEN 2 THEN 'school' ELSE 'employer' END`;

/** An open item with the entities its two records are linked to now (null: not linked). */
export interface PlacedItem extends ReviewItemRow {
  entityA: string | null;
  entityB: string | null;
}

/**
 * Open items after `after` in the queue's order (weight descending, then id), `n` at most, each
 * with its two records' entities. Read in slices so that the queue can be folded by pairs of
 * persons from the top without reading all of it.
 */
export async function openItemsAfter(
  tx: Tx,
  after: { weight: number; id: string } | null,
  n: number,
  reason?: ReviewReason,
): Promise<PlacedItem[]> {
  const rows = await tx.query<RawItem & { entity_a: string | null; entity_b: string | null }>(
    `SELECT ${ITEM_COLS}, la.entity_id::text AS entity_a, lb.entity_id::text AS entity_b
     FROM review_queue q ${linkOf('la', 'q.mention_a')} ${linkOf('lb', 'q.mention_b')}
     WHERE q.status = 'open' AND ($4::text IS NULL OR q.reason = $4)
       AND ($2::double precision IS NULL OR q.weight < $2 OR (q.weight = $2 AND q.id > $3::bigint))
     ORDER BY q.weight DESC, q.id LIMIT $1`,
    [n, after?.weight ?? null, after?.id ?? null, reason ?? null],
  );
  return rows.map((r) => ({ ...toItem(r), entityA: r.entity_a, entityB: r.entity_b }));
}

/** Open items with both records among `mentions`, with the pairs of records each stands for. */
export async function openItemsAmong(tx: Tx, mentions: readonly number[]): Promise<{ a: number; b: number; pairs: number }[]> {
  if (mentions.length === 0) return [];
  const rows = await tx.query<{ mention_a: string; mention_b: string; pairs: number }>(
    `SELECT mention_a, mention_b, pairs FROM review_queue
     WHERE status = 'open' AND mention_a = ANY(${keys('$1', 'bigint')}) AND mention_b = ANY($1::bigint[])`,
    [mentions],
  );
  return rows.map((r) => ({ a: num(r.mention_a), b: num(r.mention_b), pairs: num(r.pairs) }));
}

export async function getReviewItem(tx: Tx, id: string, forUpdate = false): Promise<ReviewItemRow | null> {
  const rows = await tx.query<RawItem>(
    `SELECT ${ITEM_COLS} FROM review_queue q WHERE q.id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? toItem(rows[0]) : null;
}

export async function markItemDecided(tx: Tx, id: string, decisionId: string): Promise<void> {
  await tx.query(`UPDATE review_queue SET status = 'decided', decision_id = $2, updated_at = now() WHERE id = $1`, [id, decisionId]);
}

export async function countOpenReview(tx: Tx): Promise<number> {
  return countReview(tx, 'open');
}

/** Items in a status, from the counts the queue's triggers keep (migration 0061): no scan of the queue. */
async function countReview(tx: Tx, status: ReviewItemRow['status']): Promise<number> {
  const r = await tx.query<{ n: string }>(`SELECT n FROM review_queue_counts WHERE status = $1`, [status]);
  return num(r[0]?.n ?? 0);
}

export interface DecisionRow {
  id: string;
  kind: DecisionKind;
  reason: string;
  decidedBy: string;
  decidedAt: Date;
  reviewItemId: string | null;
  must: number[][];
  cannot: [number[], number[]][];
  entitiesBefore: string[];
  entitiesAfter: string[];
  undoneAt: Date | null;
  undoneBy: string | null;
  undoReason: string | null;
}

type RawDecision = {
  id: string; kind: DecisionKind; reason: string; decided_by_username: string; decided_at: Date | string; review_item_id: string | null;
  must: unknown; cannot: unknown; entities_before: unknown; entities_after: unknown;
  undone_at: Date | string | null; undone_by_username: string | null; undo_reason: string | null;
};

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));

function toDecision(r: RawDecision): DecisionRow {
  return {
    id: String(r.id),
    kind: r.kind,
    reason: r.reason,
    decidedBy: r.decided_by_username,
    decidedAt: date(r.decided_at),
    reviewItemId: r.review_item_id === null ? null : String(r.review_item_id),
    must: json<string[][]>(r.must).map((g) => g.map(num)),
    cannot: json<[string[], string[]][]>(r.cannot).map(([l, x]) => [l.map(num), x.map(num)] as [number[], number[]]),
    entitiesBefore: json<string[]>(r.entities_before),
    entitiesAfter: json<string[]>(r.entities_after),
    undoneAt: r.undone_at === null ? null : date(r.undone_at),
    undoneBy: r.undone_by_username,
    undoReason: r.undo_reason,
  };
}

const DECISION_COLS = `id, kind, reason, decided_by_username, decided_at, review_item_id, must, cannot, entities_before, entities_after, undone_at, undone_by_username, undo_reason`;

export async function activeDecisions(tx: Tx): Promise<DecisionConstraints[]> {
  const rows = await tx.query<RawDecision>(`SELECT ${DECISION_COLS} FROM resolution_decisions WHERE undone_at IS NULL ORDER BY id`);
  return rows.map(toDecision).map((d) => ({ id: d.id, must: d.must, cannot: d.cannot }));
}

export async function listDecisions(tx: Tx, limit: number, offset: number): Promise<{ decisions: DecisionRow[]; total: number }> {
  const rows = await tx.query<RawDecision>(`SELECT ${DECISION_COLS} FROM resolution_decisions ORDER BY id DESC LIMIT $1 OFFSET $2`, [limit, offset]);
  const total = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM resolution_decisions`);
  return { decisions: rows.map(toDecision), total: num(total[0]?.n ?? 0) };
}

export async function getDecision(tx: Tx, id: string, forUpdate = false): Promise<DecisionRow | null> {
  const rows = await tx.query<RawDecision>(`SELECT ${DECISION_COLS} FROM resolution_decisions WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  return rows[0] ? toDecision(rows[0]) : null;
}

export async function insertDecision(
  tx: Tx,
  d: { kind: DecisionKind; reason: string; userId: string | null; username: string; reviewItemId: string | null; must: number[][]; cannot: [number[], number[]][]; entitiesBefore: string[]; entitiesAfter: string[] },
): Promise<string> {
  const strs = (xs: number[]) => xs.map(String);
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO resolution_decisions (kind, reason, decided_by, decided_by_username, review_item_id, must, cannot, entities_before, entities_after)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb) RETURNING id`,
    [
      d.kind, d.reason, d.userId, d.username, d.reviewItemId,
      JSON.stringify(d.must.map(strs)), JSON.stringify(d.cannot.map(([l, r]) => [strs(l), strs(r)])),
      JSON.stringify(d.entitiesBefore), JSON.stringify(d.entitiesAfter),
    ],
  );
  return String(rows[0]!.id);
}

export async function markUndone(tx: Tx, id: string, userId: string | null, username: string, reason: string): Promise<void> {
  await tx.query(
    `UPDATE resolution_decisions SET undone_at = now(), undone_by = $2, undone_by_username = $3, undo_reason = $4 WHERE id = $1`,
    [id, userId, username, reason],
  );
}
