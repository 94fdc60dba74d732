import type { Tx } from '../../db/database';
import { applyResults, type ApplyStats } from './apply-results';
import { collapse, type Collapsed } from './collapse';
import { recordOf, roleOf } from './mention-keys';
import { keptApart } from './index-match';
import type { DecisionConstraints } from './constraints';
import { logit2, type Model } from './match';
import { BLOCKING_VERSION } from './blocking-keys';
import type { CopyBinaryWriter } from '../../db/copy-binary';
import { clearIndex, markIndexWhole, writeBlock, writeOversized, writePair, writeWholeIndex, type IndexRow } from './match-index.repo';
import { loadMentions } from './mentions';
import { clusterOrgSet, indexedOrg, type IndexedOrg, type OrgSetResult } from './org-engine';
import { clusterSetOn, PersonSet, PersonWorker, scoreWholeSet, type KeptEdges, type SetClusters } from './person-engine';
import { allLinks, relinkCalls } from './resolve.repo';
import type { ResolveProgress } from './resolve.types';
import { replaceReviewItems } from './review.repo';

export interface RunCounts extends ApplyStats {
  mentions: number;
  personMentions: number;
  representatives: number;
  orgMentions: number;
  pairsScored: number;
  pairsKept: number;
  personEntities: number;
  orgEntities: number;
  reviewItems: number;
  callLinks: number;
  oversizedBlocks: number;
}

/**
 * A full run: every latest-version mention is matched and clustered from scratch with the
 * model given (none: one is trained on the mentions, unsupervised), and the index, links,
 * entities and review queue are rewritten to agree.
 */
export async function fullRun(
  tx: Tx,
  given: Model | null,
  decisions: readonly DecisionConstraints[],
  progress: ResolveProgress,
): Promise<{ counts: RunCounts; model: Model }> {
  const t0 = Date.now();
  const matched = await matchAll(tx, given, decisions, progress, t0);
  // Only the clusters outlive matchAll: the records, the scored pairs and the worker with its
  // store are released before the links and the review queue are written. At a million persons
  // they held most of the machine's memory, and PostgreSQL wrote with almost no page cache.
  const written = await writeResults(tx, matched.persons, matched.orgs, progress, t0);
  return { counts: { ...matched.counts, ...written }, model: matched.model };
}

type MatchCounts = Pick<RunCounts, 'mentions' | 'personMentions' | 'representatives' | 'orgMentions' | 'pairsScored' | 'pairsKept' | 'oversizedBlocks'>;

/** Reads, matches and clusters every mention, and rewrites the match index. */
async function matchAll(
  tx: Tx,
  given: Model | null,
  decisions: readonly DecisionConstraints[],
  progress: ResolveProgress,
  t0: number,
): Promise<{ persons: SetClusters; orgs: OrgSetResult; model: Model; counts: MatchCounts }> {
  const { persons: personKeys, orgs: orgMentions, folded, set, laps: prepared } = await readSet(tx, decisions, progress, t0);
  const worker = new PersonWorker(set);
  // The records are in this thread's store, which is on its way to the worker: from here on only
  // their names are needed (of the rest, this thread holds nothing).
  set.releaseRecords();
  prepared.step('store to the worker');
  progress(`folded onto ${set.size} representatives (${prepared.steps.join(', ')}; ${secs(t0)})`);
  try {
    const scored = await scoreWholeSet(set, given, { thresholds: { ...RESOLVE_THRESHOLDS } }, worker);
    const laps = Object.entries(scored.timings).map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)}s`).join(', ');
    progress(`${given ? 'using the stored' : 'trained a new'} match model; scored ${scored.pairsScored} candidate pairs, ${scored.edges.length} at or above the review bar (${laps}; ${secs(t0)})`);
    const dups = new Map<number, number[]>();
    for (const [m, rep] of folded.repOf) if (m !== rep) dups.set(rep, [...(dups.get(rep) ?? []), m]);
    // The worker clusters while this thread writes the index, which does not depend on the clusters.
    const clustering = clusterSetOn(worker, { set, model: scored.model, edges: scored.edges, decisions, repOf: (m) => folded.repOf.get(m) ?? m, duplicates: dups });
    clustering.catch(() => undefined);
    const { steps, step } = stepTimer();
    await clearIndex(tx);
    await writeWholeIndex(tx, {
      mentions: mentionRows(personKeys, orgMentions, folded),
      blocks: blockRows(set, scored.oversized),
      pairs: pairRows(set, scored.edges),
    }, (part) => step(`index ${part}`));
    await writeOversized(tx, scored.oversized);
    await markIndexWhole(tx, BLOCKING_VERSION);
    step('oversized blocks');
    const persons = await clustering;
    step('clustering after that');
    const orgs = clusterOrgSet(orgMentions, decisions);
    progress(`clustered into ${persons.entities.length} persons and ${orgs.entities.length} organizations; wrote the index (${steps.join(', ')}; ${secs(t0)})`);
    const counts: MatchCounts = {
      mentions: personKeys.length + orgMentions.length,
      personMentions: personKeys.length,
      representatives: set.size,
      orgMentions: orgMentions.length,
      pairsScored: scored.pairsScored,
      pairsKept: scored.edges.length,
      oversizedBlocks: scored.oversized.size,
    };
    return { persons, orgs, model: scored.model, counts };
  } finally {
    await worker.terminate();
  }
}

/** Every mention, the person mentions folded and their representatives' set; of the persons, only the keys are kept beside the set. */
async function readSet(
  tx: Tx,
  decisions: readonly DecisionConstraints[],
  progress: ResolveProgress,
  t0: number,
): Promise<{ persons: Float64Array; orgs: IndexedOrg[]; folded: Collapsed; set: PersonSet; laps: ReturnType<typeof stepTimer> }> {
  let loaded = 0;
  const mentions = await loadMentions(tx, { kind: 'all' }, (n) => (loaded += n));
  progress(`read ${mentions.persons.length} person and ${mentions.orgs.length} organization mentions from ${loaded} fact rows (${secs(t0)})`);
  const laps = stepTimer();
  const folded = collapse(mentions.persons, new Map(), keptApart(decisions));
  laps.step('fold');
  const set = new PersonSet(folded.reps);
  laps.step('store');
  return { persons: Float64Array.from(mentions.persons, (p) => p.mention), orgs: mentions.orgs.map(indexedOrg), folded, set, laps };
}

/** The links, entities, review queue and call links of a full run's clusters. */
async function writeResults(
  tx: Tx,
  persons: SetClusters,
  orgs: OrgSetResult,
  progress: ResolveProgress,
  t0: number,
): Promise<Omit<RunCounts, keyof MatchCounts>> {
  const { steps, step } = stepTimer();
  const old = await allLinks(tx);
  const desired = { links: [...persons.links, ...orgs.links], entities: [...persons.entities, ...orgs.entities] };
  const keep = new Set(desired.links.map((l) => l.mention));
  step('links gathered');
  const stats = await applyResults(tx, desired, old, [...old.keys()].filter((m) => !keep.has(m)), step);
  await replaceReviewItems(tx, null, persons.review);
  step('review');
  const callLinks = await relinkCalls(tx, null);
  step('calls');
  progress(`wrote links: ${stats.linksChanged} changed, ${stats.entitiesCreated} entities created, ${stats.entitiesRetired} retired (${steps.join(', ')}; ${secs(t0)})`);
  return {
    ...stats,
    personEntities: persons.entities.length,
    orgEntities: orgs.entities.length,
    reviewItems: persons.review.length,
    callLinks,
  };
}

/** Named laps, each from the end of the one before. */
function stepTimer(): { steps: string[]; step: (name: string) => void } {
  const steps: string[] = [];
  let t = Date.now();
  return {
    steps,
    step: (name) => {
      steps.push(`${name} ${secs(t)}`);
      t = Date.now();
    },
  };
}

/**
 * Link at 50 %, review from 10 %. The core's default review bar (1 %) filled the queue with
 * pairs of different people: on a 5,000-person synthetic world, 27,043 of its 34,358 items lay
 * between 1 % and 10 % and 30 of those were the same person; of the 7,315 from 10 % up, 1,372.
 */
export const RESOLVE_THRESHOLDS = { match: 0.5, review: 0.1 } as const;

export function secs(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)}s`;
}

/** What the index rows read of a folding (collapse). */
type Folding = Pick<Collapsed, 'repOf' | 'fingerprints'>;

export function indexRows(
  mentions: { persons: readonly { mention: number }[]; orgs: readonly IndexedOrg[] },
  folded: Folding,
  set: PersonSet,
  oversized: ReadonlyMap<number, number>,
): IndexRow[] {
  const blocksOf = (m: number) => {
    const at = (folded.repOf.get(m) ?? m) === m ? set.position.get(m) : undefined;
    return at === undefined ? null : set.blocks(at).filter((b) => !oversized.has(b));
  };
  return [...mentionRows(Float64Array.from(mentions.persons, (p) => p.mention), mentions.orgs, folded, blocksOf)];
}

/** Match_mentions rows, one at a time; a person's blocks from `blocksOf` (a full run writes them apart, blockLines). */
function* mentionRows(persons: Float64Array, orgs: readonly IndexedOrg[], folded: Folding, blocksOf: (mention: number) => number[] | null = () => null): Generator<IndexRow> {
  for (const mention of persons) {
    const rep = folded.repOf.get(mention) ?? mention;
    yield { mention, recordId: recordOf(mention), role: roleOf(mention), kind: 'person', rep, fingerprint: folded.fingerprints.get(mention) ?? null, blocks: blocksOf(mention), org: null };
  }
  for (const o of orgs) {
    yield { mention: o.mention, recordId: recordOf(o.mention), role: o.role, kind: 'organization', rep: o.mention, fingerprint: null, blocks: null, org: o };
  }
}

/** The representatives' block memberships but those of oversized blocks, as match_blocks rows, a representative's at a time. */
function blockRows(set: PersonSet, oversized: ReadonlyMap<number, number>) {
  return function* (w: CopyBinaryWriter): Generator<void> {
    const { start, list } = set.allBlocks();
    for (let i = 0; i < set.size; i++) {
      const mention = set.reps[i]!.mention;
      for (let e = start[i]!; e < start[i + 1]!; e++) if (!oversized.has(list[e]!)) writeBlock(w, list[e]!, mention);
      yield;
    }
  };
}

/** The kept pairs as match_pairs rows, in mention keys. */
function pairRows(set: PersonSet, edges: KeptEdges) {
  return function* (w: CopyBinaryWriter): Generator<void> {
    for (let e = 0; e < edges.length; e++) {
      yield writePair(w, set.reps[edges.a[e]!]!.mention, set.reps[edges.b[e]!]!.mention, edges.weight[e]!, edges.proven[e] === 1, edges.conflicts.get(e) ?? []);
    }
  };
}

export function matchBitsOf(model: Model): number {
  return logit2(model.thresholds.match);
}
