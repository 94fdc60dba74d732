import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { systemContext } from '../../shared/context';
import { openTestDatabase, uniqueName } from '../../test/test-db';
import { ingestFile } from './ingest.service';

/** Loads that cross chunk boundaries (chunks of a few rows), on both databases. */
let database: Database;
let dir: string;
const ctx = systemContext('test', ['records_officer']);
const HEADER =
  'record_id,admission_number,family_name,given_name,birth_date,sex,citizenship_country,passport_number,passport_country,class_of_admission,admission_date,admit_until_date,port_of_entry,mode,sevis_id,visa_foil_number';

beforeAll(async () => {
  database = await openTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-chunks-'));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An arrivals line with three identifiers (admission number, passport, visa foil) and one name. */
function line(id: string, family = 'Petrov', n = 1): string {
  return `${id},${90000000000 + n},${family},Yuriy,1990-02-14,M,RUS,P${1000000 + n},RUS,B2,2026-01-05,2026-07-04,JFK,air,,${10000000 + n}`;
}

function write(lines: string[]): string {
  const file = path.join(dir, `${uniqueName('f')}.csv`);
  fs.writeFileSync(file, [HEADER, ...lines].join('\n') + '\n');
  return file;
}

async function stored(ids: string[]) {
  return database.transaction((tx) =>
    tx.query<{ record_id: string; version: number; line_no: number; family_name: string; idents: number; names: number }>(
      `SELECT r.record_id, r.version, r.line_no, a.family_name,
              (SELECT count(*)::int FROM identifiers i WHERE i.source_record_id = r.id) AS idents,
              (SELECT count(*)::int FROM names n WHERE n.source_record_id = r.id) AS names
       FROM source_records r JOIN admissions a ON a.source_record_id = r.id
       WHERE r.source = 'adis-arrivals' AND r.record_id = ANY($1) ORDER BY r.record_id, r.version`,
      [ids],
    ),
  );
}

/** Every index of the tables, as its definition. */
async function indexDefinitions(tables: string[]): Promise<string[]> {
  const rows = await database.transaction((tx) =>
    tx.query<{ d: string }>(`SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid = ANY($1::text[]::regclass[]) ORDER BY 1`, [tables]),
  );
  return rows.map((r) => r.d);
}

describe('ingest in chunks', () => {
  it('skips repeats and versions changed records across chunk boundaries, writing facts only for what it stores', async () => {
    const p = uniqueName('c');
    const id = (k: number) => `${p}-${k}`;
    const lines = [1, 2, 3, 4, 5, 6, 7].map((k) => line(id(k), 'Petrov', k));
    lines.push(lines[1]!, line(id(3), 'Petroff', 3), line(id(8), 'Petrov', 8), line(id(3), 'Petroff', 3), lines[2]!);
    const r = await ingestFile(database, ctx, { source: 'adis-arrivals', file: write(lines), chunkRows: 3 });
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 12, rowsAccepted: 9, rowsSkipped: 3, rowsRejected: 0 });
    const rows = await stored([1, 2, 3, 4, 5, 6, 7, 8].map(id));
    expect(rows.map((x) => [x.record_id, x.version, x.line_no, x.family_name])).toEqual([
      [id(1), 1, 2, 'Petrov'],
      [id(2), 1, 3, 'Petrov'],
      [id(3), 1, 4, 'Petrov'],
      [id(3), 2, 10, 'Petroff'],
      [id(4), 1, 5, 'Petrov'],
      [id(5), 1, 6, 'Petrov'],
      [id(6), 1, 7, 'Petrov'],
      [id(7), 1, 8, 'Petrov'],
      [id(8), 1, 11, 'Petrov'],
    ]);
    expect(rows.every((x) => x.idents === 3 && x.names === 1)).toBe(true);
  });

  it('loads new records straight in and held ones through promotion when the source already holds records', async () => {
    const p = uniqueName('h');
    const id = (k: number) => `${p}-${k}`;
    await ingestFile(database, ctx, { source: 'adis-arrivals', file: write([line(id(1)), line(id(2))]) });
    const second = [line(id(3)), line(id(4)), line(id(5)), line(id(1), 'Petroff'), line(id(6)), line(id(2)), line(id(7))];
    const r = await ingestFile(database, ctx, { source: 'adis-arrivals', file: write(second), chunkRows: 3 });
    expect(r).toMatchObject({ rowsRead: 7, rowsAccepted: 6, rowsSkipped: 1 });
    const rows = await stored([1, 2, 3, 4, 5, 6, 7].map(id));
    expect(rows.map((x) => `${x.record_id.slice(p.length)}:${x.version}:${x.family_name}`)).toEqual([
      '-1:1:Petrov',
      '-1:2:Petroff',
      '-2:1:Petrov',
      '-3:1:Petrov',
      '-4:1:Petrov',
      '-5:1:Petrov',
      '-6:1:Petrov',
      '-7:1:Petrov',
    ]);
    expect(rows.every((x) => x.idents === 3 && x.names === 1)).toBe(true);
  });

  it('leaves nothing behind when a file is refused after several chunks were written', async () => {
    const p = uniqueName('x');
    const rows = Array.from({ length: 9 }, (_, k) => `${p}-${k},${k === 8 ? '' : 'SUBPOENA-2026-0142'},+1202555010${k},+12025550199,2026-03-01T10:00:00Z,60,VOICE,Acme,C1`);
    const file = path.join(dir, `${p}.csv`);
    fs.writeFileSync(file, `record_id,legal_process_ref,calling_number,called_number,start_time,duration_seconds,call_type,carrier,cell_site\n${rows.join('\n')}\n`);
    await expect(ingestFile(database, ctx, { source: 'cdr', file, chunkRows: 2 })).rejects.toMatchObject({ code: 'LEGAL_PROCESS_REQUIRED' });
    const held = await database.db.selectFrom('source_records').select('id').where('record_id', 'like', `${p}-%`).execute();
    expect(held).toEqual([]);
    const batches = await database.db.selectFrom('source_batches').select('id').where('file_name', '=', `${p}.csv`).execute();
    expect(batches).toEqual([]);
  });

  it('sets secondary indexes aside for a bulk load and builds the same ones again, writing the same rows', async () => {
    const before = await indexDefinitions(['source_records', 'admissions', 'identifiers', 'names']);
    const p = uniqueName('b');
    const id = (k: number) => `${p}-${k}`;
    const lines = [1, 2, 3, 4, 5].map((k) => line(id(k), 'Petrov', k));
    lines.push(line(id(2), 'Petroff', 2), lines[0]!);
    const r = await ingestFile(database, ctx, { source: 'adis-arrivals', file: write(lines), chunkRows: 2, deferIndexes: true });
    expect(r).toMatchObject({ rowsRead: 7, rowsAccepted: 6, rowsSkipped: 1 });
    // Embedded, nothing else can hold the tables; a shared server may, and then the load keeps its indexes.
    if (database.kind === 'pglite') expect(r.indexesDeferred).toBe(true);
    expect(await indexDefinitions(['source_records', 'admissions', 'identifiers', 'names'])).toEqual(before);
    expect(before.some((d) => d.includes('identifiers_lookup_idx'))).toBe(true);
    const rows = await stored([1, 2, 3, 4, 5].map(id));
    expect(rows.map((x) => `${x.record_id.slice(p.length)}:${x.version}:${x.family_name}`)).toEqual(['-1:1:Petrov', '-2:1:Petrov', '-2:2:Petroff', '-3:1:Petrov', '-4:1:Petrov', '-5:1:Petrov']);
    expect(rows.every((x) => x.idents === 3 && x.names === 1)).toBe(true);
    // The rebuilt index answers lookups (an index that missed the batch's rows would not).
    const found = await database.transaction(async (tx) => {
      await tx.query(`SET LOCAL enable_seqscan = off`);
      return tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM identifiers WHERE kind = 'passport' AND normalized = 'P1000004'`);
    });
    expect(found[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it('keeps every index when a load that set them aside is refused', async () => {
    const tables = ['source_records', 'call_records', 'identifiers', 'relationships'];
    const before = await indexDefinitions(tables);
    const p = uniqueName('y');
    const rows = Array.from({ length: 5 }, (_, k) => `${p}-${k},${k === 4 ? '' : 'SUBPOENA-2026-0142'},+1202555010${k},+12025550199,2026-03-01T10:00:00Z,60,VOICE,Acme,C1`);
    const file = path.join(dir, `${p}.csv`);
    fs.writeFileSync(file, `record_id,legal_process_ref,calling_number,called_number,start_time,duration_seconds,call_type,carrier,cell_site\n${rows.join('\n')}\n`);
    await expect(ingestFile(database, ctx, { source: 'cdr', file, chunkRows: 2, deferIndexes: true })).rejects.toMatchObject({ code: 'LEGAL_PROCESS_REQUIRED' });
    expect(await indexDefinitions(tables)).toEqual(before);
    expect(before.some((d) => d.includes('call_records_calling_idx'))).toBe(true);
  });

  it('keeps a batch that has records from being deleted', async () => {
    const r = await ingestFile(database, ctx, { source: 'adis-arrivals', file: write([line(uniqueName('d'))]) });
    await expect(database.transaction((tx) => tx.query(`DELETE FROM source_batches WHERE id = $1`, [r.batchId]))).rejects.toMatchObject({
      message: expect.stringMatching(/still has source records/),
    });
    const left = await database.db.selectFrom('source_batches').select('id').where('id', '=', r.batchId).execute();
    expect(left).toHaveLength(1);
  });
});
