import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatUtc, isoToPickerValue, pickerValueToIso } from './format';

describe('UTC formatting', () => {
  // Prove the output does not depend on the machine's zone.
  const original = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Asia/Kolkata';
  });
  afterAll(() => {
    process.env.TZ = original;
  });

  it('formats instants in UTC whatever the local zone', () => {
    expect(formatUtc('2026-03-04T23:05:09.123Z')).toBe('2026-03-04 23:05:09 UTC');
    expect(formatUtc('2026-03-04T23:05:09+05:30', false)).toBe('2026-03-04 17:35 UTC');
  });

  it('passes through empty and unreadable values', () => {
    expect(formatUtc(null)).toBe('');
    expect(formatUtc('not a date')).toBe('not a date');
  });

  it('reads picker values as UTC', () => {
    expect(pickerValueToIso('2026-01-31 22:15:00')).toBe('2026-01-31T22:15:00.000Z');
    expect(pickerValueToIso('2026-01-31 22:15')).toBe('2026-01-31T22:15:00.000Z');
    expect(pickerValueToIso('2026-01-31')).toBe('2026-01-31T00:00:00.000Z');
    expect(pickerValueToIso('')).toBe('');
    expect(pickerValueToIso('31/01/2026')).toBe('');
    expect(isoToPickerValue('garbage')).toBeNull();
  });

  it('round-trips any whole-second instant through the picker format', () => {
    const min = Date.UTC(1970, 0, 1);
    const max = Date.UTC(2200, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: min / 1000, max: max / 1000 }), (seconds) => {
        const iso = new Date(seconds * 1000).toISOString();
        expect(pickerValueToIso(isoToPickerValue(iso))).toBe(iso);
      }),
    );
  });
});
