import {
  ASSESSMENT_CLASSES,
  fiscalYearBounds,
  formatDay,
  ratePercent,
  type AssessmentClass,
  type FiscalYearReport,
  type RateRow,
} from './engine';
import type { Tally } from './tallies';

// Section 7 of the rules from a run's tallies (counts per fiscal year of the AED, class of
// admission, country and assessment class) instead of rescanning every assessment. It must agree
// exactly with the engine's FiscalYearAccumulator: report.test.ts checks that on random runs.

const NOT_EXPECTED: ReadonlySet<AssessmentClass> = new Set(['OUT_OF_SCOPE', 'INDETERMINATE_LAND']);

interface Counts {
  expected: number;
  outOfCountry: number;
  inCountry: number;
}

function add(map: Map<string, Counts>, key: string, t: Tally): void {
  let c = map.get(key);
  if (!c) {
    c = { expected: 0, outOfCountry: 0, inCountry: 0 };
    map.set(key, c);
  }
  c.expected += t.admissions;
  if (t.class === 'OUT_OF_COUNTRY_OVERSTAY') c.outOfCountry += t.admissions;
  else if (t.class === 'SUSPECTED_IN_COUNTRY_OVERSTAY') c.inCountry += t.admissions;
}

function row(key: string, c: Counts): RateRow {
  const total = c.outOfCountry + c.inCountry;
  return {
    key,
    expectedDepartures: c.expected,
    outOfCountryOverstays: c.outOfCountry,
    suspectedInCountryOverstays: c.inCountry,
    totalOverstays: total,
    totalOverstayRate: ratePercent(total, c.expected),
    suspectedInCountryRate: ratePercent(c.inCountry, c.expected),
  };
}

function rows(map: Map<string, Counts>): RateRow[] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, c]) => row(k, c));
}

/** The fiscal-year report of `fiscalYear` from the tallies of one run (other years are ignored). */
export function reportFromTallies(
  fiscalYear: number,
  asOf: string | null,
  tallies: readonly Tally[],
): FiscalYearReport {
  const overall = new Map<string, Counts>();
  const byClass = new Map<string, Counts>();
  const byCountry = new Map<string, Counts>();
  const classCounts = Object.fromEntries(ASSESSMENT_CLASSES.map((c) => [c, 0])) as Record<AssessmentClass, number>;
  for (const t of tallies) {
    if (t.fiscalYear !== fiscalYear || NOT_EXPECTED.has(t.class)) continue;
    add(overall, '', t);
    add(byClass, t.classOfAdmission || 'UNKNOWN', t);
    add(byCountry, t.citizenshipCountry || 'UNKNOWN', t);
    classCounts[t.class] += t.admissions;
  }
  const { first, last } = fiscalYearBounds(fiscalYear);
  return {
    fiscalYear,
    firstDay: formatDay(first),
    lastDay: formatDay(last),
    asOf,
    overall: row('ALL', overall.get('') ?? { expected: 0, outOfCountry: 0, inCountry: 0 }),
    byClassOfAdmission: rows(byClass),
    byCountry: rows(byCountry),
    classCounts,
  };
}
