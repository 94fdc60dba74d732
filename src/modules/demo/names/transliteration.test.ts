import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { pinyinToWadeGiles } from './chinese';
import { romanizeCyrillic } from './cyrillic';
import { romanizeHangul } from './hangul';
import { asciiKey, mrzFold, stripDiacritics } from './latin';
import { makeName } from './name-factory';
import { renderName } from './render';
import { spellings } from './transliteration';
import { typo } from './typos';

const upper = (list: string[]) => list.map((s) => s.toUpperCase());

describe('transliteration variants', () => {
  it('romanizes Юрий the ways passports, agencies and people do', () => {
    const out = upper(spellings('Юрий', 'cyrillic-ru'));
    expect(out[0]).toBe('IURII'); // ICAO 9303, Russian passports since 2013
    expect(out).toEqual(expect.arrayContaining(['YURIY', 'YURI', 'IOURI', 'JURIJ']));
    expect(new Set(out).size).toBe(out.length);
  });

  it('uses KMU 2010 for Ukrainian passports and the Russian-style g for the French form', () => {
    expect(romanizeCyrillic('Григорій', 'icao', 'uk')).toBe('Hryhorii');
    expect(romanizeCyrillic('Григорій', 'french', 'uk')).toBe('Grigorii');
    expect(romanizeCyrillic('Олександр', 'icao', 'uk')).toBe('Oleksandr');
  });

  it('gives Arabic names their common spellings', () => {
    expect(spellings('Mohammed', 'curated')).toEqual(
      expect.arrayContaining(['Muhammad', 'Mohamed', 'Mohamad']),
    );
    expect(spellings('Abdul Rahman', 'curated')).toEqual(
      expect.arrayContaining(['Abdulrahman', 'Abd al-Rahman']),
    );
  });

  it('converts pinyin to Wade-Giles and keeps Cantonese family forms', () => {
    expect(pinyinToWadeGiles('xiao')).toBe('hsiao');
    expect(pinyinToWadeGiles('zhang')).toBe('chang');
    expect(pinyinToWadeGiles('qing', true)).toBe("ch'ing");
    expect(spellings('Zhang', 'pinyin')).toEqual(['Zhang', 'Chang', 'Cheung']);
    expect(spellings('xiao ming', 'pinyin')).toEqual(
      expect.arrayContaining(['Xiaoming', 'Xiao Ming', 'Hsiao-ming']),
    );
  });

  it('writes Korean family names by convention and given names in RR and MR', () => {
    expect(spellings('이', 'hangul-family')).toEqual(['Lee', 'Yi', 'Rhee', 'I', 'Rhie']);
    expect(romanizeHangul('지훈', 'rr', 'hyphen')).toBe('Ji-hun');
    expect(romanizeHangul('지훈', 'mr', 'hyphen')).toBe('Chi-hun');
    expect(romanizeHangul('영수', 'popular', 'joined')).toBe('Youngsoo');
  });

  it('spells Japanese long vowels with and without macrons', () => {
    expect(spellings('Satō', 'hepburn')).toEqual(
      expect.arrayContaining(['Sato', 'Satō', 'Satoh', 'Satou']),
    );
    expect(spellings('Shinji', 'hepburn')).toContain('Sinzi');
  });

  it('strips or folds diacritics as a machine-readable zone does', () => {
    expect(stripDiacritics('Muñoz Pérez')).toBe('Munoz Perez');
    expect(mrzFold('Müller')).toBe('MUELLER');
    expect(stripDiacritics('Łukasz Wałęsa')).toBe('Lukasz Walesa');
    expect(asciiKey('Nguyễn Văn')).toBe('NGUYENVAN');
  });
});

describe('rendered names', () => {
  it('puts the family name first when a record swaps the order', () => {
    const rng = Rng.derive(7, 'swap');
    const name = makeName('zh', 'M', rng, { chinese: 'pinyin' });
    let swapped = false;
    for (let i = 0; i < 400 && !swapped; i++) {
      const r = renderName(name, 'upper', rng, { noise: 1 });
      if (r.variations.includes('order_swap')) {
        swapped = true;
        expect(r.given).toBe((name.family[0] ?? '').toUpperCase());
      }
    }
    expect(swapped).toBe(true);
  });

  it('drops one of two Spanish surnames in some records', () => {
    const rng = Rng.derive(3, 'es');
    const name = makeName('es', 'F', rng);
    expect(name.familyParts).toHaveLength(2);
    const families = new Set<string>();
    for (let i = 0; i < 300; i++)
      families.add(renderName(name, 'title', rng, { noise: 0.8 }).family);
    expect(families).toContain(stripDiacritics(name.familyParts[0] ?? ''));
    expect(families).toContain(stripDiacritics(name.family[0] ?? ''));
  });

  it('labels a clean record with no variations and a noisy one with what changed', () => {
    const rng = Rng.derive(11, 'clean');
    const name = makeName('de', 'M', rng);
    const clean = renderName(name, 'title', rng, { noise: 0 });
    expect(clean.variations).toEqual([]);
    expect(clean.given.startsWith(stripDiacritics(name.first[0] ?? ''))).toBe(true);
  });
});

describe('typos', () => {
  it('always changes a name of three or more letters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z][a-z]{2,12}$/), fc.integer(), (word, seed) => {
        expect(typo(word, Rng.derive(seed, 'typo'))).not.toBe(word);
      }),
    );
  });
});
