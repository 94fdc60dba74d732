import type { Database, Tx } from '../../db/database';
import type { AnyContext, RequestContext } from '../../shared/context';
import { authorize } from '../auth/policy';
import { checkChain } from './audit-chain';
import { AUDIT_POLICY } from './audit.policy';
import { appendAuditRows, listAuditRows, pageAuditRows, type AuditFilter, type AuditRow } from './audit.repo';
import { GENESIS_HASH } from './audit-chain';

export interface AuditEvent {
  /** dotted verb: 'auth.login', 'users.create', 'person.read', 'search.query', ... */
  action: string;
  outcome?: 'success' | 'failure' | 'denied';
  subjectType?: string | null;
  subjectIds?: readonly string[];
  details?: Record<string, unknown>;
}

function toRow(ctx: AnyContext, e: AuditEvent) {
  return {
    occurredAt: new Date(),
    actorId: ctx.actor?.userId ?? null,
    actorUsername: ctx.actor?.username ?? (e.details?.['username'] as string | undefined) ?? null,
    action: e.action,
    outcome: e.outcome ?? 'success',
    purpose: ctx.purpose,
    requestId: ctx.requestId,
    clientIp: ctx.clientIp,
    subjectType: e.subjectType ?? null,
    subjectIds: [...(e.subjectIds ?? [])],
    details: e.details ?? {},
  };
}

/** Write audit events in the caller's transaction: call it last, just before the work commits. */
export async function audit(tx: Tx, ctx: AnyContext, ...events: AuditEvent[]): Promise<void> {
  await appendAuditRows(tx, events.map((e) => toRow(ctx, e)));
}

/** For events with no other work to commit with: refusals, failed sign-ins. */
export async function auditAlone(database: Database, ctx: AnyContext, event: AuditEvent): Promise<void> {
  await database.transaction((tx) => audit(tx, ctx, event));
}

export async function listAuditEvents(
  database: Database,
  ctx: RequestContext,
  filter: AuditFilter,
): Promise<{ events: AuditRow[]; nextCursor: string | null }> {
  authorize(ctx, AUDIT_POLICY['audit.read']);
  return database.transaction(async (tx) => {
    const rows = await listAuditRows(tx.db, { ...filter, limit: filter.limit + 1 });
    const more = rows.length > filter.limit;
    const events = more ? rows.slice(0, filter.limit) : rows;
    await audit(tx, ctx, {
      action: 'audit.search',
      details: { filter: { ...filter, from: filter.from?.toISOString(), to: filter.to?.toISOString() }, returned: events.length },
    });
    return { events, nextCursor: more ? (events.at(-1)?.seq ?? null) : null };
  });
}

export interface VerifyResult {
  ok: boolean;
  rows: number;
  firstBrokenSeq: string | null;
  headHash: string;
  message: string;
}

/** Recompute the chain from the first row; report the first row whose link or hash is wrong. */
export async function verifyAuditChain(database: Database): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let after = '0';
  let count = 0;
  for (;;) {
    const page = await pageAuditRows(database.db, after, 5000);
    const r = checkChain(page, prev);
    if (r.brokenAt !== null) {
      const row = page[r.brokenAt]!;
      return {
        ok: false,
        rows: count + r.brokenAt + 1,
        firstBrokenSeq: row.seq,
        headHash: prev,
        message: `Audit chain broken at row ${row.seq}: it ${r.reason}.`,
      };
    }
    count += page.length;
    prev = r.lastHash;
    if (page.length < 5000) break;
    after = page.at(-1)!.seq;
  }
  return { ok: true, rows: count, firstBrokenSeq: null, headHash: prev, message: `Audit chain intact: ${count} rows verified; head hash ${prev}.` };
}

/** Verify, as a user: authorized and itself audited. */
export async function verifyAuditChainAs(database: Database, ctx: RequestContext): Promise<VerifyResult> {
  authorize(ctx, AUDIT_POLICY['audit.verify']);
  const result = await verifyAuditChain(database);
  await auditAlone(database, ctx, {
    action: 'audit.verify',
    outcome: result.ok ? 'success' : 'failure',
    details: { rows: result.rows, firstBrokenSeq: result.firstBrokenSeq },
  });
  return result;
}
