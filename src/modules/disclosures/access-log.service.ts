import type { Database } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError } from '../../shared/errors';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import * as repo from './accounting.repo';
import { DISCLOSURES_POLICY } from './disclosures.policy';
import type { AccessLogView } from './disclosures.schema';
import { isoOf } from './package-data';

/** Per user: how often, first and last time, and what they did. Newest activity first. */
export function summarizeAccess(events: readonly AccessLogView['events'][number][]): AccessLogView['users'] {
  const byUser = new Map<string, AccessLogView['users'][number]>();
  for (const e of events) {
    const username = e.actorUsername ?? '(not signed in)';
    const u = byUser.get(username) ?? { username, accesses: 0, first: e.occurredAt, last: e.occurredAt, actions: [] };
    u.accesses++;
    if (e.occurredAt < u.first) u.first = e.occurredAt;
    if (e.occurredAt > u.last) u.last = e.occurredAt;
    if (!u.actions.includes(e.action)) u.actions.push(e.action);
    byUser.set(username, u);
  }
  return [...byUser.values()].sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : 0));
}

/**
 * Who has accessed this person: every audit row naming the person or one of their records
 * (reads, searches that returned them, exports, disclosures, refusals), newest first.
 */
export async function getAccessLog(database: Database, ctx: RequestContext, personId: string, limit: number): Promise<AccessLogView> {
  authorize(ctx, DISCLOSURES_POLICY['access-log.read']);
  return database.transaction(async (tx) => {
    const name = await repo.personName(tx, personId);
    if (name === undefined) throw new AppError('NOT_FOUND', `No person with id ${personId}.`);
    const rows = await repo.accessRows(tx, personId, limit + 1);
    const events = rows.slice(0, limit).map((r) => ({
      seq: r.seq,
      occurredAt: isoOf(r.occurred_at),
      actorUsername: r.actor_username,
      action: r.action,
      outcome: r.outcome,
      purpose: r.purpose,
      via: r.via,
      subjectType: r.subject_type,
    }));
    await audit(tx, ctx, { action: 'person.access_log', subjectType: 'person', subjectIds: [personId], details: { returned: events.length } });
    return { person: { id: personId, displayName: name }, users: summarizeAccess(events), events, truncated: rows.length > limit };
  });
}
