import { describe, expect, it } from 'vitest';
import { reportFromTallies } from './report';
import { renderReportCsv } from './report-csv';
import { CLASSIFICATION, renderReportPdf } from './report-pdf';
import type { RunView } from './status.schema';
import type { Tally } from './tallies';

const run: RunView = {
  id: '7', asOf: '2025-10-01', configVersion: 'cfg-1', runBy: 'analyst1', startedAt: '2025-10-02T00:00:00.000Z',
  finishedAt: '2025-10-02T00:01:00.000Z', persons: 3, admissions: 3, violators: 1, classCounts: {}, elapsedMs: 60000,
  current: true, supersededBy: null,
};

function tallies(countries: number): Tally[] {
  const out: Tally[] = [];
  for (let i = 0; i < countries; i++) {
    const c = `C${String(i).padStart(2, '0')}`;
    out.push({ fiscalYear: 2025, classOfAdmission: 'B2', citizenshipCountry: c, class: 'COMPLIANT_DEPARTURE', admissions: 97 });
    out.push({ fiscalYear: 2025, classOfAdmission: 'B2', citizenshipCountry: c, class: 'SUSPECTED_IN_COUNTRY_OVERSTAY', admissions: 2 });
    out.push({ fiscalYear: 2025, classOfAdmission: 'F1', citizenshipCountry: c, class: 'OUT_OF_COUNTRY_OVERSTAY', admissions: 1 });
  }
  return out;
}

/** The text drawn on each page of an uncompressed PDF in the standard fonts (hex strings, Latin-1). */
function pageTexts(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const streams = [...text.matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((m) => m[1]!).filter((s) => /\bBT\b/.test(s));
  return streams.map((s) => [...s.matchAll(/<([0-9a-fA-F]+)>/g)].map((m) => Buffer.from(m[1]!, 'hex').toString('latin1')).join(''));
}

describe('the fiscal-year report files', () => {
  it('CSV: marking first and last, the snapshot, and the rates to two decimals', () => {
    const csv = renderReportCsv(reportFromTallies(2025, '2025-10-01', tallies(2)), run).split('\r\n');
    expect(csv[0]).toBe(CLASSIFICATION);
    expect(csv.at(-2)).toBe(CLASSIFICATION);
    expect(csv[2]).toBe('2025,2024-10-01,2025-09-30,2025-10-01,7,cfg-1');
    // 2 countries x (97 + 2 + 1) = 200 expected; 2 out-of-country + 4 in-country = 3.00%
    expect(csv).toContain('overall,ALL,200,2,4,6,3.00,2.00');
    expect(csv).toContain('class_of_admission,F1,2,2,0,2,100.00,0.00');
    expect(csv).toContain('country_of_citizenship,C01,100,1,2,3,3.00,2.00');
  });

  it('PDF: the banner at the top and bottom of every page of a long report', async () => {
    const pdf = await renderReportPdf(reportFromTallies(2025, '2025-10-01', tallies(90)), run, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pageTexts(pdf);
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) {
      expect(p.split(CLASSIFICATION).length - 1).toBe(2);
    }
    expect(pages.join('')).toContain('C89');
    expect(pages[0]).toContain('Fiscal Year 2025');
  });
});
