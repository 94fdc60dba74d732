import { CLASSIFICATION as BANNER } from '../shared/classification';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { auditRoutes } from '../modules/audit/audit.routes';
import { disclosuresRoutes } from '../modules/disclosures/disclosures.routes';
import { authRoutes } from '../modules/auth/auth.routes';
import { ingestRoutes } from '../modules/ingest/ingest.routes';
import { leadsRoutes } from '../modules/leads/leads.routes';
import { createSearchIndexer, type SearchIndexer, type SearchIndexerOptions } from '../modules/search';
import { searchRoutes } from '../modules/search/search.routes';
import { profilesRoutes } from '../modules/profiles/profiles.routes';
import { resolveRoutes } from '../modules/resolve/resolve.routes';
import { statusRoutes } from '../modules/status/status.routes';
import { AppError } from '../shared/errors';
import { trackRouteTable } from './access';
import { registerErrorHandler } from './errors';
import { registerRequestContext } from './request-context';

export { BANNER };
export const VERSION = '0.1.0';

/** What the routes receive. */
export interface AppDeps {
  config: Config;
  database: Database;
  /** The background search indexer this app owns (started on ready, stopped on close). */
  searchIndexer: SearchIndexer;
}

export interface AppOptions {
  config: Config;
  database: Database;
  /** Settings of the background search indexer (tests: batch size, a replaced run, a log to read); it logs to the app's logger by default. */
  searchIndexer?: Partial<SearchIndexerOptions>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Tests wait on `app.searchIndexer.idle()`. */
    searchIndexer: SearchIndexer;
  }
}

/** Each module contributes its routes here; the order does not matter. */
const MODULE_ROUTES: readonly ((app: FastifyInstance, deps: AppDeps) => void)[] = [authRoutes, auditRoutes, ingestRoutes, searchRoutes, profilesRoutes, leadsRoutes, disclosuresRoutes, resolveRoutes, statusRoutes];

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const deps: AppDeps = { config, database, searchIndexer: registerSearchIndexer(app, options) };
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'LeadTrac API', version: VERSION, description: `${BANNER}. Every response carries the header x-classification.` },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lt_session' }, bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    reply.header('x-classification', BANNER);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // Before any route: the access-matrix tests read the live route table.
  trackRouteTable(app);
  registerRequestContext(app, deps);
  registerErrorHandler(app, database);

  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    config: { access: { auth: 'public' } },
    schema: { tags: ['platform'], summary: 'Liveness and database kind', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string(), classification: z.string() }) } },
  }, async () => {
    await database.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    return { status: 'ok' as const, database: database.kind, version: VERSION, classification: BANNER };
  });

  for (const register of MODULE_ROUTES) register(app, deps);
  await registerWebApp(app, config.webDistDir);
  return app;
}

/**
 * The app owns the background search indexer: it indexes what imports (through the web app, or
 * the CLI into the same database) left queued. At start it runs if names wait; closing the app
 * stops it after its batch under way, before the caller closes the database.
 */
function registerSearchIndexer(app: FastifyInstance, options: AppOptions): SearchIndexer {
  const indexer = createSearchIndexer(options.database, { log: app.log, ...options.searchIndexer });
  app.decorate('searchIndexer', indexer);
  app.addHook('onReady', async () => {
    await indexer.triggerIfBehind('server start');
  });
  app.addHook('onClose', async () => {
    await indexer.close();
  });
  return indexer;
}

/** Serve the built web app, with the single-page fallback for its client-side routes. */
async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const hasWeb = fs.existsSync(path.join(distDir, 'index.html'));
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  if (hasWeb) await app.register(fastifyStatic, { root: distDir, wildcard: true, index: ['index.html'] });
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      throw new AppError('NOT_FOUND', `No such endpoint: ${request.method} ${request.url.split('?')[0]}`);
    }
    // A missing file (a stale hashed asset) is a 404, never the app's index page.
    if (/\.[a-z0-9]{1,8}$/i.test(request.url.split('?')[0] ?? '')) {
      return reply.type('text/plain').status(404).send('Not found');
    }
    if (!hasWeb) {
      return reply.type('text/plain').status(404).send(`${BANNER}\n\nThe web app is not built. Run: npm run build:web`);
    }
    return reply.sendFile('index.html');
  });
}
