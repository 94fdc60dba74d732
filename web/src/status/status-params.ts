// What the Status screens keep in the address (so a view can be bookmarked or shared) and the
// API query strings made from it. Pure.
import type { AssessmentClass } from '../../../src/modules/status/engine/types';
import type { RunView } from '../../../src/modules/status/status.schema';
import { RISK_LEVELS, VIOLATION_CLASSES, type RiskLevel } from './status-labels';

export const VIOLATORS_PAGE_SIZE = 25;

export interface ViolatorParams {
  /** The run's as-of date; null: the latest run. */
  asOf: string | null;
  violation: AssessmentClass | null;
  /** Class of admission, as typed (the server normalises "h-1b" to "H1B"). */
  classOfAdmission: string;
  /** Country of citizenship (ISO 3166 alpha-3). */
  country: string;
  levels: RiskLevel[];
  /** 1-based. */
  page: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function violatorParamsFromSearch(sp: URLSearchParams): ViolatorParams {
  const asOf = sp.get('asOf');
  const violation = sp.get('violation');
  const levels = (sp.get('level') ?? '')
    .split(',')
    .filter((l): l is RiskLevel => (RISK_LEVELS as readonly string[]).includes(l));
  const page = Number.parseInt(sp.get('page') ?? '', 10);
  return {
    asOf: asOf && isRealDate(asOf) ? asOf : null,
    violation: violation && (VIOLATION_CLASSES as readonly string[]).includes(violation) ? (violation as AssessmentClass) : null,
    classOfAdmission: (sp.get('class') ?? '').trim(),
    country: (sp.get('country') ?? '').trim().toUpperCase(),
    levels: RISK_LEVELS.filter((l) => levels.includes(l)),
    page: Number.isFinite(page) && page >= 1 ? page : 1,
  };
}

export function violatorParamsToSearch(p: ViolatorParams): URLSearchParams {
  const s = new URLSearchParams();
  if (p.asOf) s.set('asOf', p.asOf);
  if (p.violation) s.set('violation', p.violation);
  if (p.classOfAdmission.trim()) s.set('class', p.classOfAdmission.trim());
  if (p.country.trim()) s.set('country', p.country.trim().toUpperCase());
  if (p.levels.length) s.set('level', p.levels.join(','));
  if (p.page > 1) s.set('page', String(p.page));
  return s;
}

/** The query string of GET /api/status/violators for one page. */
export function violatorsQueryString(p: ViolatorParams, pageSize = VIOLATORS_PAGE_SIZE): string {
  const s = violatorParamsToSearch({ ...p, page: 1 });
  s.set('limit', String(pageSize));
  s.set('offset', String((p.page - 1) * pageSize));
  return s.toString();
}

export function pageCount(total: number, pageSize = VIOLATORS_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The fiscal year (1 October of Y−1 to 30 September of Y) a date falls in. */
export function fiscalYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 10 ? year + 1 : year;
}

/**
 * The last fiscal year that had ended by the as-of date: the year a snapshot is normally read
 * for (DHS takes its snapshot the day after the fiscal year ends).
 */
export function lastEndedFiscalYear(asOf: string): number {
  return fiscalYearOf(asOf) - 1;
}

export interface ReportParams {
  fy: number;
  asOf: string;
}

/** Fiscal year and snapshot from the address, defaulting to the given run's as-of date. */
export function reportParamsFromSearch(sp: URLSearchParams, defaultAsOf: string): ReportParams {
  const asOfRaw = sp.get('asOf');
  const asOf = asOfRaw && isRealDate(asOfRaw) ? asOfRaw : defaultAsOf;
  const fy = Number.parseInt(sp.get('fy') ?? '', 10);
  return { asOf, fy: Number.isFinite(fy) && fy >= 1990 && fy <= 2100 ? fy : lastEndedFiscalYear(asOf) };
}

export function reportQueryString(p: ReportParams): string {
  return new URLSearchParams({ fy: String(p.fy), asOf: p.asOf }).toString();
}

export type RateSort = 'key' | 'expected' | 'rate';

/** Rows of a report table in the order asked for: by key, by expected departures, or by total overstay rate (highest first; ties by key). */
export function sortRateRows<T extends { key: string; expectedDepartures: number; totalOverstayRate: number | null }>(rows: readonly T[], sort: RateSort): T[] {
  const byKey = (a: T, b: T) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const out = [...rows];
  if (sort === 'key') return out.sort(byKey);
  if (sort === 'expected') return out.sort((a, b) => b.expectedDepartures - a.expectedDepartures || byKey(a, b));
  return out.sort((a, b) => (b.totalOverstayRate ?? -1) - (a.totalOverstayRate ?? -1) || b.expectedDepartures - a.expectedDepartures || byKey(a, b));
}

/** The CSV or PDF of the report: a link the browser follows (the session cookie goes with it). */
export function reportFileUrl(p: ReportParams, format: 'csv' | 'pdf'): string {
  return `/api/status/report.${format}?${reportQueryString(p)}`;
}

/** The run the API answers with when no as-of date is given: the most recently finished current run. */
export function latestRun(runs: readonly RunView[]): RunView | null {
  let best: RunView | null = null;
  for (const r of runs) {
    if (!r.current || !r.finishedAt) continue;
    if (!best || r.finishedAt > best.finishedAt! || (r.finishedAt === best.finishedAt && Number(r.id) > Number(best.id))) best = r;
  }
  return best;
}
