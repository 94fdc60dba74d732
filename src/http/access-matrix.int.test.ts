import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { ROLES, type Role } from '../modules/auth/roles';
import { runAssessment } from '../modules/status';
import { systemContext } from '../shared/context';
import { pdfPageTexts } from '../modules/disclosures/pdf-text';
import { disclose, makeTestPerson, type TestPerson } from '../modules/disclosures/test-fixtures';
import { buildTestApp, makeUser, signIn, type Session } from '../test/test-app';
import { openTestDatabase, uniqueName } from '../test/test-db';
import { routeTable, type RouteEntry } from './access';
import { fixtureRequest, sampleRequest, type Fixtures, type Sent } from './access-matrix.samples';

/**
 * The route × role matrix, generated from the live route table: every /api route's declared
 * access is exercised for every role, signed out, and (where a route scopes by assignment)
 * assigned and unassigned. A route added without a policy, or with personal data but no audit
 * row, fails here.
 */

/** Routes anyone may call. A new public route must be added here on purpose. */
const PUBLIC_ROUTES = new Set(['GET /api/health', 'POST /api/auth/login', 'GET /api/auth/me']);
/** Routes any signed-in user may call (no permission). A new one must be added here on purpose. */
const ANY_USER_ROUTES = new Set(['POST /api/auth/logout']);

/**
 * Routes that scope by assignment: which fixture and how an unassigned caller is answered. The
 * fixture lead is referred to NYC: the NYC field agent is assigned, the BOS one is not. `shows`
 * says what the assigned caller must be shown through need to know (the referral is their assignment).
 */
const ASSIGNMENT_SCOPED: Record<string, { role: Role; unassignedStatus: number; shows?: (res: LightMyRequestResponse) => unknown }> = {
  'GET /api/leads/:id': {
    role: 'field_agent',
    unassignedStatus: 404,
    shows: (res) => res.json<{ subject: { names: string[]; access: { assignment: string | null } } }>().subject,
  },
  'GET /api/leads/:id/referral.pdf': { role: 'field_agent', unassignedStatus: 404 },
};

let database: Database;
let app: FastifyInstance;
let routes: readonly RouteEntry[];
const sessions = new Map<Role, Session>();
let assigned: Session;
let unassigned: Session;
let person: TestPerson;
const fixtures: Fixtures = { ids: {} };

const key = (r: Pick<RouteEntry, 'method' | 'url'>) => `${r.method} ${r.url}`;
const permissionOf = (r: RouteEntry) => (r.access?.auth === 'user' ? r.access.permission : undefined);
const declaresPersonalData = (r: RouteEntry) => r.access?.auth === 'user' && r.access.personalData === true;

async function send(s: Sent, session?: Session): Promise<LightMyRequestResponse> {
  return app.inject({ method: s.method as 'GET', url: s.url, headers: session?.headers ?? {}, ...(s.body !== undefined ? { payload: s.body as object } : {}) });
}

async function makeFixtures(): Promise<void> {
  person = await makeTestPerson(database, 'Matrix');
  const privacy = sessions.get('privacy_officer')!;
  const d = (await disclose(app, privacy, { persons: [person] })).json<{ id: string }>();
  const c = (await app.inject({ method: 'POST', url: `/api/records/${person.refs['A2']}/corrections-notices`, headers: privacy.headers, payload: { event: 'corrected', note: 'Matrix fixture.' } })).json<{ notices: { id: string }[] }>();
  const [batch] = await database.transaction((tx) => tx.query<{ id: string }>(`SELECT batch_id::text AS id FROM source_records WHERE id = $1::bigint`, [person.refs['A1']]));
  const [org] = await database.transaction((tx) => tx.query<{ id: string }>(`INSERT INTO entities (kind, org_type, display_name) VALUES ('organization', 'school', $1) RETURNING id::text AS id`, [`Matrix Institute ${person.family}`]));
  const owner = await makeUser(database, ['analyst']);
  const [lead] = await database.transaction((tx) =>
    tx.query<{ id: string }>(
      `INSERT INTO leads (number, subject_type, subject_id, subject_name, lead_type, priority, state, title, owner_id, field_office, due_date)
       VALUES ($1, 'person', $2::uuid, $3, 'STATUS_VIOLATION', 'MEDIUM', 'referred', 'Matrix fixture', $4::uuid, 'NYC', '2030-01-01') RETURNING id::text AS id`,
      [uniqueName('L-'), person.id, person.name, owner.id],
    ),
  );
  // Status views answer only once an assessment has run; run one only if none has (the server may be shared).
  const noRun = (await app.inject({ method: 'GET', url: '/api/status/violators', headers: sessions.get('analyst')!.headers })).statusCode === 404;
  if (noRun) await runAssessment(database, systemContext('access matrix', [...ROLES]), { asOf: new Date().toISOString().slice(0, 10) });
  fixtures.ids = { persons: person.id, orgs: org!.id, records: person.refs['A1']!, disclosures: d.id, 'corrections-notices': c.notices[0]!.id, imports: batch!.id, leads: lead!.id, users: owner.id };
  fixtures.search = person.family;
  fixtures.markers = [person.family, person.passport, person.id];
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database);
  await app.ready();
  routes = routeTable(app);
  for (const role of ROLES) sessions.set(role, await signIn(app, (await makeUser(database, [role], role === 'field_agent' ? { fieldOffice: 'NYC' } : {})).username));
  assigned = sessions.get('field_agent')!;
  unassigned = await signIn(app, (await makeUser(database, ['field_agent'], { fieldOffice: 'BOS' })).username);
  await makeFixtures();
}, 240_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the route table', () => {
  it('declares a rule for every /api route: a permission, or a place on a deliberate list', () => {
    expect(routes.length).toBeGreaterThan(20);
    const undeclared = routes.filter((r) => !r.access).map(key);
    const noPolicy = routes.filter((r) => r.access?.auth === 'user' && !r.access.permission && !ANY_USER_ROUTES.has(key(r))).map(key);
    const unlistedPublic = routes.filter((r) => r.access?.auth === 'public' && !PUBLIC_ROUTES.has(key(r))).map(key);
    expect({ undeclared, noPolicy, unlistedPublic }).toEqual({ undeclared: [], noPolicy: [], unlistedPublic: [] });
    const stale = [...ANY_USER_ROUTES, ...PUBLIC_ROUTES, ...Object.keys(ASSIGNMENT_SCOPED)].filter((k) => !routes.some((r) => key(r) === k));
    expect(stale, 'listed routes that no longer exist').toEqual([]);
  });
});

describe('route × role', () => {
  it('answers 401 to every non-public route when signed out', async () => {
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.access?.auth === 'user')) {
      const res = await send(sampleRequest(r));
      if (res.statusCode !== 401) wrong.push(`${key(r)} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets exactly the roles a permission names past authorization, and refuses the others with 403', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of routes) {
      const permission = permissionOf(r);
      if (r.access?.auth !== 'user' || !permission) continue;
      for (const role of ROLES) {
        const res = await send(sampleRequest(r), sessions.get(role));
        const allowed = permission.roles.includes(role);
        const refused = res.statusCode === 403 && res.json<{ error: { details?: { permission?: string } } }>().error.details?.permission === permission.name;
        if (allowed && (res.statusCode === 401 || res.statusCode === 403)) wrong.push(`${key(r)} as ${role}: allowed by ${permission.name} but got ${res.statusCode} ${res.body.slice(0, 160)}`);
        if (!allowed && !refused) wrong.push(`${key(r)} as ${role}: not in ${permission.name} but got ${res.statusCode}`);
        checked++;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  }, 120_000);

  it('lets every role call the routes open to any signed-in user', async () => {
    for (const r of routes.filter((x) => ANY_USER_ROUTES.has(key(x)))) {
      for (const role of ROLES) {
        // A fresh session each time: these routes may end the session (sign-out).
        const s = await signIn(app, (await makeUser(database, [role])).username);
        expect((await send(sampleRequest(r), s)).statusCode, `${key(r)} as ${role}`).toBeLessThan(400);
      }
    }
  }, 60_000);

  it('answers an assigned caller and refuses an unassigned one on routes scoped by assignment', async () => {
    for (const [k, rule] of Object.entries(ASSIGNMENT_SCOPED)) {
      const r = routes.find((x) => key(x) === k)!;
      expect(permissionOf(r)!.roles).toContain(rule.role);
      const req = fixtureRequest(r, fixtures)!;
      const res = await send(req, assigned);
      expect(res.statusCode, `${k} assigned`).toBe(200);
      if (rule.shows) expect(rule.shows(res), `${k} assigned: need to know through the referral`).toMatchObject({ names: [person.name], access: { assignment: expect.stringMatching(/^lead:/) } });
      expect((await send(req, unassigned)).statusCode, `${k} unassigned`).toBe(rule.unassignedStatus);
    }
  });

  it('refuses the assigned field agent every profile route of the subject referred to them (the lead page shows it)', async () => {
    const agentId = fixtures.ids['persons']!;
    for (const url of [`/api/persons/${agentId}`, `/api/records/${fixtures.ids['records']!}`, `/api/search?q=${encodeURIComponent(fixtures.search!)}`]) {
      expect((await send({ method: 'GET', url }, assigned)).statusCode, url).toBe(403);
    }
  });

  it('audits a field agent asking for another office’s lead as a refusal, though it answers 404', async () => {
    const res = await send(fixtureRequest(routes.find((x) => key(x) === 'GET /api/leads/:id')!, fixtures)!, unassigned);
    expect(res.statusCode).toBe(404);
    const rows = await database.transaction((tx) => tx.query<{ action: string; outcome: string; subject_ids: string[]; details: { roles?: string[]; fieldOffice?: string } }>(`SELECT action, outcome, subject_ids, details FROM audit_log WHERE request_id = $1`, [res.headers['x-request-id']]));
    expect(rows).toEqual([expect.objectContaining({ action: 'access.denied', outcome: 'denied', subject_ids: [fixtures.ids['leads'], person.id], details: expect.objectContaining({ roles: ['field_agent'], fieldOffice: 'BOS' }) })]);
  });
});

function bodyText(route: string, res: LightMyRequestResponse): string {
  if (!String(res.headers['content-type']).startsWith('application/pdf')) return res.body;
  try {
    return pdfPageTexts(res.rawPayload).join('\n');
  } catch (e) {
    throw new Error(`${route}: could not read the text of its PDF to look for personal data`, { cause: e });
  }
}

function firstAllowedRole(r: RouteEntry): Role {
  const roles = permissionOf(r)?.roles ?? ROLES;
  return (['privacy_officer', 'supervisor', 'analyst', 'field_agent', 'records_officer', 'auditor', 'admin'] as const).find((x) => roles.includes(x))!;
}

describe('audit coverage of personal data', () => {
  const personal = () => routes.filter(declaresPersonalData);

  it('writes an audit row for every successful call of a route that returns personal data', async () => {
    const missing: string[] = [];
    for (const r of personal()) {
      const req = fixtureRequest(r, fixtures);
      if (!req) {
        missing.push(`${key(r)}: no fixture (add one in access-matrix.samples.ts)`);
        continue;
      }
      const res = await send(req, sessions.get(firstAllowedRole(r)));
      if (res.statusCode >= 300) {
        missing.push(`${key(r)}: fixture call answered ${res.statusCode} ${res.body.slice(0, 160)}`);
        continue;
      }
      const rows = await database.transaction((tx) => tx.query(`SELECT action FROM audit_log WHERE request_id = $1 AND outcome = 'success'`, [res.headers['x-request-id']]));
      if (rows.length === 0) missing.push(`${key(r)}: no audit row`);
    }
    expect(missing).toEqual([]);
    expect(personal().length).toBeGreaterThan(15);
  }, 120_000);

  it('finds no route returning a person\'s data that declares nothing', async () => {
    const showing: string[] = [];
    for (const r of routes.filter((x) => x.method === 'GET' && x.access?.auth === 'user')) {
      const req = fixtureRequest(r, fixtures);
      if (!req) continue;
      const text = bodyText(key(r), await send(req, sessions.get(firstAllowedRole(r))));
      if (fixtures.markers!.some((m) => text.includes(m))) showing.push(key(r));
    }
    // The detector sees what it should (a profile, a package PDF) ...
    expect(showing).toEqual(expect.arrayContaining(['GET /api/persons/:id', 'GET /api/disclosures/:id/package.pdf']));
    // ... and every route it sees personal data in says so.
    expect(showing.filter((k) => !routes.some((r) => key(r) === k && declaresPersonalData(r)))).toEqual([]);
  }, 120_000);
});
