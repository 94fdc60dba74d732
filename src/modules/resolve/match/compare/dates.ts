import type { ParsedDate } from '../normalize';
import { damerauLevenshtein } from './damerau-levenshtein';

export const DATE_LEVEL = {
  exact: 1,
  transposed: 2,
  oneEdit: 3,
  /** Month and day equal, the year wholly different (mis-keyed or estimated year). */
  otherYear: 4,
  /** Year equal and one of month or day wholly different: rarer by chance than another year. */
  otherDayOrMonth: 5,
  twoEdits: 6,
  sameYear: 7,
  other: 8,
} as const;

/** Day and month swapped (US vs international order), which only differs when day ≠ month. */
export function isTransposed(a: ParsedDate, b: ParsedDate): boolean {
  return (
    a.year === b.year &&
    a.month > 0 &&
    b.month > 0 &&
    a.month !== a.day &&
    a.month === b.day &&
    a.day === b.month
  );
}

/** Graded birth-date comparison; works on malformed dates through their digit strings. */
export function dateLevel(a: ParsedDate, b: ParsedDate): number {
  if (a.digits === b.digits) return DATE_LEVEL.exact;
  if (isTransposed(a, b)) return DATE_LEVEL.transposed;
  const d = damerauLevenshtein(a.digits, b.digits, 2);
  if (d <= 1) return DATE_LEVEL.oneEdit;
  if (a.month > 0 && b.month > 0) {
    const sameMd = a.month === b.month && a.day === b.day;
    if (sameMd) return DATE_LEVEL.otherYear;
    if (a.year === b.year && (a.month === b.month || a.day === b.day))
      return DATE_LEVEL.otherDayOrMonth;
  }
  if (d === 2) return DATE_LEVEL.twoEdits;
  return a.year > 0 && a.year === b.year ? DATE_LEVEL.sameYear : DATE_LEVEL.other;
}
