import { describe, expect, it } from 'vitest';
import { presentLeadSummary } from './leads.presenter';
import { leadRow } from './referral-fixtures';

describe('presentLeadSummary', () => {
  it('calls an open lead past its due date overdue, whether the driver gives the date as text or as a Date', () => {
    for (const due of ['2026-01-15', new Date('2026-01-15T00:00:00Z')]) {
      const l = presentLeadSummary(leadRow({ due_date: due as string, state: 'under_research' }), '2026-11-21');
      expect(l).toMatchObject({ dueDate: '2026-01-15', overdue: true });
    }
  });

  it('never calls a closed lead, or one due today, overdue', () => {
    expect(presentLeadSummary(leadRow({ due_date: '2026-01-15', state: 'closed' }), '2026-11-21').overdue).toBe(false);
    expect(presentLeadSummary(leadRow({ due_date: '2026-11-21' }), '2026-11-21').overdue).toBe(false);
  });
});
