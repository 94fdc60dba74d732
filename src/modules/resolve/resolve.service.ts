import type { Database } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { fullRun, type RunCounts } from './full-run';
import { incrementalRun } from './incremental-run';
import { BLOCKING_VERSION } from './blocking-keys';
import { activeModel, allBatches, indexBlockingVersion, insertRun, lockResolution, markResolved, saveModel, unresolvedBatches } from './resolve.repo';
import { RESOLVE_POLICY } from './resolve.policy';
import type { ResolveProgress } from './resolve.types';
import { activeDecisions, countOpenReview } from './review.repo';

export interface ResolveOptions {
  /** Recompute everything (with the stored model) instead of only the new batches. */
  full?: boolean;
  /** Train a new model version first (implies a full run). */
  retrain?: boolean;
  onProgress?: ResolveProgress;
}

export interface ResolveSummary {
  runId: string;
  mode: 'full' | 'incremental';
  modelVersion: number | null;
  modelTrained: boolean;
  batches: number;
  counts: RunCounts;
  openReviewItems: number;
  elapsedMs: number;
}

const EMPTY: RunCounts = {
  linksChanged: 0, linksRemoved: 0, entitiesCreated: 0, entitiesChanged: 0, entitiesRetired: 0, mentions: 0, personMentions: 0,
  representatives: 0, orgMentions: 0, pairsScored: 0, pairsKept: 0, personEntities: 0, orgEntities: 0, reviewItems: 0, callLinks: 0,
  oversizedBlocks: 0,
};

/**
 * `leadtrac resolve`: incremental by default (only batches not resolved yet), full on request,
 * when no model exists yet, when the stored match index was written with another blocking
 * version (BLOCKING_VERSION), or when it is gone (emptied by a crash). One transaction under the
 * resolution lock; audited.
 */
export async function runResolve(database: Database, ctx: RequestContext, opts: ResolveOptions = {}): Promise<ResolveSummary> {
  authorize(ctx, RESOLVE_POLICY['resolve.run']);
  const progress = opts.onProgress ?? (() => {});
  const t0 = Date.now();
  return database.transaction(async (tx) => {
    await lockResolution(tx);
    const started = new Date();
    const active = await activeModel(tx);
    const decisions = await activeDecisions(tx);
    const indexVersion = active === null ? null : await indexBlockingVersion(tx);
    const stale = indexVersion !== null && indexVersion !== BLOCKING_VERSION;
    const lost = active !== null && indexVersion === null;
    const full = opts.full === true || opts.retrain === true || active === null || stale || lost;
    if (!opts.full && !opts.retrain) {
      if (stale) progress(`the stored match index was written with blocking version ${indexVersion} and this code blocks with version ${BLOCKING_VERSION}: resolving everything again with the stored model`);
      if (lost) progress(`the stored match index is gone (PostgreSQL empties its unlogged tables after a crash): resolving everything again with the stored model`);
    }
    const model = active?.model;
    let version = active?.version ?? null;
    let trained = false;
    let counts = EMPTY;
    let batches: string[];
    if (full) {
      batches = await allBatches(tx);
      const given = active && !opts.retrain ? active.model : null;
      const run = await fullRun(tx, given, decisions, progress);
      counts = run.counts;
      if (given === null) {
        version = await saveModel(tx, run.model, counts.representatives, ctx.actor.username);
        trained = true;
      }
    } else {
      batches = await unresolvedBatches(tx);
      if (batches.length > 0 && model) counts = await incrementalRun(tx, model, batches, decisions, progress);
      else progress('no new batches since the last run');
    }
    const mode = full ? 'full' : 'incremental';
    const runId = await insertRun(tx, { mode, modelVersion: version, blockingVersion: BLOCKING_VERSION, startedAt: started, actor: ctx.actor.username, stats: counts });
    await markResolved(tx, batches, runId);
    const openReviewItems = await countOpenReview(tx);
    const summary: ResolveSummary = { runId, mode, modelVersion: version, modelTrained: trained, batches: batches.length, counts, openReviewItems, elapsedMs: Date.now() - t0 };
    await audit(tx, ctx, {
      action: 'resolve.run',
      subjectType: 'resolution_run',
      subjectIds: [runId],
      details: { mode, modelVersion: version, modelTrained: trained, batches: batches.length, ...counts, openReviewItems, elapsedMs: summary.elapsedMs },
    });
    return summary;
  });
}
