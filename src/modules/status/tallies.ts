import type { AssessmentClass, FiscalYearInput } from './engine';

/**
 * A run's count of assessments per fiscal year of the AED, class of admission, country and
 * assessment class (status_run_tallies, counted as the run assesses): all the fiscal-year report
 * needs, a few thousand rows per run.
 */
export interface Tally {
  fiscalYear: number;
  classOfAdmission: string;
  /** '' when unknown. */
  citizenshipCountry: string;
  class: AssessmentClass;
  admissions: number;
}

/** Fiscal year (1 October to 30 September) of a 'YYYY-MM-DD' AED; 0 when there is none. */
export function fiscalYearOf(aed: string | null): number {
  if (!aed || aed.length !== 10) return 0;
  const year = Number(aed.slice(0, 4));
  const month = (aed.charCodeAt(5) - 48) * 10 + (aed.charCodeAt(6) - 48);
  return month >= 10 ? year + 1 : year;
}

/**
 * Counts assessments into tallies; assessments without an AED are in no fiscal year. Keyed by
 * nested maps on the parts as they are (one per assessment of a run: building a joined key
 * string for each cost a second per million).
 */
export class TallyCounter {
  private byYear = new Map<number, Map<AssessmentClass, Map<string, Map<string, Tally>>>>();

  add(a: FiscalYearInput): void {
    const fiscalYear = fiscalYearOf(a.aed);
    if (fiscalYear !== 0) this.count(fiscalYear, a.class, a.classOfAdmission, a.citizenshipCountry ?? '', 1);
  }

  /** Adds tallies counted elsewhere (another thread's share of the run). */
  addTallies(tallies: readonly Tally[]): void {
    for (const t of tallies) this.count(t.fiscalYear, t.class, t.classOfAdmission, t.citizenshipCountry, t.admissions);
  }

  /** The tallies counted since the last call. */
  take(): Tally[] {
    const out: Tally[] = [];
    for (const byClass of this.byYear.values())
      for (const byAdmission of byClass.values()) for (const byCountry of byAdmission.values()) out.push(...byCountry.values());
    this.byYear = new Map();
    return out;
  }

  private count(fiscalYear: number, cls: AssessmentClass, classOfAdmission: string, citizenshipCountry: string, n: number): void {
    const byClass = getOrAdd(this.byYear, fiscalYear, () => new Map());
    const byAdmission = getOrAdd(byClass, cls, () => new Map());
    const byCountry = getOrAdd(byAdmission, classOfAdmission, () => new Map());
    const t = byCountry.get(citizenshipCountry);
    if (t) t.admissions += n;
    else byCountry.set(citizenshipCountry, { fiscalYear, classOfAdmission, citizenshipCountry, class: cls, admissions: n });
  }
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = make()));
  return v;
}
