import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { systemContext } from '../../shared/context';
import { openTestDatabase, uniqueName } from '../../test/test-db';
import { ingestFile } from './ingest.service';

let database: Database;
let dir: string;
const ctx = systemContext('test', ['records_officer']);
const ARRIVAL_HEADER =
  'record_id,admission_number,family_name,given_name,birth_date,sex,citizenship_country,passport_number,passport_country,class_of_admission,admission_date,admit_until_date,port_of_entry,mode,sevis_id,visa_foil_number';

beforeAll(async () => {
  database = await openTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-ingest-'));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A file whose record ids no other test (or earlier run on the same server) used. */
function arrivalsFile(rows: string[][], name = 'arrivals.csv'): { file: string; ids: string[] } {
  const p = uniqueName('r');
  const ids: string[] = [];
  const lines = rows.map((r) => {
    const id = r[0] === '' ? '' : `${p}-${r[0]}`;
    ids.push(id);
    return [id, ...r.slice(1)].join(',');
  });
  const file = path.join(dir, `${p}-${name}`);
  fs.writeFileSync(file, [ARRIVAL_HEADER, ...lines].join('\n') + '\n');
  return { file, ids };
}

const good = (id: string, extra: Partial<Record<'birth' | 'passport' | 'country' | 'family', string>> = {}) => [
  id, `9${Math.floor(Math.random() * 1e10).toString().padStart(10, '0')}`, extra.family ?? 'Petrov', 'Yuriy', extra.birth ?? '1990-02-14', 'M',
  extra.country ?? 'RUS', extra.passport ?? 'P1234567', 'RUS', 'B2', '2026-01-05', '2026-07-04', 'JFK', 'air', '', '12345678',
];

async function records(ids: string[]) {
  return database.db.selectFrom('source_records').select(['record_id', 'version', 'payload', 'flags', 'batch_id']).where('record_id', 'in', ids).orderBy('record_id').orderBy('version').execute();
}

describe('ingest', () => {
  it('keeps malformed fields exactly as received, flags them, and writes typed facts for the rest', async () => {
    const { file, ids } = arrivalsFile([good('1', { birth: '1956-02-30', passport: 'P12#4567', country: 'QQQ' }), good('2')]);
    const r = await ingestFile(database, ctx, { source: 'adis-arrivals', file });
    expect(r).toMatchObject({ status: 'loaded', rowsRead: 2, rowsAccepted: 2, rowsFlagged: 1, rowsRejected: 0, rowsSkipped: 0 });
    const [bad] = await records([ids[0]!]);
    const payload = typeof bad!.payload === 'string' ? JSON.parse(bad!.payload) : bad!.payload;
    expect(payload).toMatchObject({ birth_date: '1956-02-30', passport_number: 'P12#4567', citizenship_country: 'QQQ' });
    const flags = (typeof bad!.flags === 'string' ? JSON.parse(bad!.flags) : bad!.flags) as { field: string; code: string; value: string }[];
    expect(flags.map((f) => `${f.field}:${f.code}`).sort()).toEqual(['birth_date:INVALID_DATE', 'citizenship_country:UNKNOWN_COUNTRY', 'passport_number:INVALID_IDENTIFIER']);
    const typed = await database.transaction((tx) =>
      tx.query<{ birth_date: string | null; family_name: string }>(`SELECT a.birth_date::text, a.family_name FROM admissions a JOIN source_records r ON r.id = a.source_record_id WHERE r.record_id = $1`, [ids[0]]),
    );
    expect(typed).toEqual([{ birth_date: null, family_name: 'Petrov' }]);
    const idents = await database.transaction((tx) =>
      tx.query<{ kind: string; value: string; valid: boolean }>(`SELECT i.kind, i.value, i.valid FROM identifiers i JOIN source_records r ON r.id = i.source_record_id WHERE r.record_id = $1 ORDER BY kind`, [ids[0]]),
    );
    expect(idents).toContainEqual({ kind: 'passport', value: 'P12#4567', valid: false });
  });

  it('rejects unreadable rows with line number and reason, writes them to the rejects file, and goes on', async () => {
    const { file, ids } = arrivalsFile([good('1'), ['', ...good('x').slice(1)], ['3', 'too', 'few'], good('4'), ['5', '"unclosed']]);
    const rejectsFile = path.join(dir, `${path.basename(file)}.rejects.csv`);
    const r = await ingestFile(database, ctx, { source: 'adis-arrivals', file, rejectsFile });
    expect(r).toMatchObject({ rowsRead: 5, rowsAccepted: 2, rowsRejected: 3 });
    expect(await records([ids[0]!, ids[3]!])).toHaveLength(2);
    const rejects = await database.db.selectFrom('source_rejects').select(['line_no', 'reason']).where('batch_id', '=', r.batchId).orderBy('line_no').execute();
    expect(rejects).toEqual([
      { line_no: 3, reason: 'missing record_id' },
      { line_no: 4, reason: expect.stringMatching(/field/) },
      { line_no: 6, reason: expect.stringMatching(/quot/) },
    ]);
    const text = fs.readFileSync(rejectsFile, 'utf8');
    expect(text.split('\n')[0]).toBe('line,reason,raw_text');
    expect(text).toContain('3,"missing record_id"');
  });

  it('treats loading the same file again as a no-op', async () => {
    const { file, ids } = arrivalsFile([good('1'), good('2')]);
    const first = await ingestFile(database, ctx, { source: 'adis-arrivals', file });
    const again = await ingestFile(database, ctx, { source: 'adis-arrivals', file });
    expect(again).toMatchObject({ status: 'already_loaded', batchId: first.batchId, rowsAccepted: 0, rowsSkipped: 2 });
    expect(await records(ids)).toHaveLength(2);
  });

  it('skips unchanged records in a new file and stores a changed record as its next version', async () => {
    const a = arrivalsFile([good('1'), good('2')]);
    await ingestFile(database, ctx, { source: 'adis-arrivals', file: a.file });
    const lines = fs.readFileSync(a.file, 'utf8').trim().split('\n');
    const changed = lines[2]!.replace('Petrov', 'Petroff');
    const file2 = path.join(dir, `${uniqueName('v')}.csv`);
    fs.writeFileSync(file2, [lines[0], lines[1], changed].join('\n') + '\n');
    const r = await ingestFile(database, ctx, { source: 'adis-arrivals', file: file2 });
    expect(r).toMatchObject({ status: 'loaded', rowsAccepted: 1, rowsSkipped: 1 });
    const rows = await records(a.ids);
    expect(rows.map((x) => [x.record_id, x.version])).toEqual([[a.ids[0], 1], [a.ids[1], 1], [a.ids[1], 2]]);
  });

  it('refuses a file without the required columns, naming them and the expected ones, before writing anything', async () => {
    const file = path.join(dir, `${uniqueName('w')}.csv`);
    fs.writeFileSync(file, 'record_id,foo,bar\n1,2,3\n');
    const before = await database.db.selectFrom('source_batches').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const err = (await ingestFile(database, ctx, { source: 'adis-arrivals', file }).then(() => null, (e: unknown) => e)) as Error & { code: string };
    expect(err.code).toBe('SOURCE_FORMAT');
    expect(err.message).toMatch(/admission_number/);
    expect(err.message).toMatch(/class_of_admission/);
    const after = await database.db.selectFrom('source_batches').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses an unknown source by name', async () => {
    await expect(ingestFile(database, ctx, { source: 'nope', file: '/dev/null' })).rejects.toMatchObject({ code: 'UNKNOWN_SOURCE' });
  });

  it('refuses a whole cdr file when a row lacks its legal process reference, unless one is given for the file', async () => {
    const p = uniqueName('c');
    const file = path.join(dir, `${p}.csv`);
    fs.writeFileSync(file, `record_id,legal_process_ref,calling_number,called_number,start_time,duration_seconds,call_type,carrier,cell_site
${p}-1,SUBPOENA-2026-0142,+12025550101,+12025550102,2026-03-01T10:00:00Z,60,VOICE,Acme,C1
${p}-2,,+12025550102,+12025550103,2026-03-01T11:00:00Z,30,VOICE,Acme,C1
`);
    await expect(ingestFile(database, ctx, { source: 'cdr', file })).rejects.toMatchObject({ code: 'LEGAL_PROCESS_REQUIRED' });
    expect(await records([`${p}-1`])).toEqual([]);
    const ok = await ingestFile(database, ctx, { source: 'cdr', file, legalProcessRef: 'COURT-ORDER-77' });
    expect(ok.rowsAccepted).toBe(2);
    const marked = await database.db.selectFrom('source_records').select('markings').where('record_id', '=', `${p}-2`).executeTakeFirstOrThrow();
    expect(marked.markings).toContain('CDR');
  });

  it('refuses a user without the role to load files', async () => {
    const { file } = arrivalsFile([good('1')]);
    await expect(ingestFile(database, systemContext('test', ['auditor']), { source: 'adis-arrivals', file })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('ingest interrupted', () => {
  it('leaves nothing half-written when the process is killed mid-batch, and loads fully when run again', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-kill-'));
    const rows: string[][] = [];
    for (let i = 0; i < 25_000; i++) rows.push(good(String(i)));
    const { file } = arrivalsFile(rows, 'big.csv');
    const env = { ...process.env, LEADTRAC_DATA_DIR: dataDir };
    const run = (killOnProgress: boolean) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['bin/leadtrac.js', 'ingest', 'adis-arrivals', file, '--rejects-dir', dataDir], { env, cwd: process.cwd() });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => {
          out += d.toString();
          if (killOnProgress && /big\.csv: [1-9]\d{4}/.test(out)) child.kill('SIGKILL');
        });
        child.on('exit', (code) => resolve({ code, out }));
      });
    const killed = await run(true);
    expect(killed.code).toBeNull();
    const count = async () => {
      const probe = await run(false);
      return probe;
    };
    const second = await count();
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/read 25000, accepted 25000, flagged 0, rejected 0, skipped 0/);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 240_000);
});
