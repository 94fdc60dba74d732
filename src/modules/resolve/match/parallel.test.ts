import { describe, expect, it } from 'vitest';
import { scorePairs, trainModel } from './index';
import { generateCandidates, resolveRecords } from './pipeline';
import { MatchWorker, resolveRecordsParallel, scoreParallel } from './parallel';
import { COMPARISONS } from './comparisons';
import { computeRows, sharedRowsJob } from './rows';
import { packStrings, RecordStore, unpackStrings } from './store';
import { plantedWorld } from './testing';
import { candidateRows, trainOnStore } from './train';
import type { CandidatePairs } from './blocking';
import type { MatchRecord } from './types';

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
  it('builds the worker store from a snapshot of this thread\'s: the same value ids, the same rows', async () => {
    const records = withIdentifiers(plantedWorld(150, 3).records);
    const store = new RecordStore();
    store.add(records);
    const again = RecordStore.restore(structuredClone(store.snapshot()));
    for (const c of ['given', 'family', 'dob', 'address', 'email', 'citizenship'] as const) {
      expect(again[c].ids).toEqual(store[c].ids);
      expect(again[c].counts).toEqual(store[c].counts);
      expect(again[c].nonNull).toBe(store[c].nonNull);
      expect(again[c].dict.keys).toEqual(store[c].dict.keys);
    }
    expect(again.names.feats).toEqual(store.names.feats.map((f) => ({ ...f, sym: expect.any(Object) })));
    expect(again.identifiers).toEqual(store.identifiers);
    expect(again.identifiers.some((x) => x === null) && again.identifiers.some((x) => x !== null)).toBe(true);
    expect(again.ids).toEqual(store.ids);
    expect(again.size).toBe(records.length);
    const n = records.length;
    const a = Int32Array.from({ length: 3 * n }, (_, k) => k % n);
    const b = Int32Array.from({ length: 3 * n }, (_, k) => (k * 7919 + 1) % n);
    const worker = new MatchWorker(store);
    try {
      const want = Array.from(computeRows(store, COMPARISONS, a, b, a.length).levels);
      expect(Array.from(computeRows(again, COMPARISONS, a, b, a.length).levels)).toEqual(want);
      expect(Array.from(await worker.rows(COMPARISONS, a, b))).toEqual(want);
      expect(new Set(want).size).toBeGreaterThan(3);
    } finally {
      await worker.terminate();
    }
    // A store sharing another's dictionaries holds values that are not its own.
    expect(() => new RecordStore(store).snapshot()).toThrow(/sharing/);
  }, 30_000);

  it('packs strings into one and unpacks them as they were, empty and non-ASCII ones included', () => {
    const xs = ['', 'passport|JOR|P1', 'Zoë 😀', '', 'a'];
    const packed = packStrings(xs);
    expect(packed.text).toBe(xs.join(''));
    expect(unpackStrings(structuredClone(packed))).toEqual(xs);
    expect(unpackStrings(packStrings([]))).toEqual([]);
  });

  it('builds the worker store from records sent in slices, in the same positions', async () => {
    const { records } = plantedWorld(40, 3);
    const store = new RecordStore();
    store.add(records);
    const n = records.length;
    const a = Int32Array.from({ length: n - 1 }, (_, k) => k);
    const b = Int32Array.from({ length: n - 1 }, (_, k) => n - 1 - (k % (n - 1)));
    const worker = new MatchWorker(records, undefined, 7);
    try {
      const levels = await worker.rows(COMPARISONS, a, b);
      expect(n).toBeGreaterThan(7 * 3);
      expect(Array.from(levels)).toEqual(Array.from(computeRows(store, COMPARISONS, a, b, a.length).levels));
    } finally {
      await worker.terminate();
    }
  }, 30_000);

  it('starts a job at once, while this thread works without yielding', async () => {
    const { records } = plantedWorld(40, 3);
    const n = 20_000;
    const a = Int32Array.from({ length: n }, (_, k) => k % records.length);
    const b = Int32Array.from({ length: n }, (_, k) => (k * 7 + 1) % records.length);
    const worker = new MatchWorker(records, undefined, 7);
    try {
      const job = sharedRowsJob(COMPARISONS.length, a, b);
      const theirs = worker.claim(COMPARISONS, job);
      // This thread does not yield (as it does not while it blocks or compares its share): the
      // worker can only have claimed the whole job if the job was posted before.
      const until = Date.now() + 20_000;
      while (Atomics.load(job.next, 0) < n && Date.now() < until);
      expect(Atomics.load(job.next, 0)).toBeGreaterThanOrEqual(n);
      await theirs;
      const store = new RecordStore();
      store.add(records);
      expect(Array.from(job.levels)).toEqual(Array.from(computeRows(store, COMPARISONS, a, b, n).levels));
    } finally {
      await worker.terminate();
    }
  }, 30_000);

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

  it('trains on the pairs of another blocking, by the rules that proposed them, and scores them exactly', async () => {
    const records = withIdentifiers(plantedWorld(2000, 5).records);
    const store = new RecordStore();
    store.add(records);
    const found = generateCandidates(store);
    const candidates = found.pairs;
    // Another blocking: every other candidate with its rules, and neighbours no rule proposed.
    const codes = new Map<number, number>();
    for (let k = 0; k < candidates.length; k += 2)
      codes.set(candidates.a[k]! * store.size + candidates.b[k]!, candidates.rules[k]!);
    for (let i = 0; i + 1 < store.size; i += 3) codes.set(i * store.size + i + 1, codes.get(i * store.size + i + 1) ?? 0);
    const sorted = [...codes.keys()].sort((x, y) => x - y);
    const other: CandidatePairs = {
      a: Int32Array.from(sorted, (c) => Math.floor(c / store.size)),
      b: Int32Array.from(sorted, (c) => c % store.size),
      rules: Uint32Array.from(sorted, (c) => codes.get(c)!),
      length: sorted.length,
    };
    const model = trainOnStore(store, found.index, other, candidateRows(store, other));
    const par = await scoreParallel(store, records, () => other);
    expect(par.model).toEqual(model);
    // The rules' sessions saw the pairs their masks give them: not those of all candidates.
    expect(model).not.toEqual(trainModel(store));
    const seq = scorePairs(model, store, other);
    expect(Array.from(par.scored.weight)).toEqual(Array.from(seq.weight));
    expect(par.scored.proven).toEqual(seq.proven);
    expect(par.scored.proven.length).toBeGreaterThan(0);
    expect([...par.scored.conflicts]).toEqual([...seq.conflicts]);
    expect(par.scored.conflicts.size).toBeGreaterThan(0);
  }, 30_000);

  it('scores pairs of another blocking with a given model', async () => {
    const records = withIdentifiers(plantedWorld(60, 3).records);
    const seq = resolveRecords(records);
    const par = await scoreParallel(seq.store, records, () => seq.candidates.pairs, {
      model: seq.model,
    });
    expect(par.pairs.length).toBe(seq.candidates.pairs.length);
    expect(Array.from(par.scored.weight)).toEqual(Array.from(seq.scored.weight));
    expect(par.scored.proven).toEqual(seq.scored.proven);
    expect([...par.scored.conflicts]).toEqual([...seq.scored.conflicts]);
  }, 30_000);
});
