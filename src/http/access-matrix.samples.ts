import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { uniqueName } from '../test/test-db';
import type { RouteEntry } from './access';

/**
 * Requests for the access matrix. Fastify validates before authorizing, so a request must be
 * valid to reach the permission check: `sampleRequest` makes one from the route's own zod schemas
 * (ids that exist nowhere, so handlers do little), and `fixtureRequest` one that names real test
 * data, for the audit-coverage checks. A route whose schema the generator cannot satisfy gets an
 * entry in SAMPLES; the matrix fails, naming it, until it has one.
 */
export interface Sent {
  method: string;
  url: string;
  body?: unknown;
}

export interface Fixtures {
  /** Real ids by the URL segment before `:id` ('persons', 'records', 'disclosures', ...). */
  ids: Record<string, string>;
  /** A name the search finds the fixture person by. */
  search?: string;
  /** Values that show the fixture person's data in a response. */
  markers?: string[];
}

type Json = { type?: string; properties?: Record<string, Json>; required?: string[]; items?: Json; minItems?: number; enum?: unknown[]; const?: unknown; format?: string; pattern?: string; minLength?: number; maxLength?: number; minimum?: number; anyOf?: Json[] };

interface Parts {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** Hand-made parts for routes the generator cannot satisfy. */
const SAMPLES: Record<string, () => Parts> = {
  // An impossible date passes the schema and is refused after authorization: no assessment runs.
  'POST /api/status/runs': () => ({ body: { asOf: '2026-02-30' } }),
  'PATCH /api/users/:id': () => ({ body: { displayName: 'Matrix user' } }),
  'POST /api/users': () => ({ body: { username: uniqueName('mx'), displayName: 'Matrix user', roles: ['analyst'], password: 'Matrix-password-42!' } }),
};

/** Parts that name the fixtures, for routes that need more than ids to answer with data. */
const FIXTURE_PARTS: Record<string, (f: Fixtures) => Parts> = {
  'GET /api/search': (f) => ({ query: { q: f.search } }),
  'GET /api/leads': () => ({ query: { queue: 'all' } }),
  'POST /api/disclosures': (f) => ({
    body: {
      subjectType: 'person', subjectIds: [f.ids['persons']], personIds: [f.ids['persons']],
      recipient: { agency: 'Matrix County Sheriff', name: 'Lt. Matrix', address: '1 Court St, Matrix, OH 44000' },
      legalBasis: { kind: 'routine_use', code: 'G' }, purpose: 'Access-matrix audit check', nature: 'Arrival records',
    },
  }),
  'POST /api/persons/:id/accounting/release-decisions': () => ({ body: { decision: 'release', reason: 'Access-matrix audit check' } }),
  'POST /api/records/:id/corrections-notices': () => ({ body: { event: 'disputed', note: 'Access-matrix audit check' } }),
  'POST /api/records/:id/corrections-notices/waiver': () => ({ body: { event: 'disputed', note: 'Access-matrix audit check', reason: 'Matrix' } }),
};

const STRING_CANDIDATES = ['999999999', 'sample', 'ABC', 'abc1', 'P1234567', '2026-01-01'];

function sampleString(js: Json): string {
  if (js.format === 'uuid') return randomUUID();
  if (js.format === 'date') return '2026-01-01';
  if (js.format === 'date-time') return '2026-01-01T00:00:00Z';
  if (js.format === 'email') return 'matrix@example.test';
  const fits = (s: string) => (!js.pattern || new RegExp(js.pattern).test(s)) && s.length >= (js.minLength ?? 0) && s.length <= (js.maxLength ?? Infinity);
  return STRING_CANDIDATES.find(fits) ?? 'x'.repeat(Math.max(js.minLength ?? 1, 1));
}

function sample(js: Json): unknown {
  if (js.const !== undefined) return js.const;
  if (js.enum) return js.enum[0];
  if (js.anyOf) return sample(js.anyOf[0]!);
  switch (js.type) {
    case 'object':
      return Object.fromEntries((js.required ?? []).map((k) => [k, sample(js.properties?.[k] ?? {})]));
    case 'array':
      return Array.from({ length: Math.max(js.minItems ?? 0, 1) }, () => sample(js.items ?? {}));
    case 'string':
      return sampleString(js);
    case 'integer':
    case 'number':
      return js.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return 'sample';
  }
}

function schemaPart(schema: unknown, part: 'params' | 'querystring' | 'body'): z.ZodType | undefined {
  const s = (schema as Record<string, unknown> | undefined)?.[part];
  return s instanceof z.ZodType ? s : undefined;
}

function generated(r: RouteEntry): Parts {
  const gen = (part: 'params' | 'querystring' | 'body') => {
    const s = schemaPart(r.schema, part);
    return s ? sample(z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json) : undefined;
  };
  return { params: gen('params') as Record<string, unknown> | undefined, query: gen('querystring') as Record<string, unknown> | undefined, body: gen('body') };
}

function build(r: RouteEntry, parts: Parts): Sent {
  const k = `${r.method} ${r.url}`;
  for (const [part, value] of [['params', parts.params], ['querystring', parts.query], ['body', parts.body]] as const) {
    const s = schemaPart(r.schema, part);
    if (s && !s.safeParse(value).success) throw new Error(`No valid ${part} for ${k}: add one to SAMPLES in access-matrix.samples.ts (${JSON.stringify(value)}).`);
  }
  const url = r.url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String((parts.params?.[name] as string | number | undefined) ?? '')));
  const qs = new URLSearchParams(Object.entries(parts.query ?? {}).filter(([, v]) => v !== undefined).map(([k2, v]) => [k2, String(v)])).toString();
  return { method: r.method, url: qs ? `${url}?${qs}` : url, ...(parts.body !== undefined ? { body: parts.body } : {}) };
}

/** A valid request naming nothing that exists. */
export function sampleRequest(r: RouteEntry): Sent {
  const k = `${r.method} ${r.url}`;
  const g = generated(r);
  return build(r, { ...g, ...(SAMPLES[k]?.() ?? {}) });
}

/** A valid request naming the fixtures; undefined when a path parameter has no fixture. */
export function fixtureRequest(r: RouteEntry, f: Fixtures): Sent | undefined {
  const k = `${r.method} ${r.url}`;
  const params: Record<string, unknown> = {};
  for (const m of r.url.matchAll(/\/([\w-]+)\/:(\w+)/g)) {
    const id = f.ids[m[1]!];
    if (id === undefined) return undefined;
    params[m[2]!] = id;
  }
  const g = generated(r);
  const extra = { ...(SAMPLES[k]?.() ?? {}), ...(FIXTURE_PARTS[k]?.(f) ?? {}) };
  return build(r, { params, query: { ...g.query, ...extra.query }, body: extra.body ?? g.body });
}
