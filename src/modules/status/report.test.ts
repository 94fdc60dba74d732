import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSESSMENT_CLASSES, fiscalYearReport, formatDay, parseDay, type FiscalYearInput } from './engine';
import { reportFromTallies } from './report';
import { fiscalYearOf, TallyCounter, type Tally } from './tallies';

function tally(assessments: readonly FiscalYearInput[]): Tally[] {
  const counter = new TallyCounter();
  for (const a of assessments) counter.add(a);
  return counter.take();
}

const day0 = parseDay('2023-06-01');
const input: fc.Arbitrary<FiscalYearInput> = fc.record({
  class: fc.constantFrom(...ASSESSMENT_CLASSES),
  aed: fc.option(fc.integer({ min: 0, max: 900 }).map((n) => formatDay(day0 + n))),
  classOfAdmission: fc.constantFrom('B2', 'F1', 'WT', 'H1B', ''),
  citizenshipCountry: fc.option(fc.constantFrom('BRA', 'IND', 'MEX', 'CAN')),
});

describe('the fiscal-year report from tallies', () => {
  it('equals the engine accumulator over the same assessments, for every fiscal year', () => {
    fc.assert(
      fc.property(fc.array(input, { maxLength: 300 }), (assessments) => {
        const tallies = tally(assessments);
        for (const fy of [2023, 2024, 2025, 2026]) {
          expect(reportFromTallies(fy, null, tallies)).toEqual(fiscalYearReport(assessments, fy));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reproduces the DHS FY2016 published rates from counts', () => {
    const tallies = [
      { fiscalYear: 2016, classOfAdmission: 'B2', citizenshipCountry: 'XXX', class: 'COMPLIANT_DEPARTURE' as const, admissions: 50_437_278 - 739_478 },
      { fiscalYear: 2016, classOfAdmission: 'B2', citizenshipCountry: 'XXX', class: 'OUT_OF_COUNTRY_OVERSTAY' as const, admissions: 739_478 - 628_799 },
      { fiscalYear: 2016, classOfAdmission: 'B2', citizenshipCountry: 'XXX', class: 'SUSPECTED_IN_COUNTRY_OVERSTAY' as const, admissions: 628_799 },
      { fiscalYear: 2016, classOfAdmission: 'A1', citizenshipCountry: 'XXX', class: 'OUT_OF_SCOPE' as const, admissions: 99 },
    ];
    const r = reportFromTallies(2016, '2016-10-01', tallies);
    expect(r.overall).toMatchObject({ expectedDepartures: 50_437_278, totalOverstays: 739_478, totalOverstayRate: 1.47, suspectedInCountryRate: 1.25 });
    expect(r.byClassOfAdmission.map((x) => x.key)).toEqual(['B2']);
    expect(r).toMatchObject({ firstDay: '2015-10-01', lastDay: '2016-09-30', asOf: '2016-10-01' });
  });

  it('puts an AED in the fiscal year that starts on 1 October', () => {
    expect(fiscalYearOf('2024-09-30')).toBe(2024);
    expect(fiscalYearOf('2024-10-01')).toBe(2025);
    expect(fiscalYearOf(null)).toBe(0);
  });
});
