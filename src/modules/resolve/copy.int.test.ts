import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { openTestDatabase, uniqueName } from '../../test/test-db';
import { applyLinks } from './resolve.repo';
import { copyBinary, copyRows, withoutIndexes } from './copy';

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

describe('withoutIndexes', () => {
  const catalog = (table: string) =>
    database.transaction(async (tx) => ({
      keys: await tx.query(
        `SELECT c.conname AS name, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
         WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace ORDER BY 1`,
        [table],
      ),
      indexes: await tx.query(`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = $1 AND schemaname = current_schema() ORDER BY 1`, [table]),
    }));

  it('loads with the indexes (and, asked, the keys) dropped, puts them back as they were, and fails on a duplicate key', async () => {
    const table = uniqueName('bulk_');
    await database.transaction((tx) =>
      tx.exec(`
        CREATE TABLE ${table} (a bigint NOT NULL, b bigint NOT NULL, code text, PRIMARY KEY (a, b), CONSTRAINT ${table}_code_key UNIQUE (code));
        CREATE INDEX ${table}_b_idx ON ${table} (b);
        CREATE TABLE ${table}_ref (code text REFERENCES ${table} (code));
      `),
    );
    try {
      const before = await catalog(table);
      expect(before.keys.map((k) => k.name)).toEqual([`${table}_code_key`, `${table}_pkey`]);
      const load = (first: number, keys: boolean) =>
        database.transaction(async (tx) => {
          let during: unknown;
          await withoutIndexes(tx, [table], async () => {
            during = await tx.query(`SELECT indexname AS name FROM pg_indexes WHERE tablename = $1 AND schemaname = current_schema() ORDER BY 1`, [table]);
            await copyRows(tx, table, ['a', 'b', 'code'], Array.from({ length: 5000 }, (_, i) => [first + 5000 - i, i % 7, `c${first + i}`]));
          }, { keys });
          return during;
        });
      // The keys stay unless asked for.
      expect(await load(0, false)).toEqual([{ name: `${table}_code_key` }, { name: `${table}_pkey` }]);
      expect(await catalog(table)).toEqual(before);
      // Then only the unique key a foreign key depends on stays through the load.
      expect(await load(10_000, true)).toEqual([{ name: `${table}_code_key` }]);
      expect(await catalog(table)).toEqual(before);
      const [n] = await database.transaction((tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`));
      expect(n!.n).toBe(10_000);

      const duplicate = database.transaction((tx) => withoutIndexes(tx, [table], () => copyRows(tx, table, ['a', 'b', 'code'], [[1, 1, 'x'], [5000, 0, 'y']]).then(() => undefined), { keys: true }));
      await expect(duplicate).rejects.toThrow(/unique|duplicate/i);
      expect(await catalog(table)).toEqual(before);
    } finally {
      await database.transaction((tx) => tx.exec(`DROP TABLE ${table}_ref; DROP TABLE ${table}`));
    }
  });
});

describe('copyBinary', () => {
  it('loads every row the writer was given, over many chunks and (on PGlite) several COPY statements', async () => {
    const table = uniqueName('copy_binary_');
    // About 26 MB of rows: more than one PGlite blob, each framed as a stream of its own.
    const n = 1_000_000;
    const got = await database.transaction(async (tx) => {
      await tx.query(`CREATE TEMP TABLE ${table} (block int, mention bigint) ON COMMIT DROP`);
      const copied = await copyBinary(tx, table, ['block', 'mention'], function* (w) {
        for (let i = 0; i < n; i++) {
          w.row(2);
          w.int4(i - 500_000);
          w.int8n(2 ** 40 + i);
          yield;
        }
      });
      const [stats] = await tx.query<{ rows: number; blocks: number; low: number; high: string }>(
        `SELECT count(*)::int AS rows, count(DISTINCT block)::int AS blocks, min(block) AS low, max(mention)::text AS high FROM ${table}`,
      );
      return { copied, stats };
    });
    expect(got.copied).toBe(n);
    expect(got.stats).toEqual({ rows: n, blocks: n, low: -500_000, high: String(2 ** 40 + n - 1) });
  }, 60_000);
});

describe('applyLinks', () => {
  const indexOid = async (tx: Parameters<Parameters<Database['transaction']>[0]>[0]) =>
    (await tx.query<{ oid: string }>(`SELECT 'record_links_entity_idx'::regclass::oid::text AS oid`))[0]!.oid;
  const links = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ mention: (9_000_000_000 + from + i) * 8, entityId: `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`, method: 'singleton' as const, weight: null }));

  it('writes a bulk of links into a table holding few without the entity index, built again after; a few links with it', async () => {
    const rolledBack = new Error('rolled back');
    const seen = await database
      .transaction(async (tx) => {
        // More than four times what the table holds (other tests' links included): a bulk.
        const [held] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM record_links`);
        const bulk = 4 * held!.n + 40;
        const before = await indexOid(tx);
        await applyLinks(tx, links(0, bulk), [], bulk);
        const afterBulk = await indexOid(tx);
        // Ten more links into a table that now holds more than four times as many: the index stays.
        await applyLinks(tx, links(bulk, 10), [], 10);
        const afterFew = await indexOid(tx);
        const [stored] = await tx.query<{ n: number }>(`SELECT (count(*) - $1)::int AS n FROM record_links WHERE source_record_id >= 9000000000`, [bulk]);
        const [byEntity] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM record_links WHERE entity_id = '00000000-0000-4000-8000-000000000042'`);
        throw Object.assign(rolledBack, { seen: { rebuilt: before !== afterBulk, kept: afterBulk === afterFew, stored: stored!.n, byEntity: byEntity!.n } });
      })
      .catch((e: unknown) => {
        if (e !== rolledBack) throw e;
        return (e as Error & { seen: unknown }).seen;
      });
    expect(seen).toEqual({ rebuilt: true, kept: true, stored: 10, byEntity: 1 });
  });
});
