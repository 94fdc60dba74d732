import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFileLevelRequirements } from './header';
import { openSourceFile, readSourceStream } from './readers';
import { getSource } from './registry';
import { sampleRow, toCsv } from './samples';
import { SourceFormatError } from './source-types';
import {
  preflightSourceFile,
  validateBatches,
  validateRows,
  type ValidatedRow,
} from './validated-rows';

const cdr = getSource('cdr');
const cdrColumns = cdr.columns.map((c) => c.name);
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadtrac-cdr-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function call(id: string, ref = 'SUBPOENA-2026-0142'): Record<string, string> {
  return sampleRow(cdr, { record_id: id, legal_process_ref: ref });
}

async function drain(
  rows: AsyncIterable<ValidatedRow>,
): Promise<{ seen: ValidatedRow[]; error: unknown }> {
  const seen: ValidatedRow[] = [];
  try {
    for await (const r of rows) seen.push(r);
    return { seen, error: null };
  } catch (error) {
    return { seen, error };
  }
}

describe('cdr: files without a legal process are refused', () => {
  it('refuses a file without a legal_process_ref column before any row is read', async () => {
    const cols = cdrColumns.filter((c) => c !== 'legal_process_ref');
    const text = toCsv(cols, [call('C1')]);
    const e = await readSourceStream(Readable.from([text]), cdr).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(SourceFormatError);
    expect((e as SourceFormatError).code).toBe('LEGAL_PROCESS_REQUIRED');
    expect((e as SourceFormatError).message).toMatch(/no legal_process_ref column/);
    expect(() => checkFileLevelRequirements(cdr, cols)).toThrow(SourceFormatError);
    expect(() =>
      checkFileLevelRequirements(cdr, cols, { legalProcessRef: 'COURT-ORDER-2026-7' }),
    ).not.toThrow();
    expect(() => checkFileLevelRequirements(getSource('tips'), ['record_id'])).not.toThrow();
  });

  it('loads such a file under a file-level reference, applied to every row', async () => {
    const cols = cdrColumns.filter((c) => c !== 'legal_process_ref');
    const opts = { legalProcessRef: 'COURT-ORDER-2026-7' };
    const opened = await readSourceStream(
      Readable.from([toCsv(cols, [call('C1'), call('C2')])]),
      cdr,
      opts,
    );
    const { seen, error } = await drain(validateRows(opened, cdr, opts));
    expect(error).toBeNull();
    expect(seen.map((r) => r.ok && r.values.legal_process_ref)).toEqual([
      'COURT-ORDER-2026-7',
      'COURT-ORDER-2026-7',
    ]);
  });

  it('throws after the last row when any row lacks a reference, so the batch cannot commit', async () => {
    const rows = [call('C1'), call('C2', ''), call('C3'), call('C4', ' ')];
    const opened = await readSourceStream(Readable.from([toCsv(cdrColumns, rows)]), cdr);
    const { seen, error } = await drain(validateRows(opened, cdr));
    expect(seen).toHaveLength(4);
    expect(seen.map((r) => r.ok)).toEqual([true, false, true, false]);
    expect(error).toBeInstanceOf(SourceFormatError);
    expect((error as SourceFormatError).code).toBe('LEGAL_PROCESS_REQUIRED');
    expect((error as SourceFormatError).message).toContain(
      '2 row(s) have no legal_process_ref (lines 3, 5)',
    );
  });

  it('refuses the file the same way when read in batches', async () => {
    const rows = [call('C1'), call('C2', '')];
    const opened = await readSourceStream(Readable.from([toCsv(cdrColumns, rows)]), cdr);
    async function* flat(): AsyncGenerator<ValidatedRow> {
      for await (const batch of validateBatches(opened, cdr)) yield* batch;
    }
    const { seen, error } = await drain(flat());
    expect(seen.map((r) => r.ok)).toEqual([true, false]);
    expect((error as SourceFormatError).code).toBe('LEGAL_PROCESS_REQUIRED');
  });

  it('accepts the same rows when a file-level reference is supplied', async () => {
    const rows = [call('C1'), call('C2', '')];
    const opts = { legalProcessRef: 'SUBPOENA-2026-0999' };
    const opened = await readSourceStream(Readable.from([toCsv(cdrColumns, rows)]), cdr, opts);
    const { seen, error } = await drain(validateRows(opened, cdr, opts));
    expect(error).toBeNull();
    expect(seen.map((r) => r.ok && r.values.legal_process_ref)).toEqual([
      'SUBPOENA-2026-0142',
      'SUBPOENA-2026-0999',
    ]);
  });

  it('preflight checks a whole file before anything is written', async () => {
    const path = join(dir, 'calls.csv');
    await writeFile(path, toCsv(cdrColumns, [call('C1'), call('C2', '')]));
    await expect(preflightSourceFile(path, cdr)).rejects.toThrow(/refused/);
    await expect(
      preflightSourceFile(path, cdr, { legalProcessRef: 'SUBPOENA-2026-0999' }),
    ).resolves.toEqual({
      rows: 2,
      accepted: 2,
      flagged: 0,
      rejected: 0,
    });
  });
});

describe('validateRows on other sources', () => {
  it('passes read errors and rejects through with their lines, and counts flags', async () => {
    const arrivals = getSource('adis-arrivals');
    const cols = arrivals.columns.map((c) => c.name);
    const text = `${toCsv(cols, [
      sampleRow(arrivals, { record_id: 'A1' }),
      sampleRow(arrivals, { record_id: '' }),
      sampleRow(arrivals, { record_id: 'A3', birth_date: '1956-02-30' }),
    ])}A4,"broken\n`;
    const path = join(dir, 'arrivals.csv');
    await writeFile(path, text);
    const { seen, error } = await drain(
      validateRows(await openSourceFile(path, arrivals), arrivals),
    );
    expect(error).toBeNull();
    expect(seen.map((r) => [r.line, r.ok, r.ok ? r.flags.length : r.reason])).toEqual([
      [2, true, 0],
      [3, false, 'missing record_id'],
      [4, true, 1],
      [5, false, 'quoted field not closed before end of file'],
    ]);
    await expect(preflightSourceFile(path, arrivals)).resolves.toEqual({
      rows: 4,
      accepted: 2,
      flagged: 1,
      rejected: 2,
    });
  });
});
