import { doubleMetaphone } from 'double-metaphone';
import { describe, expect, it } from 'vitest';
import { daitchMokotoff } from './daitch-mokotoff';
import { isNickname, nicknameCanonical } from './nicknames';

describe('Daitch–Mokotoff soundex', () => {
  it('gives the published codes', () => {
    expect(daitchMokotoff('Lewinsky')).toEqual(['876450']);
    expect(daitchMokotoff('Levinski')).toEqual(['876450']);
    expect(daitchMokotoff('Szlamawicz')).toEqual(['486740']);
    expect(daitchMokotoff('Shlamovitz')).toEqual(['486740']);
    expect(daitchMokotoff('Lipshitz')).toEqual(['874400']);
  });

  it('branches where the chart gives alternatives', () => {
    expect(daitchMokotoff('Auerbach').sort()).toEqual(['097400', '097500']);
    expect(daitchMokotoff('Lippszyc').sort()).toEqual(['874400', '874500']);
  });

  it('codes Moskowitz and Moskovitz alike', () => {
    expect(daitchMokotoff('Moskowitz')).toEqual(daitchMokotoff('Moskovitz'));
  });
});

describe('double metaphone (package)', () => {
  it('codes Smith and Schmidt to a shared key', () => {
    expect(doubleMetaphone('smith')).toEqual(['SM0', 'XMT']);
    expect(doubleMetaphone('schmidt')).toEqual(['XMT', 'SMT']);
  });
});

describe('nicknames', () => {
  it('pairs formal names with their diminutives, across languages', () => {
    expect(isNickname('bob', 'robert')).toBe(true);
    expect(isNickname('sasha', 'aleksandr')).toBe(true);
    expect(isNickname('paco', 'francisco')).toBe(true);
    expect(isNickname('bob', 'william')).toBe(false);
    expect(isNickname('robert', 'robert')).toBe(false);
  });

  it('gives diminutive and formal name the same blocking key', () => {
    expect(nicknameCanonical('bill')).toBe(nicknameCanonical('william'));
    expect(nicknameCanonical('zzyzx')).toBe('zzyzx');
  });
});
