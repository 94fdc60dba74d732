import type { AssessmentClass } from './engine';

/**
 * A run's count of assessments per fiscal year of the AED, class of admission, country and
 * assessment class (status_run_tallies, computed in SQL after a run): all the fiscal-year report
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
