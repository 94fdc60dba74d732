import { sql } from 'kysely';
import type { Database, Tx } from '../../db/database';
import { GENESIS_HASH, chainHash, type ChainedFields } from './audit-chain';

export interface AuditRow extends ChainedFields {
  prevHash: string;
  hash: string;
}

export interface NewAuditRow {
  occurredAt: Date;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  purpose: string | null;
  requestId: string;
  clientIp: string | null;
  subjectType: string | null;
  subjectIds: string[];
  details: Record<string, unknown>;
}

/**
 * Append rows to the chain inside the caller's transaction. The advisory lock is held until that
 * transaction ends, so callers append as the last step of their unit of work.
 */
export async function appendAuditRows(tx: Tx, rows: readonly NewAuditRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('leadtrac_audit_chain'))`);
  const last = await tx.query<{ hash: string }>(
    `SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1`,
  );
  let prev = last[0]?.hash ?? GENESIS_HASH;
  const seqs = await tx.query<{ seq: string }>(
    `SELECT nextval('audit_log_seq')::text AS seq FROM generate_series(1, $1::int)`,
    [rows.length],
  );
  const values = rows.map((r, i) => {
    // JSON round trip: what jsonb gives back is what we hash.
    const details = JSON.parse(JSON.stringify(r.details)) as Record<string, unknown>;
    const fields: ChainedFields = {
      seq: seqs[i]!.seq,
      occurredAt: r.occurredAt.toISOString(),
      actorId: r.actorId,
      actorUsername: r.actorUsername,
      action: r.action,
      outcome: r.outcome,
      purpose: r.purpose,
      requestId: r.requestId,
      clientIp: r.clientIp,
      subjectType: r.subjectType,
      subjectIds: r.subjectIds,
      details,
    };
    const hash = chainHash(prev, fields);
    const row = {
      seq: fields.seq,
      occurred_at: fields.occurredAt,
      actor_id: r.actorId,
      actor_username: r.actorUsername,
      action: r.action,
      outcome: r.outcome,
      purpose: r.purpose,
      request_id: r.requestId,
      client_ip: r.clientIp,
      subject_type: r.subjectType,
      subject_ids: r.subjectIds,
      details: JSON.stringify(details),
      prev_hash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  await tx.db.insertInto('audit_log').values(values).execute();
  return values.map((v) => v.seq);
}

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  subject?: string | undefined;
  purpose?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeSeq?: string | undefined;
  limit: number;
}

export async function listAuditRows(db: Database['db'], f: AuditFilter): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(f.limit);
  if (f.actor) q = q.where('actor_username', 'ilike', f.actor.replace(/[%_\\]/g, '\\$&'));
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[%_\\]/g, '\\$&')}%`);
  if (f.subject) q = q.where(sql<boolean>`subject_ids @> ARRAY[${f.subject}]::text[]`);
  if (f.purpose) q = q.where('purpose', 'ilike', `%${f.purpose.replace(/[%_\\]/g, '\\$&')}%`);
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.to) q = q.where('occurred_at', '<', f.to);
  if (f.beforeSeq) q = q.where('seq', '<', f.beforeSeq);
  const rows = await q.execute();
  return rows.map(toAuditRow);
}

/** Rows in chain order after `afterSeq`, a page at a time (for verification). */
export async function pageAuditRows(db: Database['db'], afterSeq: string, limit: number): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
  return rows.map(toAuditRow);
}

function toAuditRow(r: {
  seq: string;
  occurred_at: Date;
  actor_id: string | null;
  actor_username: string | null;
  action: string;
  outcome: string;
  purpose: string | null;
  request_id: string;
  client_ip: string | null;
  subject_type: string | null;
  subject_ids: string[];
  details: unknown;
  prev_hash: string;
  hash: string;
}): AuditRow {
  return {
    seq: String(r.seq),
    occurredAt: new Date(r.occurred_at).toISOString(),
    actorId: r.actor_id,
    actorUsername: r.actor_username,
    action: r.action,
    outcome: r.outcome,
    purpose: r.purpose,
    requestId: r.request_id,
    clientIp: r.client_ip,
    subjectType: r.subject_type,
    subjectIds: r.subject_ids,
    details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
