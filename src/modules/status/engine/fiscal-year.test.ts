import { describe, expect, it } from 'vitest';
import { assessPerson } from './assess-person';
import {
  defaultReportAsOf,
  FiscalYearAccumulator,
  fiscalYearReport,
  formatRate,
  ratePercent,
  type FiscalYearInput,
} from './fiscal-year';
import { buildAdmission, buildDeparture, buildPerson } from './test-builders';
import type { AssessmentClass } from './types';

function row(
  cls: AssessmentClass,
  aed: string | null,
  classOfAdmission = 'B2',
  citizenshipCountry: string | null = 'BRA',
): FiscalYearInput {
  return { class: cls, aed, classOfAdmission, citizenshipCountry };
}

describe('ratePercent', () => {
  it('reproduces the FY2016 published figures', () => {
    expect(ratePercent(739_478, 50_437_278)).toBe(1.47);
    expect(ratePercent(628_799, 50_437_278)).toBe(1.25);
    expect(formatRate(ratePercent(739_478, 50_437_278))).toBe('1.47%');
  });

  it('rounds half up exactly, where floating point would not', () => {
    // 1.005 % in floating point is 1.00499999...; integer arithmetic gives 1.01.
    expect(ratePercent(201, 20_000)).toBe(1.01);
    expect(ratePercent(1, 3)).toBe(33.33);
    expect(ratePercent(2, 3)).toBe(66.67);
    expect(ratePercent(0, 10)).toBe(0);
  });

  it('has no rate without expected departures, and refuses nonsense counts', () => {
    expect(ratePercent(0, 0)).toBeNull();
    expect(formatRate(null)).toBe('n/a');
    expect(() => ratePercent(-1, 10)).toThrow(RangeError);
    expect(() => ratePercent(1.5, 10)).toThrow(RangeError);
  });
});

describe('fiscal-year report (section 7)', () => {
  it('counts in-scope admissions whose AED falls in 1 October Y-1 .. 30 September Y', () => {
    const report = fiscalYearReport(
      [
        row('COMPLIANT_DEPARTURE', '2015-09-30'), // FY2015
        row('COMPLIANT_DEPARTURE', '2015-10-01'),
        row('OUT_OF_COUNTRY_OVERSTAY', '2016-03-01'),
        row('SUSPECTED_IN_COUNTRY_OVERSTAY', '2016-09-30'),
        row('SUSPECTED_IN_COUNTRY_OVERSTAY', '2016-10-01'), // FY2017
        row('OUT_OF_SCOPE', '2016-01-01'),
        row('INDETERMINATE_LAND', '2016-01-01'),
        row('IN_STATUS', null),
      ],
      2016,
    );
    expect(report.firstDay).toBe('2015-10-01');
    expect(report.lastDay).toBe('2016-09-30');
    expect(report.overall).toMatchObject({
      expectedDepartures: 3,
      outOfCountryOverstays: 1,
      suspectedInCountryOverstays: 1,
      totalOverstays: 2,
      totalOverstayRate: 66.67,
      suspectedInCountryRate: 33.33,
    });
    expect(report.classCounts.COMPLIANT_DEPARTURE).toBe(1);
    expect(report.classCounts.OUT_OF_SCOPE).toBe(0);
  });

  it('breaks the rates down by class of admission and by country', () => {
    const report = fiscalYearReport(
      [
        row('SUSPECTED_IN_COUNTRY_OVERSTAY', '2016-01-01', 'B2', 'BRA'),
        row('COMPLIANT_DEPARTURE', '2016-01-01', 'B2', 'DEU'),
        row('COMPLIANT_DEPARTURE', '2016-01-01', 'WT', 'DEU'),
        row('OUT_OF_COUNTRY_OVERSTAY', '2016-01-01', 'WT', null),
      ],
      2016,
    );
    expect(
      report.byClassOfAdmission.map((r) => [r.key, r.expectedDepartures, r.totalOverstayRate]),
    ).toEqual([
      ['B2', 2, 50],
      ['WT', 2, 50],
    ]);
    expect(
      report.byCountry.map((r) => [r.key, r.totalOverstays, r.suspectedInCountryRate]),
    ).toEqual([
      ['BRA', 1, 100],
      ['DEU', 0, 0],
      ['UNKNOWN', 1, 0],
    ]);
  });

  it('refuses to mix snapshots taken at different AODs', () => {
    const acc = new FiscalYearAccumulator(2016);
    acc.add({ ...row('IN_STATUS', '2016-01-01'), asOf: '2016-10-01' });
    expect(() => acc.add({ ...row('IN_STATUS', '2016-01-01'), asOf: '2016-10-02' })).toThrow(
      /two as-of dates/,
    );
    expect(acc.report().asOf).toBe('2016-10-01');
  });

  it('shrinks as late departure records arrive (a snapshot, not a final figure)', () => {
    const admission = buildAdmission({ admissionDate: '2016-01-10', admitUntilDate: '2016-07-09' });
    const before = buildPerson({ admissions: [admission] });
    const after = { ...before, departures: [buildDeparture({ departureDate: '2016-10-15' })] };
    const snap1 = fiscalYearReport(assessPerson(before, defaultReportAsOf(2016)), 2016);
    const snap2 = fiscalYearReport(assessPerson(after, '2016-12-01'), 2016);
    expect(snap1.overall.suspectedInCountryOverstays).toBe(1);
    expect(snap2.overall.suspectedInCountryOverstays).toBe(0);
    expect(snap2.overall.outOfCountryOverstays).toBe(1);
    expect(snap1.asOf).toBe('2016-10-01');
  });
});
