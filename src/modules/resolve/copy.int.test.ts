import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { openTestDatabase, uniqueName } from '../../test/test-db';
import { copyRows } from './copy';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('copyRows', () => {
  it('loads every row as given, over several chunks and (on PGlite) several COPY statements', async () => {
    const table = uniqueName('copy_rows_');
    // About 20 MB of COPY text: more than one PGlite blob, many chunks of CHUNK rows.
    const n = 250_000;
    const text = (i: number) => (i % 1000 === 0 ? null : i % 7 === 0 ? `tab\there\\back\nline ${i}` : `row ${i} ${'x'.repeat(50)}`);
    const got = await database.transaction(async (tx) => {
      await tx.query(`CREATE TEMP TABLE ${table} (id int, t text, ok boolean) ON COMMIT DROP`);
      const copied = await copyRows(tx, table, ['id', 't', 'ok'], (function* () {
        for (let i = 0; i < n; i++) yield [i, text(i), i % 2 === 0];
      })());
      const [stats] = await tx.query<{ rows: number; ids: number; oks: number }>(`SELECT count(*)::int AS rows, count(DISTINCT id)::int AS ids, count(*) FILTER (WHERE ok)::int AS oks FROM ${table}`);
      const sample = await tx.query<{ id: number; t: string | null }>(`SELECT id, t FROM ${table} WHERE id IN (0, 7, 123456, ${n - 1}) ORDER BY id`);
      return { copied, stats, sample };
    });
    expect(got.copied).toBe(n);
    expect(got.stats).toEqual({ rows: n, ids: n, oks: n / 2 });
    expect(got.sample).toEqual([0, 7, 123456, n - 1].map((id) => ({ id, t: text(id) })));
  }, 60_000);

  it('fails the transaction on a row the table refuses, leaving nothing written', async () => {
    const table = uniqueName('copy_bad_');
    await database.transaction((tx) => tx.query(`CREATE TABLE ${table} (id int)`));
    try {
      const rows = Array.from({ length: 25_000 }, (_, i) => [i === 24_000 ? 'not a number' : i]);
      await expect(database.transaction((tx) => copyRows(tx, table, ['id'], rows))).rejects.toThrow(/integer/);
      const [left] = await database.transaction((tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`));
      expect(left!.n).toBe(0);
    } finally {
      await database.transaction((tx) => tx.query(`DROP TABLE ${table}`));
    }
  });
});
