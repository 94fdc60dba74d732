import type { Database, Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { applyResults } from './apply-results';
import { orgComponent, redoAffected, redoOrgs, writeRedoReview } from './component';
import { findContradiction, mentionsOf, type DecisionConstraints } from './constraints';
import { keptApart } from './index-match';
import type { Model } from './match';
import { refold, unfold } from './twins';
import { repsOf } from './match-index.repo';
import { mentionRef, roleOf } from './mention-keys';
import { activeModel, entityKinds, linksOf, lockResolution, mentionsOfEntities, relinkCalls } from './resolve.repo';
import { RESOLVE_POLICY } from './resolve.policy';
import type { DecisionKind } from './resolve.types';
import { activeDecisions, getDecision, getReviewItem, insertDecision, markItemDecided, markUndone, type DecisionRow } from './review.repo';

/**
 * Analyst decisions: confirm or reject a review pair, merge entities, split records out of an
 * entity, undo any of them. Each is kept (who, when, why) as constraints on mentions, applied
 * at once to the components it touches, and honoured by every later run, full or incremental.
 */
export interface DecisionOutcome {
  decision: DecisionRow;
  /** The entities the decision's records belong to now. */
  entities: string[];
  /** A split: the entity that now holds the records split out (the rest may keep the old id or not). */
  splitInto?: string;
}

const isOrg = (m: number) => m % 8 >= 2;

interface Pending {
  kind: DecisionKind;
  reason: string;
  reviewItemId: string | null;
  must: number[][];
  cannot: [number[], number[]][];
  action: string;
}

export async function decideReviewItem(database: Database, ctx: RequestContext, itemId: string, verdict: 'confirm' | 'reject', reason: string): Promise<DecisionOutcome> {
  authorize(ctx, RESOLVE_POLICY['resolve.decide']);
  return database.transaction(async (tx) => {
    await lockResolution(tx);
    const item = await getReviewItem(tx, itemId, true);
    if (!item) throw new AppError('NOT_FOUND', `There is no review item ${itemId}.`);
    if (item.status !== 'open') throw new AppError('CONFLICT', `Review item ${itemId} is ${item.status}, not open: there is nothing to decide.`);
    const [left, right] = await Promise.all([entityMembers(tx, item.a), entityMembers(tx, item.b)]);
    const pending: Pending =
      verdict === 'confirm'
        ? { kind: 'confirm', reason, reviewItemId: itemId, must: [[...new Set([...left, ...right])]], cannot: [], action: 'resolve.review.confirm' }
        : { kind: 'reject', reason, reviewItemId: itemId, must: [], cannot: [[left, right.filter((m) => !left.includes(m))]], action: 'resolve.review.reject' };
    const out = await record(tx, ctx, pending, [item.a, item.b]);
    await markItemDecided(tx, itemId, out.decision.id);
    return out;
  });
}

export async function mergeEntities(database: Database, ctx: RequestContext, entityIds: readonly string[], reason: string): Promise<DecisionOutcome> {
  authorize(ctx, RESOLVE_POLICY['resolve.decide']);
  const ids = [...new Set(entityIds)];
  if (ids.length < 2) throw new AppError('BAD_REQUEST', 'Name at least two different entities to merge.');
  return database.transaction(async (tx) => {
    await lockResolution(tx);
    const kinds = await liveEntities(tx, ids);
    if (new Set(kinds.values()).size > 1) throw new AppError('BAD_REQUEST', 'A person and an organization cannot be merged.');
    const members = (await mentionsOfEntities(tx, ids)).map((r) => r.mention);
    return record(tx, ctx, { kind: 'merge', reason, reviewItemId: null, must: [members], cannot: [], action: 'resolve.merge' }, members);
  });
}

export async function splitEntity(database: Database, ctx: RequestContext, entityId: string, mentions: readonly number[], reason: string): Promise<DecisionOutcome> {
  authorize(ctx, RESOLVE_POLICY['resolve.decide']);
  return database.transaction(async (tx) => {
    await lockResolution(tx);
    await liveEntities(tx, [entityId]);
    const members = (await mentionsOfEntities(tx, [entityId])).map((r) => r.mention);
    const out = [...new Set(mentions)];
    const stranger = out.find((m) => !members.includes(m));
    if (stranger !== undefined) throw new AppError('BAD_REQUEST', `Record ${mentionRef(stranger)} is not in entity ${entityId}.`);
    const rest = members.filter((m) => !out.includes(m));
    if (out.length === 0 || rest.length === 0) throw new AppError('BAD_REQUEST', 'Name some, but not all, of the entity\'s records to split out.');
    const must = out.length > 1 ? [out] : [];
    const outcome = await record(tx, ctx, { kind: 'split', reason, reviewItemId: null, must, cannot: [[out, rest]], action: 'resolve.split' }, members);
    // An entity's id follows its oldest record, so the split-out part may be the one keeping it.
    const splitInto = (await linksOf(tx, [out[0]!])).get(out[0]!)?.entityId;
    return splitInto ? { ...outcome, splitInto } : outcome;
  });
}

export async function undoDecision(database: Database, ctx: RequestContext, decisionId: string, reason: string): Promise<DecisionOutcome> {
  authorize(ctx, RESOLVE_POLICY['resolve.decide']);
  return database.transaction(async (tx) => {
    await lockResolution(tx);
    const d = await getDecision(tx, decisionId, true);
    if (!d) throw new AppError('NOT_FOUND', `There is no decision ${decisionId}.`);
    if (d.undoneAt) throw new AppError('CONFLICT', `Decision ${decisionId} was already undone by ${d.undoneBy}.`);
    await markUndone(tx, decisionId, ctx.actor.userId, ctx.actor.username, reason);
    const involved = mentionsOf([d]);
    const remaining = await activeDecisions(tx);
    await refold(tx, [...keptApart([d])].filter((m) => !isOrg(m)), remaining);
    const entities = await reapply(tx, remaining, involved);
    const after = (await getDecision(tx, decisionId))!;
    await audit(tx, ctx, {
      action: 'resolve.undo',
      subjectType: 'entity',
      subjectIds: [...new Set([...d.entitiesAfter, ...entities])],
      details: { decisionId, kind: d.kind, reason, records: involved.map(mentionRef) },
    });
    return { decision: after, entities };
  });
}

/** Entity mentions of the entity a mention is linked to (just the mention when unlinked). */
async function entityMembers(tx: Tx, mention: number): Promise<number[]> {
  const link = (await linksOf(tx, [mention])).get(mention);
  if (!link) return [mention];
  return (await mentionsOfEntities(tx, [link.entityId])).map((r) => r.mention);
}

async function liveEntities(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  const found = await entityKinds(tx, ids);
  for (const id of ids) {
    const e = found.get(id);
    if (!e) throw new AppError('NOT_FOUND', `There is no entity ${id}.`);
    if (e.retired) throw new AppError('CONFLICT', `Entity ${id} was retired${e.mergedInto ? ` (its records are now in ${e.mergedInto})` : ''}.`);
  }
  return new Map(ids.map((id) => [id, found.get(id)!.kind]));
}

/** Validates the new decision against the active ones, applies it, keeps it, audits it. */
async function record(tx: Tx, ctx: RequestContext, p: Pending, involved: readonly number[]): Promise<DecisionOutcome> {
  if (!p.reason.trim()) throw new AppError('BAD_REQUEST', 'Say why (a reason is kept with every decision).');
  const active = await activeDecisions(tx);
  const next: DecisionConstraints = { id: 'new', must: p.must, cannot: p.cannot };
  const mine = mentionsOf([next]);
  if (mine.some(isOrg) && mine.some((m) => !isOrg(m))) throw new AppError('BAD_REQUEST', 'A decision cannot mix persons and organizations.');
  await unfold(tx, (await requireModel(tx)).model, [...keptApart([next])].filter((m) => !isOrg(m)), active);
  const reps = await repsOf(tx, mentionsOf([...active, next]));
  const clash = findContradiction(active, next, (m) => reps.get(m) ?? m);
  if (clash) {
    const what = `${mentionRef(clash.a)} and ${mentionRef(clash.b)}`;
    throw new AppError(
      'DECISION_CONFLICT',
      clash.decisionId === null
        ? `Records ${what} are identical copies sharing an identifier and cannot be separated.`
        : `This contradicts decision ${clash.decisionId} about records ${what}: undo that decision first.`,
      { decisionId: clash.decisionId },
    );
  }
  const before = await linksOf(tx, [...involved]);
  const entities = await reapply(tx, [...active, next], [...involved, ...mentionsOf([next])]);
  const id = await insertDecision(tx, {
    kind: p.kind, reason: p.reason.trim(), userId: ctx.actor.userId, username: ctx.actor.username, reviewItemId: p.reviewItemId,
    must: p.must, cannot: p.cannot, entitiesBefore: [...new Set([...before.values()].map((l) => l.entityId))], entitiesAfter: entities,
  });
  const decision = (await getDecision(tx, id))!;
  await audit(tx, ctx, {
    action: p.action,
    subjectType: 'entity',
    subjectIds: [...new Set([...decision.entitiesBefore, ...entities])],
    details: { decisionId: id, kind: p.kind, reason: decision.reason, reviewItemId: p.reviewItemId, records: involved.map(mentionRef) },
  });
  return { decision, entities };
}

/** Re-clusters the components holding `mentions` under `decisions`; returns their entities now. */
async function requireModel(tx: Tx): Promise<{ version: number; model: Model }> {
  const model = await activeModel(tx);
  if (!model) throw new AppError('RESOLVE_NO_MODEL', 'Entity resolution has not run yet: run `leadtrac resolve` first.');
  return model;
}

async function reapply(tx: Tx, decisions: readonly DecisionConstraints[], mentions: readonly number[]): Promise<string[]> {
  const model = await requireModel(tx);
  const persons = mentions.filter((m) => roleOf(m) === 'subject' || roleOf(m) === 'dso');
  const orgs = mentions.filter(isOrg);
  if (persons.length > 0) {
    // The entities the decision names are clustered again, with whatever they now reach.
    const reps = [...new Set((await repsOf(tx, persons)).values())];
    const redo = await redoAffected(tx, model.model, decisions, { dirty: reps });
    await applyResults(tx, redo.results, redo.old, []);
    await writeRedoReview(tx, redo);
    await relinkCalls(tx, { batchIds: [], phones: [...new Set(redo.records.map((r) => r.record.phone).filter((p): p is string => !!p))] });
  }
  if (orgs.length > 0) {
    const redo = redoOrgs(await orgComponent(tx, orgs), decisions);
    await applyResults(tx, redo.results, redo.old, []);
  }
  const links = await linksOf(tx, mentions);
  return [...new Set([...links.values()].map((l) => l.entityId))];
}
