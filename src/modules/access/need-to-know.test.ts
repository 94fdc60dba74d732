import { describe, expect, it } from 'vitest';
import type { Role } from '../auth/roles';
import { recordMarkings } from './markings';
import { decideNeedToKnow, SENSITIVE_CATEGORIES, type Category, type Channel } from './need-to-know';

const shown = (roles: Role[], purpose: string | null, lead: string | null, channel?: Channel): Category[] =>
  SENSITIVE_CATEGORIES.filter((c) => decideNeedToKnow({ actor: { roles }, purpose, assignment: lead ? { leadNumber: lead } : null, ...(channel ? { channel } : {}) }).reveals(c));

describe('the need-to-know decision', () => {
  it('reveals nothing to an unassigned caller without a purpose', () => {
    expect(shown(['analyst'], null, null)).toEqual([]);
    expect(shown(['supervisor'], null, null)).toEqual([]);
    expect(shown(['privacy_officer'], null, null)).toEqual([]);
  });

  it('reveals every category, marked ones too, through an assignment, and records the lead as the purpose', () => {
    expect(shown(['analyst'], null, 'L-9')).toEqual(SENSITIVE_CATEGORIES);
    expect(shown(['field_agent'], null, 'L-9')).toEqual(SENSITIVE_CATEGORIES);
    expect(decideNeedToKnow({ actor: { roles: ['field_agent'] }, purpose: null, assignment: { leadNumber: 'L-9' } }).auditPurpose).toBe('lead:L-9');
    expect(decideNeedToKnow({ actor: { roles: ['analyst'] }, purpose: 'Case 4', assignment: { leadNumber: 'L-9' } }).auditPurpose).toBe('lead:L-9 (Case 4)');
  });

  it('under a purpose alone, keeps marked content for the permission holders and the privacy officer', () => {
    expect(shown(['analyst'], 'Case 4', null)).toEqual(['SSN', 'FINANCIAL', 'CRIMINAL', 'TIP']);
    expect(shown(['supervisor'], 'Case 4', null)).toEqual(SENSITIVE_CATEGORIES);
    expect(shown(['privacy_officer'], 'Privacy Act request 2026-17', null)).toEqual(SENSITIVE_CATEGORIES);
    const d = decideNeedToKnow({ actor: { roles: ['analyst'] }, purpose: 'Case 4', assignment: null });
    expect(d.restricted).toEqual(['CDR', 'INFORMANT']);
    expect(d.auditPurpose).toBe('Case 4');
    expect(d.mayOpen(['INFORMANT'])).toBe(false);
    expect(d.mayOpen([])).toBe(true);
  });

  it('never puts marked content in a referral package, and never informants in a disclosure package', () => {
    expect(shown(['field_agent'], null, 'L-9', 'referral')).toEqual(['SSN', 'FINANCIAL', 'CRIMINAL', 'TIP']);
    expect(shown(['supervisor'], 'Case 4', null, 'referral')).toEqual(['SSN', 'FINANCIAL', 'CRIMINAL', 'TIP']);
    expect(shown(['analyst'], null, null, 'referral')).toEqual([]);
    expect(shown(['privacy_officer'], null, null, 'disclosure')).toEqual(['SSN', 'FINANCIAL', 'CRIMINAL', 'TIP', 'CDR']);
  });
});

describe('record markings, derived when read', () => {
  it('marks every call detail record CDR', () => {
    expect(recordMarkings('cdr', { record_id: 'C1', calling_number: '+12125550100' })).toEqual(['CDR']);
  });

  it('marks a tip INFORMANT only when it names its tipster', () => {
    expect(recordMarkings('tips', { record_id: 'T1', narrative: 'x', tipster_name: 'Dana W' })).toEqual(['INFORMANT']);
    expect(recordMarkings('tips', { record_id: 'T2', narrative: 'x', tipster_name: '  ', tipster_phone: '' })).toEqual([]);
    expect(recordMarkings('tips', { record_id: 'T3', tipster_email: 'a@example.test' })).toEqual(['INFORMANT']);
  });

  it('marks nothing else', () => {
    expect(recordMarkings('adis-arrivals', { record_id: 'A1', ssn: '912-44-0387' })).toEqual([]);
    expect(recordMarkings('no-such-source', {})).toEqual([]);
  });
});
