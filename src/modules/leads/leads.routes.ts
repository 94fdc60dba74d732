import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/app';
import { errorResponses } from '../../shared/http-schema';
import { LEADS_POLICY } from './leads.policy';
import { presentLeadSummary } from './leads.presenter';
import { CreateLeadBody, EvidenceBody, LeadDetailSchema, LeadQuery, LeadSummarySchema, TransitionBody, TransitionResult } from './leads.schema';
import { addEvidence, assignLeads, listAssignees, listFieldOffices, createLead, deconflictLead, getLead, listQueue, transitionLead } from './leads.service';
import { getReferralPdf } from './referral.service';

const IdParams = z.object({ id: z.string().uuid() });
const iso = (d: Date | string) => new Date(d).toISOString();

// Shown inline so the browser's viewer opens it; a binary body is outside the zod response schemas.
function sendPdf(reply: FastifyReply, f: { body: Buffer; fileName: string }): FastifyReply {
  return reply.type('application/pdf').header('content-disposition', `inline; filename="${f.fileName}"`).send(f.body);
}

export function leadsRoutes(app: FastifyInstance, { database }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { auth: 'user', permission: LEADS_POLICY['leads.read'] } } as const;
  const personalRead = { access: { ...read.access, personalData: true } } as const;
  const work = { access: { auth: 'user', permission: LEADS_POLICY['leads.work'] } } as const;

  r.get('/api/leads', {
    config: personalRead,
    schema: { tags: ['leads'], summary: 'A queue of leads: mine, team, review, referred, overdue, all', querystring: LeadQuery, response: { 200: z.object({ leads: z.array(LeadSummarySchema) }), ...errorResponses } },
  }, async (request) => ({ leads: (await listQueue(database, request.ctx(), request.query)).map((l) => presentLeadSummary(l)) }));

  r.post('/api/leads', {
    config: { access: { auth: 'user', permission: LEADS_POLICY['leads.create'] } },
    schema: { tags: ['leads'], summary: 'Create a lead (or add the finding to the subject’s open lead)', body: CreateLeadBody, response: { 201: z.object({ id: z.string(), merged: z.boolean() }), ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await createLead(database, request.ctx(), request.body)));

  r.get('/api/leads/:id', {
    config: personalRead,
    schema: { tags: ['leads'], summary: 'A lead with its history, evidence, overlaps and the actions open to you', params: IdParams, response: { 200: LeadDetailSchema, ...errorResponses } },
  }, async (request) => {
    const d = await getLead(database, request.ctx(), request.params.id);
    return {
      lead: { ...presentLeadSummary(d.lead), summary: d.lead.summary, outcomeNote: d.lead.outcome_note },
      transitions: d.transitions.map((t) => ({ action: t.action, from: t.from_state, to: t.to_state, by: t.actor_username, reason: t.reason, at: iso(t.at) })),
      evidence: d.evidence.map((e) => ({ id: e.id, kind: e.kind, ref: e.ref, note: e.note, addedBy: e.added_by, addedAt: iso(e.added_at) })),
      overlaps: d.overlaps.map((o) => ({ otherLeadId: o.other_lead_id, otherNumber: o.other_number, otherOwner: o.other_owner, kind: o.overlap_kind, value: o.overlap_value, foundAt: iso(o.found_at) })),
      actions: d.actions,
      subject: d.subject,
    };
  });

  r.post('/api/leads/:id/transitions', {
    config: work,
    schema: { tags: ['leads'], summary: 'Move a lead along its workflow', params: IdParams, body: TransitionBody, response: { 200: TransitionResult, ...errorResponses } },
  }, async (request) => transitionLead(database, request.ctx(), request.params.id, request.body));

  r.post('/api/leads/:id/evidence', {
    config: work,
    schema: { tags: ['leads'], summary: 'Add evidence to a lead', params: IdParams, body: EvidenceBody, response: { 204: z.null(), ...errorResponses } },
  }, async (request, reply) => {
    await addEvidence(database, request.ctx(), request.params.id, request.body);
    return reply.status(204).send(null);
  });

  r.post('/api/leads/:id/deconflict', {
    config: work,
    schema: { tags: ['leads'], summary: 'Check for overlaps with other open leads (routine use I)', params: IdParams, response: { 200: z.object({ overlaps: z.array(z.object({ otherLeadId: z.string(), kind: z.string(), value: z.string() })) }), ...errorResponses } },
  }, async (request) => ({ overlaps: await deconflictLead(database, request.ctx(), request.params.id) }));

  r.get('/api/leads/:id/referral.pdf', {
    config: personalRead,
    schema: { tags: ['leads'], summary: 'The referral package as PDF: profile, status determination with rules, evidence, chain of custody (banner and lead number on every page)', params: IdParams, response: errorResponses },
  }, async (request, reply) => {
    const f = await getReferralPdf(database, request.ctx(), request.params.id);
    return sendPdf(reply, f);
  });

  r.get('/api/leads/field-offices', {
    config: work,
    schema: { tags: ['leads'], summary: 'Field offices that leads can be referred to', response: { 200: z.object({ offices: z.array(z.string()) }), ...errorResponses } },
  }, async (request) => ({ offices: await listFieldOffices(database, request.ctx()) }));

  r.get('/api/leads/assignees', {
    config: { access: { auth: 'user', permission: LEADS_POLICY['leads.assign'] } },
    schema: { tags: ['leads'], summary: 'Who can own leads', response: { 200: z.object({ users: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string() })) }), ...errorResponses } },
  }, async (request) => ({ users: await listAssignees(database, request.ctx()) }));

  r.post('/api/leads/assign', {
    config: { access: { auth: 'user', permission: LEADS_POLICY['leads.assign'] } },
    schema: { tags: ['leads'], summary: 'Bulk-assign leads to an analyst', body: z.object({ ids: z.array(z.string().uuid()).min(1).max(500), ownerId: z.string().uuid() }), response: { 200: z.object({ assigned: z.number() }), ...errorResponses } },
  }, async (request) => ({ assigned: await assignLeads(database, request.ctx(), request.body.ids, request.body.ownerId) }));
}
