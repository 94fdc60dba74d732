import { describe, expect, it } from 'vitest';
import { explainPair, generateCandidates, resolveRecords, trainModel } from './index';
import { COMPARISONS } from './comparisons';
import { Scorer } from './model';
import type { ComparisonRows } from './rows';
import { anchorM, initialM } from './train';
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
    expect(names).toContain('birth_date_name_phonetic');
  });
});

describe('m anchored on identifier-proven pairs', () => {
  const defs = ['birth_date', 'sex', 'identifiers'].map((n) => COMPARISONS.find((d) => d.name === n)!);
  const [dob, sex, ids] = defs.map((d) => d.levels.length);
  // 2,000 pairs sharing an identifier: the date of birth exact on 1,980 and 'other' on 20; sex
  // seen on 500 only. 3,000 pairs without one, all with other dates of birth (namesakes).
  function rows(): ComparisonRows {
    const n = 5_000;
    const levels = new Uint8Array(n * 3);
    for (let r = 0; r < n; r++) {
      const proven = r < 2_000;
      levels[r * 3] = proven ? (r < 1_980 ? 1 : dob! - 1) : dob! - 1;
      levels[r * 3 + 1] = proven && r < 500 ? 1 : 0;
      levels[r * 3 + 2] = proven ? 1 : 0;
    }
    return { defs, width: 3, levels, n };
  }
  const em = [initialM(dob!), initialM(sex!), initialM(ids!)];
  em[0]![1] = 0.62;
  em[0]![dob! - 1] = 0.23;

  it('mixes the proven pairs\' level shares with EM\'s where they observe a field often enough', () => {
    const m = anchorM(defs, rows(), em);
    expect(m[0]![1]).toBeCloseTo(0.9 * 0.99 + 0.1 * em[0]![1]!, 12);
    expect(m[0]![dob! - 1]).toBeCloseTo(0.9 * 0.01 + 0.1 * 0.23, 12);
    expect(m[0]!.slice(1).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // Sex is observed on 500 proven pairs only, and the identifiers' own m is not anchored.
    expect(m[1]).toEqual(em[1]);
    expect(m[2]).toEqual(em[2]);
  });

  it('leaves EM\'s m alone without an identifiers comparison', () => {
    const r = rows();
    const noIds = { ...r, defs: [defs[0]!, defs[1]!, COMPARISONS.find((d) => d.name === 'ssn')!] };
    expect(anchorM(noIds.defs, noIds, em)).toBe(em);
  });
});
