import type { FastifyInstance } from 'fastify';
import type { Permission } from '../modules/auth/policy';

/**
 * Every /api route declares who may call it (checked at start-up: a route without it fails).
 * The access-matrix tests read these declarations from the route table.
 */
export type RouteAccess =
  | { readonly auth: 'public' }
  | {
      readonly auth: 'user';
      readonly permission?: Permission;
      /**
       * The route returns personal data about the people in the system of records. Such a route
       * must write an audit row for every successful call (checked by src/http/access-matrix.int.test.ts).
       */
      readonly personalData?: boolean;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** One row of the live route table: method, URL pattern and what it declared. */
export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess | undefined;
  readonly schema: unknown;
}

const TABLES = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Record every /api route as it is added (call before any route is registered). */
export function trackRouteTable(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  TABLES.set(app, table);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      table.push({ method, url: route.url, access: route.config?.access, schema: route.schema });
    }
  });
}

/** The /api routes of an app built with trackRouteTable, in registration order. */
export function routeTable(app: FastifyInstance): readonly RouteEntry[] {
  const table = TABLES.get(app);
  if (!table) throw new Error('This app does not track its routes (trackRouteTable was not called).');
  return table;
}
