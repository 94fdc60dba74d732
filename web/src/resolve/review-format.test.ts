import { describe, expect, it } from 'vitest';
import type { Decision, RecordView } from './review-api';
import { canDecide, describeDecision, fieldRows, mentionRefOf, weightColor } from './review-format';

const base: RecordView = {
  ref: '1',
  recordId: '1',
  role: 'subject',
  source: 'commercial',
  sourceRecordId: 'COM1',
  entityId: null,
  givenName: null,
  middleName: null,
  familyName: null,
  birthDate: null,
  sex: null,
  citizenship: null,
  birthCountry: null,
  address: null,
  phone: null,
  email: null,
  ssnLast4: null,
  employer: null,
  identifiers: [],
};

describe('review formatting', () => {
  it('lines the two records up field by field, marking what agrees and hiding what neither has', () => {
    const a = {
      ...base,
      givenName: 'Ana',
      familyName: 'SILVA',
      ssnLast4: '0387',
      identifiers: [{ kind: 'a_number', value: 'A123', country: null }],
    };
    const b = { ...base, givenName: 'Anna', familyName: 'Silva' };
    const rows = fieldRows(a, b);
    expect(rows.map((r) => r.label)).toEqual([
      'Given name',
      'Family name',
      'SSN (last 4)',
      'Identifiers',
    ]);
    expect(rows.find((r) => r.label === 'Family name')?.same).toBe(true);
    expect(rows.find((r) => r.label === 'Given name')?.same).toBe(false);
    expect(rows.find((r) => r.label === 'SSN (last 4)')).toMatchObject({
      a: '•••-••-0387',
      b: '',
      same: false,
    });
    expect(rows.find((r) => r.label === 'Identifiers')?.a).toBe('a-number A123');
  });

  it('lets analysts and supervisors decide, not privacy officers', () => {
    expect(canDecide(['analyst'])).toBe(true);
    expect(canDecide(['privacy_officer'])).toBe(false);
  });

  it('colours weights and describes a decision in words', () => {
    expect([weightColor(6.1), weightColor(-3), weightColor(0.2)]).toEqual(['teal', 'red', 'gray']);
    const d = { together: [['1', '2:dso']], apart: [[['3'], ['4', '5']]] } as unknown as Decision;
    expect(describeDecision(d)).toBe('together: 1, 2:dso; apart: 3 ≠ 4, 5');
  });
});

describe('mentionRefOf', () => {
  it('names a subject record by its id alone and any other role with it', () => {
    expect(mentionRefOf('42', 'subject')).toBe('42');
    expect(mentionRefOf('42', 'dso')).toBe('42:dso');
  });
});
