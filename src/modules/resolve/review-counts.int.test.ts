import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Tx } from '../../db/database';
import { countOpenReview, listReviewItems, replaceReviewItems } from './review.repo';
import { openPrivateDatabase } from './test-support';

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await openPrivateDatabase());
});
afterAll(async () => {
  await drop();
});

/** Kept counts and counted rows, by status. */
async function counts(
  tx: Tx,
): Promise<{ kept: Record<string, number>; counted: Record<string, number> }> {
  const kept = await tx.query<{ status: string; n: string }>(
    `SELECT status, n FROM review_queue_counts`,
  );
  const counted = await tx.query<{ status: string; n: string }>(
    `SELECT status, count(*) AS n FROM review_queue GROUP BY status`,
  );
  const asMap = (rows: { status: string; n: string }[]) =>
    Object.fromEntries(rows.filter((r) => Number(r.n) > 0).map((r) => [r.status, Number(r.n)]));
  return { kept: asMap(kept), counted: asMap(counted) };
}

describe('review queue counts', () => {
  it('follow inserts, upserts, updates, deletes and truncation of the queue', async () => {
    await database.transaction(async (tx) => {
      const item = (a: number, b: number, weight = 2) => ({
        a,
        b,
        weight,
        reason: 'band' as const,
      });
      await replaceReviewItems(tx, [8, 16, 24, 32], [item(8, 16), item(16, 24), item(24, 32)]);
      expect((await counts(tx)).kept).toEqual({ open: 3 });
      expect(await countOpenReview(tx)).toBe(3);

      // (8,16) leaves review, (16,24) changes weight, (24,32) stays as it was, (32,40) is new.
      await replaceReviewItems(tx, [8, 16, 24, 32], [item(16, 24, 3), item(24, 32), item(32, 40)]);
      let c = await counts(tx);
      expect(c.kept).toEqual({ open: 3, closed: 1 });
      expect(c.kept).toEqual(c.counted);

      await tx.query(`UPDATE review_queue SET status = 'decided' WHERE mention_a = 16`);
      const page = await listReviewItems(tx, 'open', 1, 0);
      expect(page.total).toBe(2);
      expect(page.items).toHaveLength(1);
      await tx.query(`DELETE FROM review_queue WHERE mention_a = 8`);
      c = await counts(tx);
      expect(c.kept).toEqual({ open: 2, decided: 1 });
      expect(c.kept).toEqual(c.counted);

      await tx.exec(`TRUNCATE review_queue`);
      expect((await counts(tx)).kept).toEqual({});
      expect(await countOpenReview(tx)).toBe(0);
    });
  });
});
