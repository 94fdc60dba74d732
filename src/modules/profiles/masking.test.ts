import { describe, expect, it } from 'vitest';
import { columnCategory, Disclosure, maskSsn, recordCategory } from './masking';

describe('need-to-know masking', () => {
  it('masks an SSN to its last four digits', () => {
    expect(maskSsn('912-44-0387')).toBe('***-**-0387');
    expect(maskSsn('12')).toBe('***-**-**12');
  });

  it('withholds every category without a purpose and remembers what it masked', () => {
    const d = new Disclosure(false);
    expect(d.show('INFORMANT', 'Dana W')).toBe('withheld (informant)');
    expect(d.show('CRIMINAL', 'INA 237')).toBe('withheld (criminal history)');
    expect(d.show('SSN', '912440387')).toBe('***-**-0387');
    expect(d.show('TIP', '')).toBe('');
    expect(d.summary()).toEqual({ purposeStated: false, masked: ['CRIMINAL', 'INFORMANT', 'SSN'], revealed: [] });
  });

  it('shows everything under a purpose and records what it revealed', () => {
    const d = new Disclosure(true);
    expect(d.show('FINANCIAL', '48000')).toBe('48000');
    expect(d.allows('CDR')).toBe(true);
    expect(d.summary()).toEqual({ purposeStated: true, masked: [], revealed: ['CDR', 'FINANCIAL'] });
  });

  it('reads categories from the source definitions', () => {
    expect(columnCategory('public', 'ssn')).toBe('SSN');
    expect(columnCategory('eid', 'charge_code')).toBe('CRIMINAL');
    expect(columnCategory('tecs', 'declared_value_usd')).toBe('FINANCIAL');
    expect(columnCategory('tips', 'tipster_name')).toBe('INFORMANT');
    expect(columnCategory('tips', 'narrative')).toBe('TIP');
    expect(columnCategory('tips', 'subject_family_name')).toBeNull();
    expect(columnCategory('cdr', 'calling_number')).toBe('CDR');
    expect(recordCategory('cdr')).toBe('CDR');
    expect(recordCategory('sevis')).toBeNull();
  });
});
