import { describe, expect, it } from 'vitest';
import { explainPair, generateCandidates, resolveRecords, trainModel } from './index';
import { Scorer } from './model';
import { RecordStore } from './store';
import { buildRecord, plantedWorld } from './testing';

const world = plantedWorld(400, 7);
const model = trainModel(world.records);

describe('trained model', () => {
  it('is plain, versioned JSON that survives a round trip', () => {
    const copy = JSON.parse(JSON.stringify(model));
    expect(copy).toEqual(model);
    expect(model.version).toBe(1);
    expect(model.comparisons.find((c) => c.name === 'phone')?.active).toBe(false);
    expect(model.comparisons.find((c) => c.name === 'family_name')?.active).toBe(true);
  });

  it('learns without labels that agreement is evidence for a match', () => {
    const fam = model.comparisons.find((c) => c.name === 'family_name')!;
    const exact = fam.levels.indexOf('exact');
    const other = fam.levels.indexOf('other');
    expect(fam.m[exact]! / fam.u[exact]!).toBeGreaterThan(20);
    expect(fam.m[other]! / fam.u[other]!).toBeLessThan(0.5);
    expect(model.prior).toBeGreaterThan(0);
    expect(model.prior).toBeLessThan(0.01);
  });

  it('is deterministic: training twice gives the same model', () => {
    expect(JSON.stringify(trainModel(world.records))).toBe(JSON.stringify(model));
  });

  it('resolves the planted world almost perfectly', () => {
    const res = resolveRecords(world.records);
    let ok = 0;
    for (let p = 0; p < 400; p++)
      if (res.clustering.clusterOf[2 * p] === res.clustering.clusterOf[2 * p + 1]) ok++;
    expect(ok / 400).toBeGreaterThan(0.95);
    const sizes = res.clustering.clusters.map((c) => c.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
  });
});

describe('term-frequency adjustment', () => {
  it('makes an exact rare surname weigh more than an exact common one', () => {
    const records = [
      ...Array.from({ length: 60 }, (_, i) =>
        buildRecord({ familyName: 'Garcia', givenName: `g${i}`, birthDate: null }),
      ),
      buildRecord({ familyName: 'Xochitl', givenName: 'x', birthDate: null }),
      buildRecord({ familyName: 'Xochitl', givenName: 'y', birthDate: null }),
    ];
    const m = trainModel(records, { randomPairs: 2000 });
    const store = new RecordStore();
    store.add([
      buildRecord({ familyName: 'Garcia', givenName: null, birthDate: null }),
      buildRecord({ familyName: 'Garcia', givenName: null, birthDate: null }),
      buildRecord({ familyName: 'Xochitl', givenName: null, birthDate: null }),
      buildRecord({ familyName: 'Xochitl', givenName: null, birthDate: null }),
    ]);
    const scorer = new Scorer(m, store);
    expect(scorer.weight(2, 3)).toBeGreaterThan(scorer.weight(0, 1) + 3);
    const text = explainPair(
      m,
      buildRecord({ familyName: 'Xochitl' }),
      buildRecord({ familyName: 'Xochitl' }),
    );
    expect(text.contributions.find((c) => c.field === 'family_name')?.text).toMatch(
      /^surname: exact, rare name, \+\d+\.\d$/,
    );
  });
});

describe('blocking', () => {
  it('reports blocks over the cap instead of dropping them silently', () => {
    const records = Array.from({ length: 30 }, (_, i) =>
      buildRecord({ givenName: `n${i}`, familyName: 'Same', birthDate: '1990-01-01' }),
    );
    const { report, pairs } = generateCandidates(records, undefined, { maxBlockSize: 10 });
    const capped = report.filter((r) => r.oversizedBlocks > 0);
    expect(capped.length).toBeGreaterThan(0);
    expect(capped[0]!.pairsSkipped).toBe((30 * 29) / 2);
    expect(pairs.length).toBe(0);
  });

  it('records every rule that proposed a pair', () => {
    const { pairs, index } = generateCandidates([buildRecord(), buildRecord()]);
    expect(pairs.length).toBe(1);
    const names = index.rules
      .filter((_, r) => (pairs.rules[0]! & (1 << r)) !== 0)
      .map((r) => r.name);
    expect(names).toContain('name_pair_phonetic');
    expect(names).toContain('birth_date_given_initial');
  });
});
