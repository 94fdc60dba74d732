import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IdentifierKind } from './source-types';
import { COUNTRY_CODES, ISO_COUNTRY_CODES, isCountryCode } from './countries';
import {
  CANONICAL_CHECKS,
  cleanName,
  compactIdentifier,
  dayNumber,
  isKnownCountry,
  isValidDate,
  normalizeCountry,
  normalizeIdentifier,
  normalizeTimestamp,
} from './normalize';

describe('isValidDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1956-02-30', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2024-04-31', false],
    ['2024-12-31', true],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['0000-01-01', false],
    ['2024-2-29', false],
    ['2024/02/29', false],
    ['24-02-29', false],
    ['2024-02-29T00:00:00Z', false],
    ['2024-0a-01', false],
    ['', false],
  ])('%s → %s', (s, ok) => {
    expect(isValidDate(s)).toBe(ok);
  });

  it('agrees with Date.UTC on every day of four centuries, in UTC day numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -150_000, max: 150_000 }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(dayNumber(iso)).toBe(day);
      }),
    );
  });

  it('rejects every day past the end of its month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const last = new Date(Date.UTC(2000, m, 0)).getUTCDate(); // month length in a leap year
        const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
        const days = m === 2 && !leap ? 28 : last;
        const ymd = (d: number): string =>
          `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(isValidDate(ymd(days))).toBe(true);
        expect(isValidDate(ymd(days + 1))).toBe(false);
      }),
    );
  });
});

describe('normalizeTimestamp', () => {
  it.each([
    ['2026-01-14T18:22:05Z', '2026-01-14T18:22:05.000Z'],
    ['2026-01-14T13:22:05-05:00', '2026-01-14T18:22:05.000Z'],
    ['2026-01-15T03:22:05+0900', '2026-01-14T18:22:05.000Z'],
    ['2026-01-14T18:22:05.123456Z', '2026-01-14T18:22:05.123Z'],
    ['2026-01-14T18:22', '2026-01-14T18:22:00.000Z'],
    ['2026-01-14 18:22:05', '2026-01-14T18:22:05.000Z'],
    ['2024-02-29T23:59:59+00:00', '2024-02-29T23:59:59.000Z'],
    ['2026-01-01T01:00:00+02:00', '2025-12-31T23:00:00.000Z'],
  ])('%s → %s', (s, out) => {
    expect(normalizeTimestamp(s)).toBe(out);
  });

  it.each([
    '2023-02-29T10:00:00Z',
    '2026-01-14T24:00:00Z',
    '2026-01-14T18:60:00Z',
    '2026-01-14T18:22:61Z',
    '2026-01-14',
    '2026-01-14T18:22:05+25:00',
    '14/01/2026 18:22',
    'yesterday',
  ])('%s is not a timestamp', (s) => {
    expect(normalizeTimestamp(s)).toBeNull();
  });

  it('does not depend on the local time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(normalizeTimestamp('2026-07-01T00:00:00')).toBe('2026-07-01T00:00:00.000Z');
    } finally {
      process.env.TZ = before;
    }
  });
});

describe('countries', () => {
  it('holds the 249 ISO 3166-1 alpha-3 codes, each once, plus the four ICAO codes', () => {
    expect(ISO_COUNTRY_CODES).toHaveLength(249);
    expect(new Set(ISO_COUNTRY_CODES).size).toBe(249);
    for (const c of ISO_COUNTRY_CODES) expect(c).toMatch(/^[A-Z]{3}$/);
    expect(COUNTRY_CODES.size).toBe(253);
    for (const c of ['XXA', 'XXB', 'XXC', 'XXX']) expect(isKnownCountry(c)).toBe(true);
  });

  it.each(['USA', 'NGA', 'DEU', 'SSD', 'XKX'])('knows real codes and refuses others: %s', (c) => {
    expect(isKnownCountry(c)).toBe(c !== 'XKX');
  });

  it('answers exactly like the set for every three-letter string', () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let known = 0;
    for (const a of letters)
      for (const b of letters)
        for (const c of letters) {
          const code = a + b + c;
          expect(isCountryCode(code)).toBe(COUNTRY_CODES.has(code));
          if (isCountryCode(code)) known++;
        }
    expect(known).toBe(253);
    expect(isCountryCode('usa')).toBe(false);
    expect(isCountryCode('US')).toBe(false);
    expect(isCountryCode('US@')).toBe(false);
  });

  it('normalizes case and spaces but refuses alpha-2 codes and names', () => {
    expect(normalizeCountry(' usa ')).toBe('USA');
    expect(normalizeCountry('US')).toBeNull();
    expect(normalizeCountry('Nigeria')).toBeNull();
    expect(normalizeCountry('XYZ')).toBeNull();
  });
});

describe('normalizeIdentifier', () => {
  it.each([
    ['passport', 'A4817736', 'A4817736', true],
    ['passport', ' a48-177 36', 'A4817736', true],
    ['passport', 'A48#7736', 'A48#7736', false],
    ['passport', 'AB12', 'AB12', false],
    ['passport', 'Ä4817736', 'Ä4817736', false],
    ['passport', 'A12345678901', 'A12345678901', false],
    ['visa_foil', '48213379', '48213379', true],
    ['visa_foil', '4821337', '4821337', false],
    ['a_number', 'A208331457', 'A208331457', true],
    ['a_number', 'A-208-331-457', 'A208331457', true],
    ['a_number', '08331457', 'A008331457', true],
    ['a_number', 'B208331457', 'B208331457', false],
    ['sevis_id', 'N0031847265', 'N0031847265', true],
    ['sevis_id', 'n 0031847265', 'N0031847265', true],
    ['sevis_id', 'N003184726', 'N003184726', false],
    ['fin', '4410298375', '4410298375', true],
    ['fin', '441029837X', '441029837X', false],
    ['ssn', '912-44-0387', '912440387', true],
    ['ssn', '000-44-0387', '000440387', false],
    ['ssn', '912-00-0387', '912000387', false],
    ['ssn', '912-44-0000', '912440000', false],
    ['ssn', '91244038', '91244038', false],
    ['admission_number', '53482017615', '53482017615', true],
    ['admission_number', '534820176A5', '534820176A5', true],
    ['admission_number', '5348201761', '5348201761', false],
    ['receipt_number', 'EAC2490123456', 'EAC2490123456', true],
    ['receipt_number', 'eac-249-012-3456', 'EAC2490123456', true],
    ['receipt_number', 'XYZ2490123456', 'XYZ2490123456', false],
    ['phone', '+16175550187', '+16175550187', true],
    ['phone', '(617) 555-0187', '+16175550187', true],
    ['phone', '1-617-555-0187', '+16175550187', true],
    ['phone', '0044 20 7946 0958', '+442079460958', true],
    ['phone', '+10175550187', '+10175550187', false],
    ['phone', '555-0187', '5550187', false],
    ['email', ' A.Rivera@Example.COM ', 'a.rivera@example.com', true],
    ['email', 'a.rivera@example', 'a.rivera@example', false],
    ['vehicle_plate', 'ca 7kq-l219', 'CA7KQL219', true],
    ['vehicle_plate', 'X', 'X', false],
    ['legal_process', 'subpoena-2026-0142', 'SUBPOENA-2026-0142', true],
    ['legal_process', 'pending', 'PENDING', false],
    ['school_code', 'BOS214F00076000', 'BOS214F00076000', true],
    ['dso_id', 'DSO4471029', 'DSO4471029', true],
  ] as const)('%s %j → %s (valid %s)', (kind, value, normalized, valid) => {
    expect(normalizeIdentifier(kind, value)).toEqual({ normalized, valid });
  });

  it('takes the fast path only for values that are already normalized and valid', () => {
    const chars = fc.constantFrom(...'0123456789AN-x #'.split(''));
    for (const [kind, check] of Object.entries(CANONICAL_CHECKS)) {
      fc.assert(
        fc.property(fc.string({ unit: chars, minLength: 5, maxLength: 14 }), (s) => {
          if (check(s)) {
            expect(normalizeIdentifier(kind as IdentifierKind, s)).toEqual({
              normalized: s,
              valid: true,
            });
          }
        }),
        { numRuns: 300 },
      );
    }
    expect(CANONICAL_CHECKS.admission_number?.('534820176A5')).toBe(true);
    expect(CANONICAL_CHECKS.sevis_id?.('N0031847265')).toBe(true);
    expect(CANONICAL_CHECKS.passport?.('a4817736')).toBe(false);
  });

  it('compacts without touching already-compact values', () => {
    expect(compactIdentifier('AB 12-34')).toBe('AB1234');
    const s = 'AB1234';
    expect(compactIdentifier(s)).toBe(s);
  });
});

describe('cleanName', () => {
  // Every kind of white space JavaScript knows, among letters from several scripts.
  const nameChars = fc.oneof(
    fc.constantFrom(
      ' ',
      '\t',
      '\n',
      '\r',
      '\u00a0',
      '\u1680',
      '\u2003',
      '\u2028',
      '\u3000',
      '\ufeff',
    ),
    fc.constantFrom('a', 'Z', 'É', 'ß', '中', 'й', '-', "'", '.'),
  );

  it.each([
    ['  Okonkwo-Rivera ', 'Okonkwo-Rivera'],
    ['Amara   Lucia', 'Amara Lucia'],
    ['Amara\tLucia', 'Amara Lucia'],
    ['de la  Cruz', 'de la Cruz'],
    ['ÑÚÑEZ', 'ÑÚÑEZ'],
    ["o'brien", "o'brien"],
  ])('%j → %j', (s, out) => {
    expect(cleanName(s)).toBe(out);
  });

  it('never changes a letter, only white space', () => {
    fc.assert(
      fc.property(fc.string({ unit: nameChars, maxLength: 24 }), (s) => {
        const strip = (x: string): string => x.replace(/\s+/g, '');
        expect(strip(cleanName(s))).toBe(strip(s));
        expect(cleanName(s)).not.toMatch(/^\s|\s$|\s\s/);
      }),
    );
  });
});
