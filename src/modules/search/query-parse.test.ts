import { describe, expect, it } from 'vitest';
import { parseDateToken, parseQuery } from './query-parse';

describe('parseQuery', () => {
  it('romanizes name words and keeps their order', () => {
    expect(parseQuery('  Юрий   Петров ').nameTokens).toEqual(['yuriy', 'petrov']);
    expect(parseQuery("O'Brien-Smith").nameTokens).toEqual(['o', 'brien', 'smith']);
  });

  it('takes dates of birth out of the name, both readings of an ambiguous one', () => {
    const q = parseQuery('petrov 03/04/1990');
    expect(q.nameTokens).toEqual(['petrov']);
    expect(q.dates).toEqual(['1990-03-04', '1990-04-03']);
    expect(parseQuery('1990-02-30').dates).toEqual([]);
  });

  it('reads a whole box of spaced digits as one identifier', () => {
    expect(parseQuery('EAC 2490123456')).toMatchObject({ nameTokens: [], identifiers: [{ kind: 'receipt_number', normalized: 'EAC2490123456' }] });
    expect(parseQuery('+1 (617) 555-0187').identifiers).toEqual([{ kind: 'phone', normalized: '+16175550187' }]);
  });

  it('offers every identifier kind a token fits, and never treats a word without digits as one', () => {
    const kinds = parseQuery('p1234567').identifiers.map((i) => i.kind);
    expect(kinds).toContain('passport');
    expect(parseQuery('PETROVA').identifiers).toEqual([]);
    expect(parseQuery('a.rivera@example.com').identifiers).toEqual([{ kind: 'email', normalized: 'a.rivera@example.com' }]);
    expect(parseQuery('A208331457').identifiers).toContainEqual({ kind: 'a_number', normalized: 'A208331457' });
  });
});

describe('parseDateToken', () => {
  it('reads ISO, compact and slashed dates and refuses impossible ones', () => {
    expect(parseDateToken('1990-2-4')).toEqual(['1990-02-04']);
    expect(parseDateToken('19900214')).toEqual(['1990-02-14']);
    expect(parseDateToken('14/02/1990')).toEqual(['1990-02-14']);
    expect(parseDateToken('31/31/1990')).toEqual([]);
  });
});
