import { describe, expect, it } from 'vitest';
import {
  codeKey,
  consonantSkeleton,
  emailKey,
  foldName,
  nameKey,
  parseBirthDate,
  phoneKey,
  unaccent,
} from './normalize';

describe('normalization', () => {
  it('unaccents and romanizes Cyrillic, Greek and Arabic names', () => {
    expect(unaccent('Ñúñez Gonçalves')).toBe('Nunez Goncalves');
    expect(nameKey('Иванов')).toBe('ivanov');
    expect(nameKey('Παπαδόπουλος')).toBe('papadopoulos');
    expect(nameKey('محمد')).toBe('mhmd');
    expect(nameKey('Łukasz  Żółć')).toBe('lukasz zolc');
    expect(nameKey("O'Brien-Smith")).toBe('o brien smith');
    expect(nameKey('   ')).toBeNull();
  });

  it('folds spelling variants together', () => {
    expect(foldName('mueller')).toBe(foldName('muller'));
    expect(foldName('philips')).toBe(foldName('filips'));
    expect(foldName('khalid')).toBe(foldName('halid'));
    expect(foldName('yusuf')).toBe(foldName('iusuf'));
    expect(consonantSkeleton(foldName('mohammed'))).toBe(consonantSkeleton(foldName('muhamad')));
  });

  it('parses dates in the accepted shapes and keeps the rest as digits', () => {
    expect(parseBirthDate('1980-04-12')).toMatchObject({
      digits: '19800412',
      year: 1980,
      month: 4,
      day: 12,
      valid: true,
    });
    expect(parseBirthDate('19800230')).toMatchObject({ digits: '19800230', valid: false });
    expect(parseBirthDate('abt 1980')).toMatchObject({ digits: '1980', year: 1980, valid: false });
    expect(parseBirthDate('')).toBeNull();
  });

  it('normalizes contact and document fields', () => {
    expect(phoneKey('+1 (202) 555-0143')).toBe('2025550143');
    expect(phoneKey('12')).toBeNull();
    expect(emailKey(' Ana.Perez+work@Example.ORG ')).toBe('ana.perez@example.org');
    expect(codeKey(' p-123 456 ')).toBe('P123456');
  });
});
