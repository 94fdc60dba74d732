import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, uniqueName } from '../test/test-db';
import { CopyBinaryWriter, uuidBytes } from './copy-binary';
import type { Database } from './database';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('COPY FROM STDIN WITH (FORMAT binary)', () => {
  it('loads what the writer wrote, value for value, NULLs and non-ASCII text included', async () => {
    const table = uniqueName('copy_binary_');
    const rows = [
      { id: '1', name: 'Ana María', born: 0, uuid: '0b7c9a3e-1f2d-4c5e-9a8b-00000000002a', days: 181 },
      { id: '9007199254740991', name: null, born: -25567, uuid: null, days: -1 },
      { id: '3', name: '李 明\ttab\\slash', born: 20454, uuid: 'ffffffff-ffff-ffff-ffff-ffffffffffff', days: 0 },
    ];
    const got = await database.transaction(async (tx) => {
      await tx.query(`CREATE TEMP TABLE ${table} (id bigint, name text, born date, ref uuid, days integer, nothing date) ON COMMIT DROP`);
      const w = new CopyBinaryWriter(16);
      for (const r of rows) {
        w.row(6);
        w.int8(r.id);
        w.text(r.name);
        w.date(r.born);
        w.uuid(r.uuid === null ? null : uuidBytes(r.uuid));
        w.int4(r.days);
        w.date(NaN);
      }
      await tx.copyFrom(`COPY ${table} (id, name, born, ref, days, nothing) FROM STDIN WITH (FORMAT binary)`, [w.take()]);
      return tx.query<Record<string, unknown>>(
        `SELECT id::text AS id, name, born::text AS born, ref::text AS ref, days, nothing FROM ${table} ORDER BY id::numeric`,
      );
    });
    expect(got).toEqual([
      { id: '1', name: 'Ana María', born: '1970-01-01', ref: '0b7c9a3e-1f2d-4c5e-9a8b-00000000002a', days: 181, nothing: null },
      { id: '3', name: '李 明\ttab\\slash', born: '2026-01-01', ref: 'ffffffff-ffff-ffff-ffff-ffffffffffff', days: 0, nothing: null },
      { id: '9007199254740991', name: null, born: '1900-01-01', ref: null, days: -1, nothing: null },
    ]);
  });

  it('takes rows chunk by chunk in one COPY with the binary option, numbers, booleans and text arrays as they were', async () => {
    const table = uniqueName('copy_binary_rows_');
    const rows = Array.from({ length: 5 }, (_, i) => ({ a: 2 ** 53 - 1 - i, weight: i / 3 - 1, proven: i % 2 === 0, conflicts: i === 0 ? [] : ['dob', `say "${i}", \\ Zoë`].slice(0, i) }));
    const got = await database.transaction(async (tx) => {
      await tx.query(`CREATE TEMP TABLE ${table} (a bigint, weight double precision, proven boolean, conflicts text[]) ON COMMIT DROP`);
      const w = new CopyBinaryWriter(8);
      const chunks = rows.map((r) => {
        w.row(4);
        w.int8n(r.a);
        w.float8(r.weight);
        w.bool(r.proven);
        w.textArray(r.conflicts);
        return w.takeRows();
      });
      await tx.copyFrom(`COPY ${table} (a, weight, proven, conflicts) FROM STDIN WITH (FORMAT binary)`, chunks, { binary: true });
      return tx.query<{ a: string; weight: number; proven: boolean; conflicts: string[] }>(`SELECT a::text AS a, weight, proven, conflicts FROM ${table} ORDER BY a DESC`);
    });
    expect(got).toEqual(rows.map((r) => ({ ...r, a: String(r.a) })));
  });
});
