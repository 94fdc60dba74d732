import { describe, expect, it } from 'vitest';
import { decideNeedToKnow } from '../access';
import type { Role } from '../auth/roles';
import { columnCategory, Disclosure, maskSsn } from './masking';

const decision = (roles: Role[], purpose: string | null, leadNumber: string | null = null) =>
  decideNeedToKnow({ actor: { roles }, purpose, assignment: leadNumber ? { leadNumber } : null });

describe('need-to-know masking', () => {
  it('masks an SSN to its last four digits', () => {
    expect(maskSsn('912-44-0387')).toBe('***-**-0387');
    expect(maskSsn('12')).toBe('***-**-**12');
  });

  it('withholds every category without a purpose or an assignment and remembers what it masked', () => {
    const d = new Disclosure(decision(['analyst'], null));
    expect(d.show('INFORMANT', 'Dana W')).toBe('withheld (informant)');
    expect(d.show('CRIMINAL', 'INA 237')).toBe('withheld (criminal history)');
    expect(d.show('SSN', '912440387')).toBe('***-**-0387');
    expect(d.show('TIP', '')).toBe('');
    expect(d.summary()).toEqual({ purposeStated: false, masked: ['CRIMINAL', 'INFORMANT', 'SSN'], revealed: [] });
  });

  it('shows the sensitive categories under a purpose, but not marked content without the permission', () => {
    const d = new Disclosure(decision(['analyst'], 'Case 12'));
    expect(d.show('FINANCIAL', '48000')).toBe('48000');
    expect(d.allows('CDR')).toBe(false);
    expect(d.summary()).toEqual({ purposeStated: true, masked: ['CDR'], revealed: ['FINANCIAL'] });
    expect(d.access()).toEqual({ basis: 'purpose', assignment: null, restricted: ['CDR', 'INFORMANT'] });
  });

  it('shows everything to the assigned, and says the basis', () => {
    const d = new Disclosure(decision(['field_agent'], null, 'L-2026-0007'));
    expect(d.show('SSN', '912-44-0387')).toBe('912-44-0387');
    expect(d.allows('CDR')).toBe(true);
    expect(d.auditDetails()).toEqual({ basis: 'lead:L-2026-0007', revealed: ['CDR', 'SSN'], masked: [] });
  });

  it('reads categories from the source definitions', () => {
    expect(columnCategory('public', 'ssn')).toBe('SSN');
    expect(columnCategory('eid', 'charge_code')).toBe('CRIMINAL');
    expect(columnCategory('tecs', 'declared_value_usd')).toBe('FINANCIAL');
    expect(columnCategory('tips', 'tipster_name')).toBe('INFORMANT');
    expect(columnCategory('tips', 'narrative')).toBe('TIP');
    expect(columnCategory('tips', 'subject_family_name')).toBeNull();
    expect(columnCategory('cdr', 'calling_number')).toBe('CDR');
  });
});
