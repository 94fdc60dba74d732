import { describe, expect, it } from 'vitest';
import { explainPair, MatchIndex, matchNewRecords, trainModel } from './index';
import { buildRecord, plantedWorld } from './testing';

const world = plantedWorld(300, 11);
const model = trainModel(world.records);

describe('explanations', () => {
  it('gives each field a readable line and adds up to the total weight', () => {
    const e = explainPair(
      model,
      buildRecord({ givenName: 'Nadia', familyName: 'Kowalskiros', birthDate: '1971-03-09' }),
      buildRecord({ givenName: 'Nadia', familyName: 'Kowalskiro', birthDate: '1971-09-03' }),
    );
    const fam = e.contributions.find((c) => c.field === 'family_name')!;
    expect(fam.text).toMatch(
      /^surname: (Jaro–Winkler 0\.\d\d|spelling variant or nickname)(, (rare|common) name)?, [+-]\d+\.\d$/,
    );
    const dob = e.contributions.find((c) => c.field === 'birth_date')!;
    expect(dob.level).toBe('transposed');
    expect(dob.text).toContain('day and month transposed');
    const sum = e.contributions.reduce((s, c) => s + c.weight, Math.log2(e.prior / (1 - e.prior)));
    expect(e.weight).toBeCloseTo(sum, 9);
    expect(e.probability).toBeGreaterThan(0.5);
  });

  it('says when a field is missing instead of counting it against the pair', () => {
    const e = explainPair(
      model,
      buildRecord({ postalCode: null }),
      buildRecord({ postalCode: '10400' }),
    );
    const pc = e.contributions.find((c) => c.field === 'postal_code')!;
    expect(pc.weight).toBe(0);
    expect(pc.text).toContain('no evidence');
  });

  it('scores swapped given/family names once, as a swap', () => {
    const e = explainPair(
      model,
      buildRecord({ givenName: 'Tanaka', familyName: 'Yara' }),
      buildRecord({ givenName: 'Yara', familyName: 'Tanaka' }),
    );
    expect(e.contributions.find((c) => c.field === 'family_name')!.level).toBe('swapped');
    expect(e.contributions.find((c) => c.field === 'given_name')!.weight).toBe(0);
  });
});

describe('identifiers', () => {
  it('proves identity with the same passport from the same country', () => {
    const a = buildRecord({
      givenName: 'Omar',
      familyName: 'Haddad',
      identifiers: [{ kind: 'passport', value: 'P1234567', country: 'JOR' }],
    });
    const b = buildRecord({
      givenName: 'Umar',
      familyName: 'Hadad',
      identifiers: [{ kind: 'passport', value: 'p-1234567', country: 'jor' }],
    });
    const e = explainPair(model, a, b);
    expect(e.deterministic).toEqual(['same passport P1234567 (JOR)']);
    expect(e.conflicts).toEqual([]);
    expect(e.probability).toBeGreaterThan(0.999);
  });

  it('surfaces a shared passport with different dates of birth as a conflict', () => {
    const id = [{ kind: 'passport', value: 'P7654321', country: 'MEX' }];
    const e = explainPair(
      model,
      buildRecord({ birthDate: '1980-04-12', identifiers: id }),
      buildRecord({ birthDate: '1962-11-30', identifiers: id }),
    );
    expect(e.conflicts[0]).toMatch(/^same passport P7654321 \(MEX\), different dates of birth/);
  });
});

describe('incremental matching', () => {
  it('compares only the new records and finds their existing match', () => {
    const index = new MatchIndex(model);
    index.add(world.records);
    const before = index.size;
    const fresh = buildRecord({ ...world.records[10]!, id: 'new-1', source: 'c' });
    const res = matchNewRecords(model, index, [fresh]);
    expect(res.firstNew).toBe(before);
    expect(index.size).toBe(before + 1);
    for (let k = 0; k < res.length; k++) expect(res.b[k]).toBe(before);
    const top = res.matches[0]!;
    expect([res.a[top], res.b[top]]).toEqual([10, before]);
    const again = matchNewRecords(model, index, []);
    expect(again.length).toBe(0);
  });
});
