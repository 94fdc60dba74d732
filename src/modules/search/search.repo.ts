import type { Tx } from '../../db/database';
import type { TermFeatures } from './name-keys';

/** SQL of analyst search (reads the index, links, entities and facts; writes nothing). */

export interface NameCandidateRow {
  entity_id: string;
  display_name: string;
  full_name: string;
  role: string;
}

export interface IdentifierHitRow {
  entity_id: string;
  entity_kind: 'person' | 'organization';
  display_name: string;
  kind: string;
  normalized: string;
  value: string;
  source_record_id: string;
}

export interface OrgHitRow {
  entity_id: string;
  display_name: string;
  org_type: string | null;
  sim: number;
  contains: boolean;
}

export interface EntityFactRow {
  entity_id: string;
  role: string;
  source: string;
  birth_date: string | null;
  citizenship: string | null;
  class_of_admission: string | null;
  status: string | null;
  status_date: string | null;
  school_code: string | null;
  school_name: string | null;
  identifiers: string[] | null;
}

/**
 * Turn JIT compilation off for the rest of the search's transaction. The planner's estimates for
 * the name statement (several GIN scans planned for full retrieval, most never run) pass
 * `jit_above_cost`, and compiling it took 100–150 ms, ten times the query itself.
 */
export async function withoutJit(tx: Tx): Promise<void> {
  await tx.query(`SELECT set_config('jit', 'off', true)`);
}

/** Which protected matches a search may use: SSNs, and marked ones (tipsters, call detail records). */
export interface ProtectedScope {
  ssn: boolean;
  marked: boolean;
}

/**
 * Each typed word's expansions over the vocabulary (`ex`, one row per word with `terms`): itself,
 * same spelling fold, nickname group, trigram neighbours, words it begins, and words that sound
 * alike (Daitch–Mokotoff, double metaphone). Ranked by trigram similarity and capped per word.
 * Trigram neighbours use `%` at pg_trgm's default threshold (0.3).
 */
const EXPANSIONS = `
  q AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS q(tok, folded, dm, nick, qi)),
  ex AS MATERIALIZED (
    SELECT q.qi, q.tok || ARRAY(
      SELECT u.term FROM (
        SELECT term FROM search_terms WHERE term % q.tok
        UNION SELECT term FROM search_terms WHERE folded = q.folded
        UNION SELECT term FROM search_terms WHERE q.nick IS NOT NULL AND nick = q.nick
        UNION (SELECT term FROM search_terms
               WHERE length(q.tok) >= 2 AND term COLLATE "C" >= q.tok AND term COLLATE "C" < q.tok || '{'
               ORDER BY length(term) LIMIT $5)
        UNION (SELECT term FROM search_terms
               WHERE length(q.tok) >= 3 AND (dm && string_to_array(q.dm, ' ')
                  OR metaphone IN (dmetaphone(q.tok), dmetaphone_alt(q.tok)) OR metaphone_alt = dmetaphone(q.tok))
               ORDER BY similarity(term, q.tok) DESC LIMIT $5)
      ) u ORDER BY (u.term = q.tok) DESC, similarity(u.term, q.tok) DESC LIMIT $5
    ) AS terms
    FROM q
  )`;

/** At most this many index rows are ranked by trigram similarity in SQL (a very common word). */
const SCAN_CAP = 5000;

/** The closest `$7` of a set of index rows (by similarity to the typed words) with their persons. */
const closestWithPersons = (from: string) => `
  SELECT l.entity_id::text AS entity_id, e.display_name, n.full_name, k.role
  FROM (SELECT name_id, source_record_id, role FROM (${from}) k ORDER BY similarity(k.key, $6) DESC LIMIT $7) k
  JOIN names n ON n.id = k.name_id
  JOIN record_links l ON l.source_record_id = k.source_record_id AND l.role = k.role
  JOIN entities e ON e.id = l.entity_id AND e.kind = 'person'`;

/**
 * Person name facts whose words overlap the expansions of every typed word, closest names first;
 * only when there is none, those that overlap any word's (one word typed beyond recognition).
 * One statement: expansion, the every-word match and the fallback (which runs only when needed).
 *
 * Each overlap is read through the GIN index in a MATERIALIZED CTE: a CTE is planned for full
 * retrieval, so the planner cannot trade the index for a sequential scan it expects the LIMIT to
 * stop early (at 1M persons it misjudged rare typo words and read 500k rows for one search), and
 * the scan still stops at the cap because a CTE is read on demand. In the fallback each word has
 * its own set and share of the cap, so a rare word's names are not crowded out by a common one's.
 */
export async function findNameCandidates(
  tx: Tx,
  words: readonly TermFeatures[],
  opts: { perWord: number; queryKey: string; scope: ProtectedScope; limit: number },
): Promise<NameCandidateRow[]> {
  if (words.length === 0) return [];
  // Tipster names identify informants (marking INFORMANT): searchable only with need to know of it.
  const tipsters = opts.scope.marked ? '' : ` AND k.role <> 'tipster'`;
  const overlap = (qi: number) => `k.tokens && (SELECT terms FROM ex WHERE qi = ${qi})`;
  const qis = words.map((_, i) => i + 1);
  const ctes = [
    EXPANSIONS,
    `m_all AS MATERIALIZED (SELECT name_id, source_record_id, role, key FROM search_name_keys k WHERE ${qis.map(overlap).join(' AND ')}${tipsters})`,
    `all_rows AS MATERIALIZED (${closestWithPersons(`SELECT * FROM m_all LIMIT ${SCAN_CAP}`)})`,
  ];
  let sql = 'SELECT * FROM all_rows';
  if (words.length > 1) {
    const share = Math.ceil(SCAN_CAP / 5 / words.length);
    for (const qi of qis) ctes.push(`m_any${qi} AS MATERIALIZED (SELECT name_id, source_record_id, role, key FROM search_name_keys k WHERE ${overlap(qi)}${tipsters})`);
    const any = qis.map((qi) => `(SELECT * FROM m_any${qi} WHERE NOT EXISTS (SELECT 1 FROM all_rows) LIMIT ${share})`).join(' UNION ');
    sql += ` UNION ALL ${closestWithPersons(any)}`;
  }
  return tx.query<NameCandidateRow>(`WITH ${ctes.join(',\n')}\n${sql}`, [
    words.map((w) => w.term),
    words.map((w) => w.folded),
    words.map((w) => w.dm.join(' ')),
    words.map((w) => w.nick),
    opts.perWord,
    opts.queryKey,
    opts.limit,
  ]);
}

/** Persons with a recorded date of birth among `dates`. */
export async function findByBirthDates(tx: Tx, dates: readonly string[], limit: number): Promise<NameCandidateRow[]> {
  return tx.query<NameCandidateRow>(
    `SELECT l.entity_id::text AS entity_id, e.display_name, n.full_name, k.role
     FROM (SELECT name_id, source_record_id, role FROM search_name_keys
           WHERE birth_date = ANY($1::date[]) AND role = 'subject' LIMIT $2) k
     JOIN names n ON n.id = k.name_id
     JOIN record_links l ON l.source_record_id = k.source_record_id AND l.role = k.role
     JOIN entities e ON e.id = l.entity_id AND e.kind = 'person'`,
    [dates, limit],
  );
}

/**
 * Entities holding any of the identifiers. SSNs are searched only with `scope.ssn`; identifiers
 * that would reveal an informant (tipster role) or call detail records only with `scope.marked`.
 */
export async function findByIdentifiers(
  tx: Tx,
  candidates: readonly { kind: string; normalized: string }[],
  opts: { scope: ProtectedScope; limit: number },
): Promise<IdentifierHitRow[]> {
  if (candidates.length === 0) return [];
  return tx.query<IdentifierHitRow>(
    `SELECT l.entity_id::text AS entity_id, e.kind AS entity_kind, e.display_name, i.kind, i.normalized, i.value,
            i.source_record_id::text AS source_record_id
     FROM identifiers i
     JOIN unnest($1::text[], $2::text[]) AS c(kind, normalized) ON i.kind = c.kind AND i.normalized = c.normalized
     JOIN record_links l ON l.source_record_id = i.source_record_id AND l.role = i.role
     JOIN entities e ON e.id = l.entity_id
     JOIN source_records r ON r.id = i.source_record_id
     WHERE ($3::boolean OR i.kind <> 'ssn') AND ($4::boolean OR (i.role <> 'tipster' AND r.source <> 'cdr'))
     LIMIT $5`,
    [candidates.map((c) => c.kind), candidates.map((c) => c.normalized), opts.scope.ssn, opts.scope.marked, opts.limit],
  );
}

export async function findOrganizations(tx: Tx, text: string, limit: number): Promise<OrgHitRow[]> {
  const needle = text.toLowerCase();
  return tx.query<OrgHitRow>(
    `SELECT id::text AS entity_id, display_name, org_type, similarity(lower(display_name), $1) AS sim,
            strpos(lower(display_name), $1) > 0 AS contains
     FROM entities
     WHERE kind = 'organization' AND (lower(display_name) % $1 OR lower(display_name) LIKE '%' || $2 || '%')
     ORDER BY sim DESC LIMIT $3`,
    [needle, needle.replace(/[\\%_]/g, (c) => `\\${c}`), limit],
  );
}

/**
 * What the result list shows and the filters test, from every record linked to each person: the
 * subject records' facts, their displayable identifiers, and (one row per link) the record count.
 */
export async function entityFacts(tx: Tx, entityIds: readonly string[]): Promise<EntityFactRow[]> {
  if (entityIds.length === 0) return [];
  return tx.query<EntityFactRow>(
    `SELECT l.entity_id::text AS entity_id, l.role, r.source,
            coalesce(r.payload->>'birth_date', r.payload->>'subject_birth_date') AS birth_date,
            coalesce(r.payload->>'citizenship_country', r.payload->>'subject_citizenship_country') AS citizenship,
            r.payload->>'class_of_admission' AS class_of_admission,
            CASE WHEN r.source = 'sevis' THEN r.payload->>'status' END AS status,
            CASE WHEN r.source = 'sevis' THEN r.payload->>'status_date' END AS status_date,
            r.payload->>'school_code' AS school_code,
            coalesce(r.payload->>'school_name', r.payload->>'subject_school_name') AS school_name,
            (SELECT array_agg(i.kind || ':' || i.normalized) FROM identifiers i
              WHERE i.source_record_id = l.source_record_id AND i.role = l.role AND i.valid AND i.kind = ANY($2::text[])) AS identifiers
     FROM record_links l JOIN source_records r ON r.id = l.source_record_id
     WHERE l.entity_id = ANY($1::uuid[])`,
    [entityIds, DISPLAY_KINDS],
  );
}

/** Identifier kinds a result shows (never an SSN, a phone or an e-mail: those stay on the profile). */
const DISPLAY_KINDS = ['passport', 'a_number', 'sevis_id', 'fin', 'receipt_number', 'admission_number', 'school_code'];
