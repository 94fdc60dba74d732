import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { errorResponses } from '../../shared/http-schema';
import { AUDIT_POLICY } from './audit.policy';
import { listAuditEvents, verifyAuditChainAs } from './audit.service';

const AuditQuery = z.object({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  subject: z.string().max(128).optional(),
  purpose: z.string().max(200).optional(),
  from: z.string().datetime({ offset: true }).or(z.string().date()).optional(),
  to: z.string().datetime({ offset: true }).or(z.string().date()).optional(),
  cursor: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const AuditEventSchema = z.object({
  seq: z.number(),
  occurredAt: z.string(),
  actorUsername: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  purpose: z.string().nullable(),
  requestId: z.string(),
  clientIp: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectIds: z.array(z.string()),
  details: z.record(z.string(), z.unknown()),
});

export function auditRoutes(app: FastifyInstance, deps: { database: Database }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/audit', {
    config: { access: { auth: 'user', permission: AUDIT_POLICY['audit.read'], personalData: true } },
    schema: { tags: ['audit'], summary: 'Search the audit log (newest first)', querystring: AuditQuery, response: { 200: z.object({ events: z.array(AuditEventSchema), nextCursor: z.string().nullable() }), ...errorResponses } },
  }, async (request) => {
    const q = request.query;
    const { events, nextCursor } = await listAuditEvents(deps.database, request.ctx(), {
      actor: q.actor,
      action: q.action,
      subject: q.subject,
      purpose: q.purpose,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to) : undefined,
      beforeSeq: q.cursor,
      limit: q.limit,
    });
    return {
      events: events.map((e) => ({
        seq: Number(e.seq),
        occurredAt: e.occurredAt,
        actorUsername: e.actorUsername,
        action: e.action,
        outcome: e.outcome,
        purpose: e.purpose,
        requestId: e.requestId,
        clientIp: e.clientIp,
        subjectType: e.subjectType,
        subjectIds: [...e.subjectIds],
        details: e.details as Record<string, unknown>,
      })),
      nextCursor,
    };
  });

  r.get('/api/audit/verify', {
    config: { access: { auth: 'user', permission: AUDIT_POLICY['audit.verify'] } },
    schema: { tags: ['audit'], summary: 'Recompute the hash chain', response: { 200: z.object({ ok: z.boolean(), rows: z.number(), firstBrokenSeq: z.number().nullable(), headHash: z.string(), message: z.string() }), ...errorResponses } },
  }, async (request) => {
    const v = await verifyAuditChainAs(deps.database, request.ctx());
    return { ...v, firstBrokenSeq: v.firstBrokenSeq === null ? null : Number(v.firstBrokenSeq) };
  });
}
