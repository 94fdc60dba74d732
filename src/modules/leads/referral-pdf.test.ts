import { describe, expect, it } from 'vitest';
import { pdfPageTexts } from '../disclosures/pdf-text';
import { buildReferralPackage, CLASSIFICATION } from './referral-data';
import { custodyRow, leadRow } from './referral-fixtures';
import { renderReferralPdf } from './referral-pdf';
import { decideNeedToKnow } from '../access';

function pkg(records: number) {
  const rows = Array.from({ length: records }, (_, i) =>
    custodyRow({ source: 'sevis', record_id: `SEV${1000 + i}`, payload: { sevis_id: `N00${1000 + i}`, status: 'ACTIVE', school_name: 'Lakeview Institute of Testing', major: 'Test engineering' } }),
  );
  return buildReferralPackage({
    lead: leadRow(),
    history: {
      transitions: [{ action: 'create', from_state: null, to_state: 'new', actor_username: 'analyst', reason: 'Suspected overstay', at: '2026-11-19T09:00:00Z' }],
      evidence: [{ kind: 'assessment', ref: 'ADM 90000000001', note: 'Suspected in-country overstay of 480 days', added_by: 'analyst', added_at: '2026-11-19T09:00:00Z' }],
      overlaps: [],
    },
    records: rows,
    core: [{ ref: rows[0]!.ref, kind: 'name', value: 'Nadia Testova' }],
    status: null,
    generatedBy: 'supervisor',
    purpose: 'Referral package of lead LT-2026-000042',
    needToKnow: decideNeedToKnow({ actor: { roles: ['analyst'] }, purpose: null, assignment: { leadNumber: 'LT-2026-000042' }, channel: 'referral' }),
    now: new Date('2026-11-21T12:00:00Z'),
  });
}

describe('renderReferralPdf', () => {
  it('marks every page with the banner at top and bottom and the lead number', async () => {
    const pages = pdfPageTexts(await renderReferralPdf(pkg(60)));
    expect(pages.length).toBeGreaterThan(2);
    for (const text of pages) {
      expect(text.split(CLASSIFICATION).length - 1).toBe(2);
      expect(text).toContain('Lead LT-2026-000042');
    }
  });

  it('carries the subject, the evidence and each record’s batch', async () => {
    const text = pdfPageTexts(await renderReferralPdf(pkg(2))).join('\n');
    expect(text).toContain('Subject: Nadia Testova');
    expect(text).toContain('Suspected in-country overstay of 480 days');
    expect(text).toContain('No status assessment covers this subject yet');
    expect(text).toContain('sevis SEV1000 v1');
    expect(text).toMatch(/Batch batch-sevis: file sevis\.csv, line 2/);
  });
});
