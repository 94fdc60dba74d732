import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSourceFile, readSourceStream } from './readers';
import { getSource } from './registry';
import { csvLine, sampleRow, toCsv } from './samples';
import { SourceFormatError, type ReadResult } from './source-types';

const arrivals = getSource('adis-arrivals');
const columns = arrivals.columns.map((c) => c.name);
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadtrac-sources-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(name: string, text: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function readAll(rows: AsyncIterable<ReadResult>): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

function arrival(id: string, overrides: Record<string, string> = {}): Record<string, string> {
  return sampleRow(arrivals, { record_id: id, ...overrides });
}

async function formatError(p: Promise<unknown>): Promise<SourceFormatError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SourceFormatError);
  return e as SourceFormatError;
}

describe('openSourceFile: CSV', () => {
  it('reads a CRLF file with a BOM, with line numbers and raw text', async () => {
    const text =
      `\uFEFF${toCsv(columns, [arrival('R1'), arrival('R2', { family_name: 'Diaz, Jr' })])}`.replace(
        /\n/g,
        '\r\n',
      );
    const opened = await openSourceFile(await fileWith('crlf.csv', text), arrivals);
    expect(opened.format).toBe('csv');
    expect(opened.header).toEqual(columns);
    const rows = await readAll(opened.rows);
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    expect(rows[0]).toMatchObject({ raw: { record_id: 'R1', family_name: 'Okonkwo-Rivera' } });
    expect(rows[1]).toMatchObject({ raw: { family_name: 'Diaz, Jr' } });
    expect(rows[1]?.text).toBe(
      csvLine(columns.map((c) => arrival('R2', { family_name: 'Diaz, Jr' })[c] ?? '')),
    );
    expect(rows[1]?.text).not.toMatch(/\r/);
  });

  it('rejects rows with broken quoting or a wrong field count, with line numbers, and reads on', async () => {
    const good = (id: string): string => csvLine(columns.map((c) => arrival(id)[c] ?? ''));
    const text = [
      csvLine(columns),
      good('R1'),
      'R2,"unclosed,x',
      good('R3'),
      'R4,too,few',
      '',
      good('R5'),
    ].join('\n');
    const rows = await readAll(
      (await openSourceFile(await fileWith('broken.csv', text), arrivals)).rows,
    );
    expect(rows.map((r) => [r.line, 'error' in r ? 'error' : r.raw.record_id])).toEqual([
      [2, 'R1'],
      [3, 'error'],
      [4, 'R3'],
      [5, 'error'],
      [7, 'R5'],
    ]);
    expect(rows[1]).toMatchObject({ text: 'R2,"unclosed,x' });
    expect(rows[3]).toMatchObject({
      text: 'R4,too,few',
      error: `expected ${columns.length} fields, found 3`,
    });
  });

  it('keeps columns that are not in the definition', async () => {
    const text = toCsv([...columns, 'remarks'], [{ ...arrival('R1'), remarks: 'second visit' }]);
    const opened = await openSourceFile(await fileWith('extra.csv', text), arrivals);
    expect(opened.header).toContain('remarks');
    const [row] = await readAll(opened.rows);
    expect(row).toMatchObject({ raw: { remarks: 'second visit', record_id: 'R1' } });
  });

  it('keeps extra columns with any name as plain properties', async () => {
    const odd = ['a"b', 'back\\slash', 'line\u2028sep', 'constructor', 'toString', ' spaced '];
    const row = { ...arrival('R1'), ...Object.fromEntries(odd.map((k, i) => [k, `v${i}`])) };
    const opened = await openSourceFile(
      await fileWith('odd.csv', toCsv([...columns, ...odd], [row])),
      arrivals,
    );
    expect(opened.header.slice(columns.length)).toEqual(odd.map((k) => k.trim()));
    const [read] = await readAll(opened.rows);
    if (read === undefined || !('raw' in read)) throw new Error('row not read');
    for (const [i, k] of odd.entries())
      expect(Object.hasOwn(read.raw, k.trim()) && read.raw[k.trim()]).toBe(`v${i}`);
    expect(Object.getPrototypeOf(read.raw)).toBe(Object.prototype);
  });

  it('refuses a column named __proto__', async () => {
    const e = await formatError(
      openSourceFile(
        await fileWith('proto.csv', `${csvLine([...columns, '__proto__'])}\n`),
        arrivals,
      ),
    );
    expect(e.message).toContain('__proto__');
  });

  it('accepts columns in any order', async () => {
    const reversed = [...columns].reverse();
    const [row] = await readAll(
      (await openSourceFile(await fileWith('rev.csv', toCsv(reversed, [arrival('R9')])), arrivals))
        .rows,
    );
    expect(row).toMatchObject({ raw: { record_id: 'R9', admission_number: '53482017615' } });
  });

  it('refuses a header missing required columns, naming them and listing the expected ones', async () => {
    const cols = columns.filter((c) => c !== 'admission_number' && c !== 'class_of_admission');
    const e = await formatError(
      openSourceFile(await fileWith('missing.csv', toCsv(cols, [arrival('R1')])), arrivals),
    );
    expect(e.code).toBe('SOURCE_FORMAT');
    expect(e.missingColumns).toEqual(['admission_number', 'class_of_admission']);
    expect(e.message).toContain('missing required column(s): admission_number, class_of_admission');
    expect(e.message).toContain(
      'Expected columns: record_id*, admission_number*, family_name*, given_name',
    );
  });

  it('refuses a file of another source', async () => {
    const sevis = getSource('sevis');
    const text = toCsv(
      sevis.columns.map((c) => c.name),
      [sampleRow(sevis)],
    );
    const e = await formatError(openSourceFile(await fileWith('sevis.csv', text), arrivals));
    expect(e.missingColumns).toEqual(['admission_number', 'class_of_admission', 'admission_date']);
  });

  it('refuses a header that names a column twice', async () => {
    const e = await formatError(
      openSourceFile(await fileWith('dup.csv', `${csvLine([...columns, 'mode'])}\n`), arrivals),
    );
    expect(e.message).toContain('"mode" twice');
  });

  it.each([
    ['empty', '', /empty/],
    ['blank', '\n  \r\n\n', /empty/],
    ['JSON array', '[{"record_id":"R1"}]', /JSON array/],
    ['unreadable header', 'record_id,"family_name\n', /header row \(line 1\) cannot be read/],
  ])('refuses a file that is %s', async (_what, text, message) => {
    const e = await formatError(openSourceFile(await fileWith('bad.csv', text), arrivals));
    expect(e.message).toMatch(message);
  });
});

describe('openSourceFile: NDJSON', () => {
  it('detects NDJSON, reads objects, and rejects broken lines with their line numbers', async () => {
    const lines = [
      JSON.stringify(arrival('R1')),
      '{"record_id": "R2", "family_name": ',
      '',
      JSON.stringify({
        ...arrival('R3'),
        admission_number: 53482017615,
        extra: { a: 1 },
        given_name: null,
      }),
      '[1,2]',
    ];
    const opened = await openSourceFile(
      await fileWith('a.ndjson', `${lines.join('\r\n')}\r\n`),
      arrivals,
    );
    expect(opened.format).toBe('ndjson');
    expect(opened.header).toEqual(columns);
    const rows = await readAll(opened.rows);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4, 5]);
    expect(rows[1]).toMatchObject({
      text: lines[1],
      error: expect.stringMatching(/not valid JSON/),
    });
    expect(rows[2]).toMatchObject({
      raw: { record_id: 'R3', admission_number: '53482017615', extra: '{"a":1}', given_name: '' },
    });
    expect(rows[3]).toMatchObject({ error: 'not a JSON object' });
  });

  it('checks the keys of the first object against the required columns', async () => {
    const { admission_number: _drop, ...row } = arrival('R1');
    const e = await formatError(
      openSourceFile(await fileWith('b.ndjson', `${JSON.stringify(row)}\n`), arrivals),
    );
    expect(e.missingColumns).toEqual(['admission_number']);
  });

  it('yields broken lines that come before the first object, after the header check', async () => {
    const text = `not json\n${JSON.stringify(arrival('R1'))}\n`;
    const rows = await readAll(
      (await openSourceFile(await fileWith('c.ndjson', text), arrivals, { format: 'ndjson' })).rows,
    );
    expect(rows.map((r) => [r.line, 'error' in r])).toEqual([
      [1, true],
      [2, false],
    ]);
  });
});

describe('readSourceStream', () => {
  it('decodes UTF-8 characters split across chunks', async () => {
    const text = toCsv(columns, [arrival('R1', { family_name: 'Ñúñez-Øster 中村' })]);
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.indexOf(Buffer.from('中', 'utf8')) + 1;
    const opened = await readSourceStream(
      Readable.from([bytes.subarray(0, at), bytes.subarray(at)]),
      arrivals,
    );
    const [row] = await readAll(opened.rows);
    expect(row).toMatchObject({ raw: { family_name: 'Ñúñez-Øster 中村' } });
  });

  it('streams a large file with bounded buffering: rows come out while the input is still being produced', async () => {
    const total = 200_000;
    let produced = 0;
    let maxAhead = 0;
    let consumed = 0;
    const header = `${csvLine(columns)}\n`;
    const template = csvLine(columns.map((c) => arrival('X')[c] ?? ''));
    async function* chunks(): AsyncGenerator<string> {
      yield header;
      while (produced < total) {
        const n = Math.min(500, total - produced);
        let s = '';
        for (let i = 0; i < n; i++) s += `${template.replace('X', `R${produced + i}`)}\n`;
        produced += n;
        yield s;
      }
    }
    const opened = await readSourceStream(
      Readable.from(chunks(), { objectMode: true, highWaterMark: 1 }),
      arrivals,
    );
    expect(produced).toBeLessThan(total / 10);
    for await (const r of opened.rows) {
      if (!('raw' in r)) throw new Error(`unexpected reject: ${r.error}`);
      consumed++;
      maxAhead = Math.max(maxAhead, produced - consumed);
    }
    expect(consumed).toBe(total);
    // The reader never held more than a few chunks (500 rows each) beyond what it handed out.
    expect(maxAhead).toBeLessThan(3_000);
  });

  it('releases the stream when the caller stops early', async () => {
    const text = toCsv(columns, [arrival('R1'), arrival('R2'), arrival('R3')]);
    const stream = Readable.from([text]);
    const opened = await readSourceStream(stream, arrivals);
    for await (const r of opened.rows) {
      expect(r.line).toBe(2);
      break;
    }
    expect(stream.destroyed).toBe(true);
  });

  it('hands out the same rows in batches', async () => {
    const text = toCsv(columns, [arrival('R1'), arrival('R2'), arrival('R3')]);
    const opened = await readSourceStream(
      Readable.from([text.slice(0, 300), text.slice(300)]),
      arrivals,
    );
    const ids: string[] = [];
    for await (const batch of opened.batches)
      for (const r of batch) if ('raw' in r) ids.push(r.raw.record_id ?? '');
    expect(ids).toEqual(['R1', 'R2', 'R3']);
  });
});
