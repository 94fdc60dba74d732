import { describe, expect, it } from 'vitest';
import { resolveRecords } from './pipeline';
import { resolveRecordsParallel } from './parallel';
import { plantedWorld } from './testing';

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
});
