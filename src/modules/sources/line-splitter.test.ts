import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter';

type Out =
  | { line: number; text: string; fields: string[] | null }
  | { line: number; text: string; error: string };

/** Splits `text` fed in chunks cut at `cuts` (positions), collecting everything emitted. */
function split(
  text: string,
  opts: { cuts?: number[]; expected?: number; mode?: 'csv' | 'lines'; max?: number } = {},
): Out[] {
  const out: Out[] = [];
  const s = new LineSplitter(
    {
      record: (line, t, fields) => out.push({ line, text: t, fields }),
      error: (line, t, error) => out.push({ line, text: t, error }),
    },
    { mode: opts.mode ?? 'csv', maxRecordChars: opts.max ?? 1 << 20 },
  );
  s.expectedFields = opts.expected ?? null;
  let from = 0;
  for (const cut of [...(opts.cuts ?? [])].sort((a, b) => a - b)) {
    s.push(text.slice(from, cut));
    from = cut;
  }
  s.push(text.slice(from));
  s.end();
  return out;
}

function fieldsOf(out: Out[]): (string[] | null)[] {
  return out.map((o) => ('fields' in o ? o.fields : null));
}

/** Arbitrary field text, including the characters CSV has to quote. */
const field = fc.string({
  unit: fc.oneof(
    fc.constantFrom(',', '"', '\n', '\r', '\r\n', ' ', 'é', '中'),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});

const table = fc.integer({ min: 2, max: 6 }).chain((width) =>
  fc.array(fc.array(field, { minLength: width, maxLength: width }), {
    minLength: 1,
    maxLength: 12,
  }),
);

describe('LineSplitter: round trip against csv-stringify', () => {
  it('reads back exactly what csv-stringify wrote, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(
        table,
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 8 }),
        (rows, crlf, quoteAll, rawCuts) => {
          // csv-stringify quotes only the record delimiter it writes; a bare CR or LF left unquoted
          // would be ambiguous to any reader, so ask it to quote those too (as RFC 4180 expects).
          const text = stringify(rows, {
            record_delimiter: crlf ? 'windows' : 'unix',
            quoted: quoteAll,
            quoted_match: /[\r\n]/,
          });
          const cuts = rawCuts.map((c) => c % (text.length + 1));
          const out = split(text, { cuts, expected: rows[0]?.length });
          expect(fieldsOf(out)).toEqual(rows);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 500) },
    );
  }, 120_000);

  it('numbers each record by the physical line it starts on', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const text = stringify(rows);
        const out = split(text);
        let line = 1;
        for (let i = 0; i < rows.length; i++) {
          expect(out[i]?.line).toBe(line);
          const record = stringify([rows[i]]);
          line += record.split('\n').length - 1;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives each record its text as received, without the line end', () => {
    const text = 'a,"b\r\nc",d\r\ne,f,g\r\n';
    expect(split(text)).toEqual([
      { line: 1, text: 'a,"b\r\nc",d', fields: ['a', 'b\r\nc', 'd'] },
      { line: 3, text: 'e,f,g', fields: ['e', 'f', 'g'] },
    ]);
  });
});

describe('LineSplitter: line handling', () => {
  it('drops a BOM, accepts CRLF and skips blank lines without losing line numbers', () => {
    const out = split('\uFEFFid,name\r\n\r\n1,Ana\r\n   \r\n2,Ben\r\n', { expected: 2 });
    expect(out).toEqual([
      { line: 1, text: 'id,name', fields: ['id', 'name'] },
      { line: 3, text: '1,Ana', fields: ['1', 'Ana'] },
      { line: 5, text: '2,Ben', fields: ['2', 'Ben'] },
    ]);
  });

  it('drops a BOM that arrives alone in the first chunk', () => {
    expect(fieldsOf(split('\uFEFFa,b\n', { cuts: [1] }))).toEqual([['a', 'b']]);
  });

  it('reads a last line without a line end', () => {
    expect(fieldsOf(split('a,b\n1,2'))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fieldsOf(split('a,b\n1,"2"'))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps a quote inside an unquoted field as a literal character', () => {
    expect(fieldsOf(split('R1,O"Neil,x\n'))).toEqual([['R1', 'O"Neil', 'x']]);
  });

  it('in line mode, hands out whole lines', () => {
    const out = split('{"a":"x,y"}\r\n\n{"a":"\\"q"}\n', { mode: 'lines' });
    expect(out).toEqual([
      { line: 1, text: '{"a":"x,y"}', fields: null },
      { line: 3, text: '{"a":"\\"q"}', fields: null },
    ]);
  });
});

describe('LineSplitter: records that cannot be read', () => {
  it('rejects a wrong number of fields with its line number and goes on', () => {
    const out = split('a,b,c\n1,2\n3,4,5,6\n7,8,9\n', { expected: 3 });
    expect(out).toEqual([
      { line: 1, text: 'a,b,c', fields: ['a', 'b', 'c'] },
      { line: 2, text: '1,2', error: 'expected 3 fields, found 2' },
      { line: 3, text: '3,4,5,6', error: 'expected 3 fields, found 4' },
      { line: 4, text: '7,8,9', fields: ['7', '8', '9'] },
    ]);
  });

  it('rejects text after a closing quote', () => {
    const out = split('1,"ab"c,3\n4,5,6\n', { expected: 3 });
    expect(out[0]).toMatchObject({
      line: 1,
      text: '1,"ab"c,3',
      error: expect.stringMatching(/after closing quote/),
    });
    expect(out[1]).toEqual({ line: 2, text: '4,5,6', fields: ['4', '5', '6'] });
  });

  it('rejects only the first line of an unterminated quote, then reads on', () => {
    const text = 'R1,"broken,x\nR2,ok,y\nR3,"fine",z\nR4,also,ok\n';
    const out = split(text, { expected: 3 });
    expect(out[0]).toMatchObject({ line: 1, text: 'R1,"broken,x' });
    expect('error' in (out[0] as Out)).toBe(true);
    expect(out.slice(1)).toEqual([
      { line: 2, text: 'R2,ok,y', fields: ['R2', 'ok', 'y'] },
      { line: 3, text: 'R3,"fine",z', fields: ['R3', 'fine', 'z'] },
      { line: 4, text: 'R4,also,ok', fields: ['R4', 'also', 'ok'] },
    ]);
  });

  it('rejects an unterminated quote at the end of the file', () => {
    const out = split('R1,a,b\nR2,"open,b\nR3,c,d', { expected: 3, cuts: [10, 20] });
    expect(out).toEqual([
      { line: 1, text: 'R1,a,b', fields: ['R1', 'a', 'b'] },
      { line: 2, text: 'R2,"open,b', error: 'quoted field not closed before end of file' },
      { line: 3, text: 'R3,c,d', fields: ['R3', 'c', 'd'] },
    ]);
  });

  it('bounds a record that never ends: cuts the reject and skips to the next line', () => {
    const long = 'x'.repeat(5000);
    const text = `a,b\n1,${long}\n2,ok\n`;
    const out = split(text, { expected: 2, max: 1000, cuts: [100, 1100, 2100, 3100, 4100] });
    expect(out[1]).toMatchObject({ line: 2, error: expect.stringMatching(/longer than 1000/) });
    expect(out[1]?.text).toHaveLength(1000);
    expect(out[2]).toEqual({ line: 3, text: '2,ok', fields: ['2', 'ok'] });
  });

  it('bounds an open quote that would swallow the rest of the file', () => {
    const rows = Array.from({ length: 100 }, (_, i) => `R${i},v${i}`);
    const text = `a,b\nR,"open\n${rows.join('\n')}\n`;
    const out = split(text, { expected: 2, max: 200, cuts: [50, 300, 600, 900] });
    expect(out[1]).toMatchObject({
      line: 2,
      text: 'R,"open',
      error: expect.stringMatching(/not closed within 200/),
    });
    expect(out.slice(2).map((o) => o.text)).toEqual(rows);
  });
});
