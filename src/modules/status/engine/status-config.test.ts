import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUS_CONFIG, parseStatusConfig, type StatusConfig } from './status-config';
import { assessOne, buildAdmission, buildPerson } from './test-builders';

function withChanges(patch: (c: StatusConfig) => void): unknown {
  const copy: StatusConfig = structuredClone(DEFAULT_STATUS_CONFIG);
  patch(copy);
  return copy;
}

describe('status configuration', () => {
  it('holds the policy defaults', () => {
    const c = DEFAULT_STATUS_CONFIG;
    expect(c.version).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    expect(c.sourceDocument).toContain('status-rules.md');
    expect(c.outOfScopeClassPrefixes).toEqual(['A', 'G', 'C', 'D']);
    expect(c.graceDays).toMatchObject({ f1: 60, j1: 30, worker: 60, m1: 0, f1EarlyWithdrawal: 15 });
    expect(c.visaWaiver).toEqual({
      capDays: 90,
      derivedAdmitUntilOffsetDays: 89,
      satisfactoryDepartureMaxDays: 30,
    });
    expect(c.h1bPendingExtensionWorkDays).toBe(240);
    expect(c.capGapEnd).toEqual({ month: 4, day: 1 });
    expect(c.unlawfulPresence).toEqual({
      minimumAgeYears: 18,
      threeYearBarAboveDays: 180,
      tenYearBarAtLeastDays: 365,
    });
    expect(c.workerClassPrefixes).toEqual(['H', 'L', 'O', 'E', 'TN']);
  });

  it('is frozen, so a caller cannot change the policy under a running assessment', () => {
    expect(Object.isFrozen(DEFAULT_STATUS_CONFIG)).toBe(true);
    expect(Object.isFrozen(DEFAULT_STATUS_CONFIG.graceDays)).toBe(true);
    expect(Object.isFrozen(DEFAULT_STATUS_CONFIG.risk.overstayBands[0])).toBe(true);
  });

  it('rejects a negative grace period', () => {
    expect(() => parseStatusConfig(withChanges((c) => void (c.graceDays.f1 = -1)))).toThrow();
  });

  it('rejects bar thresholds out of order', () => {
    const bad = withChanges((c) => void (c.unlawfulPresence.threeYearBarAboveDays = 400));
    expect(() => parseStatusConfig(bad)).toThrow(/three-year/);
  });

  it('rejects risk levels that do not rise', () => {
    const bad = withChanges((c) => void (c.risk.levels.HIGH = 10));
    expect(() => parseStatusConfig(bad)).toThrow(/MEDIUM < HIGH/);
  });

  it('rejects a cap-gap end that does not exist every year', () => {
    const bad = withChanges((c) => void (c.capGapEnd = { month: 2, day: 29 }));
    expect(() => parseStatusConfig(bad)).toThrow(/capGapEnd/);
  });

  it('every assessment records the version of the config it used', () => {
    const custom = parseStatusConfig({
      ...structuredClone(DEFAULT_STATUS_CONFIG),
      version: 'test-9',
    });
    const facts = buildPerson({ admissions: [buildAdmission()] });
    expect(assessOne(facts, '2025-03-01').configVersion).toBe(DEFAULT_STATUS_CONFIG.version);
    expect(assessOne(facts, '2025-03-01', custom).configVersion).toBe('test-9');
  });
});
