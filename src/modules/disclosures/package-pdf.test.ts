import { describe, expect, it } from 'vitest';
import type { DisclosedRecordRow, DisclosureRow, DisputeRow } from './disclosures.repo';
import { buildPackage, packageDigest } from './package-data';
import { renderPackageCsv, renderPackagePdf } from './package-pdf';
import { CLASSIFICATION } from './pdf-frame';
import { pdfPageTexts } from './pdf-text';

function disclosure(over: Partial<DisclosureRow> = {}): DisclosureRow {
  return {
    id: '0b6b7a7e-4f57-4a8e-9d7e-2b0f0c1d2e3f', ref: 'DSC-2026-000123', subject_type: 'person', subject_ids: ['p-1'],
    recipient_agency: 'Springfield Police Department', recipient_name: 'Det. Casey Marsh', recipient_address: '100 Main Street, Springfield',
    basis_kind: 'routine_use', basis_code: 'G', basis_version: '2016-08-09', basis_title: 'Law-enforcement referral', basis_citation: 'SORN 81 FR 52700, routine use G', basis_text: 'To appropriate … authorities.',
    approval_ref: null, accountable: true, releasable: true, purpose: 'Referral', nature: 'Arrival records', disclosed_at: '2026-03-01T12:00:00Z',
    disclosed_by: null, disclosed_by_username: 'privacy', request_id: 'r1', package_sha256: '', ...over,
  };
}

function records(persons: number, perPerson: number): DisclosedRecordRow[] {
  const rows: DisclosedRecordRow[] = [];
  for (let p = 0; p < persons; p++) {
    for (let r = 0; r < perPerson; r++) {
      rows.push({ person_id: `p-${p}`, display_name: p === 1 ? 'Юрий Каломиров' : `Ana Kalomirova ${p}`, source_record_id: String(1000 + p * 100 + r), source: 'adis-arrivals', record_id: `A-${p}-${r}`, version: 1, received_at: '2026-01-01T00:00:00Z', payload: { record_id: `A-${p}-${r}`, family_name: 'Kalomirova', given_name: 'Ana', passport_number: `P${p}${r}`, unknown_extra: 'kept' } });
    }
  }
  return rows;
}

describe('disclosure package', () => {
  it('puts the banner top and bottom and the disclosure id on every page of a long package', async () => {
    const pkg = buildPackage(disclosure(), records(3, 16), []);
    const pages = pdfPageTexts(await renderPackagePdf(pkg));
    expect(pages.length).toBeGreaterThan(4);
    pages.forEach((t, i) => {
      expect(t.split(CLASSIFICATION).length - 1, `page ${i + 1}`).toBe(2);
      expect(t.split(`Disclosure DSC-2026-000123 · page ${i + 1} of ${pages.length}`).length - 1, `page ${i + 1}`).toBe(2);
    });
    const all = pages.join('\n');
    expect(all).toContain('Юрий Каломиров');
    for (let r = 0; r < 16; r++) expect(all).toContain(`P2${r}`);
  }, 30_000);

  it('withholds informant identities, keeps the rest, and orders individuals the same way every time', () => {
    const tip: DisclosedRecordRow = { person_id: 'p-9', display_name: 'Zed', source_record_id: '77', source: 'tips', record_id: 'T1', version: 1, received_at: '2026-01-01', payload: { record_id: 'T1', narrative: 'Works off campus', tipster_name: 'Dana Secret', subject_family_name: 'Zed' } };
    const rows = [...records(2, 2), tip];
    const a = buildPackage(disclosure(), rows, []);
    const b = buildPackage(disclosure(), [...rows].reverse(), []);
    expect(packageDigest(a)).toBe(packageDigest(b));
    const fields = a.individuals.find((i) => i.personId === 'p-9')!.records[0]!.fields;
    expect(fields).toContainEqual({ name: 'tipster_name', value: 'withheld (informant)' });
    expect(fields).toContainEqual({ name: 'narrative', value: 'Works off campus' });
    expect(a.withheldValues).toBe(1);
    expect(JSON.stringify(a)).not.toContain('Dana Secret');
  });

  it('attaches disputes to their record and says when no accounting was required', () => {
    const disputes: DisputeRow[] = [{ source: 'adis-arrivals', record_id: 'A-0-1', note: 'Wrong date', recorded_at: '2026-02-01T00:00:00Z' }];
    const pkg = buildPackage(disclosure({ accountable: false, basis_kind: 'exception', basis_code: 'b1' }), records(1, 2), disputes);
    expect(pkg.individuals[0]!.records.map((r) => r.disputes.length)).toEqual([0, 1]);
    expect(pkg.disclosure.accountingNote).toMatch(/No accounting .* 552a\(b\)\(1\)/);
    const csv = renderPackageCsv(pkg).trim().split('\n');
    expect(csv.slice(1).every((line) => line.startsWith(`${CLASSIFICATION},DSC-2026-000123,`))).toBe(true);
    expect(csv.some((line) => line.includes('statement_of_dispute'))).toBe(true);
  });
});
