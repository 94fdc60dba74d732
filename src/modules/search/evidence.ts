import type { Tx } from '../../db/database';
import { termFeatures } from './name-keys';
import type { ParsedQuery } from './query-parse';
import { identifierLabel, scoreName, type IdentifierHit, type NameMatch } from './ranking';
import {
  findByBirthDates,
  findByIdentifiers,
  findNameCandidates,
  findOrganizations,
  type NameCandidateRow,
  type ProtectedScope,
} from './search.repo';

/** Everything found for one entity before ranking. */
export interface Candidate {
  entityId: string;
  kind: 'person' | 'organization';
  displayName: string;
  bestName: NameMatch | null;
  identifiers: Map<string, { kind: string; shown: string; records: Set<string> }>;
  /** Organizations found by name: their score and reason, ranked apart from persons' names. */
  org: { score: number; reason: string } | null;
}

const EXPANSIONS_PER_WORD = 30;
const NAME_ROWS = 300;

function candidateOf(map: Map<string, Candidate>, id: string, kind: Candidate['kind'], displayName: string): Candidate {
  let c = map.get(id);
  if (!c) {
    c = { entityId: id, kind, displayName, bestName: null, identifiers: new Map(), org: null };
    map.set(id, c);
  }
  return c;
}

function addNameRows(map: Map<string, Candidate>, q: ParsedQuery, rows: readonly NameCandidateRow[]): void {
  // Many records spell a person's name the same way: score each spelling once.
  const scored = new Map<string, NameMatch | null>();
  for (const row of rows) {
    const c = candidateOf(map, row.entity_id, 'person', row.display_name);
    if (q.nameTokens.length === 0) continue;
    let m = scored.get(row.full_name);
    if (m === undefined) {
      m = scoreName(q.nameTokens, row.full_name, q.text);
      scored.set(row.full_name, m);
    }
    if (m && (!c.bestName || m.score > c.bestName.score)) c.bestName = m;
  }
}

async function collectNames(tx: Tx, q: ParsedQuery, map: Map<string, Candidate>, scope: ProtectedScope): Promise<void> {
  const opts = { perWord: EXPANSIONS_PER_WORD, queryKey: q.nameTokens.join(' '), scope, limit: NAME_ROWS };
  // Names with every typed word or, when there is none, with any (one word typed beyond recognition).
  addNameRows(map, q, await findNameCandidates(tx, q.nameTokens.map(termFeatures), opts));
}

export async function collectCandidates(
  tx: Tx,
  q: ParsedQuery,
  opts: { scope: ProtectedScope; includeOrganizations: boolean },
): Promise<Map<string, Candidate>> {
  const map = new Map<string, Candidate>();
  if (q.nameTokens.length > 0) await collectNames(tx, q, map, opts.scope);
  if (q.dates.length > 0) addNameRows(map, q, await findByBirthDates(tx, q.dates, NAME_ROWS));
  const hits = await findByIdentifiers(tx, q.identifiers, { scope: opts.scope, limit: 1000 });
  for (const h of hits) {
    const c = candidateOf(map, h.entity_id, h.entity_kind, h.display_name);
    const key = `${h.kind}:${h.normalized}`;
    const entry = c.identifiers.get(key) ?? { kind: h.kind, shown: h.normalized, records: new Set<string>() };
    entry.records.add(h.source_record_id);
    c.identifiers.set(key, entry);
  }
  if (opts.includeOrganizations && q.nameTokens.length > 0) {
    for (const o of await findOrganizations(tx, q.nameTokens.join(' '), 10)) {
      const c = candidateOf(map, o.entity_id, 'organization', o.display_name);
      const score = Math.round(Math.max(o.sim, o.contains ? 0.85 : 0) * 100) / 100;
      c.org = { score, reason: `organization name: trigram ${o.sim.toFixed(2)} on '${o.display_name}'${o.contains ? ' (contains the words typed)' : ''}` };
    }
  }
  return map;
}

export function identifierHits(c: Candidate): IdentifierHit[] {
  return [...c.identifiers.values()].map((i) => ({ kind: i.kind, shown: i.shown, records: i.records.size }));
}

export { identifierLabel };
