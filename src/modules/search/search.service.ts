import type { Database, Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { assignmentsFor, decideNeedToKnow } from '../access';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { isValidDate } from '../sources/normalize';
import { collectCandidates, identifierHits, type Candidate } from './evidence';
import { parseQuery, type ParsedQuery } from './query-parse';
import { identifierLabel, rankEntity } from './ranking';
import { catchUpInTransaction, type Backlog } from './search-index.service';
import type { SearchIndexer } from './search-indexer';
import { entityFacts, withoutJit, type EntityFactRow, type ProtectedScope } from './search.repo';
import { SEARCH_POLICY } from './search.policy';
import type { SearchQuery, SearchResponse, SearchResult } from './search.schema';

/** Names a search indexes on the spot before answering; a bigger backlog is left to the background indexer. */
const CATCH_UP_MAX = 5_000;
const MIN_SCORE = 0.5;
const MAX_RANKED = 1000;

interface PersonFacts {
  records: number;
  identifiers: { kind: string; value: string }[];
  birthDates: string[];
  citizenships: string[];
  classes: string[];
  sevisStatus: string | null;
  schoolCodes: string[];
  schoolNames: string[];
}

function summarizeFacts(rows: readonly EntityFactRow[]): Map<string, PersonFacts> {
  const out = new Map<string, PersonFacts & { statusDate: string }>();
  for (const r of rows) {
    let f = out.get(r.entity_id);
    if (!f) {
      f = { records: 0, identifiers: [], birthDates: [], citizenships: [], classes: [], sevisStatus: null, statusDate: '', schoolCodes: [], schoolNames: [] };
      out.set(r.entity_id, f);
    }
    f.records++;
    for (const id of r.identifiers ?? []) {
      const [kind, value] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
      if (!f.identifiers.some((x) => x.kind === kind && x.value === value)) f.identifiers.push({ kind, value });
    }
    // Biographic facts come from the records where this entity is the subject (not a DSO or tipster role).
    if (r.role !== 'subject' || r.source === 'cdr') continue;
    const add = (list: string[], v: string | null) => {
      const t = v?.trim();
      if (t && !list.includes(t)) list.push(t);
    };
    add(f.birthDates, r.birth_date);
    add(f.citizenships, r.citizenship?.toUpperCase() ?? null);
    add(f.classes, r.class_of_admission?.toUpperCase().replace(/-/g, '') ?? null);
    add(f.schoolCodes, r.school_code?.toUpperCase() ?? null);
    add(f.schoolNames, r.school_name ?? null);
    // The latest SEVIS event gives the record's current status.
    if (r.status && (r.status_date ?? '') >= f.statusDate) {
      f.sevisStatus = r.status.toUpperCase();
      f.statusDate = r.status_date ?? '';
    }
  }
  return out;
}

function passesFilters(f: PersonFacts | undefined, s: SearchQuery): boolean {
  if (!s.country && !s.classOfAdmission && !s.status && !s.school) return true;
  if (!f) return false;
  if (s.country && !f.citizenships.includes(s.country)) return false;
  if (s.classOfAdmission && !f.classes.includes(s.classOfAdmission.replace(/-/g, ''))) return false;
  if (s.status && f.sevisStatus !== s.status) return false;
  if (s.school) {
    const code = s.school.toUpperCase();
    const name = s.school.toLowerCase();
    if (!f.schoolCodes.includes(code) && !f.schoolNames.some((n) => n.toLowerCase().includes(name))) return false;
  }
  return true;
}

function filtersOf(s: SearchQuery): Record<string, string> {
  const f: Record<string, string> = {};
  for (const k of ['country', 'classOfAdmission', 'school', 'status'] as const) if (s[k]) f[k] = s[k];
  return f;
}

interface Ranked {
  c: Candidate;
  score: number;
  reasons: string[];
  facts: PersonFacts | undefined;
}

function rankAll(q: ParsedQuery, candidates: Map<string, Candidate>, facts: Map<string, PersonFacts>, s: SearchQuery): Ranked[] {
  const out: Ranked[] = [];
  for (const c of candidates.values()) {
    const f = facts.get(c.entityId);
    if (c.kind === 'organization' && c.org && c.identifiers.size === 0) {
      out.push({ c, score: c.org.score, reasons: [c.org.reason], facts: f });
      continue;
    }
    // Typed name words must match a name unless an identifier did.
    if (q.nameTokens.length > 0 && !c.bestName && c.identifiers.size === 0) continue;
    if (c.kind === 'person' && !passesFilters(f, s)) continue;
    const birthDates = (f?.birthDates ?? []).filter(isValidDate);
    const r = rankEntity(q.dates, { bestName: c.bestName, identifiers: identifierHits(c), birthDates });
    if (r.score >= MIN_SCORE) out.push({ c, score: r.score, reasons: r.reasons, facts: f });
  }
  return out;
}

/**
 * Whose facts to read: every candidate when filters or dates decide who stays, else only the
 * best by name and identifier (the facts are then only shown).
 */
function factsNeeded(q: ParsedQuery, candidates: Map<string, Candidate>, s: SearchQuery): string[] {
  const persons = [...candidates.values()];
  if (Object.keys(filtersOf(s)).length > 0 || q.dates.length > 0) return persons.slice(0, MAX_RANKED).map((c) => c.entityId);
  const prelim = (c: Candidate) => (c.identifiers.size > 0 ? 1 : (c.bestName?.score ?? 0));
  return persons.sort((a, b) => prelim(b) - prelim(a)).slice(0, s.limit * 2).map((c) => c.entityId);
}

function notices(q: ParsedQuery, scope: ProtectedScope, backlog: Backlog | null): string[] {
  const out: string[] = [];
  if (!scope.ssn && q.identifiers.some((i) => i.kind === 'ssn')) {
    out.push('SSNs are searched only under a stated purpose, or among the subjects of your leads.');
  }
  if (!scope.marked && q.identifiers.length > 0) {
    out.push('Tipster identities and call detail records are searched only among the subjects of your leads (or with the permission for those markings).');
  }
  if (backlog) {
    const count = `${backlog.atLeast ? 'more than ' : 'about '}${backlog.waiting.toLocaleString('en-US')} ${backlog.waiting === 1 ? 'name' : 'names'}`;
    out.push(`The search index is catching up with recent imports in the background (${count} still to index); some names may not be found yet.`);
  }
  return out;
}

/**
 * Candidates under need to know (access module): protected matches (SSNs; tipsters and call
 * detail records, which are marked) are used as far as the caller's decision without an
 * assignment allows, and in full for the subjects of the caller's open leads.
 */
async function candidatesWithNeedToKnow(tx: Tx, ctx: RequestContext, q: ParsedQuery, includeOrganizations: boolean) {
  const general = decideNeedToKnow({ actor: ctx.actor, purpose: ctx.purpose, assignment: null });
  const scope: ProtectedScope = { ssn: general.reveals('SSN'), marked: general.reveals('CDR') && general.reveals('INFORMANT') };
  const candidates = await collectCandidates(tx, q, { scope, includeOrganizations });
  const viaLead = new Map<string, string>();
  if (scope.ssn && scope.marked) return { candidates, scope, viaLead };
  const assigned = await assignmentsFor(tx, ctx, null);
  if (assigned.size === 0) return { candidates, scope, viaLead };
  const wide = await collectCandidates(tx, q, { scope: { ssn: true, marked: true }, includeOrganizations: false });
  for (const [id, c] of wide) {
    const a = assigned.get(id);
    if (!a) continue;
    if (!candidates.has(id)) viaLead.set(id, `lead:${a.leadNumber}`);
    candidates.set(id, c);
  }
  return { candidates, scope, viaLead };
}

export interface SearchOptions {
  /** Told to run when a search leaves names queued (more than it indexes itself). */
  indexer?: Pick<SearchIndexer, 'trigger'>;
}

export async function searchEntities(database: Database, ctx: RequestContext, s: SearchQuery, opts: SearchOptions = {}): Promise<SearchResponse> {
  authorize(ctx, SEARCH_POLICY['search.query']);
  const started = performance.now();
  const q = parseQuery(s.q);
  if (q.nameTokens.length === 0 && q.dates.length === 0 && q.identifiers.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'Type a name, a date of birth (YYYY-MM-DD) or an identifier.');
  }
  const purposeStated = ctx.purpose !== null;
  const filters = filtersOf(s);
  const { response, backlog } = await database.transaction(async (tx) => {
    // PGlite has no JIT provider: the statement would be a round trip for nothing.
    if (database.kind === 'postgres') await withoutJit(tx);
    const backlog = await catchUpInTransaction(tx, CATCH_UP_MAX);
    const { candidates, scope, viaLead } = await candidatesWithNeedToKnow(tx, ctx, q, Object.keys(filters).length === 0);
    const facts = summarizeFacts(await entityFacts(tx, factsNeeded(q, candidates, s)));
    const ranked = rankAll(q, candidates, facts, s);
    const records = (r: Ranked) => r.facts?.records ?? 0;
    ranked.sort((a, b) => b.score - a.score || records(b) - records(a) || a.c.displayName.localeCompare(b.c.displayName));
    const top = ranked.slice(0, s.limit);
    const results: SearchResult[] = top.map((r) => ({
      entityId: r.c.entityId,
      kind: r.c.kind,
      displayName: r.c.displayName,
      birthDates: r.facts?.birthDates ?? [],
      citizenships: r.facts?.citizenships ?? [],
      identifiers: (r.facts?.identifiers ?? []).slice(0, 4).map((i) => ({ kind: i.kind, label: identifierLabel(i.kind), value: i.value })),
      sevisStatus: r.facts?.sevisStatus ?? null,
      schools: r.facts?.schoolNames ?? [],
      records: records(r),
      score: r.score,
      reasons: r.reasons,
    }));
    // Results found only through an assignment are recorded under its basis (`lead:<number>`).
    const bases = [...new Set(results.flatMap((r) => viaLead.get(r.entityId) ?? []))];
    await audit(tx, ctx.purpose === null && bases.length > 0 ? { ...ctx, purpose: bases.join(', ') } : ctx, {
      action: 'search.query',
      subjectType: 'entity',
      subjectIds: results.map((r) => r.entityId),
      details: { query: s.q, filters, returned: results.length, matched: ranked.length, ...(viaLead.size > 0 ? { assignments: Object.fromEntries(results.filter((r) => viaLead.has(r.entityId)).map((r) => [r.entityId, viaLead.get(r.entityId)!])) } : {}) },
    });
    const response: SearchResponse = {
      query: { q: q.text, nameWords: [...q.nameTokens], dates: [...q.dates], identifierKinds: [...new Set(q.identifiers.map((i) => i.kind))], filters },
      results,
      matched: ranked.length,
      purposeStated,
      notices: notices(q, scope, backlog),
      tookMs: Math.round(performance.now() - started),
    };
    return { response, backlog };
  });
  // After commit: the names this search indexed are off the queue, and on PGlite the indexer's
  // first batch does not wait behind this transaction.
  if (backlog) opts.indexer?.trigger('search found a backlog');
  return response;
}
