import { describe, expect, it } from 'vitest';
import { groupValues, manyValued, singleValued, type SourceRef } from './provenance';

const ref = (n: number, source = 'sevis'): SourceRef => ({ recordRef: String(n), source, recordId: `R${n}`, version: 1, batchDate: '2026-01-05' });

describe('provenance', () => {
  it('merges equal values (case and spacing aside) and keeps every source once', () => {
    const g = groupValues([
      { value: 'rus', ref: ref(1) },
      { value: 'RUS ', ref: ref(2) },
      { value: 'RUS', ref: ref(2) },
      { value: 'UKR', ref: ref(3), flagged: true },
      { value: '', ref: ref(4) },
      { value: null, ref: ref(5) },
    ]);
    expect(g.map((v) => [v.value, v.sources.map((s) => s.recordRef), v.flagged])).toEqual([
      ['rus', ['1', '2'], false],
      ['UKR', ['3'], true],
    ]);
  });

  it('calls different values of a single-valued attribute a conflict, but not of a many-valued one', () => {
    const obs = [{ value: '1990-02-14', ref: ref(1) }, { value: '1990-02-15', ref: ref(2, 'ccd-visas') }];
    expect(singleValued(obs).conflict).toBe(true);
    expect(manyValued(obs).conflict).toBe(false);
    expect(singleValued([obs[0]!, { value: '1990-02-14', ref: ref(3) }]).conflict).toBe(false);
  });
});
