import type { Tx } from '../../db/database';
import { clusterAffected, type StoredEntities } from './affected';
import { mentionsOf, type DecisionConstraints } from './constraints';
import { matchBitsOf } from './full-run';
import type { Model } from './match';
import { duplicatesOf, linkCounts, orgMatesOf, orgRows, orgsByKeys, pairsAmong, pairsTouching, repsOf, type OrgWithLink, type PairRow } from './match-index.repo';
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
 * 300,000 persons a 10,000-record batch reaches 55,953 of them), with the links they have (and
 * those of the entities' mentions that are not in the index).
 */
export async function orgComponent(tx: Tx, seeds: readonly number[]): Promise<OrgComponent> {
  const comp = new Map<number, IndexedOrg>();
  const old = new Map<number, LinkRow>();
  const seen = { names: new Set<string>(), codes: new Set<string>(), entities: new Set<string>() };
  const unseen = (xs: readonly (string | null | undefined)[], set: Set<string>): string[] => {
    const out: string[] = [];
    for (const x of xs) if (x != null && !set.has(x)) out.push((set.add(x), x));
    return out;
  };
  const add = (found: readonly OrgWithLink[]): OrgWithLink[] => {
    for (const r of found) {
      if (r.org) comp.set(r.mention, r.org);
      if (r.link) old.set(r.mention, r.link);
    }
    return [...found];
  };
  const first = [...new Set(seeds)];
  const rows = new Map((await orgRows(tx, first)).map((r) => [r.mention, r]));
  const links = await linksOf(tx, first);
  let frontier = add(first.map((mention) => ({ mention, org: rows.get(mention) ?? null, link: links.get(mention) ?? null })));
  while (frontier.length > 0) {
    const sharing = add(await orgsByKeys(tx, unseen(frontier.map((r) => r.org?.key), seen.names), unseen(frontier.map((r) => r.org?.code), seen.codes)));
    const entities = unseen([...frontier, ...sharing].map((r) => r.link?.entityId), seen.entities);
    // Most entities' records all came with their names and codes: only the others are read.
    const counts = await linkCounts(tx, entities);
    const known = new Map<string, number>();
    for (const l of old.values()) known.set(l.entityId, (known.get(l.entityId) ?? 0) + 1);
    const incomplete = entities.filter((e) => counts.get(e) !== known.get(e));
    const mates = add(await orgMatesOf(tx, incomplete, [...seen.names], [...seen.codes]));
    frontier = [...sharing, ...mates];
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
