import type { Tx } from '../../db/database';
import type { DecisionConstraints } from './constraints';
import type { Model } from './match';
import { duplicatesOf, orgRows, orgsByKeys, pairsAmong, repsOf, strongNeighbours, type PairRow } from './match-index.repo';
import { ORG_ROLES, recordOf, roleOf } from './mention-keys';
import { loadMentions, type OrgMention, type PersonMention } from './mentions';
import { clusterOrgSet, type OrgSetResult } from './org-engine';
import { clusterSet, PersonSet, type SetClusters } from './person-engine';
import { linksOf, mentionsOfEntities, type LinkRow } from './resolve.repo';

/**
 * Clustering decomposes over connected components of the match-bar edges (and analysts'
 * must-groups): redoing the components a batch or a decision touches, with every stored pair
 * among their members, gives exactly what a full run would. These functions find such a
 * component in the database and redo it.
 */
const isOrg = (m: number) => (ORG_ROLES as readonly string[]).includes(roleOf(m));

async function entityMates(tx: Tx, mentions: readonly number[], org: boolean): Promise<number[]> {
  const links = await linksOf(tx, mentions);
  const ids = [...new Set([...links.values()].map((l) => l.entityId))];
  return (await mentionsOfEntities(tx, ids)).map((r) => r.mention).filter((m) => isOrg(m) === org);
}

/** Representatives of the person component(s) holding the seeds (seeds must be representatives). */
export async function personComponent(tx: Tx, seeds: readonly number[], decisions: readonly DecisionConstraints[], matchBits: number): Promise<number[]> {
  const comp = new Set<number>();
  let frontier = [...new Set(seeds)];
  while (frontier.length > 0) {
    for (const m of frontier) comp.add(m);
    const mates = await entityMates(tx, frontier, false);
    const reps = [...new Set((await repsOf(tx, mates)).values())];
    const strong = await strongNeighbours(tx, frontier, matchBits);
    const grouped = decisions.flatMap((d) => d.must.filter((g) => g.some((m) => comp.has(m))).flat());
    const groupedReps = [...(await repsOf(tx, grouped)).values()];
    frontier = [...new Set([...reps, ...strong, ...groupedReps])].filter((m) => !comp.has(m) && !isOrg(m));
  }
  return [...comp].sort((x, y) => x - y);
}

export interface PersonRedo {
  results: SetClusters;
  /** Every mention whose link the results decide (representatives and their duplicates). */
  scope: number[];
  reps: number[];
  old: Map<number, LinkRow>;
  records: PersonMention[];
}

/** Re-clusters stored representatives plus (optionally) new ones with their scored edges. */
export async function redoPersons(
  tx: Tx,
  model: Model,
  reps: readonly number[],
  decisions: readonly DecisionConstraints[],
  extra: { newReps?: readonly PersonMention[]; newEdges?: readonly PairRow[]; newDups?: ReadonlyMap<number, number[]>; loaded?: ReadonlyMap<number, PersonMention> } = {},
): Promise<PersonRedo> {
  const wanted = new Set(reps);
  const missing = reps.filter((m) => !extra.loaded?.has(m));
  const fetched = (await loadMentions(tx, { kind: 'records', recordIds: [...new Set(missing.map(recordOf))] })).persons.filter((p) => wanted.has(p.mention));
  const have = [...fetched, ...reps.map((m) => extra.loaded?.get(m)).filter((p): p is PersonMention => p !== undefined)];
  const set = new PersonSet([...have, ...(extra.newReps ?? [])]);
  const inSet = (e: PairRow) => set.position.has(e.a) && set.position.has(e.b);
  const edges = [...(await pairsAmong(tx, reps)), ...(extra.newEdges ?? []).filter(inSet)];
  const dups = new Map<number, number[]>();
  for (const d of await duplicatesOf(tx, reps)) dups.set(d.rep, [...(dups.get(d.rep) ?? []), d.mention]);
  for (const [rep, ds] of extra.newDups ?? []) if (set.position.has(rep)) dups.set(rep, [...(dups.get(rep) ?? []), ...ds]);
  const repMap = await repsOf(tx, decisions.flatMap((d) => [...d.must.flat(), ...d.cannot.flatMap(([l, r]) => [...l, ...r])]));
  const results = clusterSet(set, model, edges, decisions, (m) => repMap.get(m) ?? m, dups);
  const scope = results.links.map((l) => l.mention);
  return { results, scope, reps: set.reps.map((r) => r.mention), old: await linksOf(tx, scope), records: [...set.reps] };
}

/** Organization mentions connected to the seeds by entity, name key or school code. */
export async function orgComponent(tx: Tx, seeds: readonly number[], extraKeys: { keys: string[]; codes: string[] } = { keys: [], codes: [] }): Promise<number[]> {
  const comp = new Set<number>();
  const seenKeys = new Set<string>();
  const seenCodes = new Set<string>();
  let frontier = [...new Set([...seeds, ...(await orgsByKeys(tx, extraKeys.keys, extraKeys.codes)).map((r) => r.mention)])];
  extraKeys.keys.forEach((k) => seenKeys.add(k));
  extraKeys.codes.forEach((c) => seenCodes.add(c));
  while (frontier.length > 0) {
    for (const m of frontier) comp.add(m);
    const mates = await entityMates(tx, frontier, true);
    const rows = await orgRows(tx, frontier);
    const keys = [...new Set(rows.map((r) => r.orgKey).filter((k): k is string => k !== null && !seenKeys.has(k)))];
    const codes = [...new Set(rows.map((r) => r.orgCode).filter((c): c is string => c !== null && !seenCodes.has(c)))];
    keys.forEach((k) => seenKeys.add(k));
    codes.forEach((c) => seenCodes.add(c));
    const sharing = (await orgsByKeys(tx, keys, codes)).map((r) => r.mention);
    frontier = [...new Set([...mates, ...sharing])].filter((m) => !comp.has(m));
  }
  return [...comp].sort((x, y) => x - y);
}

export interface OrgRedo {
  results: OrgSetResult;
  scope: number[];
  old: Map<number, LinkRow>;
}

export async function redoOrgs(tx: Tx, mentions: readonly number[], decisions: readonly DecisionConstraints[], extra: readonly OrgMention[] = []): Promise<OrgRedo> {
  const given = new Set(extra.map((o) => o.mention));
  const wanted = new Set(mentions.filter((m) => !given.has(m)));
  const loaded = (await loadMentions(tx, { kind: 'records', recordIds: [...new Set([...wanted].map(recordOf))] })).orgs.filter((o) => wanted.has(o.mention));
  const results = clusterOrgSet([...loaded, ...extra], decisions);
  const scope = results.links.map((l) => l.mention);
  return { results, scope, old: await linksOf(tx, scope) };
}
