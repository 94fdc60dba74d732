import type { Tx } from '../../db/database';
import { applyResults } from './apply-results';
import { orgComponent, redoAffected, redoOrgs, writeRedoReview } from './component';
import { conflictsOfEntity, followMerges, mentionsOfRecords } from './entities.repo';
import { forgetMentions, repsOf } from './match-index.repo';
import { activeModel, linksOf, lockResolution, mentionsOfEntities } from './resolve.repo';
import { activeDecisions } from './review.repo';

/**
 * Helpers other modules call inside their own unit of work (they authorize and audit it):
 * the profile shows an entity's conflicts, leads follow a retired entity to where its records
 * went, and disposal takes records out of resolution before it deletes them.
 */
export interface EntityConflict {
  recordA: string;
  roleA: string;
  recordB: string;
  roleB: string;
  entityA: string | null;
  entityB: string | null;
  weight: number;
  conflicts: string[];
}

export async function entityConflicts(tx: Tx, entityId: string): Promise<EntityConflict[]> {
  return conflictsOfEntity(tx, entityId);
}

/** The live entity an id stands for now (itself, or where a merge took its records). */
export async function currentEntityId(tx: Tx, entityId: string): Promise<string> {
  return followMerges(tx, entityId);
}

/**
 * Takes records out of resolution (disposal): their mentions leave the index and their links
 * are removed; the entities they were part of are clustered again without them.
 */
export async function forgetRecords(tx: Tx, sourceRecordIds: readonly string[]): Promise<void> {
  await lockResolution(tx);
  const gone = await mentionsOfRecords(tx, sourceRecordIds);
  if (gone.length === 0) return;
  const old = await linksOf(tx, gone);
  const mates = (await mentionsOfEntities(tx, [...new Set([...old.values()].map((l) => l.entityId))])).map((r) => r.mention);
  const goneSet = new Set(gone);
  const staying = mates.filter((m) => !goneSet.has(m));
  const reps = [...new Set((await repsOf(tx, staying.filter((m) => m % 8 < 2))).values())].filter((m) => !goneSet.has(m));
  await forgetMentions(tx, gone);
  const model = await activeModel(tx);
  const decisions = await activeDecisions(tx);
  const personGone = gone.filter((m) => m % 8 < 2);
  const orgGone = gone.filter((m) => m % 8 >= 2);
  if (model) {
    const redo = await redoAffected(tx, model.model, decisions, { dirty: reps });
    await applyResults(tx, redo.results, new Map([...redo.old, ...[...old].filter(([m]) => personGone.includes(m))]), personGone);
    await writeRedoReview(tx, redo);
  }
  const orgs = redoOrgs(await orgComponent(tx, staying.filter((m) => m % 8 >= 2)), decisions);
  await applyResults(tx, orgs.results, new Map([...orgs.old, ...[...old].filter(([m]) => orgGone.includes(m))]), orgGone);
}
