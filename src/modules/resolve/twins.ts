import type { Tx } from '../../db/database';
import { fingerprint } from './collapse';
import type { DecisionConstraints } from './constraints';
import { keptApart, matchAgainstIndex } from './index-match';
import type { Model } from './match';
import { duplicatesOf, pointTo, refoldGroup, repsByFingerprint, repsOf, setFingerprint, setRepresentative, writeOversized, writePairs } from './match-index.repo';
import { recordOf } from './mention-keys';
import { loadMentions, type PersonMention } from './mentions';

/**
 * Identical records sharing an identifier are matched through one representative, the oldest
 * (collapse.ts). A record an analyst keeps apart stands on its own instead, as in a full run:
 * it becomes a representative compared with its blocks like a new record, and when it was the
 * representative, its twins fold onto the oldest of them. Undoing the decision folds them back.
 */
async function load(tx: Tx, mentions: Iterable<number>): Promise<PersonMention[]> {
  const want = new Set(mentions);
  if (want.size === 0) return [];
  return (await loadMentions(tx, { kind: 'records', recordIds: [...new Set([...want].map(recordOf))] })).persons.filter((p) => want.has(p.mention));
}

/** Makes `mentions` (and, for a representative kept apart, its oldest twin) stand on their own. */
async function promote(tx: Tx, model: Model, mentions: readonly PersonMention[], prints: ReadonlyMap<number, string | null>): Promise<void> {
  if (mentions.length === 0) return;
  const found = await matchAgainstIndex(tx, model, mentions);
  for (const p of mentions) {
    const at = found.set.position.get(p.mention)!;
    await setRepresentative(tx, p.mention, found.set.blocks(at).filter((b) => !found.allOversized.has(b)), prints.get(p.mention) ?? null);
  }
  await writePairs(tx, found.edges);
  await writeOversized(tx, found.oversized);
}

export async function unfold(tx: Tx, model: Model, mentions: readonly number[], active: readonly DecisionConstraints[]): Promise<void> {
  const apart = new Set([...keptApart(active), ...mentions]);
  const reps = await repsOf(tx, mentions);
  const folded = mentions.filter((m) => reps.has(m) && reps.get(m) !== m);
  const heads = mentions.filter((m) => reps.get(m) === m);
  const prints = new Map<number, string | null>(folded.map((m) => [m, null]));
  const successors: number[] = [];
  for (const head of heads) {
    const twins = (await duplicatesOf(tx, [head])).map((d) => d.mention).filter((m) => !apart.has(m)).sort((x, y) => x - y);
    const heir = twins[0];
    const [rec] = await load(tx, [head]);
    const fp = rec ? fingerprint(rec.record) : null;
    await setFingerprint(tx, head, null);
    if (heir === undefined || fp === null) continue;
    successors.push(heir);
    prints.set(heir, fp);
    await pointTo(tx, twins.slice(1), heir);
  }
  await promote(tx, model, await load(tx, [...folded, ...successors]), prints);
}

/** Mentions no active decision keeps apart any more join their twins again, under the oldest. */
export async function refold(tx: Tx, mentions: readonly number[], active: readonly DecisionConstraints[]): Promise<void> {
  const apart = keptApart(active);
  const reps = await repsOf(tx, mentions.filter((m) => !apart.has(m)));
  const standing = await load(tx, [...reps].filter(([m, r]) => m === r).map(([m]) => m));
  for (const p of standing) {
    const fp = fingerprint(p.record);
    if (fp === null) continue;
    const other = (await repsByFingerprint(tx, [fp])).get(fp);
    if (other === undefined || other === p.mention) await setFingerprint(tx, p.mention, fp);
    else if (other < p.mention) await refoldGroup(tx, p.mention, other, fp);
    else {
      await setFingerprint(tx, p.mention, fp);
      await refoldGroup(tx, other, p.mention, fp);
    }
  }
}
