import type { Tx } from '../../db/database';
import type { DecisionConstraints } from './constraints';
import type { Model } from './match';
import { oversizedAmong, repsInBlocks } from './match-index.repo';
import { recordOf } from './mention-keys';
import { loadMentions, type PersonMention } from './mentions';
import { PersonSet, scoreEdges, type EdgeResult } from './person-engine';

/**
 * New representatives against the stored index: their blocks are looked up in the database
 * (blocks already over the cap are skipped), every stored representative sharing one is
 * loaded, and the pairs with at least one new record are scored — exactly the pairs a full run
 * would score for them.
 */
export interface IndexMatch extends EdgeResult {
  /** New and stored records compared, by mention. */
  set: PersonSet;
  candidates: PersonMention[];
  /** Oversized blocks met: stored ones and those the new records push over the cap. */
  allOversized: Map<number, number>;
  /** Wall milliseconds per stage: finding the stored candidates, reading them, preparing, scoring. */
  timings: { lookup: number; read: number; prepare: number; score: number };
}

export async function matchAgainstIndex(tx: Tx, model: Model, newReps: readonly PersonMention[]): Promise<IndexMatch> {
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const fresh = new PersonSet(newReps);
  const wanted = new Set<number>();
  for (let i = 0; i < fresh.size; i++) for (const b of fresh.blocks(i)) wanted.add(b);
  const stored = await oversizedAmong(tx, [...wanted]);
  const blocks = new Set([...wanted].filter((b) => !stored.has(b)));
  const isNew = new Set(newReps.map((r) => r.mention));
  const found = (await repsInBlocks(tx, [...blocks])).filter((m) => !isNew.has(m));
  const lookup = lap();
  const wantedReps = new Set(found);
  const candidates = (await loadMentions(tx, { kind: 'records', recordIds: [...new Set(found.map(recordOf))] })).persons.filter((p) => wantedReps.has(p.mention));
  const read = lap();
  const set = new PersonSet([...candidates, ...newReps], fresh);
  const prepare = lap();
  const scored = scoreEdges(set, model, { isNew: (m) => isNew.has(m), onlyBlocks: blocks });
  const timings = { lookup, read, prepare, score: lap() };
  return { ...scored, set, candidates, allOversized: new Map([...stored, ...scored.oversized]), timings };
}

/**
 * Stored pairs that lose their last block. A block the batch pushes over its cap makes no pairs
 * any more (a full run would not make them), so a stored pair of two of its members stays only
 * if the two still share a block that is not over its cap.
 */
export function orphanedPairs<P extends { a: number; b: number }>(pairs: readonly P[], blocksOf: (mention: number) => readonly number[], over: (block: number) => boolean): P[] {
  return pairs.filter((p) => {
    const of = new Set(blocksOf(p.a));
    return !blocksOf(p.b).some((b) => of.has(b) && !over(b));
  });
}

/** Mentions an analyst decided to keep apart from others: never folded onto a twin. */
export function keptApart(decisions: readonly DecisionConstraints[]): Set<number> {
  return new Set(decisions.flatMap((d) => d.cannot.flatMap(([l, r]) => [...l, ...r])));
}
