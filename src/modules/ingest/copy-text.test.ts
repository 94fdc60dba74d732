import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CopyText, copyField, copyJson } from './copy-text';

/** Strings made of the characters that need care in COPY text and JSON (and some that do not). */
const tricky = fc.string({ unit: fc.constantFrom('a', 'N', '1', ' ', '\\', '\t', '\n', '\r', '"', 'é', '\u2028', '\ud800', '\u0001') });

/** What PostgreSQL's COPY text format reads a field back as. */
function unescape(field: string): string | null {
  if (field === '\\N') return null;
  return field.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c);
}

describe('COPY text', () => {
  it('escapes a field so that it reads back as written and never breaks the line', () => {
    fc.assert(
      // Plain booleans rather than expect() inside the property: it runs a hundred times.
      fc.property(tricky, (s) => {
        const f = copyField(s);
        return !/[\t\n\r]/.test(f) && unescape(f) === s;
      }),
    );
    expect(copyField(null)).toBe('\\N');
    expect(copyField(42)).toBe('42');
  });

  it('writes JSON text as a field that reads back as the same JSON', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), tricky), (o) => {
        const json = JSON.stringify(o);
        return copyJson(json) === copyField(json) && unescape(copyJson(json)) === json;
      }),
    );
  });

  it('keeps the lines it is given, in order, in flat pieces', () => {
    const t = new CopyText();
    const lines = Array.from({ length: 5000 }, (_, i) => `${i}\t${'x'.repeat(i % 50)}\n`);
    for (const l of lines) t.add(l);
    expect(t.length).toBe(lines.join('').length);
    const pieces = t.take();
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(lines.join(''));
    expect(new CopyText().take()).toEqual([]);
  });
});
