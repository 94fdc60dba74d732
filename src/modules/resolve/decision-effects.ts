import type { Tx } from '../../db/database';
import { AppError } from '../../shared/errors';
import { applyResults } from './apply-results';
import { orgComponent, personComponent, redoOrgs, redoPersons } from './component';
import type { DecisionConstraints } from './constraints';
import { matchBitsOf } from './full-run';
import type { Model } from './match';
import { repsOf } from './match-index.repo';
import { roleOf } from './mention-keys';
import { activeModel, entityKinds, linksOf, mentionsOfEntities, relinkCalls } from './resolve.repo';
import { replaceReviewItems } from './review.repo';

/** What a decision (or its undo) does to the entities: the components it touches, redone. */
const isOrg = (m: number) => m % 8 >= 2;

/** Entity mentions of the entity a mention is linked to (just the mention when unlinked). */
export async function entityMembers(tx: Tx, mention: number): Promise<number[]> {
  const link = (await linksOf(tx, [mention])).get(mention);
  if (!link) return [mention];
  return (await mentionsOfEntities(tx, [link.entityId])).map((r) => r.mention);
}

export async function liveEntities(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const found = await entityKinds(tx, ids);
  for (const id of ids) {
    const e = found.get(id);
    if (!e) throw new AppError('NOT_FOUND', `There is no entity ${id}.`);
    if (e.retired)
      throw new AppError(
        'CONFLICT',
        `Entity ${id} was retired${e.mergedInto ? ` (its records are now in ${e.mergedInto})` : ''}.`,
      );
  }
  return new Map(ids.map((id) => [id, found.get(id)!.kind]));
}

export async function requireModel(tx: Tx): Promise<{ version: number; model: Model }> {
  const model = await activeModel(tx);
  if (!model)
    throw new AppError(
      'RESOLVE_NO_MODEL',
      'Entity resolution has not run yet: run `leadtrac resolve` first.',
    );
  return model;
}

export async function reapply(
  tx: Tx,
  decisions: readonly DecisionConstraints[],
  mentions: readonly number[],
): Promise<string[]> {
  const model = await requireModel(tx);
  const persons = mentions.filter((m) => roleOf(m) === 'subject' || roleOf(m) === 'dso');
  const orgs = mentions.filter(isOrg);
  if (persons.length > 0) {
    const reps = [...new Set((await repsOf(tx, persons)).values())];
    const comp = await personComponent(tx, reps, decisions, matchBitsOf(model.model));
    const redo = await redoPersons(tx, model.model, comp, decisions);
    await applyResults(tx, redo.results, redo.old, []);
    await replaceReviewItems(tx, redo.reps, redo.results.review);
    await relinkCalls(tx, {
      batchIds: [],
      phones: [...new Set(redo.records.map((r) => r.record.phone).filter((p): p is string => !!p))],
    });
  }
  if (orgs.length > 0) {
    const comp = await orgComponent(tx, orgs);
    const redo = await redoOrgs(tx, comp, decisions);
    await applyResults(tx, redo.results, redo.old, []);
  }
  const links = await linksOf(tx, mentions);
  return [...new Set([...links.values()].map((l) => l.entityId))];
}
