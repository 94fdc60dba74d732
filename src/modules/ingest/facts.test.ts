import { describe, expect, it } from 'vitest';
import { searchKey } from './facts';

/** The key as the Unicode path writes it, for any text. */
const unicodeKey = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

describe('searchKey', () => {
  it('lower-cases, removes accents and keeps single spaces between letters and digits', () => {
    expect(searchKey("  O'Neil-Smith,  Mary Ann 2nd ")).toBe('o neil smith mary ann 2nd');
    expect(searchKey('Zoë ÅNGSTRÖM')).toBe('zoe angstrom');
    expect(searchKey('Мария  Иванова')).toBe('мария иванова');
    expect(searchKey('ﬁnn\tSØren')).toBe('finn søren');
  });

  it('gives plain ASCII the same key as the Unicode path', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let n = 0; n < 2000; n++) {
      let s = '';
      for (let k = next() % 24; k > 0; k--) s += String.fromCharCode(32 + (next() % 95));
      expect(searchKey(s)).toBe(unicodeKey(s));
    }
  });
});
