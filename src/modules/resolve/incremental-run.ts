import type { Tx } from '../../db/database';
import { addStats, applyResults } from './apply-results';
import { collapse, fingerprint } from './collapse';
import { orgComponent, redoAffected, redoOrgs, writeRedoReview } from './component';
import type { DecisionConstraints } from './constraints';
import { indexRows, secs, type RunCounts } from './full-run';
import type { Model } from './match';
import { keptApart, matchAgainstIndex, orphanedPairs, type IndexMatch } from './index-match';
import { forgetMentions, forgetOversized, oversizedAmong, pairsAmong, repsByFingerprint, repsOf, supersededMentions, writeMentions, writeOversized, writePairs } from './match-index.repo';
import { loadMentions } from './mentions';
import { indexedOrg } from './org-engine';
import { linksOf, mentionsOfEntities, relinkCalls } from './resolve.repo';
import type { ResolveProgress } from './resolve.types';

/**
 * An incremental run: the mentions of batches not resolved yet are compared with the stored
 * records sharing their blocks (and with each other); only the components they touch are
 * clustered again. A record replaced by a newer version leaves the index, and its component
 * is redone without it.
 */
export async function incrementalRun(
  tx: Tx,
  model: Model,
  batchIds: readonly string[],
  decisions: readonly DecisionConstraints[],
  progress: ResolveProgress,
): Promise<RunCounts> {
  const t0 = Date.now();
  const stale = await supersededMentions(tx, batchIds);
  const stalePersons = stale.filter((m) => !isOrgMention(m));
  const staleOrgs = stale.filter(isOrgMention);
  const staleMates = await entityMatesOf(tx, stalePersons, false);
  const staleOrgMates = await entityMatesOf(tx, staleOrgs, true);
  await forgetMentions(tx, stale);
  const mentions = await loadMentions(tx, { kind: 'batches', batchIds });
  progress(`read ${mentions.persons.length} new person and ${mentions.orgs.length} organization mentions; ${stale.length} replaced (${secs(t0)})`);

  const prints = await repsByFingerprint(tx, uniq(mentions.persons.map((p) => fingerprint(p.record))));
  const folded = collapse(mentions.persons, prints, keptApart(decisions));
  const newReps = folded.reps;
  const newDups = new Map<number, number[]>();
  for (const [m, rep] of folded.repOf) if (m !== rep) newDups.set(rep, [...(newDups.get(rep) ?? []), m]);
  const isNew = new Set(newReps.map((r) => r.mention));
  const scored = await matchAgainstIndex(tx, model, newReps);
  const candRecords = scored.candidates;
  const laps = Object.entries(scored.timings).map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)}s`).join(', ');
  progress(`compared with ${candRecords.length} stored records: ${scored.pairsScored} pairs scored (${laps}; ${secs(t0)})`);

  const orphans = await dropPushedOver(tx, scored, isNew);
  // Only what the batch can change is clustered again (see affected.ts): the new records, the
  // stored entities that gain a duplicate, lose a replaced record or lose a pair, and whatever
  // they reach.
  const dirty = [...[...newDups.keys()].filter((m) => !isNew.has(m)), ...staleMates, ...orphans.flatMap((p) => [p.a, p.b])];
  const loaded = new Map(candRecords.map((p) => [p.mention, p]));
  const redo = await redoAffected(tx, model, decisions, { dirty, newReps, newEdges: scored.edges, newDups, loaded, shared: scored.set });
  progress(`re-clustered ${redo.reps.length} person records, ${redo.kept} neighbours replayed, ${redo.passes} passes (${secs(t0)})`);

  await writeMentions(tx, indexRows({ persons: mentions.persons, orgs: mentions.orgs.map(indexedOrg) }, folded, scored.set, scored.allOversized));
  await writePairs(tx, scored.edges);
  await writeOversized(tx, scored.oversized);
  const staleLinks = await linksOf(tx, stalePersons);
  const personStats = await applyResults(tx, redo.results, new Map([...redo.old, ...staleLinks]), stalePersons);
  const reviewItems = await writeRedoReview(tx, redo);
  progress(`wrote the index, person links and review items (${secs(t0)})`);

  // The batch's organization mentions are in the index now (writeMentions above).
  const orgs = redoOrgs(await orgComponent(tx, [...staleOrgMates, ...mentions.orgs.map((o) => o.mention)]), decisions);
  const staleOrgLinks = await linksOf(tx, staleOrgs);
  const orgStats = await applyResults(tx, orgs.results, new Map([...orgs.old, ...staleOrgLinks]), staleOrgs);
  const phones = uniq([...redo.records, ...newReps].map((p) => p.record.phone ?? null));
  const callLinks = await relinkCalls(tx, { batchIds, phones });
  progress(`re-clustered ${orgs.results.links.length} organization mentions; relinked calls (${secs(t0)})`);
  return {
    ...addStats(personStats, orgStats),
    mentions: mentions.persons.length + mentions.orgs.length,
    personMentions: mentions.persons.length,
    representatives: newReps.length,
    orgMentions: mentions.orgs.length,
    pairsScored: scored.pairsScored,
    pairsKept: scored.edges.length,
    personEntities: redo.results.entities.length,
    orgEntities: orgs.results.entities.length,
    reviewItems,
    callLinks,
    oversizedBlocks: scored.oversized.size,
  };
}

/**
 * The blocks the batch pushed over their cap (scored.oversized: blocks already over it were not
 * looked at) leave the index, with the stored pairs only they made; returns those pairs.
 */
async function dropPushedOver(tx: Tx, scored: IndexMatch, isNew: ReadonlySet<number>): Promise<{ a: number; b: number }[]> {
  if (scored.oversized.size === 0) return [];
  const { set } = scored;
  const blocksOf = (m: number) => set.blocks(set.position.get(m)!);
  const members = set.reps.map((r) => r.mention).filter((m) => !isNew.has(m) && blocksOf(m).some((b) => scored.oversized.has(b)));
  const stored = await oversizedAmong(tx, [...new Set(members.flatMap(blocksOf))]);
  const orphans = orphanedPairs(await pairsAmong(tx, members), blocksOf, (b) => scored.oversized.has(b) || stored.has(b));
  await forgetOversized(tx, [...scored.oversized.keys()], orphans);
  return orphans;
}

function uniq(xs: readonly (string | null)[]): string[] {
  return [...new Set(xs.filter((x): x is string => x !== null && x !== ''))];
}

const isOrgMention = (m: number) => m % 8 >= 2;

/** Representatives that shared an entity with the mentions (their components must be redone). */
async function entityMatesOf(tx: Tx, mentions: readonly number[], org: boolean): Promise<number[]> {
  if (mentions.length === 0) return [];
  const links = await linksOf(tx, mentions);
  const mates = await mentionsOfEntities(tx, [...new Set([...links.values()].map((l) => l.entityId))]);
  const gone = new Set(mentions);
  const reps = await repsOf(tx, mates.map((m) => m.mention).filter((m) => !gone.has(m)));
  return [...new Set(reps.values())].filter((m) => !gone.has(m) && isOrgMention(m) === org);
}
