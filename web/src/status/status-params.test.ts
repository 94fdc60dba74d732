import { describe, expect, it } from 'vitest';
import type { RunView } from './status-api';
import {
  fiscalYearOf,
  lastEndedFiscalYear,
  latestRun,
  pageCount,
  reportFileUrl,
  reportParamsFromSearch,
  sortRateRows,
  violatorParamsFromSearch,
  violatorParamsToSearch,
  violatorsQueryString,
} from './status-params';

describe('violator params', () => {
  it('reads the filters from the address, dropping what the API would refuse', () => {
    const p = violatorParamsFromSearch(
      new URLSearchParams('asOf=2026-11-01&violation=OUT_OF_COUNTRY_OVERSTAY&class=h-1b&country=ind&level=LOW,HIGH,BOGUS&page=3'),
    );
    expect(p).toEqual({ asOf: '2026-11-01', violation: 'OUT_OF_COUNTRY_OVERSTAY', classOfAdmission: 'h-1b', country: 'IND', levels: ['HIGH', 'LOW'], page: 3 });
    // Not a violation class, an impossible date, a page below 1.
    expect(violatorParamsFromSearch(new URLSearchParams('asOf=2026-02-30&violation=IN_STATUS&page=0'))).toEqual({
      asOf: null, violation: null, classOfAdmission: '', country: '', levels: [], page: 1,
    });
  });

  it('round-trips through the address and leaves defaults out', () => {
    const p = violatorParamsFromSearch(new URLSearchParams('violation=SUSPECTED_IN_COUNTRY_OVERSTAY&country=MEX&level=CRITICAL&page=2'));
    expect(violatorParamsToSearch(p).toString()).toBe('violation=SUSPECTED_IN_COUNTRY_OVERSTAY&country=MEX&level=CRITICAL&page=2');
    expect(violatorParamsToSearch({ ...p, page: 1, violation: null, country: ' ', levels: [] }).toString()).toBe('');
  });

  it('asks the API for one page by limit and offset', () => {
    const p = violatorParamsFromSearch(new URLSearchParams('level=HIGH,CRITICAL&class=B2&page=3'));
    const qs = new URLSearchParams(violatorsQueryString(p, 25));
    expect(Object.fromEntries(qs)).toEqual({ class: 'B2', level: 'CRITICAL,HIGH', limit: '25', offset: '50' });
    expect(pageCount(0)).toBe(1);
    expect(pageCount(51, 25)).toBe(3);
  });
});

describe('fiscal years', () => {
  it('runs from 1 October to 30 September', () => {
    expect(fiscalYearOf('2025-09-30')).toBe(2025);
    expect(fiscalYearOf('2025-10-01')).toBe(2026);
    expect(lastEndedFiscalYear('2026-10-01')).toBe(2026);
    expect(lastEndedFiscalYear('2026-11-01')).toBe(2026);
    expect(lastEndedFiscalYear('2026-09-30')).toBe(2025);
  });

  it('reports the run shown unless the address names a year and snapshot', () => {
    expect(reportParamsFromSearch(new URLSearchParams(''), '2026-11-01')).toEqual({ fy: 2026, asOf: '2026-11-01' });
    expect(reportParamsFromSearch(new URLSearchParams('fy=2024&asOf=2024-10-01'), '2026-11-01')).toEqual({ fy: 2024, asOf: '2024-10-01' });
    expect(reportParamsFromSearch(new URLSearchParams('fy=12&asOf=nope'), '2026-11-01')).toEqual({ fy: 2026, asOf: '2026-11-01' });
    expect(reportFileUrl({ fy: 2026, asOf: '2026-11-01' }, 'csv')).toBe('/api/status/report.csv?fy=2026&asOf=2026-11-01');
  });
});

describe('sortRateRows', () => {
  const rows = [
    { key: 'MEX', expectedDepartures: 10, totalOverstayRate: 20 },
    { key: 'CAN', expectedDepartures: 40, totalOverstayRate: 2.5 },
    { key: 'IND', expectedDepartures: 10, totalOverstayRate: 20 },
    { key: 'ZZZ', expectedDepartures: 0, totalOverstayRate: null },
  ];
  it('sorts by key, by expected departures, or by rate (no rate last)', () => {
    expect(sortRateRows(rows, 'key').map((r) => r.key)).toEqual(['CAN', 'IND', 'MEX', 'ZZZ']);
    expect(sortRateRows(rows, 'expected').map((r) => r.key)).toEqual(['CAN', 'IND', 'MEX', 'ZZZ']);
    expect(sortRateRows(rows, 'rate').map((r) => r.key)).toEqual(['IND', 'MEX', 'CAN', 'ZZZ']);
    expect(rows[0]!.key).toBe('MEX');
  });
});

describe('latestRun', () => {
  const run = (id: string, asOf: string, finishedAt: string | null, current = true): RunView => ({
    id, asOf, finishedAt, current, configVersion: 'v1', runBy: 'analyst', startedAt: '2026-01-01T00:00:00.000Z',
    persons: 1, admissions: 1, violators: 0, classCounts: {}, elapsedMs: 1, supersededBy: current ? null : '9',
  });
  it('is the most recently finished current run, as the API picks it, whatever its as-of date', () => {
    const runs = [
      run('3', '2026-11-01', '2026-11-02T10:00:00.000Z'),
      run('5', '2024-10-01', '2026-11-03T09:00:00.000Z'),
      run('6', '2027-01-01', '2026-11-04T09:00:00.000Z', false),
      run('7', '2027-02-01', null),
    ];
    expect(latestRun(runs)?.id).toBe('5');
    expect(latestRun([])).toBeNull();
  });
});
