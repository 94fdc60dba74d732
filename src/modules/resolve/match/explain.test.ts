import { describe, expect, it } from 'vitest';
import { clusterPairs, explainPair, MatchIndex, matchNewRecords, scorePairs, trainModel } from './index';
import { HOUSEHOLD_EVIDENCE_BITS, logit2, type Model } from './model';
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

describe('the household rule', () => {
  // The planted world has no phones, addresses, SSNs or e-mail; give the model what a household
  // shares, each counted as independent evidence as the synthetic world's model does, and what
  // it does not share.
  const strong = (name: string, m: number[], u: number[]) => ({ name, active: true, m, u });
  const householdModel: Model = {
    ...model,
    comparisons: model.comparisons.map((c) =>
      c.name === 'phone' ? { ...strong(c.name, [0, 0.8, 0.05, 0.15], [0, 0.0002, 0.002, 0.9978]), levels: c.levels }
      : c.name === 'address' ? { ...strong(c.name, [0, 0.7, 0.15, 0.05, 0.1], [0, 0.0003, 0.001, 0.01, 0.9887]), levels: c.levels }
      : c.name === 'ssn' ? { ...strong(c.name, [0, 0.9, 0.05, 0.05], [0, 0.00001, 0.0001, 0.99989]), levels: c.levels }
      : c.name === 'email' ? { ...strong(c.name, [0, 0.8, 0.1, 0.05, 0.05], [0, 0.00001, 0.0001, 0.001, 0.99889]), levels: c.levels }
      : c,
    ),
  };
  const home = { familyName: 'Kowalskiros', addressLine: '12 Elm Street', postalCode: '02110', phone: '+16175550101' };
  const HOUSEHOLD_BITS = logit2(model.prior) - HOUSEHOLD_EVIDENCE_BITS;
  const mother = buildRecord({ ...home, givenName: 'Nadia', birthDate: '1971-03-09' });
  const son = buildRecord({ ...home, givenName: 'Boris', birthDate: '2004-10-22' });

  it('holds two members of one household below the review bar, and says why', () => {
    const e = explainPair(householdModel, mother, son);
    const added = e.contributions.reduce((s, c) => s + c.weight, Math.log2(e.prior / (1 - e.prior)));
    expect(added).toBeGreaterThan(0);
    expect(e.weight).toBe(HOUSEHOLD_BITS);
    expect(e.probability).toBeLessThan(0.01);
    expect(e.held).toMatch(/^given name and date of birth both different/);
    const scored = scorePairs(householdModel, [mother, son], { a: Int32Array.of(0), b: Int32Array.of(1), length: 1 });
    expect(scored.weight[0]).toBe(HOUSEHOLD_BITS);
  });

  it('does not hold a pair when the given name or the date of birth is only a variant, a typo or missing', () => {
    for (const other of [
      { givenName: 'Nadya', birthDate: '2004-10-22' },
      { givenName: 'N', birthDate: '2004-10-22' },
      { givenName: 'Boris', birthDate: '1971-09-03' },
      { givenName: 'Boris', birthDate: '1971-03-08' },
      { givenName: 'Boris', birthDate: null },
      { givenName: null, birthDate: '2004-10-22' },
    ]) {
      const e = explainPair(householdModel, mother, buildRecord({ ...home, ...other }));
      expect(e.held, JSON.stringify(other)).toBeNull();
      expect(e.weight, JSON.stringify(other)).toBeGreaterThan(HOUSEHOLD_BITS);
    }
  });

  it('does not hold a pair that agrees on what a household does not share: an SSN or an e-mail user name', () => {
    const own = { ssn: '900-12-3456', email: 'nadia.k@example.test' };
    for (const other of [{ ssn: '900-12-3456' }, { ssn: '900-12-3457' }, { email: 'nadia.k@example.test' }, { email: 'nadia.k@mail.example' }]) {
      const e = explainPair(householdModel, { ...mother, ...own }, buildRecord({ ...home, givenName: 'Boris', birthDate: '2004-10-22', ...other }));
      expect(e.held, JSON.stringify(other)).toBeNull();
      expect(e.weight, JSON.stringify(other)).toBeGreaterThan(HOUSEHOLD_BITS);
    }
  });

  it('leaves identifiers the last word: a household pair under one passport waits in review, the others stay apart', () => {
    const id = [{ kind: 'passport', value: 'P5550001', country: 'POL' }];
    const a = buildRecord({ ...home, givenName: 'Nadia', birthDate: '1971-03-09', identifiers: id });
    const b = buildRecord({ ...home, givenName: 'Nadia', birthDate: '1971-03-09' });
    const c = buildRecord({ ...home, givenName: 'Olga', birthDate: '1975-06-30', identifiers: id });
    const all = { a: Int32Array.of(0, 0, 0, 1, 1, 2), b: Int32Array.of(1, 2, 3, 2, 3, 3), length: 6 };
    const scored = scorePairs(householdModel, [a, b, son, c], all);
    expect([...scored.weight].map((w) => w === HOUSEHOLD_BITS)).toEqual([false, true, false, true, true, true]);
    // Same passport, other date of birth: a conflict, lifted into the review band.
    expect(scored.conflicts.get(2)?.[0]).toMatch(/^same passport P5550001 \(POL\), different dates of birth/);
    const clusters = clusterPairs(scored, householdModel.thresholds);
    expect(clusters.clusterOf[0]).toBe(clusters.clusterOf[1]);
    expect(new Set(clusters.clusterOf).size).toBe(3);
    expect(clusters.review.map((r) => [r.pair, r.reason])).toEqual([[2, 'band']]);
  });
});
