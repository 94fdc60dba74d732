import { fiscalYearBounds, formatDay, parseDay } from './days';
import { ASSESSMENT_CLASSES, type Assessment, type AssessmentClass } from './types';

// Section 7 of the rules: fiscal-year overstay counts and rates, as in the DHS Entry/Exit
// Overstay Report. Streaming: feed assessments one at a time, memory grows only with the
// number of distinct classes of admission and countries.

export type FiscalYearInput = Pick<
  Assessment,
  'class' | 'aed' | 'classOfAdmission' | 'citizenshipCountry'
> &
  Partial<Pick<Assessment, 'asOf'>>;

export interface RateRow {
  key: string;
  expectedDepartures: number;
  outOfCountryOverstays: number;
  suspectedInCountryOverstays: number;
  totalOverstays: number;
  /** Percent with two decimals (1.47 means 1.47 %); null when nothing was expected. */
  totalOverstayRate: number | null;
  suspectedInCountryRate: number | null;
}

export interface FiscalYearReport {
  fiscalYear: number;
  firstDay: string;
  lastDay: string;
  /** The single AOD of the assessments fed in, when they carried one. */
  asOf: string | null;
  overall: RateRow;
  byClassOfAdmission: RateRow[];
  byCountry: RateRow[];
  /** Expected departures broken down by assessment class (all classes present). */
  classCounts: Record<AssessmentClass, number>;
}

/**
 * `numerator / denominator` as a percentage rounded half-up to two decimals, in integer
 * arithmetic so 1.005-style cases do not drift. Null when the denominator is 0.
 */
export function ratePercent(numerator: number, denominator: number): number | null {
  if (
    !Number.isInteger(numerator) ||
    !Number.isInteger(denominator) ||
    numerator < 0 ||
    denominator < 0
  ) {
    throw new RangeError(`rate needs non-negative integer counts, got ${numerator}/${denominator}`);
  }
  if (denominator === 0) return null;
  const hundredths = Math.floor((numerator * 20000 + denominator) / (2 * denominator));
  return hundredths / 100;
}

/** "1.47%", or "n/a" for no expected departures. */
export function formatRate(rate: number | null): string {
  return rate === null ? 'n/a' : `${rate.toFixed(2)}%`;
}

/** DHS takes its snapshot the day after the fiscal year ends: 1 October of year Y. */
export function defaultReportAsOf(fiscalYear: number): string {
  return `${fiscalYear}-10-01`;
}

interface Tally {
  expected: number;
  outOfCountry: number;
  inCountry: number;
}

function toRow(key: string, t: Tally): RateRow {
  const total = t.outOfCountry + t.inCountry;
  return {
    key,
    expectedDepartures: t.expected,
    outOfCountryOverstays: t.outOfCountry,
    suspectedInCountryOverstays: t.inCountry,
    totalOverstays: total,
    totalOverstayRate: ratePercent(total, t.expected),
    suspectedInCountryRate: ratePercent(t.inCountry, t.expected),
  };
}

function bump(map: Map<string, Tally>, key: string, cls: AssessmentClass): void {
  let t = map.get(key);
  if (!t) {
    t = { expected: 0, outOfCountry: 0, inCountry: 0 };
    map.set(key, t);
  }
  t.expected++;
  if (cls === 'OUT_OF_COUNTRY_OVERSTAY') t.outOfCountry++;
  else if (cls === 'SUSPECTED_IN_COUNTRY_OVERSTAY') t.inCountry++;
}

export class FiscalYearAccumulator {
  readonly fiscalYear: number;
  private readonly first: number;
  private readonly last: number;
  private readonly overall = new Map<string, Tally>();
  private readonly byClass = new Map<string, Tally>();
  private readonly byCountry = new Map<string, Tally>();
  private readonly classCounts = Object.fromEntries(
    ASSESSMENT_CLASSES.map((c) => [c, 0]),
  ) as Record<AssessmentClass, number>;
  private asOf: string | null = null;

  constructor(fiscalYear: number) {
    if (!Number.isInteger(fiscalYear))
      throw new RangeError(`fiscal year must be an integer, got ${fiscalYear}`);
    this.fiscalYear = fiscalYear;
    const { first, last } = fiscalYearBounds(fiscalYear);
    this.first = first;
    this.last = last;
  }

  /** Counts the admission if it is an expected departure of the year: in scope, AED in Y. */
  add(a: FiscalYearInput): void {
    if (a.asOf !== undefined) {
      // Rates from two snapshots mixed together mean nothing: refuse rather than blur them.
      if (this.asOf === null) this.asOf = a.asOf;
      else if (a.asOf !== this.asOf)
        throw new Error(`assessments from two as-of dates: ${this.asOf} and ${a.asOf}`);
    }
    if (a.class === 'OUT_OF_SCOPE' || a.class === 'INDETERMINATE_LAND') return;
    const aed = parseDay(a.aed);
    if (!(aed >= this.first && aed <= this.last)) return;
    bump(this.overall, '', a.class);
    bump(this.byClass, a.classOfAdmission || 'UNKNOWN', a.class);
    bump(this.byCountry, a.citizenshipCountry || 'UNKNOWN', a.class);
    this.classCounts[a.class]++;
  }

  report(): FiscalYearReport {
    const rows = (m: Map<string, Tally>) =>
      [...m.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, t]) => toRow(k, t));
    return {
      fiscalYear: this.fiscalYear,
      firstDay: formatDay(this.first),
      lastDay: formatDay(this.last),
      asOf: this.asOf,
      overall: toRow('ALL', this.overall.get('') ?? { expected: 0, outOfCountry: 0, inCountry: 0 }),
      byClassOfAdmission: rows(this.byClass),
      byCountry: rows(this.byCountry),
      classCounts: { ...this.classCounts },
    };
  }
}

export function fiscalYearReport(
  assessments: Iterable<FiscalYearInput>,
  fiscalYear: number,
): FiscalYearReport {
  const acc = new FiscalYearAccumulator(fiscalYear);
  for (const a of assessments) acc.add(a);
  return acc.report();
}
