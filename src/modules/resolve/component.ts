import type { Tx } from '../../db/database';
import { clusterAffected, type StoredEntities } from './affected';
import { mentionsOf, type DecisionConstraints } from './constraints';
import { matchBitsOf } from './full-run';
import type { Model } from './match';
import { duplicatesOf, orgRows, orgsByKeys, pairsAmong, pairsTouching, repsOf, type PairRow } from './match-index.repo';
import { ORG_ROLES, recordOf, roleOf } from './mention-keys';
import { loadMentions, type PersonMention } from './mentions';
import { clusterOrgSet, type IndexedOrg, type OrgSetResult } from './org-engine';
import { numbering, onePerEntityPair, type ReviewPair } from './person-clusters';
import { clusterSet, PersonSet, type SetClusters } from './person-engine';
import { linksOf, mentionsOfEntities, type LinkRow } from './resolve.repo';
import { replaceReviewItems } from './review.repo';

/**
 * What a batch or a decision changes, found in the database and clustered again so that the
 * result is exactly a full run's: for persons, the affected entities and what they reach (see
 * affected.ts); for organizations, the mentions connected by entity, name key or school code.
 */
const isOrg = (m: number) => (ORG_ROLES as readonly string[]).includes(roleOf(m));

/** The stored person entities and pairs, as clusterAffected reads them. */
function storedPersons(tx: Tx): StoredEntities {
  return {
    async entitiesOf(reps) {
      const links = await linksOf(tx, reps);
      const mates = await mentionsOfEntities(tx, [...new Set([...links.values()].map((l) => l.entityId))]);
      const persons = mates.filter((r) => !isOrg(r.mention));
      const repOf = await repsOf(tx, persons.map((r) => r.mention));
      const out = new Map<number, string>();
      for (const r of persons) if (repOf.has(r.mention)) out.set(repOf.get(r.mention)!, r.entityId);
      return out;
    },
    pairsTouching: (reps) => pairsTouching(tx, reps),
    pairsAmong: (reps) => pairsAmong(tx, reps),
  };
}

export interface PersonRedo {
  results: SetClusters;
  /** Every mention whose link the results decide (representatives and their duplicates). */
  scope: number[];
  /** The representatives clustered again (review items among them are replaced). */
  reps: number[];
  old: Map<number, LinkRow>;
  records: PersonMention[];
  /** Review items between the re-clustered records and records outside the pass (the band). */
  crossing: ReviewPair[];
  /** Neighbours that replayed their stored entity, and clustering passes run. */
  kept: number;
  passes: number;
}

/**
 * Re-clusters what a batch or a decision can change (see affected.ts): the new representatives,
 * the whole stored entities of `dirty` and of every mention a decision names, and every stored
 * entity that an edge would now merge; the neighbours around them replay their stored entities.
 * Gives the links and review items a full run would give for those records.
 */
export async function redoAffected(
  tx: Tx,
  model: Model,
  decisions: readonly DecisionConstraints[],
  start: {
    dirty: readonly number[];
    newReps?: readonly PersonMention[];
    newEdges?: readonly PairRow[];
    newDups?: ReadonlyMap<number, number[]>;
    loaded?: ReadonlyMap<number, PersonMention>;
    /** A set whose dictionaries the passes share: the values it prepared are not prepared again. */
    shared?: PersonSet;
  },
): Promise<PersonRedo> {
  const named = await repsOf(tx, mentionsOf(decisions).filter((m) => !isOrg(m)));
  const records = new Map<number, PersonMention>(start.loaded ?? []);
  for (const p of start.newReps ?? []) records.set(p.mention, p);
  const fresh = (start.newReps ?? []).map((p) => p.mention);
  const dups = new Map<number, number[]>(start.newDups ?? []);
  const dupsRead = new Set<number>(fresh);
  let shared = start.shared;
  const pass = async ({ reps, kept, edges }: { reps: number[]; kept: Map<number, number>; edges: PairRow[] }) => {
    const wanted = new Set(reps.filter((m) => !records.has(m)));
    const found = await loadMentions(tx, { kind: 'records', recordIds: [...new Set([...wanted].map(recordOf))] });
    for (const p of found.persons) if (wanted.has(p.mention)) records.set(p.mention, p);
    // Duplicates only matter for the records whose links are written (not the kept ones).
    const unread = reps.filter((m) => !kept.has(m) && !dupsRead.has(m));
    unread.forEach((m) => dupsRead.add(m));
    for (const d of await duplicatesOf(tx, unread)) dups.set(d.rep, [d.mention, ...(dups.get(d.rep) ?? [])]);
    const set = new PersonSet(reps.flatMap((m) => records.get(m) ?? []), shared);
    shared ??= set;
    return clusterSet({ set, model, edges, decisions, repOf: (m) => named.get(m) ?? m, duplicates: dups, kept });
  };
  const dirty = [...start.dirty, ...named.values()];
  const run = await clusterAffected(storedPersons(tx), { fresh, dirty, edges: start.newEdges ?? [] }, matchBitsOf(model), pass);
  const scope = run.result.links.map((l) => l.mention);
  const crossing = run.crossing.map((e): ReviewPair => ({ a: e.a, b: e.b, weight: e.weight, reason: e.conflicts.length > 0 ? 'conflict' : 'band' }));
  return {
    results: run.result,
    scope,
    reps: run.reps,
    old: await linksOf(tx, scope),
    records: run.reps.flatMap((m) => records.get(m) ?? []),
    crossing,
    kept: run.kept,
    passes: run.passes,
  };
}

/**
 * Writes a redo's review items with an end among its records, one per pair of entities as a full
 * run gives them (see onePerEntityPair): the entities of the records clustered again are the
 * redo's, those of the records outside it the stored ones. Returns how many items it wrote.
 */
export async function writeRedoReview(tx: Tx, redo: PersonRedo): Promise<number> {
  const items = [...redo.results.review, ...redo.crossing];
  const entityOf = new Map(redo.results.links.map((l) => [l.mention, l.entityId]));
  const outside = [...new Set(items.flatMap((i) => [i.a, i.b]))].filter((m) => !entityOf.has(m));
  for (const [m, l] of await linksOf(tx, outside)) entityOf.set(m, l.entityId);
  const numberOf = numbering();
  const review = onePerEntityPair(items, (m) => numberOf(entityOf.get(m) ?? `record ${m}`));
  await replaceReviewItems(tx, redo.reps, review);
  return review.length;
}

/** An organization component: its indexed mentions as their clustering reads them, and their links. */
export interface OrgComponent {
  orgs: IndexedOrg[];
  old: Map<number, LinkRow>;
}

/**
 * The indexed organization mentions connected to the seeds by entity, name key or school code,
 * read from the match index alone (a school's entity holds a mention per student record: at
 * 300,000 persons a 10,000-record batch reaches 55,953 of them), with the links they have.
 */
export async function orgComponent(tx: Tx, seeds: readonly number[]): Promise<OrgComponent> {
  const comp = new Map<number, IndexedOrg>();
  const old = new Map<number, LinkRow>();
  const visited = new Set<number>();
  const seenKeys = new Set<string>();
  const seenCodes = new Set<string>();
  const unseen = (xs: readonly (string | null)[], seen: Set<string>): string[] => {
    const out: string[] = [];
    for (const x of xs) if (x !== null && !seen.has(x)) out.push((seen.add(x), x));
    return out;
  };
  let frontier = [...new Set(seeds)];
  while (frontier.length > 0) {
    frontier.forEach((m) => visited.add(m));
    for (const r of await orgRows(tx, frontier.filter((m) => !comp.has(m)))) comp.set(r.mention, r);
    const rows = frontier.flatMap((m) => comp.get(m) ?? []);
    const sharing = await orgsByKeys(tx, unseen(rows.map((r) => r.key), seenKeys), unseen(rows.map((r) => r.code), seenCodes));
    for (const r of sharing) comp.set(r.mention, r);
    const links = await linksOf(tx, frontier);
    links.forEach((l, m) => old.set(m, l));
    const mates = (await mentionsOfEntities(tx, [...new Set([...links.values()].map((l) => l.entityId))])).map((r) => r.mention).filter(isOrg);
    frontier = [...new Set([...mates, ...sharing.map((r) => r.mention)])].filter((m) => !visited.has(m));
  }
  return { orgs: [...comp.values()].sort((x, y) => x.mention - y.mention), old };
}

export interface OrgRedo {
  results: OrgSetResult;
  old: Map<number, LinkRow>;
}

export function redoOrgs(comp: OrgComponent, decisions: readonly DecisionConstraints[]): OrgRedo {
  return { results: clusterOrgSet(comp.orgs, decisions), old: comp.old };
}
