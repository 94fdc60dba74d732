import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CopyTextRows, keyAndText, unescapeCopyField } from './copy-out';

/** A value as PostgreSQL's COPY text format writes it (the inverse of unescapeCopyField). */
function escape(v: string | null): string {
  if (v === null) return '\\N';
  return v.replace(/[\\\n\r\t\b\f\v]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v' })[c]!);
}

/** The text's UTF-8 bytes in chunks of the sizes given (in turn): a character may be split between two. */
async function* chunked(text: string, sizes: number[]): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length]!;
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

const bytes = (text: string) => Buffer.from(text);

async function readAll(rows: CopyTextRows, batch: number): Promise<(string | null)[][]> {
  const out: (string | null)[][] = [];
  for (let b = await rows.next(batch); b.length > 0; b = await rows.next(batch)) {
    expect(b.length).toBeLessThanOrEqual(batch);
    out.push(...b);
  }
  return out;
}

describe('reading COPY TO STDOUT text', () => {
  it('undoes the escapes of the text format, and reads \\N as NULL', () => {
    expect(unescapeCopyField('\\N')).toBeNull();
    expect(unescapeCopyField('plain')).toBe('plain');
    expect(unescapeCopyField('a\\tb\\nc\\\\d')).toBe('a\tb\nc\\d');
    expect(unescapeCopyField('\\101\\x42\\q')).toBe('ABq');
    expect(unescapeCopyField('\\\\N')).toBe('\\N');
  });

  it('gives back every row and field, whatever the chunk and batch sizes', async () => {
    const value = fc.option(fc.string({ unit: 'binary', maxLength: 12 }), { nil: null });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(value, { minLength: 2, maxLength: 2 }), { maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 7 }),
        async (table, sizes, batch) => {
          const text = table.map((r) => r.map(escape).join('\t') + '\n').join('');
          expect(await readAll(new CopyTextRows(chunked(text, sizes)), batch)).toEqual(table);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stops its source when closed early', async () => {
    let stopped = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        for (let i = 0; ; i++) yield bytes(`${i}\tx\n`);
      } finally {
        stopped = true;
      }
    }
    const rows = new CopyTextRows(source());
    expect(await rows.next(3)).toEqual([['0', 'x'], ['1', 'x'], ['2', 'x']]);
    await rows.close();
    expect(stopped).toBe(true);
    expect(await rows.next(3)).toEqual([]);
  });

  it('reads two-field lines as key and text, and refuses any other shape', async () => {
    const rows = new CopyTextRows(
      (async function* () {
        yield bytes('p1\ta\x1fb\\tc\n0b7c\t');
        yield bytes('\n');
      })(),
    );
    expect(await rows.nextWith(10, keyAndText)).toEqual([
      { pk: 'p1', r: 'a\x1fb\tc' },
      { pk: '0b7c', r: '' },
    ]);
    expect(() => keyAndText(bytes('one field'), 0, 9)).toThrow(/two fields/);
    expect(() => keyAndText(bytes('a\tb\tc'), 0, 5)).toThrow(/two fields/);
    expect(() => keyAndText(bytes('\\N\tx'), 0, 4)).toThrow(/NULL/);
  });
});
