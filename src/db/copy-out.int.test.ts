import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/test-db';
import { CopyTextRows } from './copy-out';
import type { Database } from './database';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const ROWS = 50_000;
const SERIES = `COPY (SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE 'row ' || g || E'\\t' || repeat('x', g % 5) END
  FROM generate_series(1, ${ROWS}) g ORDER BY g) TO STDOUT`;

describe('COPY TO STDOUT in a transaction', () => {
  it('reads every row, NULLs and escaped tabs included', async () => {
    const rows = await database.transaction(async (tx) => {
      const reader = new CopyTextRows(tx.copyTo(SERIES));
      const out: (string | null)[][] = [];
      for (let b = await reader.next(1000); b.length > 0; b = await reader.next(1000)) out.push(...b);
      return out;
    });
    expect(rows).toHaveLength(ROWS);
    expect(rows[6]).toEqual(['7', null]);
    expect(rows[11]).toEqual(['12', 'row 12\txx']);
    expect(rows.at(-1)).toEqual([String(ROWS), 'row 50000\t']);
  });

  it('stops a COPY read only in part, and the transaction goes on', async () => {
    // On PostgreSQL, big enough that the server is still sending when the reader stops.
    const rows = database.kind === 'postgres' ? 5_000_000 : 1000;
    const after = await database.transaction(async (tx) => {
      const reader = new CopyTextRows(tx.copyTo(`COPY (SELECT g FROM generate_series(1, ${rows}) g) TO STDOUT`));
      expect(await reader.next(10)).toHaveLength(10);
      await reader.close();
      return tx.query<{ n: number }>('SELECT 41 + 1 AS n');
    });
    expect(after).toEqual([{ n: 42 }]);
  });
});
