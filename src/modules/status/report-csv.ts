import type { FiscalYearReport, RateRow } from './engine';
import { CLASSIFICATION } from './report-pdf';
import type { RunView } from './status.schema';

// The fiscal-year report as CSV: the classification marking as the first and last line, the
// snapshot it describes, then one row per (section, key).

export const REPORT_CSV_HEADER =
  'section,key,expected_departures,out_of_country_overstays,suspected_in_country_overstays,total_overstays,total_overstay_rate,suspected_in_country_rate';

function rate(r: number | null): string {
  return r === null ? '' : r.toFixed(2);
}

function line(section: string, r: RateRow): string {
  const key = /[",\r\n]/.test(r.key) ? `"${r.key.replace(/"/g, '""')}"` : r.key;
  return `${section},${key},${r.expectedDepartures},${r.outOfCountryOverstays},${r.suspectedInCountryOverstays},${r.totalOverstays},${rate(r.totalOverstayRate)},${rate(r.suspectedInCountryRate)}`;
}

export function renderReportCsv(report: FiscalYearReport, run: RunView): string {
  const lines = [
    CLASSIFICATION,
    'fiscal_year,first_day,last_day,as_of,run_id,config_version',
    `${report.fiscalYear},${report.firstDay},${report.lastDay},${run.asOf},${run.id},${run.configVersion}`,
    '',
    REPORT_CSV_HEADER,
    line('overall', report.overall),
    ...report.byClassOfAdmission.map((r) => line('class_of_admission', r)),
    ...report.byCountry.map((r) => line('country_of_citizenship', r)),
    CLASSIFICATION,
  ];
  return `${lines.join('\r\n')}\r\n`;
}
