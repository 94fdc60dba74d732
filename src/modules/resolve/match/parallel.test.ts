import { describe, expect, it } from 'vitest';
import { scorePairs, trainModel } from './index';
import { generateCandidates, resolveRecords } from './pipeline';
import { resolveRecordsParallel, scoreParallel } from './parallel';
import { RecordStore } from './store';
import { plantedWorld } from './testing';
import type { MatchRecord, PairList } from './types';

/** Identifiers on a planted world: shared passports (proofs) and differing A-numbers (conflicts). */
function withIdentifiers(records: MatchRecord[]): MatchRecord[] {
  return records.map((r, i) => {
    const p = Math.floor(i / 2);
    if (p % 3 === 0)
      return { ...r, identifiers: [{ kind: 'passport', value: `P${p % 400}`, country: 'JOR' }] };
    if (p % 3 === 1) return { ...r, identifiers: [{ kind: 'a_number', value: `A${i}` }] };
    return r;
  });
}

describe('parallel resolution', () => {
  it('gives exactly the sequential result with the comparisons split across a worker', async () => {
    const { records } = plantedWorld(100, 5);
    const seq = resolveRecords(records);
    const par = await resolveRecordsParallel(records, { model: seq.model });
    expect(Array.from(par.scored.weight)).toEqual(Array.from(seq.scored.weight));
    expect(Array.from(par.clustering.clusterOf)).toEqual(Array.from(seq.clustering.clusterOf));
  }, 30_000);

  it('trains exactly the sequential model with the training pairs compared on the worker', async () => {
    const { records } = plantedWorld(100, 5);
    const seq = resolveRecords(records);
    const par = await resolveRecordsParallel(records);
    expect(par.model).toEqual(seq.model);
    expect(Array.from(par.clustering.clusterOf)).toEqual(Array.from(seq.clustering.clusterOf));
  }, 30_000);

  it('trains the sequential model and scores pairs of another blocking exactly, sharing rows', async () => {
    const records = withIdentifiers(plantedWorld(2000, 5).records);
    const store = new RecordStore();
    store.add(records);
    const candidates = generateCandidates(store).pairs;
    // Another blocking: every other candidate, and neighbours that no rule may have proposed.
    const codes = new Set<number>();
    for (let k = 0; k < candidates.length; k += 2)
      codes.add(candidates.a[k]! * store.size + candidates.b[k]!);
    for (let i = 0; i + 1 < store.size; i += 3) codes.add(i * store.size + i + 1);
    const sorted = [...codes].sort((x, y) => x - y);
    const other: PairList = {
      a: Int32Array.from(sorted, (c) => Math.floor(c / store.size)),
      b: Int32Array.from(sorted, (c) => c % store.size),
      length: sorted.length,
    };
    const model = trainModel(store);
    const par = await scoreParallel(store, records, () => other);
    expect(par.model).toEqual(model);
    const seq = scorePairs(model, store, other);
    expect(Array.from(par.scored.weight)).toEqual(Array.from(seq.weight));
    expect(par.scored.proven).toEqual(seq.proven);
    expect(par.scored.proven.length).toBeGreaterThan(0);
    expect([...par.scored.conflicts]).toEqual([...seq.conflicts]);
    expect(par.scored.conflicts.size).toBeGreaterThan(0);
    // Each pair was compared once: every candidate, then the pairs only `other` has.
    const known = new Set(Array.from(candidates.a, (a, k) => a * store.size + candidates.b[k]!));
    const onlyOther = sorted.filter((c) => !known.has(c)).length;
    expect(onlyOther).toBeGreaterThan(0);
    expect(par.compared).toBe(candidates.length + onlyOther);
    expect(par.scoringOnly).toBe(onlyOther);
  }, 30_000);

  it('scores pairs of another blocking with a given model', async () => {
    const records = withIdentifiers(plantedWorld(60, 3).records);
    const seq = resolveRecords(records);
    const par = await scoreParallel(seq.store, records, () => seq.candidates.pairs, {
      model: seq.model,
    });
    expect(par.compared).toBe(seq.candidates.pairs.length);
    expect(Array.from(par.scored.weight)).toEqual(Array.from(seq.scored.weight));
    expect(par.scored.proven).toEqual(seq.scored.proven);
    expect([...par.scored.conflicts]).toEqual([...seq.scored.conflicts]);
  }, 30_000);
});
