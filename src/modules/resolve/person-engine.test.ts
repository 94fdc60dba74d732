import { describe, expect, it } from 'vitest';
import { blockPairs, blockPairsWith, MembershipBuilder } from './blocking-keys';
import { trainModel } from './match';
import { plantedWorld } from './match/testing';
import { mentionKey } from './mention-keys';
import type { PersonMention } from './mentions';
import { clusterSet, clusterSetOn, PersonSet, PersonWorker, scoreEdges, scoreWholeSet, type SetClusterInput } from './person-engine';

describe('clustering a set on its worker', () => {
  it('gives what clustering on this thread gives, with analysts’ decisions', async () => {
    const { records } = plantedWorld(400, 4);
    const reps: PersonMention[] = records.map((record, i) => ({ mention: mentionKey(i + 1, 'subject'), role: 'subject', source: record.source, recordId: record.id, record }));
    const set = new PersonSet(reps);
    const worker = new PersonWorker(set);
    try {
      const scored = await scoreWholeSet(set, null, {}, worker);
      const m = (i: number) => reps[i]!.mention;
      // A merge of two planted persons and a split of another's records.
      const decisions = [{ id: '1', must: [[m(0), m(40)]], cannot: [[[m(4)], [m(5), m(6)]]] as [number[], number[]][] }];
      const input: SetClusterInput = { set, model: scored.model, edges: scored.edges, decisions, repOf: (x) => x, duplicates: new Map() };
      const here = clusterSet(input);
      const there = await clusterSetOn(worker, input);
      expect(there).toEqual(here);
      expect(here.entities.length).toBeGreaterThan(50);
      expect(here.review.length).toBeGreaterThan(0);
      const entityOf = new Map(here.links.map((l) => [l.mention, l.entityId]));
      expect(entityOf.get(m(0))).toBe(entityOf.get(m(40)));
    } finally {
      await worker.terminate();
    }
  }, 60_000);
});

describe('blocks and candidate pairs on two threads', () => {
  it('are the blocks and pairs this thread makes alone, in the same order', async () => {
    const { records } = plantedWorld(2500, 3);
    const reps: PersonMention[] = records.map((record, i) => ({ mention: mentionKey(i + 1, 'subject'), role: 'subject', source: record.source, recordId: record.id, record }));
    const set = new PersonSet(reps);
    const memberships = () => {
      const b = new MembershipBuilder();
      const { start, list, rules } = set.allBlocks();
      for (let i = 0; i < set.size; i++) for (let e = start[i]!; e < start[i + 1]!; e++) b.add(list[e]!, i, rules[e]);
      return b.build();
    };
    const worker = new PersonWorker(set);
    try {
      // The blocks first, as a full run makes them: on both threads, then on this one alone.
      const blocksBoth = await set.allBlocksWith(worker);
      const blocksAlone = new PersonSet(reps).allBlocks();
      for (const column of ['start', 'list', 'rules'] as const) expect(Array.from(blocksBoth[column])).toEqual(Array.from(blocksAlone[column]));
      expect(blocksAlone.list.length).toBeGreaterThan(5 * set.size);
      // A worker that never comes to the job is not waited for.
      const never = { blocks: () => new Promise(() => {}) } as unknown as PersonWorker;
      expect(Array.from((await new PersonSet(reps).allBlocksWith(never)).list)).toEqual(Array.from(blocksAlone.list));
      const both = await blockPairsWith(memberships(), set.size, worker);
      const alone = blockPairs(memberships(), set.size);
      expect(set.size).toBeGreaterThan(4096);
      expect(alone.pairs.length).toBeGreaterThan(set.size);
      for (const column of ['a', 'b', 'rules'] as const) expect(Array.from(both.pairs[column])).toEqual(Array.from(alone.pairs[column]));
      expect(both.oversized).toEqual(alone.oversized);
    } finally {
      await worker.terminate();
    }
  }, 60_000);
});

describe('a set sharing another set’s dictionaries', () => {
  it('prepares each value once and scores and clusters exactly as a set of its own', () => {
    const { records } = plantedWorld(300, 9);
    const reps: PersonMention[] = records.map((record, i) => ({ mention: mentionKey(i + 1, 'subject'), role: 'subject', source: record.source, recordId: record.id, record }));
    const first = new PersonSet(reps.slice(0, 600));
    const model = trainModel(first.store);
    // Overlapping the first set, as an incremental run's passes overlap its comparison set.
    const later = reps.slice(400);
    const sharing = new PersonSet(later, first);
    const own = new PersonSet(later);
    expect(sharing.store.names).toBe(first.store.names);
    expect(own.store.names).not.toBe(first.store.names);
    const shared = scoreEdges(sharing, model);
    expect(shared).toEqual(scoreEdges(own, model));
    expect(shared.edges.length).toBeGreaterThan(100);
    const input = (set: PersonSet): SetClusterInput => ({ set, model, edges: shared.edges, decisions: [], repOf: (x) => x, duplicates: new Map() });
    expect(clusterSet(input(sharing))).toEqual(clusterSet(input(own)));
  });
});
