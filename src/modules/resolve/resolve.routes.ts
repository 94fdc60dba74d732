import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/app';
import { AppError } from '../../shared/errors';
import { errorResponses } from '../../shared/http-schema';
import { decideReviewItem, mergeEntities, splitEntity, undoDecision } from './decisions.service';
import { parseMentionRef } from './mention-keys';
import { presentDecision, presentExplanation, presentRecord, presentReviewEntry } from './resolve.presenters';
import { RESOLVE_POLICY } from './resolve.policy';
import {
  DecisionListSchema,
  DecisionOutcomeSchema,
  DecisionQuerySchema,
  ExplainQuerySchema,
  ExplainResultSchema,
  MergeBodySchema,
  ReviewDecisionBodySchema,
  ReviewListSchema,
  ReviewQuerySchema,
  SplitBodySchema,
  UndoBodySchema,
} from './resolve.schema';
import { explainRecords, listDecisionLog, listReview } from './review.service';
import type { DecisionOutcome } from './decisions.service';

const ref = (s: string): number => {
  const m = parseMentionRef(s);
  if (m === null) throw new AppError('BAD_REQUEST', `"${s}" is not a record reference (a source record id, optionally with :dso).`);
  return m;
};

const outcome = (o: DecisionOutcome) => ({ decision: presentDecision(o.decision), entities: o.entities, ...(o.splitInto ? { splitInto: o.splitInto } : {}) });

export function resolveRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;
  const read = { access: { auth: 'user', permission: RESOLVE_POLICY['resolve.read'] } } as const;
  const decide = { access: { auth: 'user', permission: RESOLVE_POLICY['resolve.decide'] } } as const;
  const tags = ['resolution'];

  r.get('/api/resolve/review', {
    config: read,
    schema: { tags, summary: 'Pairs of records waiting for an analyst, strongest first, with both records and the explanation; by=persons folds the open queue to one entry per pair of persons', querystring: ReviewQuerySchema, response: { 200: ReviewListSchema, ...errorResponses } },
  }, async (request) => {
    const { entries, total, more } = await listReview(database, request.ctx(), request.query);
    return { items: entries.map(presentReviewEntry), total, more };
  });

  r.post('/api/resolve/review/:id', {
    config: decide,
    schema: { tags, summary: 'Confirm (same person) or reject (different persons) a review pair, with a reason', params: z.object({ id: z.string().regex(/^\d+$/) }), body: ReviewDecisionBodySchema, response: { 200: DecisionOutcomeSchema, ...errorResponses } },
  }, async (request) => outcome(await decideReviewItem(database, request.ctx(), request.params.id, request.body.decision, request.body.reason)));

  r.post('/api/entities/merge', {
    config: decide,
    schema: { tags, summary: 'Merge entities into one (kept as a decision that later runs honour)', body: MergeBodySchema, response: { 200: DecisionOutcomeSchema, ...errorResponses } },
  }, async (request) => outcome(await mergeEntities(database, request.ctx(), request.body.entityIds, request.body.reason)));

  r.post('/api/entities/:id/split', {
    config: decide,
    schema: { tags, summary: 'Split records out of an entity into an entity of their own', params: z.object({ id: z.string().uuid() }), body: SplitBodySchema, response: { 200: DecisionOutcomeSchema, ...errorResponses } },
  }, async (request) => outcome(await splitEntity(database, request.ctx(), request.params.id, request.body.records.map(ref), request.body.reason)));

  r.post('/api/resolve/decisions/:id/undo', {
    config: decide,
    schema: { tags, summary: 'Undo a decision: its records are resolved again as if it had not been made', params: z.object({ id: z.string().regex(/^\d+$/) }), body: UndoBodySchema, response: { 200: DecisionOutcomeSchema, ...errorResponses } },
  }, async (request) => outcome(await undoDecision(database, request.ctx(), request.params.id, request.body.reason)));

  r.get('/api/resolve/decisions', {
    config: read,
    schema: { tags, summary: 'Resolution decisions, newest first: who, when, why, and whether undone', querystring: DecisionQuerySchema, response: { 200: DecisionListSchema, ...errorResponses } },
  }, async (request) => {
    const r2 = await listDecisionLog(database, request.ctx(), request.query);
    return { decisions: r2.decisions.map(presentDecision), total: r2.total };
  });

  r.get('/api/resolve/explain', {
    config: read,
    schema: { tags, summary: 'Why two records do or do not match: the weight and each field\'s contribution, in words', querystring: ExplainQuerySchema, response: { 200: ExplainResultSchema, ...errorResponses } },
  }, async (request) => {
    const e = await explainRecords(database, request.ctx(), ref(request.query.a), ref(request.query.b));
    return { a: presentRecord(e.a), b: presentRecord(e.b), explanation: presentExplanation(e.verdict) };
  });
}
