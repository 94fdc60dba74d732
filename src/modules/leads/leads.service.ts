import type { Database, Tx } from '../../db/database';
import type { RequestContext } from '../../shared/context';
import { AppError, ConcealedRefusal } from '../../shared/errors';
import { needToKnowFor } from '../access';
import { audit } from '../audit';
import { authorize } from '../auth/policy';
import { addDays } from '../status/engine/days';
import { LEAD_DUE_DAYS, type EvidenceKind, type LeadPriority, type LeadType } from './leads.config';
import { LEADS_POLICY } from './leads.policy';
import * as repo from './leads.repo';
import { discloseReferral, type OutsideRecipient } from './outside-referral';
import * as referralRepo from './referral.repo';
import { buildSubjectSummary } from './subject-summary';
import { availableActions, checkTransition, OPEN_STATES, type LeadAction, type LeadOutcome, type LeadState } from './workflow';

export interface NewLead {
  subjectId: string;
  type: LeadType;
  priority: LeadPriority;
  title: string;
  summary?: string;
  evidence?: { kind: EvidenceKind; ref?: string | null; note: string }[];
}

const today = () => new Date().toISOString().slice(0, 10);
const REFERRED_STATES: readonly LeadState[] = ['referred', 'accepted', 'declined', 'outcome_recorded', 'closed'];

/**
 * Create a lead for a person or organization, or — when the subject already has an open lead —
 * add this finding's evidence to it instead of opening a duplicate.
 */
export async function createLead(database: Database, ctx: RequestContext, input: NewLead): Promise<{ id: string; merged: boolean }> {
  authorize(ctx, LEADS_POLICY['leads.create']);
  return database.transaction(async (tx) => {
    const subject = await repo.subjectName(tx.db, input.subjectId);
    if (!subject) throw new AppError('NOT_FOUND', `No person or organization ${input.subjectId}.`);
    const subjectType = subject.kind === 'organization' ? 'organization' : 'person';
    const existing = await repo.findOpenLeadForSubject(tx, subjectType, input.subjectId);
    const id =
      existing?.id ??
      (await repo.insertLead(tx, {
        subjectType,
        subjectId: input.subjectId,
        subjectName: subject.name,
        type: input.type,
        priority: input.priority,
        title: input.title,
        summary: input.summary ?? '',
        ownerId: ctx.actor.userId,
        dueDate: addDays(today(), LEAD_DUE_DAYS[input.priority]),
      }));
    if (!existing) {
      await repo.insertTransition(tx, { leadId: id, action: 'create', from: null, to: 'new', actorId: ctx.actor.userId, actorUsername: ctx.actor.username, reason: input.title });
    }
    const evidence = existing ? [{ kind: 'note' as const, ref: null, note: `Another finding: ${input.title}${input.summary ? ` — ${input.summary}` : ''}` }, ...(input.evidence ?? [])] : (input.evidence ?? []);
    for (const e of evidence) await repo.insertEvidence(tx, id, { kind: e.kind, ref: e.ref ?? null, note: e.note }, ctx.actor.username);
    await audit(tx, ctx, {
      action: existing ? 'lead.add_finding' : 'lead.create',
      subjectType: 'lead',
      subjectIds: [id, input.subjectId],
      details: { type: input.type, priority: input.priority, title: input.title, evidence: evidence.length },
    });
    return { id, merged: existing !== undefined };
  });
}

/** Field agents see only leads referred to their office; the others of the unit see every lead. */
function mayRead(ctx: RequestContext, lead: repo.LeadRow): boolean {
  const roles = ctx.actor.roles;
  if (roles.some((r) => r === 'analyst' || r === 'supervisor' || r === 'privacy_officer')) return true;
  return roles.includes('field_agent') && lead.field_office !== null && lead.field_office === ctx.actor.fieldOffice && REFERRED_STATES.includes(lead.state);
}

export async function readableLead(tx: Tx, ctx: RequestContext, id: string, forUpdate = false): Promise<repo.LeadRow> {
  const lead = await repo.findLead(tx, id, forUpdate);
  // The same answer for "no such lead" and "not yours": a field agent learns nothing of other offices' leads.
  if (!lead) throw new AppError('NOT_FOUND', `No lead ${id} that you may see.`);
  if (!mayRead(ctx, lead)) {
    const where = lead.field_office ? `referred to ${lead.field_office}` : 'not referred';
    throw new ConcealedRefusal(`No lead ${id} that you may see.`, { subjectType: 'lead', subjectIds: [lead.id, lead.subject_id], reason: `lead ${lead.number} is ${where}; the caller's office is ${ctx.actor.fieldOffice ?? 'none'}` });
  }
  return lead;
}

export async function getLead(database: Database, ctx: RequestContext, id: string) {
  authorize(ctx, LEADS_POLICY['leads.read']);
  return database.transaction(async (tx) => {
    const lead = await readableLead(tx, ctx, id);
    const history = await repo.leadHistory(tx, id);
    // The subject as the caller may see them: the need-to-know decision (an assignment, for the
    // owner and the field office it was referred to, is recorded as the read's purpose).
    const decision = await needToKnowFor(tx, ctx, [lead.subject_id]);
    const subject = buildSubjectSummary(decision, await referralRepo.custodyRecords(tx, lead.subject_id), await referralRepo.coreFacts(tx, lead.subject_id));
    await audit(tx, { ...ctx, purpose: decision.auditPurpose }, {
      action: 'lead.read',
      subjectType: 'lead',
      subjectIds: [id, lead.subject_id],
      details: { basis: decision.assignment ?? decision.basis, masked: subject.masked },
    });
    const actions = availableActions(ctx.actor, { state: lead.state, ownerId: lead.owner_id, preparedBy: lead.prepared_by, fieldOffice: lead.field_office });
    return { lead, ...history, actions, subject };
  });
}

export type LeadQueue = 'mine' | 'team' | 'review' | 'referred' | 'overdue' | 'all';

export async function listQueue(
  database: Database,
  ctx: RequestContext,
  q: { queue: LeadQueue; priority?: LeadPriority; type?: LeadType; subjectId?: string; sort: 'due' | 'priority' | 'updated'; limit: number },
) {
  authorize(ctx, LEADS_POLICY['leads.read']);
  const isAgent = ctx.actor.roles.includes('field_agent') && !ctx.actor.roles.some((r) => r === 'analyst' || r === 'supervisor' || r === 'privacy_officer');
  const base = { sort: q.sort, limit: q.limit, ...(q.priority ? { priority: q.priority } : {}), ...(q.type ? { leadType: q.type } : {}), ...(q.subjectId ? { subjectId: q.subjectId } : {}) };
  const filter: repo.LeadListFilter = isAgent
    ? { ...base, fieldOffice: ctx.actor.fieldOffice ?? '\u0000none', states: q.queue === 'all' ? REFERRED_STATES : ['referred', 'accepted', 'declined', 'outcome_recorded'] }
    : q.queue === 'mine'
      ? { ...base, ownerId: ctx.actor.userId, states: OPEN_STATES }
      : q.queue === 'team'
        ? { ...base, states: OPEN_STATES }
        : q.queue === 'review'
          ? { ...base, states: ['ready_for_review'], notPreparedBy: ctx.actor.userId }
          : q.queue === 'referred'
            ? { ...base, states: ['referred', 'accepted', 'declined', 'outcome_recorded'] }
            : q.queue === 'overdue'
              ? { ...base, overdueOn: today() }
              : base;
  return database.transaction(async (tx) => {
    const leads = await repo.listLeads(tx, filter);
    await audit(tx, ctx, { action: 'lead.list', subjectType: 'lead', subjectIds: leads.map((l) => l.id), details: { queue: q.queue, subjectId: q.subjectId ?? null, returned: leads.length } });
    return leads;
  });
}

export interface TransitionInput {
  action: LeadAction;
  reason?: string | null;
  fieldOffice?: string;
  outcome?: LeadOutcome;
  outcomeNote?: string;
  /** Refer only: the lead also goes outside DHS (a task-force partner); recorded as a disclosure. */
  outsideRecipient?: OutsideRecipient;
}

/** Move a lead along its workflow; illegal moves are refused with the reason in words. */
export async function transitionLead(database: Database, ctx: RequestContext, id: string, input: TransitionInput) {
  authorize(ctx, LEADS_POLICY['leads.work']);
  return database.transaction(async (tx) => {
    const lead = await readableLead(tx, ctx, id, true);
    const check = checkTransition(input.action, ctx.actor, { state: lead.state, ownerId: lead.owner_id, preparedBy: lead.prepared_by, fieldOffice: lead.field_office }, input.reason ?? null);
    if (!check.ok) throw new AppError('TRANSITION_REFUSED', `This lead cannot be moved: ${check.reason}.`);
    if (input.action === 'refer' && !input.fieldOffice?.trim()) throw new AppError('VALIDATION_FAILED', 'Name the field office to refer the lead to.');
    if (input.action === 'record_outcome' && !input.outcome) throw new AppError('VALIDATION_FAILED', 'Choose the outcome to record.');
    if (input.outsideRecipient && input.action !== 'refer') throw new AppError('VALIDATION_FAILED', 'An outside recipient is named only when referring a lead.');
    let overlaps: Awaited<ReturnType<typeof repo.findOverlaps>> = [];
    if (input.action === 'refer') {
      overlaps = await repo.findOverlaps(tx, lead);
      await repo.saveOverlaps(tx, id, overlaps);
    }
    await repo.updateLeadState(tx, id, {
      state: check.to,
      ...(input.action === 'submit_for_review' ? { preparedBy: ctx.actor.userId } : {}),
      ...(input.action === 'approve' ? { approvedBy: ctx.actor.userId } : {}),
      ...(input.action === 'refer' ? { fieldOffice: input.fieldOffice!.trim().toUpperCase() } : {}),
      ...(input.action === 'record_outcome' ? { outcome: input.outcome!, outcomeNote: input.outcomeNote ?? null } : {}),
    });
    // Leaving the agency is a disclosure: accounted in the same transaction as the referral.
    const disclosure = input.outsideRecipient ? await discloseReferral(database, tx, ctx, lead, input.outsideRecipient) : null;
    const said = [input.reason ?? input.outcomeNote ?? null, disclosure && `Disclosed outside DHS to ${disclosure.agency} under routine use G (${disclosure.ref}).`].filter(Boolean).join(' ');
    await repo.insertTransition(tx, { leadId: id, action: input.action, from: lead.state, to: check.to, actorId: ctx.actor.userId, actorUsername: ctx.actor.username, reason: said || null });
    await audit(tx, ctx, {
      action: `lead.${input.action}`,
      subjectType: 'lead',
      subjectIds: [id, lead.subject_id],
      details: { from: lead.state, to: check.to, reason: input.reason ?? null, fieldOffice: input.fieldOffice ?? null, outcome: input.outcome ?? null, overlaps: overlaps.length, disclosureRef: disclosure?.ref ?? null },
    });
    return { state: check.to, overlaps: overlaps.length, ...(disclosure ? { disclosureRef: disclosure.ref } : {}) };
  });
}

export async function addEvidence(database: Database, ctx: RequestContext, id: string, e: { kind: EvidenceKind; ref?: string | null; note: string }) {
  authorize(ctx, LEADS_POLICY['leads.work']);
  await database.transaction(async (tx) => {
    const lead = await readableLead(tx, ctx, id);
    if (lead.state === 'closed') throw new AppError('CONFLICT', 'This lead is closed.');
    await repo.insertEvidence(tx, id, { kind: e.kind, ref: e.ref ?? null, note: e.note }, ctx.actor.username);
    await audit(tx, ctx, { action: 'lead.add_evidence', subjectType: 'lead', subjectIds: [id, lead.subject_id], details: { kind: e.kind, ref: e.ref ?? null } });
  });
}

/** De-confliction on demand: other open leads touching this subject, shown to both owners. */
export async function deconflictLead(database: Database, ctx: RequestContext, id: string) {
  authorize(ctx, LEADS_POLICY['leads.work']);
  return database.transaction(async (tx) => {
    const lead = await readableLead(tx, ctx, id);
    const found = await repo.findOverlaps(tx, lead);
    const added = await repo.saveOverlaps(tx, id, found);
    await audit(tx, ctx, { action: 'lead.deconflict', subjectType: 'lead', subjectIds: [id, ...new Set(found.map((f) => f.otherLeadId))], details: { found: found.length, added } });
    return found;
  });
}

export async function assignLeads(database: Database, ctx: RequestContext, ids: readonly string[], ownerId: string) {
  authorize(ctx, LEADS_POLICY['leads.assign']);
  return database.transaction(async (tx) => {
    const n = await repo.setOwner(tx, ids, ownerId);
    await audit(tx, ctx, { action: 'lead.assign', subjectType: 'lead', subjectIds: [...ids], details: { ownerId, changed: n } });
    return n;
  });
}

export { repo as leadsRepo };

export async function listAssignees(database: Database, ctx: RequestContext) {
  authorize(ctx, LEADS_POLICY['leads.assign']);
  return repo.listAssignees(database.db);
}

/** Offices that have field agents: where a lead can be referred. Holds no personal data. */
export async function listFieldOffices(database: Database, ctx: RequestContext): Promise<string[]> {
  authorize(ctx, LEADS_POLICY['leads.work']);
  return repo.listFieldOffices(database.db);
}
