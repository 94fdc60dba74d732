import type { Tx } from '../../db/database';
import { copyLines, copyRows, withoutIndexes } from './copy';
import { keys } from './keys';
import type { Model } from './match';
import type { DesiredEntity, DesiredLink, LinkMethod } from './resolve.types';

/** SQL of resolution results: models, runs, record links and entities. */
const num = (v: unknown) => Number(v);

/** The mention key of a record_links row, in SQL (see mention-keys.ts). */
export const LINK_MENTION = `(l.source_record_id * 8 + CASE l.role WHEN 'subject' THEN 0 WHEN 'dso' THEN 1 WHEN 'school' THEN 2 ELSE 3 END)`;
const MENTION_ROLE = (m: string) => `(CASE ${m} % 8 WHEN 0 THEN 'subject' WHEN 1 THEN 'dso' WHEN 2 THEN 'school' ELSE 'employer' END)`;
export const RESOLVED_ROLES = ['subject', 'dso', 'school', 'employer'] as const;
/** Links of the mentions in $1: found through the records' keys, then kept by role. */
const LINKS_OF_MENTIONS = `l.source_record_id = ANY(ARRAY(SELECT DISTINCT u.m / 8 FROM unnest($1::bigint[]) AS u(m))) AND ${LINK_MENTION} = ANY($1::bigint[])`;

/** Serializes every writer of resolution results (runs and decisions). */
export async function lockResolution(tx: Tx): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('leadtrac_resolution'))`);
}

export async function activeModel(tx: Tx): Promise<{ version: number; model: Model } | null> {
  const rows = await tx.query<{ version: number; model: Model | string }>(`SELECT version, model FROM match_models WHERE active`);
  const r = rows[0];
  if (!r) return null;
  return { version: num(r.version), model: typeof r.model === 'string' ? (JSON.parse(r.model) as Model) : r.model };
}

export async function saveModel(tx: Tx, model: Model, records: number, by: string): Promise<number> {
  await tx.query(`UPDATE match_models SET active = false WHERE active`);
  const rows = await tx.query<{ version: number }>(
    `INSERT INTO match_models (format, model, records, trained_by, active) VALUES ($1, $2::jsonb, $3, $4, true) RETURNING version`,
    [model.version, JSON.stringify(model), records, by],
  );
  return num(rows[0]!.version);
}

export async function unresolvedBatches(tx: Tx): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT b.id FROM source_batches b WHERE NOT EXISTS (SELECT 1 FROM resolved_batches r WHERE r.batch_id = b.id) ORDER BY b.finished_at, b.id`,
  );
  return rows.map((r) => r.id);
}

export async function allBatches(tx: Tx): Promise<string[]> {
  return (await tx.query<{ id: string }>(`SELECT id FROM source_batches`)).map((r) => r.id);
}

export async function markResolved(tx: Tx, batchIds: readonly string[], runId: string): Promise<void> {
  if (batchIds.length === 0) return;
  await tx.query(`INSERT INTO resolved_batches (batch_id, run_id) SELECT unnest($1::uuid[]), $2 ON CONFLICT (batch_id) DO UPDATE SET run_id = EXCLUDED.run_id`, [batchIds, runId]);
}

export async function insertRun(tx: Tx, r: { mode: 'full' | 'incremental'; modelVersion: number | null; blockingVersion: number; startedAt: Date; actor: string; stats: object }): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `INSERT INTO resolution_runs (mode, model_version, blocking_version, started_at, actor_username, stats) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id`,
    [r.mode, r.modelVersion, r.blockingVersion, r.startedAt, r.actor, JSON.stringify(r.stats)],
  );
  return String(rows[0]!.id);
}

/** The blocking version the stored match index was written with; null when there is no whole index (none written yet, or emptied by a crash: its tables are unlogged). */
export async function indexBlockingVersion(tx: Tx): Promise<number | null> {
  const rows = await tx.query<{ v: number }>(`SELECT blocking_version AS v FROM match_index_state`);
  return rows[0] ? num(rows[0].v) : null;
}

export interface LinkRow {
  entityId: string;
  method: LinkMethod;
  weight: number | null;
}

type RawLink = { mention: string; entity_id: string; method: LinkMethod; match_weight: number | null };
const toLinks = (rows: RawLink[]) =>
  new Map(rows.map((r) => [num(r.mention), { entityId: r.entity_id, method: r.method, weight: r.match_weight === null ? null : Number(r.match_weight) }]));

export async function linksOf(tx: Tx, mentions: readonly number[]): Promise<Map<number, LinkRow>> {
  if (mentions.length === 0) return new Map();
  const rows = await tx.query<RawLink>(
    `SELECT ${LINK_MENTION} AS mention, l.entity_id::text AS entity_id, l.method, l.match_weight
     FROM record_links l WHERE ${LINKS_OF_MENTIONS}`,
    [mentions],
  );
  return toLinks(rows);
}

export async function allLinks(tx: Tx): Promise<Map<number, LinkRow>> {
  const rows = await tx.query<RawLink>(
    `SELECT ${LINK_MENTION} AS mention, l.entity_id::text AS entity_id, l.method, l.match_weight
     FROM record_links l WHERE l.role = ANY($1::text[])`,
    [RESOLVED_ROLES],
  );
  return toLinks(rows);
}

/** Mentions linked to these entities, with the kind of mention they are in the index. */
export async function mentionsOfEntities(tx: Tx, entityIds: readonly string[]): Promise<{ mention: number; entityId: string }[]> {
  if (entityIds.length === 0) return [];
  const rows = await tx.query<{ mention: string; entity_id: string }>(
    `SELECT ${LINK_MENTION} AS mention, l.entity_id::text AS entity_id FROM record_links l
     WHERE l.entity_id = ANY(${keys('$1', 'uuid')}) AND l.role = ANY($2::text[])`,
    [entityIds, RESOLVED_ROLES],
  );
  return rows.map((r) => ({ mention: num(r.mention), entityId: r.entity_id }));
}

export async function entityKinds(tx: Tx, ids: readonly string[]): Promise<Map<string, { kind: string; retired: boolean; mergedInto: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<{ id: string; kind: string; retired_at: unknown; merged_into: string | null }>(
    `SELECT id::text AS id, kind, retired_at, merged_into::text AS merged_into FROM entities WHERE id = ANY(${keys('$1', 'uuid')})`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { kind: r.kind, retired: r.retired_at !== null, mergedInto: r.merged_into }]));
}

/** Entities first (links reference them); returns how many ids were new. */
export async function upsertEntities(tx: Tx, rows: readonly DesiredEntity[]): Promise<number> {
  if (rows.length === 0) return 0;
  await tx.exec(`CREATE TEMP TABLE IF NOT EXISTS resolve_entities (id uuid, kind text, org_type text, display_name text) ON COMMIT DROP; DELETE FROM resolve_entities;`);
  await copyRows(tx, 'resolve_entities', ['id', 'kind', 'org_type', 'display_name'], rows.map((e) => [e.id, e.kind, e.orgType, e.displayName]));
  const created = await tx.query<{ n: number }>(
    `WITH up AS (
       INSERT INTO entities (id, kind, org_type, display_name) SELECT id, kind, org_type, display_name FROM resolve_entities
       ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, org_type = EXCLUDED.org_type,
         retired_at = NULL, merged_into = NULL, updated_at = now()
       RETURNING (xmax = 0) AS inserted)
     SELECT count(*) FILTER (WHERE inserted)::int AS n FROM up`,
  );
  return num(created[0]?.n ?? 0);
}

/**
 * At least this many links written into a table holding fewer than a quarter as many (a first
 * resolve of a large load) go in without the entity index, built again after: inserted one by
 * one, each random entity id dirtied a random page of that index (at a million persons, 7.2M
 * links). Readers of the links wait for the build (the index is dropped in the transaction).
 */
const BULK_LINKS = 1_000_000;

/** Writes changed links and removes links of mentions that left the index. */
export async function applyLinks(tx: Tx, upserts: readonly DesiredLink[], removals: readonly number[], bulk = BULK_LINKS): Promise<void> {
  if (upserts.length > 0) {
    await tx.exec(`CREATE TEMP TABLE IF NOT EXISTS resolve_links (m bigint, entity_id uuid, method text, match_weight real) ON COMMIT DROP; DELETE FROM resolve_links;`);
    await copyLines(tx, 'resolve_links', ['m', 'entity_id', 'method', 'match_weight'], linkLines(upserts));
    const upsert = async () => {
      await tx.query(
        `INSERT INTO record_links (source_record_id, role, entity_id, method, match_weight)
         SELECT m / 8, ${MENTION_ROLE('m')}, entity_id, method, match_weight FROM resolve_links
         ON CONFLICT (source_record_id, role) DO UPDATE SET entity_id = EXCLUDED.entity_id, method = EXCLUDED.method,
           match_weight = EXCLUDED.match_weight,
           linked_at = CASE WHEN record_links.entity_id = EXCLUDED.entity_id THEN record_links.linked_at ELSE now() END`,
      );
    };
    if (upserts.length >= bulk && (await linksUpTo(tx, upserts.length / 4)) < upserts.length / 4) await withoutIndexes(tx, ['record_links'], upsert);
    else await upsert();
  }
  if (removals.length > 0) {
    await tx.query(
      `DELETE FROM record_links l WHERE ${LINKS_OF_MENTIONS}`,
      [removals],
    );
  }
}

/** How many links are stored, counted up to `limit` (a bounded scan). */
async function linksUpTo(tx: Tx, limit: number): Promise<number> {
  const [row] = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM (SELECT 1 FROM record_links LIMIT $1) s`, [Math.ceil(limit)]);
  return num(row!.n);
}

/** Links as COPY lines (a full run writes millions: no array per row). */
function* linkLines(links: readonly DesiredLink[]): Generator<string> {
  for (const l of links) yield `${l.mention}\t${l.entityId}\t${l.method}\t${l.weight ?? '\\N'}\n`;
}

/** Entities left without any record: retired, pointing at where their oldest record went. */
export async function retireEntities(tx: Tx, rows: readonly { id: string; mergedInto: string | null }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const done = await tx.query<{ id: string }>(
    `UPDATE entities e SET retired_at = now(), merged_into = u.target, updated_at = now()
     FROM unnest($1::uuid[], $2::uuid[]) AS u(id, target)
     WHERE e.id = u.id AND e.id = ANY(${keys('$1', 'uuid')}) AND e.retired_at IS NULL AND NOT EXISTS (SELECT 1 FROM record_links l WHERE l.entity_id = u.id)
     RETURNING e.id`,
    [rows.map((r) => r.id), rows.map((r) => r.mergedInto)],
  );
  return done.length;
}

/**
 * Call records name phones, not persons: a calling or called number is linked to the one
 * person entity whose records give that phone (none when several do). `scope` null relinks
 * every call; otherwise the calls of new batches and those of the phones given.
 */
export async function relinkCalls(tx: Tx, scope: { batchIds: readonly string[]; phones: readonly string[] } | null): Promise<number> {
  // Scoped (an incremental run): every lookup goes through an index, one probe per key; the
  // whole-table joins below are for relinking every call.
  const scoped = scope !== null;
  const where = scoped
    ? `WHERE c.source_record_id = ANY(ARRAY(SELECT id FROM source_records WHERE batch_id = ANY($1::uuid[])))
    OR c.calling_number = ANY(${keys('$2', 'text')}) OR c.called_number = ANY(${keys('$2', 'text')})`
    : '';
  const phones = `SELECT calling_number FROM resolve_calls UNION SELECT called_number FROM resolve_calls`;
  const phoneIn = (col: string) => (scoped ? `${col} = ANY(ARRAY(${phones}))` : `${col} IN (${phones})`);
  const ofCalls = scoped ? `AND l.source_record_id = ANY(ARRAY(SELECT source_record_id FROM resolve_calls))` : '';
  await tx.exec(`CREATE TEMP TABLE IF NOT EXISTS resolve_calls (source_record_id bigint, calling_number text, called_number text) ON COMMIT DROP;
    CREATE TEMP TABLE IF NOT EXISTS resolve_phones (phone text PRIMARY KEY, entity_id uuid) ON COMMIT DROP;
    DELETE FROM resolve_calls; DELETE FROM resolve_phones;`);
  await tx.query(`INSERT INTO resolve_calls SELECT c.source_record_id, c.calling_number, c.called_number FROM call_records c ${where}`, scope === null ? [] : [scope.batchIds, scope.phones]);
  await tx.query(`INSERT INTO resolve_phones
    SELECT p.phone, min(l.entity_id::text)::uuid FROM (
      SELECT source_record_id, phone FROM person_observations WHERE ${phoneIn('phone')}
      UNION ALL SELECT source_record_id, subject_phone FROM tips WHERE ${phoneIn('subject_phone')}) p
    JOIN record_links l ON l.source_record_id = p.source_record_id AND l.role = 'subject'
    GROUP BY p.phone HAVING count(DISTINCT l.entity_id) = 1`);
  let changed = 0;
  for (const [role, col] of [['caller', 'calling_number'], ['callee', 'called_number']] as const) {
    await tx.query(
      `DELETE FROM record_links l USING resolve_calls c WHERE l.source_record_id = c.source_record_id AND l.role = '${role}' ${ofCalls}
       AND NOT EXISTS (SELECT 1 FROM resolve_phones p WHERE p.phone = c.${col} AND p.entity_id = l.entity_id)`,
    );
    const ins = await tx.query(
      `INSERT INTO record_links (source_record_id, role, entity_id, method, match_weight)
       SELECT c.source_record_id, '${role}', p.entity_id, 'identifier', NULL FROM resolve_calls c JOIN resolve_phones p ON p.phone = c.${col}
       ON CONFLICT (source_record_id, role) DO NOTHING RETURNING 1`,
    );
    changed += ins.length;
  }
  return changed;
}
