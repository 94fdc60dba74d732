import { describe, expect, it } from 'vitest';
import { ASSESSMENT_CLASSES } from '../../../src/modules/status/engine/types';
import { VIOLATOR_CLASSES } from '../../../src/modules/status/run-output';
import { classCountRows, formatDays, formatElapsed, formatRate, VIOLATION_CLASSES } from './status-labels';

describe('status labels', () => {
  it('calls a violation exactly what puts a person on the suspected-violators list', () => {
    expect([...VIOLATION_CLASSES].sort()).toEqual([...VIOLATOR_CLASSES].sort());
  });

  it('formats rates, days and run times', () => {
    expect(formatRate(1.47)).toBe('1.47%');
    expect(formatRate(50)).toBe('50.00%');
    expect(formatRate(null)).toBe('—');
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(1234)).toBe('1,234 days');
    expect(formatElapsed(850)).toBe('850 ms');
    expect(formatElapsed(3240)).toBe('3.2 s');
    expect(formatElapsed(125_000)).toBe('2 min 05 s');
    expect(formatElapsed(null)).toBe('—');
  });

  it("lists a run's counts in the policy's order, without empty classes", () => {
    const rows = classCountRows({ SUSPECTED_IN_COUNTRY_OVERSTAY: 4, IN_STATUS: 10, OUT_OF_SCOPE: 0, COMPLIANT_DEPARTURE: 7 });
    expect(rows).toEqual([
      { cls: 'IN_STATUS', count: 10 },
      { cls: 'COMPLIANT_DEPARTURE', count: 7 },
      { cls: 'SUSPECTED_IN_COUNTRY_OVERSTAY', count: 4 },
    ]);
    expect(rows.every((r) => ASSESSMENT_CLASSES.includes(r.cls))).toBe(true);
  });
});
