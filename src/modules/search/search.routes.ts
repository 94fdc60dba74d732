import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/app';
import { errorResponses } from '../../shared/http-schema';
import { SEARCH_POLICY } from './search.policy';
import { SearchQuerySchema, SearchResponseSchema } from './search.schema';
import { searchEntities } from './search.service';

export function searchRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/search', {
    config: { access: { auth: 'user', permission: SEARCH_POLICY['search.query'], personalData: true } },
    schema: {
      tags: ['search'],
      summary: 'Search persons and organizations by name (any order, misspelled, transliterated, partial), date of birth or identifier; ranked and explained. Audited with the query.',
      querystring: SearchQuerySchema,
      response: { 200: SearchResponseSchema, ...errorResponses },
    },
  }, async (request) => searchEntities(deps.database, request.ctx(), request.query, { indexer: deps.searchIndexer }));
}
