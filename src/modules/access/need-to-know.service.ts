import type { Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { decideNeedToKnow, type Assignment, type Channel, type NeedToKnow } from './need-to-know';
import { openAssignments } from './need-to-know.repo';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function who(ctx: RequestContext) {
  return { userId: ctx.actor.userId, fieldOffice: ctx.actor.fieldOffice, fieldAgent: ctx.actor.roles.includes('field_agent') };
}

/**
 * The caller's assignment (first open lead) for each subject that has one: among these subjects,
 * or among all (null: for search, which protected matches to keep).
 */
export async function assignmentsFor(tx: Tx, ctx: RequestContext, subjectIds: readonly string[] | null): Promise<Map<string, Assignment>> {
  const ids = subjectIds === null ? null : [...new Set(subjectIds.filter((s) => UUID.test(s)))];
  const out = new Map<string, Assignment>();
  if (ids?.length === 0 || ctx.actor.via === 'system') return out;
  for (const r of await openAssignments(tx, who(ctx), ids)) if (!out.has(r.subject_id)) out.set(r.subject_id, { leadNumber: r.number });
  return out;
}

/**
 * The need-to-know decision for the caller on these subjects (a record may name several): an
 * assignment to any of them counts.
 */
export async function needToKnowFor(tx: Tx, ctx: RequestContext, subjectIds: readonly string[], channel: Channel = 'view'): Promise<NeedToKnow> {
  const assignments = await assignmentsFor(tx, ctx, subjectIds);
  const assignment = subjectIds.map((s) => assignments.get(s)).find((a) => a !== undefined) ?? null;
  return decideNeedToKnow({ actor: ctx.actor, purpose: ctx.purpose, assignment, channel });
}

/** The context to audit a read under: its purpose is what the decision recorded (`lead:<n>` for an assignment). */
export function auditContext(ctx: RequestContext, d: NeedToKnow): RequestContext {
  return { ...ctx, purpose: d.auditPurpose };
}
