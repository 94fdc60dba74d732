import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/app';
import { errorResponses } from '../../shared/http-schema';
import { getAccessLog } from './access-log.service';
import { exportAccounting, getAccounting, getReleasableAccounting, recordReleaseDecision } from './accounting.service';
import { getNoticePdf, listCorrections, recordCorrection } from './corrections.service';
import { DISCLOSURES_POLICY as P } from './disclosures.policy';
import {
  AccessLogResponse,
  AccountingResponse,
  CorrectionBody,
  CorrectionSchema,
  CreateDisclosureBody,
  DisclosureSchema,
  DisclosureSummarySchema,
  LegalBasesResponse,
  ReleaseDecisionBody,
  ReleaseDecisionSchema,
  ReleaseResponse,
  WaiverBody,
} from './disclosures.schema';
import { createDisclosure, getDisclosure, getDisclosurePackage, legalBasesFor, listDisclosures, type FileOut } from './disclosures.service';

const uuid = z.object({ id: z.string().uuid() });
const recordParams = z.object({ id: z.string().regex(/^\d{1,18}$/, 'A record id is a number.') });
const access = (permission: (typeof P)[keyof typeof P], personalData = true) => ({ access: { auth: 'user', permission, personalData } }) as const;

function sendFile(reply: FastifyReply, f: FileOut): FastifyReply {
  return reply.type(f.contentType).header('content-disposition', `attachment; filename="${f.fileName}"`).send(f.body);
}

export function disclosuresRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;
  const tags = ['disclosures'];

  r.get('/api/disclosures/legal-bases', {
    config: access(P['disclosures.bases'], false),
    schema: { tags, summary: 'Routine uses A–N of the SORN (81 FR 52700) and the other 552a(b) exceptions, versioned, with whether you may disclose under each', response: { 200: LegalBasesResponse, ...errorResponses } },
  }, async (request) => legalBasesFor(request.ctx()));

  r.post('/api/disclosures', {
    config: access(P['disclosures.make']),
    schema: { tags, summary: 'Disclose records outside the agency; records the accounting for each individual (none for (b)(1)/(b)(2)); audited', body: CreateDisclosureBody, response: { 201: DisclosureSchema, 422: errorResponses[400], ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await createDisclosure(database, request.ctx(), request.body)));

  r.get('/api/disclosures', {
    config: access(P['disclosures.read'], false),
    schema: { tags, summary: 'Recent disclosures, newest first', querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }), response: { 200: z.object({ disclosures: z.array(DisclosureSummarySchema) }), ...errorResponses } },
  }, async (request) => ({ disclosures: await listDisclosures(database, request.ctx(), request.query.limit) }));

  r.get('/api/disclosures/:id', {
    config: access(P['disclosures.read']),
    schema: { tags, summary: 'One disclosure: recipient, basis, purpose, individuals', params: uuid, response: { 200: DisclosureSchema, ...errorResponses } },
  }, async (request) => getDisclosure(database, request.ctx(), request.params.id));

  for (const format of ['pdf', 'json', 'csv'] as const) {
    r.get(`/api/disclosures/:id/package.${format}`, {
      config: access(P['disclosures.read']),
      schema: { tags, summary: `The disclosure package as ${format.toUpperCase()} (marked; the disclosure id on every page or row)`, params: uuid, response: errorResponses },
    }, async (request, reply) => sendFile(reply, await getDisclosurePackage(database, request.ctx(), request.params.id, format)));
  }

  r.get('/api/persons/:id/accounting', {
    config: access(P['accounting.read']),
    schema: { tags, summary: "A person's accounting of disclosures, with each entry's release status and the release decisions", params: uuid, response: { 200: AccountingResponse, ...errorResponses } },
  }, async (request) => getAccounting(database, request.ctx(), request.params.id));

  r.get('/api/persons/:id/accounting/export', {
    config: access(P['accounting.read']),
    schema: { tags, summary: "A person's accounting of disclosures as CSV or PDF", params: uuid, querystring: z.object({ format: z.enum(['csv', 'pdf']).default('pdf') }), response: errorResponses },
  }, async (request, reply) => sendFile(reply, await exportAccounting(database, request.ctx(), request.params.id, request.query.format)));

  r.post('/api/persons/:id/accounting/release-decisions', {
    config: access(P['accounting.decide']),
    schema: { tags, summary: 'Record a case-by-case decision on releasing the accounting to the individual ((c)(3) is exempted under (j)(2)/(k)(2))', params: uuid, body: ReleaseDecisionBody, response: { 201: ReleaseDecisionSchema, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await recordReleaseDecision(database, request.ctx(), request.params.id, request.body)));

  r.get('/api/persons/:id/accounting/release', {
    config: access(P['accounting.read']),
    schema: { tags, summary: 'What of the accounting may be released to the individual now: never (b)(7) entries; otherwise as the latest decision says', params: uuid, response: { 200: ReleaseResponse, ...errorResponses } },
  }, async (request) => getReleasableAccounting(database, request.ctx(), request.params.id));

  r.get('/api/persons/:id/access-log', {
    config: access(P['access-log.read']),
    schema: { tags, summary: 'Who has accessed this person, from the audit log', params: uuid, querystring: z.object({ limit: z.coerce.number().int().min(1).max(5000).default(500) }), response: { 200: AccessLogResponse, ...errorResponses } },
  }, async (request) => getAccessLog(database, request.ctx(), request.params.id, request.query.limit));

  r.post('/api/records/:id/corrections-notices', {
    config: access(P['corrections.notify']),
    schema: { tags, summary: 'A record was corrected or disputed: produce (c)(4) notices to every earlier recipient', params: recordParams, body: CorrectionBody, response: { 201: CorrectionSchema, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await recordCorrection(database, request.ctx(), request.params.id, request.body)));

  r.post('/api/records/:id/corrections-notices/waiver', {
    config: access(P['corrections.notify']),
    schema: { tags, summary: 'A record was corrected or disputed: waive the (c)(4) notices in this case, with the reason', params: recordParams, body: WaiverBody, response: { 201: CorrectionSchema, ...errorResponses } },
  }, async (request, reply) => {
    const { reason, ...event } = request.body;
    return reply.status(201).send(await recordCorrection(database, request.ctx(), request.params.id, event, reason));
  });

  r.get('/api/records/:id/corrections-notices', {
    config: access(P['corrections.notify']),
    schema: { tags, summary: 'Corrections and disputes of a record (any version) with their notices', params: recordParams, response: { 200: z.object({ corrections: z.array(CorrectionSchema) }), ...errorResponses } },
  }, async (request) => ({ corrections: await listCorrections(database, request.ctx(), request.params.id) }));

  r.get('/api/corrections-notices/:id/notice.pdf', {
    config: access(P['corrections.notify']),
    schema: { tags, summary: 'One (c)(4) notice as PDF', params: uuid, response: errorResponses },
  }, async (request, reply) => sendFile(reply, await getNoticePdf(database, request.ctx(), request.params.id)));
}
