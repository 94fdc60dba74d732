import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { errorResponses } from '../../shared/http-schema';
import { AUDIT_POLICY } from './audit.policy';
import { ALERT_DEFAULTS } from './alerts.config';
import { AuditAlertsSchema } from './alerts.schema';
import { alertWindow, listAuditAlerts } from './alerts.service';
import { exportAuditExtract } from './audit-extract';
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

/** The filters as the audit service takes them (a date-only `to` means the whole day). */
function filterOf(q: { actor?: string | undefined; action?: string | undefined; subject?: string | undefined; purpose?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  return {
    actor: q.actor,
    action: q.action,
    subject: q.subject,
    purpose: q.purpose,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to) : undefined,
  };
}

const AlertQuery = z.object({
  from: z.string().date().optional(),
  to: z.string().date().optional(),
  factor: z.coerce.number().min(1).max(100).default(ALERT_DEFAULTS.factor),
  floor: z.coerce.number().int().min(0).max(100_000).default(ALERT_DEFAULTS.floor),
  refusals: z.coerce.number().int().min(1).max(1000).default(ALERT_DEFAULTS.refusals),
  exportRows: z.coerce.number().int().min(1).max(100_000_000).default(ALERT_DEFAULTS.exportRows),
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

// A file body is outside the zod response schemas (like the PDF routes): sent untyped.
function sendCsv(reply: FastifyReply, csv: string, rows: number, truncated: boolean): FastifyReply {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="audit-extract-${stamp}.csv"`)
    .header('x-leadtrac-rows', String(rows))
    .header('x-leadtrac-truncated', String(truncated))
    .send(csv);
}

export function auditRoutes(app: FastifyInstance, deps: { database: Database }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/audit', {
    config: { access: { auth: 'user', permission: AUDIT_POLICY['audit.read'], personalData: true } },
    schema: { tags: ['audit'], summary: 'Search the audit log (newest first)', querystring: AuditQuery, response: { 200: z.object({ events: z.array(AuditEventSchema), nextCursor: z.string().nullable() }), ...errorResponses } },
  }, async (request) => {
    const q = request.query;
    const { events, nextCursor } = await listAuditEvents(deps.database, request.ctx(), {
      ...filterOf(q),
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

  r.get('/api/audit/alerts', {
    config: { access: { auth: 'user', permission: AUDIT_POLICY['audit.alerts'] } },
    schema: {
      tags: ['audit'],
      summary: 'Alerts of unusual access: a user reading far more subjects than their 30-day baseline, field agents refused outside their office, repeated refused reads of sensitive content, bulk exports',
      querystring: AlertQuery,
      response: { 200: AuditAlertsSchema, ...errorResponses },
    },
  }, async (request) => {
    const q = request.query;
    const window = alertWindow(q.from, q.to);
    const thresholds = { factor: q.factor, floor: q.floor, refusals: q.refusals, exportRows: q.exportRows };
    return { ...window, thresholds, alerts: await listAuditAlerts(deps.database, request.ctx(), { ...window, ...thresholds }) };
  });

  r.get('/api/audit/export.csv', {
    config: { access: { auth: 'user', permission: AUDIT_POLICY['audit.export'], personalData: true } },
    schema: { tags: ['audit'], summary: 'An extract of the audit log as CSV, with the filters of GET /api/audit (marking on the first row; at most 50,000 events; itself audited)', querystring: AuditQuery.omit({ cursor: true, limit: true }), response: errorResponses },
  }, async (request, reply) => {
    const { csv, rows, truncated } = await exportAuditExtract(deps.database, request.ctx(), filterOf(request.query));
    return sendCsv(reply, csv, rows, truncated);
  });

  r.get('/api/audit/verify', {
    config: { access: { auth: 'user', permission: AUDIT_POLICY['audit.verify'] } },
    schema: { tags: ['audit'], summary: 'Recompute the hash chain', response: { 200: z.object({ ok: z.boolean(), rows: z.number(), firstBrokenSeq: z.number().nullable(), headHash: z.string(), message: z.string() }), ...errorResponses } },
  }, async (request) => {
    const v = await verifyAuditChainAs(deps.database, request.ctx());
    return { ...v, firstBrokenSeq: v.firstBrokenSeq === null ? null : Number(v.firstBrokenSeq) };
  });
}
