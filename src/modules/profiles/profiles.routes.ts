import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../http/app';
import { errorResponses } from '../../shared/http-schema';
import { getOrganizationProfile } from './org.service';
import { getPersonProfile } from './person.service';
import { PROFILES_POLICY } from './profiles.policy';
import { OrganizationProfileSchema, PersonProfileSchema, RecordViewSchema } from './profiles.schema';
import { getRecordView } from './record.service';

const PURPOSE_NOTE = 'Sensitive categories (SSN, financial, criminal history, tips and tipster identity, call detail records) are masked unless the request states a purpose in the header x-purpose, which is recorded in the audit row.';

export function profilesRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { access: { auth: 'user', permission: PROFILES_POLICY['profiles.read'], personalData: true } } as const;
  const uuid = z.object({ id: z.string().uuid() });

  r.get('/api/persons/:id', {
    config,
    schema: { tags: ['profiles'], summary: 'A person: every value with its sources, conflicts side by side, history and associates', description: PURPOSE_NOTE, params: uuid, response: { 200: PersonProfileSchema, ...errorResponses } },
  }, async (request) => getPersonProfile(deps.database, request.ctx(), request.params.id));

  r.get('/api/orgs/:id', {
    config,
    schema: { tags: ['profiles'], summary: 'An organization: for schools, students by SEVIS status, officials, addresses and related persons', description: PURPOSE_NOTE, params: uuid, response: { 200: OrganizationProfileSchema, ...errorResponses } },
  }, async (request) => getOrganizationProfile(deps.database, request.ctx(), request.params.id));

  r.get('/api/records/:id', {
    config,
    schema: { tags: ['profiles'], summary: 'One source record as received: payload, flags, markings, batch and version history', description: PURPOSE_NOTE, params: z.object({ id: z.string().regex(/^\d{1,18}$/, 'A record id is a number.') }), response: { 200: RecordViewSchema, ...errorResponses } },
  }, async (request) => getRecordView(deps.database, request.ctx(), request.params.id));
}
