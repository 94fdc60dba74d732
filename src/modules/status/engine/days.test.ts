import { describe, expect, it } from 'vitest';
import {
  addDays,
  addYears,
  diffDays,
  fiscalYearBounds,
  fiscalYearOfDay,
  formatDay,
  nextMonthDayAfter,
  parseDay,
} from './days';

describe('parseDay / formatDay', () => {
  it('counts days from 1970-01-01', () => {
    expect(parseDay('1970-01-01')).toBe(0);
    expect(parseDay('1970-01-02')).toBe(1);
    expect(parseDay('1969-12-31')).toBe(-1);
  });

  it('agrees with Date.UTC for every day from 1900 to 2100 and round-trips', () => {
    // Date is used only as an independent oracle here, never by the engine.
    const start = Date.UTC(1900, 0, 1) / 86_400_000;
    const end = Date.UTC(2100, 11, 31) / 86_400_000;
    let mismatches = 0;
    for (let n = start; n <= end; n++) {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      if (parseDay(iso) !== n || formatDay(n) !== iso) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it.each([
    ['2023-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2025-04-31', 'April has 30 days'],
    ['2025-13-01', 'month 13'],
    ['2025-00-10', 'month 0'],
    ['2025-01-00', 'day 0'],
    ['2025-1-01', 'short'],
    ['2025/01/01', 'wrong separator'],
    ['20a5-01-01', 'letter'],
    ['2025-01-01T00:00:00Z', 'timestamp'],
    ['', 'empty'],
  ])('rejects %s (%s)', (s) => {
    expect(parseDay(s)).toBeNaN();
  });

  it('accepts leap days in leap years, including 2000', () => {
    expect(formatDay(parseDay('2024-02-29'))).toBe('2024-02-29');
    expect(formatDay(parseDay('2000-02-29'))).toBe('2000-02-29');
  });

  it('treats null and undefined as missing', () => {
    expect(parseDay(null)).toBeNaN();
    expect(parseDay(undefined)).toBeNaN();
  });

  it('refuses to format a missing day', () => {
    expect(() => formatDay(NaN)).toThrow(RangeError);
  });
});

describe('addDays / diffDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-01-31', 1, '2025-02-01'],
    ['2025-04-30', 1, '2025-05-01'],
    ['2025-05-15', 60, '2025-07-14'],
    ['2025-01-10', 89, '2025-04-09'],
  ])('%s + %i = %s', (from, n, to) => {
    expect(addDays(from, n)).toBe(to);
    expect(diffDays(from, to)).toBe(n);
  });

  it('diffDays is b - a', () => {
    expect(diffDays('2025-07-09', '2025-07-10')).toBe(1);
    expect(diffDays('2025-07-10', '2025-07-09')).toBe(-1);
    expect(diffDays('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('throws on malformed dates instead of guessing', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => diffDays('2025-01-01', 'soon')).toThrow(RangeError);
  });
});

describe('addYears', () => {
  it('keeps the calendar day', () => {
    expect(formatDay(addYears(parseDay('2007-06-15'), 18))).toBe('2025-06-15');
  });

  it('moves 29 February to 1 March in a common year', () => {
    expect(formatDay(addYears(parseDay('2008-02-29'), 18))).toBe('2026-03-01');
    expect(formatDay(addYears(parseDay('2008-02-29'), 16))).toBe('2024-02-29');
  });
});

describe('fiscal years', () => {
  it('runs from 1 October of Y-1 to 30 September of Y', () => {
    expect(fiscalYearOfDay(parseDay('2015-09-30'))).toBe(2015);
    expect(fiscalYearOfDay(parseDay('2015-10-01'))).toBe(2016);
    expect(fiscalYearOfDay(parseDay('2016-09-30'))).toBe(2016);
    const { first, last } = fiscalYearBounds(2016);
    expect(formatDay(first)).toBe('2015-10-01');
    expect(formatDay(last)).toBe('2016-09-30');
  });
});

describe('nextMonthDayAfter', () => {
  it('finds the next 1 April strictly after a day', () => {
    expect(formatDay(nextMonthDayAfter(parseDay('2025-04-01'), 4, 1))).toBe('2026-04-01');
    expect(formatDay(nextMonthDayAfter(parseDay('2025-03-31'), 4, 1))).toBe('2025-04-01');
    expect(formatDay(nextMonthDayAfter(parseDay('2025-12-15'), 4, 1))).toBe('2026-04-01');
  });
});
