import { describe, expect, it } from 'vitest';
import { compareTokens, rankEntity, scoreName } from './ranking';
import { parseQuery } from './query-parse';

const words = (q: string) => parseQuery(q).nameTokens;

describe('scoreName', () => {
  it('scores an exact name 1 and explains it as exact', () => {
    const m = scoreName(words('Yuriy Petrov'), 'Yuriy Petrov')!;
    expect(m.score).toBe(1);
    expect(m.explanation).toBe("name: trigram 1.00 on 'Yuriy Petrov' (exact)");
  });

  it('accepts any word order and says so', () => {
    const m = scoreName(words('petrov yuriy'), 'Yuriy Petrov')!;
    expect(m.score).toBe(1);
    expect(m.otherOrder).toBe(true);
    expect(m.explanation).toMatch(/other order/);
  });

  it('names the kind of each non-exact word match', () => {
    expect(scoreName(words('Yuriy Petrov'), 'Юрий Петров')!.explanation).toMatch(/transliteration/);
    expect(scoreName(words('Iurii Petrov'), 'Yuriy Petrov')!.explanation).toMatch(/spelling variant: iurii→yuriy/);
    expect(scoreName(words('Bob Smith'), 'Robert Smith')!.explanation).toMatch(/nickname: bob→robert/);
    expect(scoreName(words('Yuriy Petorv'), 'Yuriy Petrov')!.explanation).toMatch(/misspelling: petorv→petrov/);
    expect(scoreName(words('Petr'), 'Yuriy Petrov')!.explanation).toMatch(/partial: petr→petrov/);
  });

  it('ranks closer spellings higher', () => {
    const q = words('Yuriy Petrov');
    const exact = scoreName(q, 'Yuriy Petrov')!.score;
    const variant = scoreName(q, 'Iurii Petrov')!.score;
    const typo = scoreName(q, 'Yuriy Petorv')!.score;
    const half = scoreName(q, 'Svetlana Petrova')?.score ?? 0;
    expect(exact).toBeGreaterThan(variant);
    expect(variant).toBeGreaterThan(typo);
    expect(typo).toBeGreaterThan(half);
  });

  it('gives no match for unrelated names', () => {
    expect(scoreName(words('Xavier Quinn'), 'Yuriy Petrov')).toBeNull();
  });

  it('reports the trigram similarity of the paired words only', () => {
    const m = scoreName(words('garcia'), 'Maria Garcia Lopez')!;
    expect(m.trigram).toBe(1);
    expect(m.score).toBeLessThan(1);
  });
});

describe('compareTokens', () => {
  it('does not pair a word with a short unrelated one', () => {
    expect(compareTokens('li', 'lopez', false)).toBeNull();
    expect(compareTokens('ana', 'anastasia', false)?.kind).toBe('partial');
  });
});

describe('rankEntity', () => {
  const name = scoreName(words('petrov'), 'Yuriy Petrov');

  it('gives an identifier match full score and a reason naming the identifier', () => {
    const r = rankEntity([], { bestName: null, identifiers: [{ kind: 'passport', shown: 'P1234567', records: 2 }], birthDates: [] });
    expect(r).toEqual({ score: 1, reasons: ['passport P1234567 exact (2 records)'] });
  });

  it('raises a name match whose date of birth agrees and lowers one whose date differs', () => {
    const agree = rankEntity(['1990-02-14'], { bestName: name, identifiers: [], birthDates: ['1990-02-14'] });
    const differ = rankEntity(['1990-02-14'], { bestName: name, identifiers: [], birthDates: ['1985-06-01'] });
    const unknown = rankEntity(['1990-02-14'], { bestName: name, identifiers: [], birthDates: [] });
    expect(agree.score).toBeGreaterThan(unknown.score);
    expect(unknown.score).toBeGreaterThan(differ.score);
    expect(agree.reasons).toContain('date of birth 1990-02-14 exact');
    expect(differ.reasons).toContain('date of birth differs (1985-06-01)');
    expect(unknown.reasons).toContain('no date of birth on file');
  });

  it('scores a date-of-birth-only match below a name match', () => {
    const dobOnly = rankEntity(['1990-02-14'], { bestName: null, identifiers: [], birthDates: ['1990-02-14'] });
    expect(dobOnly.score).toBe(0.6);
  });
});
